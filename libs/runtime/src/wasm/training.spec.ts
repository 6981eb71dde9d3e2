import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { maxNormalisedError, onBackend, seededTensor } from '../test-support.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: () => {} });
});

/** conv-BN-ReLU x3 (one strided, one 1x1), pooled, dense: a small, well-conditioned conv net. */
function smallConvNet(): tf.LayersModel {
  const input = tf.input({ shape: [9, 9, 2] });
  let x: tf.SymbolicTensor = input;
  for (const [filters, kernelSize, strides] of [[6, 3, 1], [8, 3, 2], [8, 1, 1]] as const) {
    x = tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU().apply(x) as tf.SymbolicTensor;
  }
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: 4 }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits });
}

const images = seededTensor([7, 9, 9, 2], 21);
const labels = Array.from({ length: 7 }, (_, i) => i % 4);

/** One training step's loss and gradients (by variable, in model order) on `backendName`. */
async function lossAndGradients(backendName: string, weights: Float32Array[]) {
  return onBackend(backendName, () => {
    const model = smallConvNet();
    model.setWeights(model.getWeights().map((w, i) => tf.tensor(weights[i]!, w.shape)));
    const result = tf.tidy(() => {
      const x = tf.tensor(images.values, images.shape);
      const y = tf.oneHot(labels, 4);
      const { value, grads } = tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        model.trainableWeights.map((w) => w.read() as tf.Variable),
      );
      return {
        loss: value.dataSync()[0]!,
        grads: model.trainableWeights.map((w) => grads[w.read().name]!.dataSync() as Float32Array),
      };
    });
    model.dispose();
    return result;
  });
}

describe('training a small conv net on wasm', () => {
  it('gives the gradients of every variable that the cpu backend gives', async () => {
    const weights = await onBackend('cpu', () => {
      const model = smallConvNet();
      const values = model.getWeights().map((w) => w.dataSync() as Float32Array);
      model.dispose();
      return values;
    });
    const onWasm = await lossAndGradients('wasm', weights);
    const onCpu = await lossAndGradients('cpu', weights);
    expect(onWasm.loss).toBeCloseTo(onCpu.loss, 5);
    expect(onWasm.grads).toHaveLength(11); // 3 kernels, 3 x (gamma, beta), dense kernel and bias
    const errors = onWasm.grads.map((g, i) => maxNormalisedError(g, onCpu.grads[i]!));
    expect(Math.max(...errors)).toBeLessThan(1e-4);
    // The gradients are not trivially zero.
    expect(Math.min(...onCpu.grads.map((g) => Math.max(...g.map(Math.abs))))).toBeGreaterThan(1e-4);
  });

  it('keeps the number of tensors and wasm buffers constant across gradient steps', () => {
    const model = smallConvNet();
    const optimizer = tf.train.sgd(0.1);
    const x = tf.tensor(images.values, images.shape);
    const y = tf.oneHot(labels, 4);
    const step = () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(
          () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        );
        optimizer.applyGradients(grads);
        return value.dataSync()[0]!;
      });
    const firstLoss = step();
    const tensors = tf.memory().numTensors;
    const buffers = tf.backend().numDataIds();
    let loss = firstLoss;
    for (let i = 0; i < 5; i++) loss = step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
    expect(loss).toBeLessThan(firstLoss);
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
  });
});
