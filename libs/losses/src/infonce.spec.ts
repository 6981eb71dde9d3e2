import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { dot, logSumExp, mean, unit, type Matrix } from '../test/reference.js';
import { expectGradientMatchesFiniteDifferences, expectNoTensorLeak, gradientValues, scalarValue } from '../test/tf-checks.js';
import { mocoInfoNceLoss, ntXentLoss, NT_XENT_DEFAULTS, MOCO_INFONCE_DEFAULTS } from './infonce.js';

const view1: Matrix = [[1, 2], [-1, 0.5], [0.3, -1]];
const view2: Matrix = [[1.5, 1], [-0.5, 1], [1, -0.8]];
const queue: Matrix = [[1, 0], [0, 1], [-1, -1]];

/** NT-Xent by hand: each of the 2N embeddings against the other 2N - 1, target its other view. */
function referenceNtXent(temperature: number): number {
  const embeddings = [...view1, ...view2].map(unit);
  const n = view1.length;
  return mean(
    embeddings.map((anchor, r) => {
      const others = embeddings.filter((_, j) => j !== r).map((other) => dot(anchor, other) / temperature);
      return logSumExp(others) - dot(anchor, embeddings[(r + n) % (2 * n)]!) / temperature;
    }),
  );
}

/** MoCo InfoNCE by hand: query against [its key, queue], target the key. */
function referenceMoco(temperature: number): number {
  return mean(
    view1.map((row, i) => {
      const q = unit(row);
      const logits = [dot(q, unit(view2[i]!)), ...queue.map((k) => dot(q, unit(k)))].map((v) => v / temperature);
      return logSumExp(logits) - logits[0]!;
    }),
  );
}

describe('ntXentLoss (SimCLR)', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('matches the hand-computed NT-Xent', () => {
    expect(scalarValue(() => ntXentLoss(tf.tensor2d(view1), tf.tensor2d(view2)))).toBeCloseTo(referenceNtXent(NT_XENT_DEFAULTS.temperature), 4);
    expect(scalarValue(() => ntXentLoss(tf.tensor2d(view1), tf.tensor2d(view2), { temperature: 0.1 }))).toBeCloseTo(referenceNtXent(0.1), 4);
  });

  it('has the finite-difference gradient w.r.t. both views', () => {
    const other1 = tf.tensor2d(view1);
    const other2 = tf.tensor2d(view2);
    expectGradientMatchesFiniteDifferences((x) => ntXentLoss(x, other2), view1);
    expectGradientMatchesFiniteDifferences((x) => ntXentLoss(other1, x), view2);
  });

  it('leaks no tensors', () => {
    const a = tf.tensor2d(view1);
    const b = tf.tensor2d(view2);
    expectNoTensorLeak(() => ntXentLoss(a, b));
    expectNoTensorLeak(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => ntXentLoss(x, y))([a, b]));
  });

  it('names the argument and shapes on bad input', () => {
    expect(() => ntXentLoss(tf.tensor2d(view1), tf.zeros([2, 2]))).toThrow('ntXentLoss: view1 [3, 2] and view2 [2, 2] must have the same shape');
    expect(() => ntXentLoss(tf.tensor2d(view1), tf.tensor2d(view2), { temperature: -1 })).toThrow('temperature must be > 0');
  });
});

describe('mocoInfoNceLoss', () => {
  let key: tf.Tensor2D;
  let queueTensor: tf.Tensor2D;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    key = tf.tensor2d(view2);
    queueTensor = tf.tensor2d(queue);
  });

  it('matches the hand-computed InfoNCE with the key as positive', () => {
    expect(scalarValue(() => mocoInfoNceLoss(tf.tensor2d(view1), key, queueTensor))).toBeCloseTo(referenceMoco(MOCO_INFONCE_DEFAULTS.temperature), 4);
  });

  it('has the finite-difference gradient w.r.t. the query and none w.r.t. key or queue', () => {
    expectGradientMatchesFiniteDifferences((x) => mocoInfoNceLoss(x, key, queueTensor), view1);
    const query = tf.tensor2d(view1);
    expect(gradientValues((k) => mocoInfoNceLoss(query, k, queueTensor), key).every((g) => g === 0)).toBe(true);
    expect(gradientValues((q) => mocoInfoNceLoss(query, key, q), queueTensor).every((g) => g === 0)).toBe(true);
  });

  it('leaks no tensors', () => {
    const query = tf.tensor2d(view1);
    expectNoTensorLeak(() => mocoInfoNceLoss(query, key, queueTensor));
    expectNoTensorLeak(() => tf.grad((x) => mocoInfoNceLoss(x, key, queueTensor))(query));
  });

  it('names the argument and shapes on bad input', () => {
    expect(() => mocoInfoNceLoss(tf.tensor2d(view1), key, tf.zeros([3, 4]))).toThrow('mocoInfoNceLoss: queue [3, 4] must have 2 columns like query [3, 2]');
  });
});
