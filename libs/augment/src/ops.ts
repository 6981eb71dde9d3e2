import { gaussianBlur } from './blur.js';
import { colorJitter, grayscale, solarize } from './color.js';
import { horizontalFlip, randomResizedCropBox } from './geometry.js';
import type { HwcImage } from './image.js';
import { cropResize } from './resample.js';
import type { Rng } from './rng.js';
import {
  expectInteger,
  expectKnownKeys,
  expectNumber,
  expectRange,
  expectRecord,
  fail,
} from './validate.js';

/** One random augmentation step; plain JSON so plans can be stored, hashed and sent. */
export type OpSpec =
  /** Always applied; the crop is resampled to the view's output size. */
  | { op: 'randomResizedCrop'; scale: [number, number]; ratio: [number, number] }
  | { op: 'horizontalFlip'; p: number }
  /** Strengths as in torchvision: factors uniform in [max(0, 1 - s), 1 + s], hue shift in [-hue, hue]. */
  | { op: 'colorJitter'; p: number; brightness: number; contrast: number; saturation: number; hue: number }
  | { op: 'grayscale'; p: number }
  | { op: 'gaussianBlur'; p: number; kernelSize: number; sigma: [number, number] }
  | { op: 'solarize'; p: number; threshold: number };

/** The ops one view goes through, in order. */
export type Pipeline = OpSpec[];

export type OpName = OpSpec['op'];

const OP_FIELDS: Record<OpName, readonly string[]> = {
  randomResizedCrop: ['op', 'scale', 'ratio'],
  horizontalFlip: ['op', 'p'],
  colorJitter: ['op', 'p', 'brightness', 'contrast', 'saturation', 'hue'],
  grayscale: ['op', 'p'],
  gaussianBlur: ['op', 'p', 'kernelSize', 'sigma'],
  solarize: ['op', 'p', 'threshold'],
};

function isOpName(value: unknown): value is OpName {
  return typeof value === 'string' && Object.hasOwn(OP_FIELDS, value);
}

/** Checks one op spec; errors name the field by `path` (e.g. "plan.pipelines[0][2].p"). */
export function validateOp(value: unknown, path: string): OpSpec {
  const spec = expectRecord(value, path);
  if (!isOpName(spec.op)) fail(`${path}.op`, `must be one of ${Object.keys(OP_FIELDS).join(', ')}`, spec.op);
  expectKnownKeys(spec, path, OP_FIELDS[spec.op]);
  if (spec.op !== 'randomResizedCrop') expectNumber(spec.p, `${path}.p`, 0, 1);
  switch (spec.op) {
    case 'randomResizedCrop': {
      const scale = expectRange(spec.scale, `${path}.scale`, 0, 1);
      if (scale[1] === 0) fail(`${path}.scale`, 'must allow a non-empty crop', spec.scale);
      const ratio = expectRange(spec.ratio, `${path}.ratio`, 0, Number.MAX_VALUE);
      if (ratio[0] === 0) fail(`${path}.ratio`, 'must be positive', spec.ratio);
      break;
    }
    case 'colorJitter':
      expectNumber(spec.brightness, `${path}.brightness`, 0, Number.MAX_VALUE);
      expectNumber(spec.contrast, `${path}.contrast`, 0, Number.MAX_VALUE);
      expectNumber(spec.saturation, `${path}.saturation`, 0, Number.MAX_VALUE);
      expectNumber(spec.hue, `${path}.hue`, 0, 0.5);
      break;
    case 'gaussianBlur': {
      const size = expectInteger(spec.kernelSize, `${path}.kernelSize`, 1, 255);
      if (size % 2 === 0) fail(`${path}.kernelSize`, 'must be odd', size);
      const sigma = expectRange(spec.sigma, `${path}.sigma`, 0, Number.MAX_VALUE);
      if (sigma[0] === 0) fail(`${path}.sigma`, 'must be positive', spec.sigma);
      break;
    }
    case 'solarize':
      expectNumber(spec.threshold, `${path}.threshold`, 0, 256);
      break;
    case 'horizontalFlip':
    case 'grayscale':
      break;
  }
  return spec as OpSpec;
}

function jitterFactor(rng: Rng, strength: number): number {
  return rng.uniform(Math.max(0, 1 - strength), 1 + strength);
}

/**
 * Applies one op with draws from `rng`. The probability draw comes first and parameters are drawn
 * only when the op fires, so the sequence is a pure function of the seed.
 */
export function applyOp(
  image: HwcImage,
  spec: OpSpec,
  rng: Rng,
  outHeight: number,
  outWidth: number,
): HwcImage {
  if (spec.op === 'randomResizedCrop') {
    const box = randomResizedCropBox(rng, image.height, image.width, spec.scale, spec.ratio);
    return cropResize(image, box, outHeight, outWidth);
  }
  if (!rng.chance(spec.p)) return image;
  switch (spec.op) {
    case 'horizontalFlip':
      return horizontalFlip(image);
    case 'colorJitter': {
      const brightness = jitterFactor(rng, spec.brightness);
      const contrast = jitterFactor(rng, spec.contrast);
      const saturation = jitterFactor(rng, spec.saturation);
      const hue = rng.uniform(-spec.hue, spec.hue);
      return colorJitter(image, { brightness, contrast, saturation, hue, order: rng.permutation(4) });
    }
    case 'grayscale':
      return grayscale(image);
    case 'gaussianBlur':
      return gaussianBlur(image, spec.kernelSize, rng.uniform(spec.sigma[0], spec.sigma[1]));
    case 'solarize':
      return solarize(image, spec.threshold);
  }
}

/**
 * Applies a pipeline's ops in order, like applyOp one by one, with a randomResizedCrop directly
 * followed by a horizontalFlip fused into one pass (the crop writes its columns mirrored). The
 * draws are the same and in the same order (crop box, then the flip's chance), so are the pixels.
 */
export function applyPipeline(image: HwcImage, pipeline: Pipeline, rng: Rng, outHeight: number, outWidth: number): HwcImage {
  let result = image;
  for (let i = 0; i < pipeline.length; i++) {
    const spec = pipeline[i];
    const next = pipeline[i + 1];
    if (spec.op === 'randomResizedCrop' && next?.op === 'horizontalFlip') {
      const box = randomResizedCropBox(rng, result.height, result.width, spec.scale, spec.ratio);
      result = cropResize(result, box, outHeight, outWidth, rng.chance(next.p));
      i++;
    } else {
      result = applyOp(result, spec, rng, outHeight, outWidth);
    }
  }
  return result;
}
