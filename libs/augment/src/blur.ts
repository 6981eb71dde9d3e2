import { detExp } from './detmath.js';
import { createImage, doubleArray, scratchFloats, toByte, type HwcImage } from './image.js';
import { weightedRows } from './weighted-rows.js';

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

/**
 * Separable Gaussian blur with reflect padding; float accumulation, one rounding. The reflected
 * source index of every padded position is looked up, not folded per tap, and each output value
 * is summed tap by tap in kernel order in a local: the same float operations in the same order as
 * accumulating into an array, so the same bits.
 */
export function gaussianBlur(image: HwcImage, kernelSize: number, sigma: number): HwcImage {
  const kernel = gaussianKernel1d(kernelSize, sigma);
  const taps = Array.from(kernel); // read per tap per pixel: a plain array (see scratchFloats)
  const half = (kernelSize - 1) / 2;
  const { height, width, channels, data } = image;
  const columns = reflectedIndices(width, half);
  const horizontal = scratchFloats(data.length);
  const rowLength = width * channels;
  // One padded source row as floats: the taps then read consecutive values.
  const padded = doubleArray(columns.length * channels);
  for (let y = 0; y < height; y++) {
    const rowStart = y * rowLength;
    for (let p = 0; p < columns.length; p++) {
      const from = rowStart + columns[p] * channels;
      for (let c = 0; c < channels; c++) padded[p * channels + c] = data[from + c];
    }
    if (channels === 3) {
      for (let x = 0; x < width; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let t = 0, from = x * 3; t < kernelSize; t++, from += 3) {
          const weight = taps[t];
          r += weight * padded[from];
          g += weight * padded[from + 1];
          b += weight * padded[from + 2];
        }
        const out = rowStart + x * 3;
        horizontal[out] = r;
        horizontal[out + 1] = g;
        horizontal[out + 2] = b;
      }
    } else {
      for (let i = 0; i < rowLength; i++) {
        let sum = 0;
        for (let t = 0; t < kernelSize; t++) sum += taps[t] * padded[i + t * channels];
        horizontal[rowStart + i] = sum;
      }
    }
  }
  const rows = reflectedIndices(height, half);
  const out = createImage(height, width, channels);
  const accumulator = doubleArray(rowLength);
  const rowStarts = new Int32Array(kernelSize);
  for (let y = 0; y < height; y++) {
    for (let t = 0; t < kernelSize; t++) rowStarts[t] = rows[y + t] * rowLength;
    weightedRows(horizontal, rowStarts, kernel, rowLength, accumulator, 0);
    const rowStart = y * rowLength;
    for (let i = 0; i < rowLength; i++) out.data[rowStart + i] = toByte(accumulator[i]);
  }
  return out;
}

/** Source index of each padded position -half .. size - 1 + half (stored from 0). */
function reflectedIndices(size: number, half: number): Int32Array {
  const indices = new Int32Array(size + 2 * half);
  for (let i = 0; i < indices.length; i++) indices[i] = reflectIndex(i - half, size);
  return indices;
}
