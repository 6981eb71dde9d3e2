import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

/**
 * tf.grad of `differentiated` at `point` against central finite differences of `evaluated`
 * (default: the same function) in float32: eps 1e-2 on well-scaled inputs, each entry within
 * 1e-2 relative to max(|numeric|, a tenth of the largest entry). Also rejects an all-zero gradient,
 * so the check cannot pass vacuously.
 */
export function expectGradientMatchesFiniteDifferences(
  differentiated: (x: tf.Tensor) => tf.Scalar,
  point: number[][],
  evaluated: (x: tf.Tensor) => tf.Scalar = differentiated,
  { eps = 1e-2, rtol = 1e-2 } = {},
): void {
  const shape = [point.length, point[0]!.length];
  const flat = point.flat();
  const analytic = tf.tidy(() => Array.from(tf.grad(differentiated)(tf.tensor(flat, shape)).dataSync()));
  const valueAt = (values: number[]) => tf.tidy(() => evaluated(tf.tensor(values, shape)).dataSync()[0]!);
  const numeric = flat.map((_, k) => {
    const plus = flat.slice();
    const minus = flat.slice();
    plus[k]! += eps;
    minus[k]! -= eps;
    return (valueAt(plus) - valueAt(minus)) / (2 * eps);
  });
  const largest = Math.max(...numeric.map(Math.abs));
  expect(largest, 'finite-difference gradient is all zero').toBeGreaterThan(1e-3);
  const mismatches = numeric
    .map((expected, k) => ({ k, expected, actual: analytic[k]! }))
    .filter(({ expected, actual }) => !(Math.abs(actual - expected) <= rtol * Math.max(Math.abs(expected), 0.1 * largest)));
  expect(mismatches).toEqual([]);
}

/** Values of tf.grad(f) w.r.t. `input`, as a flat array. */
export function gradientValues(f: (x: tf.Tensor) => tf.Scalar, input: tf.Tensor): number[] {
  return tf.tidy(() => Array.from(tf.grad(f)(input).dataSync()));
}

/** `compute` (a loss, or its gradient) leaves no tensor behind once its result is disposed. */
export function expectNoTensorLeak(compute: () => tf.Tensor | tf.Tensor[]): void {
  const before = tf.memory().numTensors;
  tf.dispose(compute());
  expect(tf.memory().numTensors).toBe(before);
}

/** The scalar value of a loss call, disposing the result. */
export function scalarValue(loss: () => tf.Scalar): number {
  const result = loss();
  const value = result.dataSync()[0]!;
  result.dispose();
  return value;
}
