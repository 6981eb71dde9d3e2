// Colour adjustments on float pixels in [0, 255] (HWC). The torchvision definitions, generalised
// to any channel count: luminance is ITU-R 601-2 for 3 channels and the plain channel mean
// otherwise, so saturation (a blend towards luminance) is a no-op on 1-channel images, and hue
// (defined through HSV) is applied only to 3-channel images and is a no-op for any other count.

import { createImage, imageFromFloats, scratchFloats, toByte, type HwcImage } from './image.js';

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

function clamp255(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : value;
}

/** Multiplies every value by `factor`. */
export function adjustBrightness(pixels: Float64Array, factor: number): void {
  for (let i = 0; i < pixels.length; i++) pixels[i] = clamp255(pixels[i] * factor);
}

/** Blends every value towards the image's mean luminance: factor 0 gives flat grey, 1 the identity. */
export function adjustContrast(pixels: Float64Array, channels: number, factor: number): void {
  let sum = 0;
  for (let offset = 0; offset < pixels.length; offset += channels) sum += luminanceAt(pixels, offset, channels);
  const mean = sum / (pixels.length / channels);
  const meanPart = (1 - factor) * mean;
  for (let i = 0; i < pixels.length; i++) pixels[i] = clamp255(factor * pixels[i] + meanPart);
}

/** Blends each pixel towards its own luminance: factor 0 gives greyscale, 1 the identity. */
export function adjustSaturation(pixels: Float64Array, channels: number, factor: number): void {
  for (let offset = 0; offset < pixels.length; offset += channels) {
    const grayPart = (1 - factor) * luminanceAt(pixels, offset, channels);
    for (let c = 0; c < channels; c++) {
      pixels[offset + c] = clamp255(factor * pixels[offset + c] + grayPart);
    }
  }
}

/** Rotates hue by `shift` turns (in [-0.5, 0.5]) through HSV; only 3-channel images change. */
export function adjustHue(pixels: Float64Array, channels: number, shift: number): void {
  if (channels !== 3) return;
  for (let offset = 0; offset < pixels.length; offset += 3) {
    const r = pixels[offset];
    const g = pixels[offset + 1];
    const b = pixels[offset + 2];
    // Comparisons rather than Math.max / Math.min (the same values; faster in this loop).
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    const delta = max - min;
    if (delta === 0) continue;
    let sector: number;
    if (max === r) sector = (g - b) / delta;
    else if (max === g) sector = (b - r) / delta + 2;
    else sector = (r - g) / delta + 4;
    let hue = sector / 6 + shift;
    hue -= Math.floor(hue);
    const scaled = hue * 6;
    const whole = Math.floor(scaled);
    const fraction = scaled - whole;
    const saturation = delta / max;
    const falling = max * (1 - saturation * fraction);
    const rising = max * (1 - saturation * (1 - fraction));
    // HSV sector 0..5 to RGB: each channel is max, min, or one of the two ramps.
    switch (whole % 6) {
      case 0:
        pixels[offset] = max;
        pixels[offset + 1] = rising;
        pixels[offset + 2] = min;
        break;
      case 1:
        pixels[offset] = falling;
        pixels[offset + 1] = max;
        pixels[offset + 2] = min;
        break;
      case 2:
        pixels[offset] = min;
        pixels[offset + 1] = max;
        pixels[offset + 2] = rising;
        break;
      case 3:
        pixels[offset] = min;
        pixels[offset + 1] = falling;
        pixels[offset + 2] = max;
        break;
      case 4:
        pixels[offset] = rising;
        pixels[offset + 1] = min;
        pixels[offset + 2] = max;
        break;
      default:
        pixels[offset] = max;
        pixels[offset + 1] = min;
        pixels[offset + 2] = falling;
    }
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
  const pixels = scratchFloats(data.length).subarray(0, data.length);
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
