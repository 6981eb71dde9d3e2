import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { registerNativeBackend } from './register.js';
import { expectClose, nativeDisabled, randomInput, requireNativeBackend, type Input } from './testing/compare.js';

/** conv-BN-relu, max-pool, depthwise-BN-relu6, pointwise conv-BN-sigmoid with a residual add, average pool, dense. */
function buildNet(): tf.LayersModel {
  const input = tf.input({ shape: [12, 12, 2] });
  const batchNorm = () => tf.layers.batchNormalization({ momentum: 0.9 });
  let x = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', useBias: false }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.reLU().apply(batchNorm().apply(x)) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' }).apply(x) as tf.SymbolicTensor;
  let y = tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', useBias: false }).apply(x) as tf.SymbolicTensor;
  y = tf.layers.reLU({ maxValue: 6 }).apply(batchNorm().apply(y)) as tf.SymbolicTensor;
  let z = tf.layers.conv2d({ filters: 8, kernelSize: 1, useBias: false }).apply(y) as tf.SymbolicTensor;
  z = tf.layers.activation({ activation: 'sigmoid' }).apply(batchNorm().apply(z)) as tf.SymbolicTensor;
  const merged = tf.layers.add().apply([y, z]) as tf.SymbolicTensor;
  const averaged = tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }).apply(merged) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({}).apply(averaged) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 5 }).apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

const BATCH = 8;
const images = randomInput([BATCH, 12, 12, 2], 1);
const labels: Input = { shape: [BATCH, 5], values: Float32Array.from({ length: BATCH * 5 }, (_, i) => Number(i % 5 === Math.floor(i / 5) % 5)) };

function loss(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor);
}

/** Loss and gradients of every trainable weight of the net, on `backend`, from `weights`. */
async function lossAndGradients(backend: string, weights: Input[]) {
  await tf.setBackend(backend);
  const model = buildNet();
  model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const outputs = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () => loss(model, tf.tensor(images.values, images.shape), tf.tensor(labels.values, labels.shape)),
      variables,
    );
    return [value, ...variables.map((variable) => grads[variable.name])].map((t) => ({ shape: t.shape, values: Float32Array.from(t.dataSync()) }));
  });
  model.dispose();
  return outputs;
}

describe.skipIf(nativeDisabled)('training on the native backend', () => {
  beforeAll(requireNativeBackend);

  it('gives the gradients of the cpu backend for a small conv net', async () => {
    await tf.setBackend('cpu');
    const initial = buildNet();
    const weights = initial.getWeights().map((w) => ({ shape: w.shape, values: Float32Array.from(w.dataSync()) }));
    initial.dispose();
    const expected = await lossAndGradients('cpu', weights);
    const actual = await lossAndGradients('native', weights);
    expect(actual.length).toBe(1 + 11); // loss; 3 conv kernels, 3 x BN gamma and beta, dense kernel and bias
    expectClose(actual, expected, 'loss and gradients', 1e-4);
  });

  it('does not grow memory over 200 training steps', async () => {
    // One thread: these small steps are dominated by parallel-region barriers when other
    // processes load the cores; the kernel tests cover the parallel paths.
    expect(await registerNativeBackend({ threads: 1 })).toEqual({ ok: true });
    await tf.setBackend('native');
    const model = buildNet();
    const optimizer = tf.train.momentum(0.05, 0.9);
    const x = tf.tensor(images.values, images.shape);
    const y = tf.tensor(labels.values, labels.shape);
    const step = () => optimizer.minimize(() => loss(model, x, y), false);
    for (let i = 0; i < 10; i++) step(); // optimizer slots and caches exist from here on
    // numDataIds: the backend's own entries, which deferred outputs' held inputs would add to.
    const before = { ...tf.memory(), rss: process.memoryUsage().rss, dataIds: tf.backend().numDataIds() };
    for (let i = 0; i < 200; i++) step();
    const after = { ...tf.memory(), rss: process.memoryUsage().rss, dataIds: tf.backend().numDataIds() };
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.dataIds).toBe(before.dataIds);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.rss - before.rss).toBeLessThan(64 * 2 ** 20);
    const finalLoss = tf.tidy(() => loss(model, x, y).dataSync()[0]);
    expect(Number.isFinite(finalLoss)).toBe(true);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });
});
