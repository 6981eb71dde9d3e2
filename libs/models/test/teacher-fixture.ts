// The PyTorch-exported teacher fixture (tools/torch/export_teacher.py) and PyTorch's own outputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PixelBatch, PixelNormalization, TeacherInput } from '../src/index.js';

export const FIXTURE_DIR = join(import.meta.dirname, 'fixtures', 'teacher');

export interface TorchReference {
  size: number;
  channels: number;
  mean: number[];
  std: number[];
  scale: number;
  count: number;
  images: number[];
  embedding: number[];
  embeddingDim: number;
  logits: number[];
  logitsDim: number;
}

export const reference = JSON.parse(readFileSync(join(FIXTURE_DIR, 'reference.json'), 'utf8')) as TorchReference;

export const fixtureBytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));

/** The plan normalisation the views below are rendered under (the plans' default). */
export const VIEW_NORMALIZATION: PixelNormalization = { mean: [0.5], std: [0.5] };

/** PyTorch's input images as a plan would hand them over: NHWC, (raw / 255 - 0.5) / 0.5. */
export function referenceViews(): PixelBatch {
  const { size, channels, count } = reference;
  return { data: Float32Array.from(reference.images, (raw) => (raw / 255 - 0.5) / 0.5), shape: [count, size, size, channels] };
}

export function torchInput(layout: TeacherInput['layout']): TeacherInput {
  return { size: [reference.size, reference.size], channels: reference.channels, layout, scale: reference.scale, mean: reference.mean, std: reference.std };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
