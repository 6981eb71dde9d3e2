export { createImage, assertImage, type HwcImage, type HwcFloatImage } from './image.js';
export { detExp, detLog } from './detmath.js';
export { Rng, murmur3Words, rngFromInts, seededRandom, shuffledIndices, viewRng } from './rng.js';
export { cropResize, resize, type CropBox } from './resample.js';
export { horizontalFlip, randomResizedCropBox } from './geometry.js';
export {
  adjustBrightness,
  adjustContrast,
  adjustHue,
  adjustSaturation,
  colorJitter,
  grayscale,
  luminanceAt,
  solarize,
  type JitterFactors,
} from './color.js';
export { blurKernelSize, gaussianBlur, gaussianKernel1d } from './blur.js';
export { applyOp, validateOp, type OpName, type OpSpec, type Pipeline } from './ops.js';
export { PRESET_NAMES, TINY_IMAGE_SIDE, isPresetName, presetPipelines, type PresetName } from './presets.js';
export {
  AUGMENT_VERSION,
  DEFAULT_NORMALIZATION,
  DEFAULT_VIEWS_PER_SAMPLE,
  canonicalJson,
  planId,
  planShape,
  resolvePlan,
  validatePlan,
  type FixedPlan,
  type Normalization,
  type OutputSize,
  type ReplayPlan,
  type ResolvedPlan,
  type ViewPlan,
} from './plan.js';
export { augmentView, renderBatch, renderView, type ViewBatch, type ViewCoordinate } from './render.js';
export { viewDigest, type ViewDigestRequest } from './view-digest.js';
