import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { huber } from '../test/reference.js';
import { gradientValues } from '../test/tf-checks.js';
import { l2Normalize, smoothL1, stopGradient } from './tensor-ops.js';

describe('tensor-ops building blocks', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('stopGradient is the identity forward and blocks the gradient', () => {
    const x = tf.tensor1d([1, -2, 3]);
    expect(tf.tidy(() => stopGradient(x).arraySync())).toEqual([1, -2, 3]);
    // d/dx [x^2 + stop(x)^2] = 2x: only the unblocked path contributes.
    expect(gradientValues((v) => tf.sum(tf.add(tf.square(v), tf.square(stopGradient(v)))), x)).toEqual([2, -4, 6]);
  });

  it('l2Normalize makes rows unit length and keeps zero rows at zero with a finite gradient', () => {
    const x = tf.tensor2d([[3, 4], [0, 0]]);
    const rows = tf.tidy(() => Array.from(l2Normalize(x).dataSync()));
    [0.6, 0.8, 0, 0].forEach((expected, k) => expect(rows[k]).toBeCloseTo(expected, 6));
    expect(gradientValues((v) => tf.sum(l2Normalize(v)), x).every(Number.isFinite)).toBe(true);
  });

  it('smoothL1 is Huber with delta 1, with gradient 0 at 0 and +-1 beyond the kink', () => {
    const points = [-2.5, -1, -0.4, 0, 0.3, 1, 1.7];
    const values = tf.tidy(() => Array.from(smoothL1(tf.tensor1d(points)).dataSync()));
    values.forEach((value, i) => expect(value).toBeCloseTo(huber(points[i]!), 6));
    const slopes = gradientValues((v) => tf.sum(smoothL1(v)), tf.tensor1d(points));
    [-1, -1, -0.4, 0, 0.3, 1, 1].forEach((expected, k) => expect(slopes[k]).toBeCloseTo(expected, 6));
  });
});
