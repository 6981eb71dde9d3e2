import { detExp } from './detmath.js';
import { imageFromFloats, type HwcImage } from './image.js';

/** Normalised 1-D Gaussian taps at offsets -(size-1)/2 .. (size-1)/2 (torchvision's kernel). */
export function gaussianKernel1d(size: number, sigma: number): Float64Array {
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) {
    throw new RangeError(`blur kernel size must be a positive odd integer, got ${size}`);
  }
  if (!(sigma > 0)) throw new RangeError(`blur sigma must be positive, got ${sigma}`);
  const half = (size - 1) / 2;
  const kernel = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) {
    const x = (i - half) / sigma;
    kernel[i] = detExp(-0.5 * x * x);
    total += kernel[i];
  }
  for (let i = 0; i < size; i++) kernel[i] /= total;
  return kernel;
}

/** Mirror index without repeating the edge (torch 'reflect' padding), folded for any offset. */
function reflectIndex(index: number, size: number): number {
  if (size === 1) return 0;
  const period = 2 * (size - 1);
  let folded = index % period;
  if (folded < 0) folded += period;
  return folded < size ? folded : period - folded;
}

/** SimCLR's kernel size: about a tenth of the shorter side, made odd (1 means no blur). */
export function blurKernelSize(height: number, width: number): number {
  return Math.floor(Math.floor(0.1 * Math.min(height, width)) / 2) * 2 + 1;
}

/** Separable Gaussian blur with reflect padding; float accumulation, one rounding. */
export function gaussianBlur(image: HwcImage, kernelSize: number, sigma: number): HwcImage {
  const kernel = gaussianKernel1d(kernelSize, sigma);
  const half = (kernelSize - 1) / 2;
  const { height, width, channels } = image;
  const horizontal = new Float64Array(image.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const out = (y * width + x) * channels;
      for (let t = 0; t < kernelSize; t++) {
        const from = (y * width + reflectIndex(x + t - half, width)) * channels;
        for (let c = 0; c < channels; c++) horizontal[out + c] += kernel[t] * image.data[from + c];
      }
    }
  }
  const result = new Float64Array(image.data.length);
  const rowLength = width * channels;
  for (let y = 0; y < height; y++) {
    for (let t = 0; t < kernelSize; t++) {
      const from = reflectIndex(y + t - half, height) * rowLength;
      for (let i = 0; i < rowLength; i++) result[y * rowLength + i] += kernel[t] * horizontal[from + i];
    }
  }
  return imageFromFloats(result, height, width, channels);
}
