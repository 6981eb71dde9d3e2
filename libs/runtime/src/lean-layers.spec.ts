import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import { installLeanLayers, LEAN_LAYERS_TFJS_VERSION, uninstallLeanLayers } from './lean-layers.js';
import { seededValues } from './test-support.js';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});
afterAll(() => {
  installLeanLayers();
});

/**
 * A residual block read twice by an add, a nested model used as a layer, and two outputs: the
 * graph shapes the executor has to order and free correctly.
 */
function buildModel(): tf.LayersModel {
  const input = tf.input({ shape: [6, 6, 2] });
  const convBnRelu = (x: tf.SymbolicTensor) =>
    tf.layers.reLU().apply(tf.layers.batchNormalization().apply(tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', useBias: false }).apply(x))) as tf.SymbolicTensor;
  // A trunk deep enough that the outputs a training call used to keep make the peak.
  const stem = [1, 2, 3, 4].reduce(convBnRelu, input);
  const branch = tf.layers.batchNormalization().apply(tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }).apply(stem)) as tf.SymbolicTensor;
  const block = tf.layers.reLU().apply(tf.layers.add().apply([stem, branch])) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({}).apply(block) as tf.SymbolicTensor;
  const headInput = tf.input({ shape: [3] });
  const head = tf.model({ inputs: headInput, outputs: tf.layers.dense({ units: 4 }).apply(tf.layers.batchNormalization().apply(headInput)) as tf.SymbolicTensor });
  const model = tf.model({ inputs: input, outputs: [head.apply(pooled) as tf.SymbolicTensor, pooled] });
  model.weights.forEach((weight, i) => {
    const size = weight.shape.reduce<number>((a, b) => a * b!, 1);
    const values = seededValues(size, 40 + i).map((v) => (weight.name.includes('variance') || weight.name.includes('gamma') ? 1 + v / 4 : v));
    weight.write(tf.tensor(values, weight.shape as number[]));
  });
  return model;
}

interface Outcome {
  outputs: Float32Array[];
  grads: Float32Array[];
  /** BN moving statistics and every other weight after the training-mode call. */
  weights: Float32Array[];
  peakBytes: number;
  tensorsLeft: number;
}

async function trainingCall(lean: boolean): Promise<Outcome> {
  if (lean) installLeanLayers();
  else uninstallLeanLayers();
  const model = buildModel();
  const input = tf.tensor4d(seededValues(8 * 6 * 6 * 2, 7), [8, 6, 6, 2]);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const before = tf.memory().numTensors;
  let outputs: Float32Array[] = [];
  let result: { value: tf.Scalar; grads: tf.NamedTensorMap } | undefined;
  const profile = await tf.profile(() => {
    result = tf.variableGrads(() => {
      const [logits, pooled] = model.apply(input, { training: true }) as tf.Tensor[];
      outputs = [logits!.dataSync().slice() as Float32Array, pooled!.dataSync().slice() as Float32Array];
      return tf.add(tf.sum(tf.square(logits!)), tf.sum(pooled!));
    }, variables);
  });
  const grads = variables.map((variable) => result!.grads[variable.name]!.dataSync().slice() as Float32Array);
  tf.dispose([result!.value, result!.grads]);
  const tensorsLeft = tf.memory().numTensors - before;
  const weights = model.weights.map((weight) => weight.read().dataSync().slice() as Float32Array);
  input.dispose();
  model.dispose();
  return { outputs, grads, weights, peakBytes: profile.peakBytes, tensorsLeft };
}

function expectSameBits(actual: Float32Array[], expected: Float32Array[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((values, i) => expect(Buffer.from(values.buffer).equals(Buffer.from(expected[i]!.buffer)), `array ${i}`).toBe(true));
}

describe('lean layers', () => {
  it('gives the same outputs, gradients and BN statistics as tfjs, frees intermediates, leaks nothing', async () => {
    const stock = await trainingCall(false);
    const lean = await trainingCall(true);
    expectSameBits(lean.outputs, stock.outputs);
    expectSameBits(lean.grads, stock.grads);
    expectSameBits(lean.weights, stock.weights);
    expect(lean.grads.length).toBe(stock.grads.length);
    expect(lean.tensorsLeft).toBe(0);
    expect(stock.tensorsLeft).toBe(0);
    expect(lean.peakBytes).toBeLessThan(stock.peakBytes);
  });

  it('installs only on the tfjs-layers version it was written for', () => {
    const messages: string[] = [];
    uninstallLeanLayers();
    const stockCall = Object.getPrototypeOf(tf.LayersModel.prototype).call;
    expect(installLeanLayers((message) => messages.push(message), '4.23.0')).toBe(false);
    expect(messages.join()).toContain(`4.23.0 is not ${LEAN_LAYERS_TFJS_VERSION}`);
    expect(Object.getPrototypeOf(tf.LayersModel.prototype).call).toBe(stockCall);
    expect(installLeanLayers(() => {}, tf.version_layers)).toBe(true);
    expect(Object.getPrototypeOf(tf.LayersModel.prototype).call).not.toBe(stockCall);
  });
});
