import * as tf from '@tensorflow/tfjs';
import { initBackendWith, seededValues } from '@ssl-distill/runtime/testing';

export { seededValues };
import { expect } from 'vitest';
import type { MethodBatch, TrainableMethod } from '../src/method.js';

// Gradient kernels the methods need that tfjs-backend-wasm lacked at first (UnsortedSegmentSum is
// the gradient of gather, used by the triplet loss).
const GRADIENT_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'UnsortedSegmentSum',
];

/** The default backend when it has every gradient kernel the methods use, else cpu. */
export async function initTrainingBackend(): Promise<string> {
  return initBackendWith(GRADIENT_KERNELS);
}

/** Tiny backbones: a two-stage ResNet and an MLP with BN, both on 8x8x1 inputs. */
export const TINY_RESNET = { kind: 'resnet', inputShape: [8, 8, 1], stem: 'small', widths: [4, 8], blocksPerStage: 1, seed: 3 };
export const TINY_MLP = { kind: 'mlp', inputShape: [8, 8, 1], hidden: [16], batchNorm: true, outDim: 8, seed: 3 };


export function seededTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(seededValues(shape.reduce((a, b) => a * b, 1), seed), shape);
}

/** A batch of N samples: `views` views of 8x8x1, optional teacher tensors and labels. */
export function makeBatch(options: { rows?: number; views: number; teacherDim?: number; classes?: number; seed?: number }): MethodBatch {
  const { rows = 8, views, teacherDim, classes, seed = 1 } = options;
  const viewTensors = Array.from({ length: views }, (_, v) => seededTensor([rows, 8, 8, 1], seed * 10 + v));
  return {
    views: viewTensors,
    ...(teacherDim !== undefined && {
      teacherEmbeddings: Array.from({ length: views }, (_, v) => seededTensor([rows, teacherDim], seed * 10 + 5 + v)),
    }),
    ...(classes !== undefined && {
      teacherLogits: Array.from({ length: views }, (_, v) => tf.mul(seededTensor([rows, classes], seed * 10 + 7 + v), 3)),
      labels: tf.tensor1d(Int32Array.from({ length: rows }, (_, i) => (i * 7 + seed) % classes), 'int32'),
    }),
  };
}

export function disposeBatch(batch: MethodBatch): void {
  tf.dispose([...batch.views, ...(batch.teacherEmbeddings ?? []), ...(batch.teacherLogits ?? []), ...(batch.labels ? [batch.labels] : [])]);
}

/** Every weight of every model of the method, by `role/index`. */
export function snapshot(method: TrainableMethod): Map<string, Float32Array> {
  const values = new Map<string, Float32Array>();
  for (const [role, model] of Object.entries(method.allModels())) {
    model.weights.forEach((weight, i) => values.set(`${role}/${i}`, (weight.read().dataSync() as Float32Array).slice()));
  }
  return values;
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/**
 * The contract every method step keeps: finite loss; every trainable model's trainable weights
 * move; no tensor leaks between steps; on a fixed batch the loss falls over `steps` steps.
 */
export function expectStepContract(method: TrainableMethod, batch: MethodBatch, steps = 6): number[] {
  const before = snapshot(method);
  const losses = [method.step(batch).loss];
  expect(Number.isFinite(losses[0])).toBe(true);
  const after = snapshot(method);
  for (const [role, model] of Object.entries(method.trainableModels())) {
    const moved = model.weights.filter((weight, i) => weight.trainable && maxAbsDiff(after.get(`${role}/${i}`)!, before.get(`${role}/${i}`)!) > 0);
    expect(moved.length, `trainable weights of '${role}' that moved`).toBeGreaterThan(0);
  }
  losses.push(method.step(batch).loss);
  const tensorsAfterSecondStep = tf.memory().numTensors;
  losses.push(method.step(batch).loss);
  expect(tf.memory().numTensors).toBe(tensorsAfterSecondStep);
  for (let i = 3; i < steps; i++) losses.push(method.step(batch).loss);
  expect(losses.every(Number.isFinite)).toBe(true);
  expect(losses.at(-1)!).toBeLessThan(losses[0]!);
  return losses;
}

/**
 * Checkpoint contract: run `total` steps uninterrupted; separately run `split` steps, save, build a
 * fresh method, restore, run the rest. Losses and every weight must agree bit for bit.
 */
export function expectExactResume(create: () => TrainableMethod, batches: MethodBatch[], split: number): void {
  const uninterrupted = create();
  const expectedLosses = batches.map((batch) => uninterrupted.step(batch).loss);
  const expectedState = uninterrupted.getState();
  uninterrupted.dispose();

  const first = create();
  batches.slice(0, split).forEach((batch) => first.step(batch));
  const saved = first.getState();
  first.dispose();
  const resumed = create();
  resumed.setState(saved);
  expect(resumed.stepCount).toBe(split);
  const resumedLosses = batches.slice(split).map((batch) => resumed.step(batch).loss);
  expect(resumedLosses).toEqual(expectedLosses.slice(split));
  const finalState = resumed.getState();
  resumed.dispose();
  expect(Object.keys(finalState).sort()).toEqual(Object.keys(expectedState).sort());
  for (const [key, values] of Object.entries(expectedState)) {
    expect(Buffer.from(finalState[key]!.buffer).equals(Buffer.from(values.buffer)), key).toBe(true);
  }
}
