// The determinism contract: a view's pixels are a pure function of (image, plan, sample, epoch,
// view). All randomness comes from viewRng(plan.seed, sample, epoch, view) and all pixel math is
// IEEE float64 arithmetic rounded once per op, so any process regenerates a view bit for bit.

import { assertImage, type HwcFloatImage, type HwcImage } from './image.js';
import { applyPipeline } from './ops.js';
import { planShape, resolvePlan, type ResolvedPlan, type ViewPlan } from './plan.js';
import { resize } from './resample.js';
import { viewRng } from './rng.js';

/** Names one view of one sample under a plan. */
export interface ViewCoordinate {
  sample: number;
  epoch: number;
  view: number;
}

function checkCoordinate(plan: ViewPlan, coordinate: ViewCoordinate): void {
  if (plan.kind !== 'replay') return;
  const { views } = planShape(plan);
  if (!Number.isInteger(coordinate.epoch) || coordinate.epoch < 0 || coordinate.epoch >= plan.epochs) {
    throw new RangeError(`epoch must be an integer in [0, ${plan.epochs - 1}] for this plan, got ${coordinate.epoch}`);
  }
  if (!Number.isInteger(coordinate.view) || coordinate.view < 0 || coordinate.view >= views) {
    throw new RangeError(`view must be an integer in [0, ${views - 1}] for this plan, got ${coordinate.view}`);
  }
}

function augmentResolved(
  image: HwcImage,
  plan: ViewPlan,
  resolved: ResolvedPlan,
  coordinate: ViewCoordinate,
): HwcImage {
  checkCoordinate(plan, coordinate);
  let result = image;
  if (plan.kind === 'replay') {
    const rng = viewRng(plan.seed, coordinate.sample, coordinate.epoch, coordinate.view);
    const pipeline = resolved.pipelines[coordinate.view % resolved.pipelines.length];
    result = applyPipeline(result, pipeline, rng, resolved.height, resolved.width);
  }
  if (result.height !== resolved.height || result.width !== resolved.width) {
    result = resize(result, resolved.height, resolved.width);
  }
  return result;
}

/**
 * (v / 255 - mean[c]) / std[c] rounded to float32 for every byte value v of channel c, at
 * [c * 256 + v]: the same float32 as computing it per pixel. A plain array (see scratchFloats in
 * image.ts) of doubles that are exactly those float32 values, so storing one stores that float32.
 */
function normalizationTable({ channels, mean, std }: ResolvedPlan): number[] {
  return Array.from({ length: channels * 256 }, (_, i) => {
    const c = Math.floor(i / 256);
    return Math.fround((i % 256 / 255 - mean[c]) / std[c]);
  });
}

function normalizeInto(image: HwcImage, table: number[], out: Float32Array, offset: number): void {
  const { data, channels } = image;
  if (channels === 3) {
    for (let i = 0; i < data.length; i += 3) {
      out[offset + i] = table[data[i]];
      out[offset + i + 1] = table[256 + data[i + 1]];
      out[offset + i + 2] = table[512 + data[i + 2]];
    }
    return;
  }
  for (let i = 0; i < data.length; i++) out[offset + i] = table[(i % channels) * 256 + data[i]];
}

/** The augmented uint8 pixels of one view, before normalisation. */
export function augmentView(image: HwcImage, plan: ViewPlan, coordinate: ViewCoordinate): HwcImage {
  assertImage(image);
  return augmentResolved(image, plan, resolvePlan(plan, image), coordinate);
}

/** One view, normalised to floats (HWC). */
export function renderView(image: HwcImage, plan: ViewPlan, coordinate: ViewCoordinate): HwcFloatImage {
  assertImage(image);
  const resolved = resolvePlan(plan, image);
  const view = augmentResolved(image, plan, resolved, coordinate);
  const data = new Float32Array(view.data.length);
  normalizeInto(view, normalizationTable(resolved), data, 0);
  return { data, height: view.height, width: view.width, channels: view.channels };
}

export interface ViewBatch {
  /** N*H*W*C normalised floats, ready for tf.tensor4d(data, shape). */
  data: Float32Array;
  shape: [number, number, number, number];
}

/**
 * Renders `coordinates.length` views into one NHWC buffer. `imageOf(sample)` returns the source
 * image; all images must share one shape. `out` (optional) receives the floats when large enough.
 */
export function renderBatch(
  imageOf: (sample: number) => HwcImage,
  plan: ViewPlan,
  coordinates: readonly ViewCoordinate[],
  out?: Float32Array,
): ViewBatch {
  if (coordinates.length === 0) throw new RangeError('renderBatch needs at least one view coordinate');
  const first = imageOf(coordinates[0].sample);
  assertImage(first, `image of sample ${coordinates[0].sample}`);
  const resolved = resolvePlan(plan, first);
  const viewLength = resolved.height * resolved.width * resolved.channels;
  const needed = coordinates.length * viewLength;
  if (out !== undefined && out.length < needed) {
    throw new RangeError(`out has ${out.length} floats, the batch needs ${needed}`);
  }
  const data = out === undefined ? new Float32Array(needed) : out.subarray(0, needed);
  const table = normalizationTable(resolved);
  coordinates.forEach((coordinate, n) => {
    const image = n === 0 ? first : imageOf(coordinate.sample);
    assertImage(image, `image of sample ${coordinate.sample}`);
    if (image.height !== first.height || image.width !== first.width || image.channels !== first.channels) {
      throw new RangeError(
        `image of sample ${coordinate.sample} is ${image.height}x${image.width}x${image.channels}, ` +
          `but the batch's first image is ${first.height}x${first.width}x${first.channels}`,
      );
    }
    normalizeInto(augmentResolved(image, plan, resolved, coordinate), table, data, n * viewLength);
  });
  return { data, shape: [coordinates.length, resolved.height, resolved.width, resolved.channels] };
}
