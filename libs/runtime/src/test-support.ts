import * as tf from '@tensorflow/tfjs';

// Helpers for specs (this library's and, as '@ssl-distill/runtime/testing', other libraries'): seeded
// values independent of any backend's RNG, and the same computation on two backends from plain arrays.
import { initBackend } from './backend.js';

export interface HostTensor {
  values: Float32Array;
  shape: number[];
}

/** Deterministic values in [-1, 1) (mulberry32), independent of any backend's RNG. */
export function seededValues(size: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return values;
}

export function seededTensor(shape: number[], seed: number): HostTensor {
  return { values: seededValues(shape.reduce((a, b) => a * b, 1), seed), shape };
}

/** max|a-b| / max(1, max|b|): an absolute error for small values, relative for large ones. */
export function maxNormalisedError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  let maxDiff = 0;
  let scale = 1;
  for (let i = 0; i < expected.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return maxDiff / scale;
}

/** Runs `compute` with `backendName` active and restores the previous backend. */
export async function onBackend<T>(backendName: string, compute: () => T): Promise<T> {
  const previous = tf.getBackend();
  await tf.setBackend(backendName);
  try {
    return compute();
  } finally {
    await tf.setBackend(previous);
  }
}

/** Runs one kernel on `backendName` from host arrays and returns its output as host arrays. */
export async function runKernelOn(
  backendName: string,
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: tf.NamedAttrMap,
): Promise<HostTensor> {
  return onBackend(backendName, () =>
    tf.tidy(() => {
      const tensors = Object.fromEntries(
        Object.entries(inputs).map(([name, { values, shape }]) => [name, tf.tensor(values, shape)]),
      );
      const out = tf.engine().runKernel(kernelName, tensors, attrs) as tf.Tensor;
      return { values: out.dataSync() as Float32Array, shape: out.shape };
    }),
  );
}

/** Gradients of sum(f(inputs) * weights) with respect to every input, on `backendName`. */
export async function gradientsOn(
  backendName: string,
  f: (...inputs: tf.Tensor[]) => tf.Tensor,
  inputs: HostTensor[],
  weightSeed: number,
): Promise<HostTensor[]> {
  return onBackend(backendName, () =>
    tf.tidy(() => {
      const tensors = inputs.map(({ values, shape }) => tf.tensor(values, shape));
      const outputShape = f(...tensors).shape;
      const weights = tf.tensor(seededTensor(outputShape, weightSeed).values, outputShape);
      const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), weights)))(tensors);
      return grads.map((g) => ({ values: g.dataSync() as Float32Array, shape: g.shape }));
    }),
  );
}

/** A small convolution, its input and filter gradients, flattened: a backend fingerprint. */
export function convolutionProbe(): number[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(seededValues(4 * 12 * 12 * 8, 1), [4, 12, 12, 8]);
    const filter = tf.tensor4d(seededValues(3 * 3 * 8 * 16, 2), [3, 3, 8, 16]);
    const [dx, dw] = tf.grads((input: tf.Tensor, f: tf.Tensor) =>
      tf.conv2d(input as tf.Tensor4D, f as tf.Tensor4D, 2, 'same').square().sum(),
    )([x, filter]);
    return [...dx!.dataSync(), ...dw!.dataSync()];
  });
}

/** The default backend when it has every kernel in `kernels` (gradients a test needs), else cpu. */
export async function initBackendWith(kernels: readonly string[]): Promise<string> {
  const backend = await initBackend();
  if (kernels.every((kernel) => tf.getKernel(kernel, backend) !== undefined)) return backend;
  await tf.setBackend('cpu');
  return 'cpu';
}
