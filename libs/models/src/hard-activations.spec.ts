import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deserializeModel, hardSigmoid, hardSwish, serializeModel } from './index.js';
import { initDefaultBackend } from '../test/helpers.js';

beforeAll(async () => {
  await initDefaultBackend();
});

const inputs = [-4, -3, -1.5, 0, 1.5, 3, 4];
// PyTorch's definitions by hand: hardsigmoid(x) = 0 for x <= -3, 1 for x >= 3, x / 6 + 1 / 2 between;
// hardswish(x) = x * hardsigmoid(x).
const hardSigmoidValues = [0, 0, 0.25, 0.5, 0.75, 1, 1];
const hardSwishValues = [0, 0, -0.375, 0, 1.125, 3, 4];

function apply(layer: tf.layers.Layer, values: number[]): number[] {
  return tf.tidy(() => Array.from((layer.apply(tf.tensor1d(values)) as tf.Tensor).dataSync()));
}

describe('HardSigmoid and HardSwish', () => {
  it('match PyTorch\'s piecewise definitions', () => {
    apply(hardSigmoid(), inputs).forEach((value, i) => expect(value).toBeCloseTo(hardSigmoidValues[i]!, 6));
    apply(hardSwish(), inputs).forEach((value, i) => expect(value).toBeCloseTo(hardSwishValues[i]!, 6));
  });

  it('hard-swish gradient: 0 below -3, (2x + 3) / 6 between, 1 above 3', () => {
    const grads = tf.tidy(() => Array.from(tf.grad((x: tf.Tensor) => hardSwish().apply(x) as tf.Tensor)(tf.tensor1d([-4, -1.5, 0, 1.5, 4])).dataSync()));
    [0, 0, 0.5, 1, 1].forEach((expected, i) => expect(grads[i]).toBeCloseTo(expected, 6));
  });

  it('leave no tensors behind and survive save / load by class name', async () => {
    const input = tf.input({ shape: [3] });
    const output = hardSwish({ name: 'hs' }).apply(hardSigmoid({ name: 'hsig' }).apply(input)) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      model.predict(tf.ones([1, 3]));
    });
    expect(tf.memory().numTensors).toBe(before);
    const loaded = await deserializeModel(await serializeModel(model));
    expect(loaded.getLayer('hs').getClassName()).toBe('HardSwish');
    expect(loaded.getLayer('hsig').getClassName()).toBe('HardSigmoid');
    const values = tf.tidy(() => Array.from((loaded.predict(tf.tensor2d([[-4, 0, 4]])) as tf.Tensor).dataSync()));
    // hardswish(hardsigmoid(x)): hardsigmoid gives 0, 0.5, 1; hardswish of those: 0, 0.5 * (3.5 / 6), 1 * (4 / 6).
    [0, 0.5 * (3.5 / 6), 4 / 6].forEach((expected, i) => expect(values[i]).toBeCloseTo(expected, 6));
  });
});
