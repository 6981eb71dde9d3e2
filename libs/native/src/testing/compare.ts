// Test support (not part of the library build): run the same computation on two backends and
// compare, with inputs from a seeded generator so failures reproduce.
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

import { registerNativeBackend } from '../register.js';

/** SSL_DISTILL_NATIVE=off: the native path is intentionally absent on this machine. */
export const nativeDisabled = process.env.SSL_DISTILL_NATIVE === 'off';

/** Registers 'native' with 2 threads (so the parallel paths run), or fails with the reason. */
export async function requireNativeBackend(): Promise<void> {
  const result = await registerNativeBackend({ threads: 2 });
  if (!result.ok) throw new Error(`the native backend is unavailable: ${result.reason}`);
}

/** Deterministic uniform values in [-1, 1) (mulberry32). */
export function randomValues(size: number, seed: number): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length: size }, () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  });
}

export interface Input {
  shape: number[];
  values: Float32Array;
}

export function randomInput(shape: number[], seed: number): Input {
  return { shape, values: randomValues(tf.util.sizeFromShape(shape), seed) };
}

/**
 * Runs `compute` on `backend` over tensors made from `inputs` and returns each output's values
 * and shape; checks that it leaves no tensor behind.
 */
export async function runOn(
  backend: string,
  inputs: Record<string, Input>,
  compute: (tensors: Record<string, tf.Tensor>) => tf.Tensor | tf.Tensor[],
): Promise<Array<{ shape: number[]; values: Float32Array }>> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const outputs = tf.tidy(() => {
    const tensors = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, tf.tensor(input.values, input.shape)]));
    return [compute(tensors)].flat().map((output) => ({ shape: output.shape, values: Float32Array.from(output.dataSync()) }));
  });
  expect(tf.memory().numTensors, `tensors leaked on ${backend}`).toBe(before);
  return outputs;
}

/** max|actual - expected| / max(1, max|expected|). */
export function normalizedError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let maxDifference = 0;
  let maxExpected = 1;
  for (let i = 0; i < expected.length; i++) {
    maxDifference = Math.max(maxDifference, Math.abs(actual[i] - expected[i]));
    maxExpected = Math.max(maxExpected, Math.abs(expected[i]));
  }
  // NaN anywhere must fail the comparison, not vanish in Math.max.
  return Number.isNaN(maxDifference) ? Infinity : maxDifference / maxExpected;
}

export function expectClose(
  actual: Array<{ shape: number[]; values: Float32Array }>,
  expected: Array<{ shape: number[]; values: ArrayLike<number> }>,
  label: string,
  tolerance = 1e-4,
): void {
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((output, i) => {
    expect(output.shape, `${label}: shape of output ${i}`).toEqual(expected[i].shape);
    expect(normalizedError(output.values, expected[i].values), `${label}: output ${i}`).toBeLessThanOrEqual(tolerance);
  });
}

/** The agreement the native kernels must reach with the cpu backend (normalizedError). */
export const CPU_TOLERANCE = 1e-4;

/**
 * The same computation on 'native' and on 'cpu': the largest normalizedError over its outputs,
 * Infinity when the outputs differ in number or shape.
 */
export async function nativeVsCpuError(
  inputs: Record<string, Input>,
  compute: (tensors: Record<string, tf.Tensor>) => tf.Tensor | tf.Tensor[],
): Promise<number> {
  const expected = await runOn('cpu', inputs, compute);
  const actual = await runOn('native', inputs, compute);
  if (actual.length !== expected.length) return Infinity;
  return Math.max(...actual.map((output, i) =>
    tf.util.arraysEqual(output.shape, expected[i].shape) ? normalizedError(output.values, expected[i].values) : Infinity));
}

/** Runs one kernel by name, as the gradient code does. */
export function runKernel(name: string, inputs: Record<string, tf.Tensor>, attrs: object = {}): tf.Tensor {
  return tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;
}
