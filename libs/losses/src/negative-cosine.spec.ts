import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { cosine, mean, type Matrix } from '../test/reference.js';
import { expectGradientMatchesFiniteDifferences, expectNoTensorLeak, gradientValues, scalarValue } from '../test/tf-checks.js';
import { negativeCosineLoss, symmetricNegativeCosineLoss } from './negative-cosine.js';

const p1: Matrix = [[1, 2, 0.5], [-1, 0.5, 2]];
const p2: Matrix = [[0.5, 1, -1], [2, -0.5, 1]];
const z1: Matrix = [[2, 1, 1], [0.5, -1, 1.5]];
const z2: Matrix = [[-1, 1, 0.5], [1, 1, 1]];

const byol = (prediction: Matrix, target: Matrix) => mean(prediction.map((row, i) => 2 - 2 * cosine(row, target[i]!)));

describe('negativeCosineLoss (BYOL)', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('is the batch mean of 2 - 2 cos(p, z)', () => {
    expect(scalarValue(() => negativeCosineLoss(tf.tensor2d(p1), tf.tensor2d(z2)))).toBeCloseTo(byol(p1, z2), 5);
    // Identical directions give 0, opposite ones 4.
    expect(scalarValue(() => negativeCosineLoss(tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 6]])))).toBeCloseTo(0, 6);
    expect(scalarValue(() => negativeCosineLoss(tf.tensor2d([[1, 2]]), tf.tensor2d([[-1, -2]])))).toBeCloseTo(4, 6);
  });

  it('has the finite-difference gradient w.r.t. the prediction and none w.r.t. the target', () => {
    const target = tf.tensor2d(z2);
    expectGradientMatchesFiniteDifferences((x) => negativeCosineLoss(x, target), p1);
    expect(gradientValues((z) => negativeCosineLoss(tf.tensor2d(p1), z), target).every((g) => g === 0)).toBe(true);
  });

  it('leaks no tensors', () => {
    const prediction = tf.tensor2d(p1);
    const target = tf.tensor2d(z2);
    expectNoTensorLeak(() => negativeCosineLoss(prediction, target));
    expectNoTensorLeak(() => tf.grad((x) => negativeCosineLoss(x, target))(prediction));
  });

  it('names the argument and shapes on bad input', () => {
    expect(() => negativeCosineLoss(tf.tensor2d(p1), tf.zeros([2, 2]))).toThrow('negativeCosineLoss: prediction [2, 3] and target [2, 2] must have the same shape');
  });
});

describe('symmetricNegativeCosineLoss', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });
  const tensors = () => [p1, p2, z1, z2].map((m) => tf.tensor2d(m));

  it('averages the two cross-view terms', () => {
    const [a, b, c, d] = tensors();
    expect(scalarValue(() => symmetricNegativeCosineLoss(a!, b!, c!, d!))).toBeCloseTo(0.5 * (byol(p1, z2) + byol(p2, z1)), 5);
  });

  it('has the finite-difference gradient w.r.t. each prediction', () => {
    const [a, b, c, d] = tensors();
    expectGradientMatchesFiniteDifferences((x) => symmetricNegativeCosineLoss(x, b!, c!, d!), p1);
    expectGradientMatchesFiniteDifferences((x) => symmetricNegativeCosineLoss(a!, x, c!, d!), p2);
  });

  it('leaks no tensors', () => {
    const [a, b, c, d] = tensors();
    expectNoTensorLeak(() => symmetricNegativeCosineLoss(a!, b!, c!, d!));
    expectNoTensorLeak(() => tf.grad((x) => symmetricNegativeCosineLoss(x, b!, c!, d!))(a!));
  });

  it('names the mismatched view', () => {
    const [a, b, c] = tensors();
    expect(() => symmetricNegativeCosineLoss(a!, b!, c!, tf.zeros([3, 3]))).toThrow(
      'symmetricNegativeCosineLoss: predictionOnView1 [2, 3] and targetOnView2 [3, 3] must have the same shape',
    );
  });
});
