import { blurKernelSize } from './blur.js';
import type { OpSpec, Pipeline } from './ops.js';

export const PRESET_NAMES = ['simclr', 'mocov2', 'byol'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export function isPresetName(value: unknown): value is PresetName {
  return typeof value === 'string' && (PRESET_NAMES as readonly string[]).includes(value);
}

/**
 * Below this shorter side an image counts as tiny (MNIST's 28 px). Tiny images get two changes:
 * the crop keeps at least 20% of the area (an 8% crop of 28x28 is ~8x8 px, too little of a digit
 * to carry its class), and blur is dropped, as SimCLR does on CIFAR, because the 3-tap kernel
 * with sigma up to 2 averages away most of the detail.
 */
export const TINY_IMAGE_SIDE = 32;
const TINY_MIN_CROP_SCALE = 0.2;

interface PresetRecipe {
  minCropScale: number;
  jitter: { brightness: number; contrast: number; saturation: number; hue: number };
  /** One entry per distinct view pipeline: blur and solarize probabilities. */
  views: readonly { blur: number; solarize: number }[];
}

const RECIPES: Record<PresetName, PresetRecipe> = {
  simclr: {
    minCropScale: 0.08,
    jitter: { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 },
    views: [{ blur: 0.5, solarize: 0 }],
  },
  mocov2: {
    minCropScale: 0.2,
    jitter: { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 },
    views: [{ blur: 0.5, solarize: 0 }],
  },
  // BYOL's asymmetric pair: view 0 always blurred, view 1 rarely blurred but sometimes solarized.
  byol: {
    minCropScale: 0.08,
    jitter: { brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1 },
    views: [
      { blur: 1, solarize: 0 },
      { blur: 0.1, solarize: 0.2 },
    ],
  },
};

/**
 * The view pipelines of a preset, scaled to the image size. View v of a sample uses
 * pipelines[v % pipelines.length]. All ops apply to any channel count (see color.ts for 1 channel).
 */
export function presetPipelines(name: PresetName, shape: { height: number; width: number }): Pipeline[] {
  const recipe = RECIPES[name];
  const shorterSide = Math.min(shape.height, shape.width);
  const tiny = shorterSide < TINY_IMAGE_SIDE;
  const minCropScale = tiny ? Math.max(recipe.minCropScale, TINY_MIN_CROP_SCALE) : recipe.minCropScale;
  const kernelSize = blurKernelSize(shape.height, shape.width);
  return recipe.views.map(({ blur, solarize }) => {
    const pipeline: OpSpec[] = [
      { op: 'randomResizedCrop', scale: [minCropScale, 1], ratio: [3 / 4, 4 / 3] },
      { op: 'horizontalFlip', p: 0.5 },
      { op: 'colorJitter', p: 0.8, ...recipe.jitter },
      { op: 'grayscale', p: 0.2 },
    ];
    if (!tiny && kernelSize > 1 && blur > 0) {
      pipeline.push({ op: 'gaussianBlur', p: blur, kernelSize, sigma: [0.1, 2] });
    }
    if (solarize > 0) pipeline.push({ op: 'solarize', p: solarize, threshold: 128 });
    return pipeline;
  });
}
