import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { initBackendWith, seededValues } from '@ssl-distill/runtime/testing';

export { seededValues };

/** The backend a process would use (env SSL_DISTILL_BACKEND, else the best that loads). */
export async function initDefaultBackend(): Promise<string> {
  return initBackend();
}

const CONV_GRADIENT_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
];

/** The default backend when it has the conv gradient kernels, else cpu (wasm lacked them at first). */
export async function initGradientBackend(): Promise<string> {
  return initBackendWith(CONV_GRADIENT_KERNELS);
}


export function seededTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(seededValues(shape.reduce((a, b) => a * b, 1), seed), shape);
}

/**
 * Gives every weight seeded values, BN moving variances positive ones: a fresh model's BN
 * statistics (mean 0, variance 1) and zero biases would hide wiring and save/load mistakes.
 */
export function randomizeWeights(model: tf.LayersModel, seed: number): void {
  model.weights.forEach((weight, i) => {
    const values = seededValues(weight.shape.reduce((a: number, b) => a * (b ?? 1), 1), seed + i);
    const positive = weight.originalName.endsWith('moving_variance');
    tf.tidy(() => {
      weight.write(tf.tensor(positive ? values.map((v) => 0.5 + Math.abs(v)) : values, weight.shape as number[]));
    });
  });
}

/** Output(s) of `model.predict` as host arrays, tensors disposed. */
export function predictValues(model: tf.LayersModel, input: tf.Tensor): Float32Array[] {
  return tf.tidy(() => {
    const output = model.predict(input);
    return (Array.isArray(output) ? output : [output]).map((t) => t.dataSync() as Float32Array);
  });
}

export function weightValues(model: tf.LayersModel): Float32Array[] {
  return model.weights.map((weight) => weight.read().dataSync() as Float32Array);
}

/** Bitwise equality of float arrays (NaN payloads and signed zeros included). */
export function bitwiseEqual(a: Float32Array, b: Float32Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
