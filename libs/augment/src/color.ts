// Colour adjustments on float pixels in [0, 255] (HWC). The torchvision definitions, generalised
// to any channel count: luminance is ITU-R 601-2 for 3 channels and the plain channel mean
// otherwise, so saturation (a blend towards luminance) is a no-op on 1-channel images, and hue
// (defined through HSV) is applied only to 3-channel images and is a no-op for any other count.

import { createImage, imageFromFloats, scratchValues, toByte, type FloatValues, type HwcImage } from './image.js';

const RGB_LUMA = [0.299, 0.587, 0.114] as const;

/** Pixel luminance at `offset` of an HWC buffer. */
export function luminanceAt(pixels: ArrayLike<number>, offset: number, channels: number): number {
  if (channels === 3) {
    return RGB_LUMA[0] * pixels[offset] + RGB_LUMA[1] * pixels[offset + 1] + RGB_LUMA[2] * pixels[offset + 2];
  }
  let sum = 0;
  for (let c = 0; c < channels; c++) sum += pixels[offset + c];
  return sum / channels;
}

// Branch-free selection: the candidates are stored in a small array and the answer is read at an
// index computed from comparisons. The same value as the if/else it replaces, but the time no
// longer depends on the data (noisy images made every clamp and hue sector branch a coin flip).
// Plain arrays of doubles (0.5 placeholders keep them so), not typed arrays: see scratchFloats.
/** [value, 0, 255]: clamp255 reads entry (value < 0) + 2 (value > 255). */
const CLAMP_CHOICES = [0.5, 0, 255];

function clamp255(value: number): number {
  CLAMP_CHOICES[0] = value;
  return CLAMP_CHOICES[+(value < 0) + 2 * +(value > 255)];
}

/** Multiplies every value by `factor`. */
export function adjustBrightness(pixels: FloatValues, factor: number): void {
  for (let i = 0; i < pixels.length; i++) pixels[i] = clamp255(pixels[i] * factor);
}

/** Blends every value towards the image's mean luminance: factor 0 gives flat grey, 1 the identity. */
export function adjustContrast(pixels: FloatValues, channels: number, factor: number): void {
  let sum = 0;
  for (let offset = 0; offset < pixels.length; offset += channels) sum += luminanceAt(pixels, offset, channels);
  const mean = sum / (pixels.length / channels);
  const meanPart = (1 - factor) * mean;
  for (let i = 0; i < pixels.length; i++) pixels[i] = clamp255(factor * pixels[i] + meanPart);
}

/** Blends each pixel towards its own luminance: factor 0 gives greyscale, 1 the identity. */
export function adjustSaturation(pixels: FloatValues, channels: number, factor: number): void {
  for (let offset = 0; offset < pixels.length; offset += channels) {
    const grayPart = (1 - factor) * luminanceAt(pixels, offset, channels);
    for (let c = 0; c < channels; c++) {
      pixels[offset + c] = clamp255(factor * pixels[offset + c] + grayPart);
    }
  }
}

/** Two candidates for a branch-free max or min (the larger or smaller of equal values is the same value). */
const PAIR = [0.5, 0.5];
/** [max, min, rising, falling] of the pixel being rotated, read through the sector tables below. */
const HUE_VALUES = [0.5, 0.5, 0.5, 0.5];
/**
 * For HSV sector 0..6 (6 is 0 again: hue can reach 1), which HUE_VALUES entry becomes red, green
 * and blue: sector 0 is (max, rising, min), 1 (falling, max, min), 2 (min, max, rising),
 * 3 (min, falling, max), 4 (rising, min, max), 5 (max, min, falling).
 */
const SECTOR_RED = [0, 3, 1, 1, 2, 0, 0];
const SECTOR_GREEN = [2, 0, 0, 3, 1, 1, 2];
const SECTOR_BLUE = [1, 1, 2, 0, 0, 3, 1];

/** Channel index after 0, 1, 2, twice round: the hue numerator's channels for each maximum. */
const NEXT_CHANNEL = [1, 2, 0, 1];

/** Rotates hue by `shift` turns (in [-0.5, 0.5]) through HSV; only 3-channel images change. */
export function adjustHue(pixels: FloatValues, channels: number, shift: number): void {
  if (channels !== 3) return;
  for (let offset = 0; offset < pixels.length; offset += 3) {
    const r = pixels[offset];
    const g = pixels[offset + 1];
    const b = pixels[offset + 2];
    PAIR[0] = r;
    PAIR[1] = g;
    const high = PAIR[+(g > r)];
    const low = PAIR[+(g < r)];
    PAIR[0] = high;
    PAIR[1] = b;
    const max = PAIR[+(b > high)];
    PAIR[0] = low;
    const min = PAIR[+(b < low)];
    const delta = max - min;
    if (delta === 0) continue;
    // The channel holding the maximum (red first on ties, then green): its HSV sector base 0, 2 or 4
    // and the two channels that follow it give (g - b) / delta, (b - r) / delta + 2 or (r - g) / delta + 4.
    const redIsMax = +(max === r);
    const maxChannel = (1 - redIsMax) * (2 - +(max === g));
    const following = pixels[offset + NEXT_CHANNEL[maxChannel]] - pixels[offset + NEXT_CHANNEL[maxChannel + 1]];
    // + 0 for red: the quotient is never -0 (a difference of equal values is +0), so adding 0 keeps it.
    const sector = following / delta + 2 * maxChannel;
    let hue = sector / 6 + shift;
    hue -= Math.floor(hue);
    const scaled = hue * 6;
    const whole = Math.floor(scaled);
    const fraction = scaled - whole;
    const saturation = delta / max;
    HUE_VALUES[0] = max;
    HUE_VALUES[1] = min;
    HUE_VALUES[2] = max * (1 - saturation * (1 - fraction));
    HUE_VALUES[3] = max * (1 - saturation * fraction);
    const sectorIndex = whole | 0;
    pixels[offset] = HUE_VALUES[SECTOR_RED[sectorIndex]];
    pixels[offset + 1] = HUE_VALUES[SECTOR_GREEN[sectorIndex]];
    pixels[offset + 2] = HUE_VALUES[SECTOR_BLUE[sectorIndex]];
  }
}

export interface JitterFactors {
  brightness: number;
  contrast: number;
  saturation: number;
  hue: number;
  /** Application order, a permutation of [0 brightness, 1 contrast, 2 saturation, 3 hue]. */
  order: readonly number[];
}

/** Applies brightness, contrast, saturation and hue in `factors.order`, clamping after each and rounding once. */
export function colorJitter(image: HwcImage, factors: JitterFactors): HwcImage {
  const { data, channels } = image;
  // The per-step passes over a reused buffer (a fused per-pixel pass measured no faster: each step is one tight loop).
  const pixels = scratchValues(data.length);
  for (let i = 0; i < data.length; i++) pixels[i] = data[i];
  for (const step of factors.order) {
    if (step === 0) adjustBrightness(pixels, factors.brightness);
    else if (step === 1) adjustContrast(pixels, channels, factors.contrast);
    else if (step === 2) adjustSaturation(pixels, channels, factors.saturation);
    else adjustHue(pixels, channels, factors.hue);
  }
  return imageFromFloats(pixels, image.height, image.width, channels);
}

/** RGB_LUMA[c] * v for every byte value v, at [c * 256 + v]: the same products as computed per pixel. */
const LUMA_PRODUCTS = Float64Array.from({ length: 3 * 256 }, (_, i) => RGB_LUMA[Math.floor(i / 256) as 0 | 1 | 2] * (i % 256));

/** Replaces every channel of each pixel by the pixel's luminance (a no-op for 1 channel). */
export function grayscale(image: HwcImage): HwcImage {
  if (image.channels === 3) {
    // adjustSaturation with factor 0 on bytes: (1 - 0) * luminance is the luminance, 0 * v + it is it.
    const { data } = image;
    const out = createImage(image.height, image.width, 3);
    for (let i = 0; i < data.length; i += 3) {
      const gray = toByte(LUMA_PRODUCTS[data[i]] + LUMA_PRODUCTS[256 + data[i + 1]] + LUMA_PRODUCTS[512 + data[i + 2]]);
      out.data[i] = gray;
      out.data[i + 1] = gray;
      out.data[i + 2] = gray;
    }
    return out;
  }
  const pixels = Float64Array.from(image.data);
  adjustSaturation(pixels, image.channels, 0);
  return imageFromFloats(pixels, image.height, image.width, image.channels);
}

/** Inverts every value at or above `threshold` (torchvision's solarize: v >= t -> 255 - v). */
export function solarize(image: HwcImage, threshold: number): HwcImage {
  const data = image.data.map((value) => (value >= threshold ? 255 - value : value));
  return { ...image, data };
}
