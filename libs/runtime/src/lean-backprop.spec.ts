import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.js';
import { installLeanBackprop, LEAN_BACKPROP_TFJS_VERSION, uninstallLeanBackprop } from './lean-backprop.js';
import { seededValues } from './test-support.js';

let suiteBackend: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  suiteBackend = tf.getBackend();
});
afterAll(() => {
  installLeanBackprop();
});

/**
 * A ResNet-like block in training mode (conv, batch norm from batch moments, relu, a residual add,
 * pooling, a dense head) and a SimCLR-like loss: every op kind the lean backprop treats specially.
 */
function buildNetwork(seed: number): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 2] });
  const conv = (filters: number, x: tf.SymbolicTensor) => tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false }).apply(x) as tf.SymbolicTensor;
  const bnRelu = (x: tf.SymbolicTensor) => tf.layers.reLU().apply(tf.layers.batchNormalization().apply(x)) as tf.SymbolicTensor;
  const stem = bnRelu(conv(4, input));
  const branch = tf.layers.batchNormalization().apply(conv(4, bnRelu(conv(4, stem)))) as tf.SymbolicTensor;
  const block = tf.layers.reLU().apply(tf.layers.add().apply([stem, branch])) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({}).apply(block) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 6 }).apply(pooled) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.weights.forEach((weight, i) => {
    const size = weight.shape.reduce<number>((a, b) => a * b!, 1);
    const values = weight.name.includes('variance') || weight.name.includes('gamma') ? seededValues(size, seed + i).map((v) => 1 + v / 4) : seededValues(size, seed + i);
    weight.write(tf.tensor(values, weight.shape as number[]));
  });
  return model;
}

function contrastiveLoss(model: tf.LayersModel, views: tf.Tensor[]): tf.Scalar {
  const [a, b] = views.map((view) => tf.div(model.apply(view, { training: true }) as tf.Tensor2D, 1)) as tf.Tensor2D[];
  const both = tf.concat([a!, b!]);
  const unit = tf.div(both, tf.norm(both, 2, 1, true));
  const logits = tf.div(tf.matMul(unit, unit, false, true), 0.2);
  const count = a!.shape[0];
  const targets = tf.oneHot(tf.tensor1d([...Array(2 * count).keys()].map((i) => (i + count) % (2 * count)), 'int32'), 2 * count);
  return tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1)));
}

interface StepResult {
  loss: Float32Array;
  grads: Float32Array[];
  peakBytes: number;
  tensorsLeft: number;
}

async function gradientStep(lean: boolean): Promise<StepResult> {
  if (lean) installLeanBackprop();
  else uninstallLeanBackprop();
  const model = buildNetwork(11);
  const views = [21, 22].map((seed) => tf.tensor4d(seededValues(16 * 8 * 8 * 2, seed), [16, 8, 8, 2]));
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const before = tf.memory().numTensors;
  let result: { value: tf.Scalar; grads: tf.NamedTensorMap } | undefined;
  const profile = await tf.profile(() => {
    result = tf.variableGrads(() => contrastiveLoss(model, views), variables);
  });
  const { value, grads } = result!;
  const out = {
    loss: value.dataSync() as Float32Array,
    grads: variables.map((variable) => grads[variable.name]!.dataSync() as Float32Array),
    peakBytes: profile.peakBytes,
  };
  tf.dispose([value, grads]);
  const tensorsLeft = tf.memory().numTensors - before;
  tf.dispose(views);
  model.dispose();
  return { ...out, tensorsLeft };
}

/** Equal bit for bit (NaN included), not merely close. */
function expectSameBits(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  expect(Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength))).toBe(true);
}

describe.each(['suite', 'cpu'])('lean backprop on the %s backend', (which) => {
  async function onTheBackend<T>(compute: () => Promise<T>): Promise<T> {
    await tf.setBackend(which === 'cpu' ? 'cpu' : suiteBackend);
    try {
      return await compute();
    } finally {
      await tf.setBackend(suiteBackend);
    }
  }

  it('gives tfjs its own gradients bit for bit, leaves no tensor behind, and peaks lower', async () => {
    const stock = await onTheBackend(() => gradientStep(false));
    const lean = await onTheBackend(() => gradientStep(true));
    expect(stock.grads.length).toBeGreaterThan(10);
    expectSameBits(lean.loss, stock.loss);
    lean.grads.forEach((grad, i) => expectSameBits(grad, stock.grads[i]!));
    expect(lean.grads.some((grad) => grad.some((v) => v !== 0))).toBe(true);
    expect(lean.tensorsLeft).toBe(0);
    expect(stock.tensorsLeft).toBe(0);
    // Activations of 2 x 16 images of 8x8x4 are 16 KiB each: the saving is many of them.
    expect(lean.peakBytes).toBeLessThan(stock.peakBytes * 0.75);
  });
});

describe('lean backprop, other uses of engine.gradients', () => {
  const f = (x: tf.Tensor) => tf.sum(tf.mul(tf.relu(tf.sub(tf.square(x), tf.mean(x))), tf.reshape(x, [3, 2])));
  const x = () => tf.tensor2d([[0.5, -1.5], [2, 0.25], [-0.75, 1]]);

  function both<T>(compute: () => T): { stock: T; lean: T } {
    uninstallLeanBackprop();
    const stock = compute();
    installLeanBackprop();
    return { stock, lean: compute() };
  }

  it('keeps the dy it is given and returns the same gradient for it', () => {
    const { stock, lean } = both(() => {
      const input = x();
      const dy = tf.scalar(3);
      const grad = tf.grad(f)(input, dy);
      expect(dy.isDisposed).toBe(false);
      const values = grad.dataSync().slice();
      tf.dispose([input, dy, grad]);
      return values;
    });
    expectSameBits(lean, stock);
  });

  it('computes second derivatives as tfjs does (nested tapes keep their saved tensors)', () => {
    const before = tf.memory().numTensors;
    const { stock, lean } = both(() => {
      const input = x();
      const second = tf.grad((v: tf.Tensor) => tf.sum(tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.mul(w, w), tf.exp(tf.sub(w, 1)))))(v)))(input);
      const values = second.dataSync().slice();
      tf.dispose([input, second]);
      return values;
    });
    expectSameBits(lean, stock);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('installs only on the tfjs-core version it was written for', () => {
    const messages: string[] = [];
    uninstallLeanBackprop();
    expect(installLeanBackprop((message) => messages.push(message), '4.23.0')).toBe(false);
    expect(messages.join()).toContain(`4.23.0 is not ${LEAN_BACKPROP_TFJS_VERSION}`);
    expect(Object.hasOwn(tf.engine(), 'gradients')).toBe(false);
    expect(installLeanBackprop(() => {}, tf.version_core)).toBe(true);
    expect(Object.hasOwn(tf.engine(), 'gradients')).toBe(true);
  });
});
