import { assertImage, createImage, doubleArray, scratchFloats, toByte, type HwcImage } from './image.js';
import { weightedRows } from './weighted-rows.js';

/** An integer pixel rectangle inside an image. */
export interface CropBox {
  top: number;
  left: number;
  height: number;
  width: number;
}

/** Plain arrays, read per output value (see scratchFloats in image.ts). */
interface AxisTaps {
  /** First input index read by each output index. */
  first: number[];
  /** Weights, `taps` per output index: the same number for every output, so the loops run evenly. */
  weights: number[];
  taps: number;
}

// Triangle (bilinear) filter with pixel centres at i + 0.5. When shrinking, the triangle is
// widened by the scale factor, as PIL does, so downsampling averages instead of aliasing;
// when enlarging it is plain bilinear interpolation with edge clamping.
//
// Zero weights at the ends of an output's window are dropped, and the windows are then padded
// with zero weights to one common length: with non-negative weights and pixels, a sum starting
// 0 * v + w * u is w * u and s + 0 * v is s, so every output value keeps its bits. Enlarging
// needs two taps instead of three, the same for every output.
function axisTaps(start: number, inSize: number, outSize: number): AxisTaps {
  const scale = inSize / outSize;
  const support = Math.max(scale, 1);
  const maxTaps = Math.ceil(support) * 2 + 1;
  const lows = new Int32Array(outSize);
  const counts = new Int32Array(outSize);
  const raw = new Float64Array(outSize * maxTaps);
  let taps = 1;
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale;
    let low = Math.max(0, Math.floor(centre - support));
    const high = Math.min(inSize, Math.ceil(centre + support));
    let total = 0;
    let count = 0;
    for (let i = low; i < high; i++) {
      const weight = 1 - Math.abs(i + 0.5 - centre) / support;
      raw[o * maxTaps + count] = weight > 0 ? weight : 0;
      total += raw[o * maxTaps + count];
      count++;
    }
    for (let t = 0; t < count; t++) raw[o * maxTaps + t] /= total;
    let skip = 0;
    while (count > 1 && raw[o * maxTaps + skip] === 0) {
      skip++;
      count--;
    }
    while (count > 1 && raw[o * maxTaps + skip + count - 1] === 0) count--;
    low += skip;
    lows[o] = low;
    counts[o] = count;
    raw.copyWithin(o * maxTaps, o * maxTaps + skip, o * maxTaps + skip + count);
    if (count > taps) taps = count;
  }
  const first = Array.from({ length: outSize }, () => 0);
  const weights = Array.from({ length: outSize * taps }, () => 0.5);
  for (let o = 0; o < outSize; o++) {
    for (let t = 0; t < taps; t++) weights[o * taps + t] = 0;
    // Start early enough that the window stays inside the input; the padding zeros go on either side.
    const from = Math.min(lows[o], inSize - taps);
    first[o] = start + from;
    for (let t = 0; t < counts[o]; t++) weights[o * taps + lows[o] - from + t] = raw[o * maxTaps + t];
  }
  return { first, weights, taps };
}

/**
 * Resamples the `box` region of `image` to outHeight x outWidth (separable triangle filter, one
 * rounding); `mirror` writes the columns right to left (a horizontal flip, fused). Each output value
 * is summed tap by tap in a local, in the order of accumulating into an array: the same bits.
 */
export function cropResize(image: HwcImage, box: CropBox, outHeight: number, outWidth: number, mirror = false): HwcImage {
  assertImage(image);
  const { top, left, height, width } = box;
  if (
    ![top, left, height, width].every(Number.isInteger) ||
    top < 0 ||
    left < 0 ||
    height < 1 ||
    width < 1 ||
    top + height > image.height ||
    left + width > image.width
  ) {
    throw new RangeError(
      `crop box ${JSON.stringify(box)} does not fit inside a ${image.height}x${image.width} image`,
    );
  }
  if (!Number.isInteger(outHeight) || !Number.isInteger(outWidth) || outHeight < 1 || outWidth < 1) {
    throw new RangeError(`output size must be positive integers, got ${outHeight}x${outWidth}`);
  }
  const channels = image.channels;
  const rowLength = outWidth * channels;
  const horizontal = scratchFloats(height * rowLength);
  resampleRows(image, top, height, axisTaps(left, width, outWidth), mirror, horizontal);
  const out = createImage(outHeight, outWidth, channels);
  resampleColumns(horizontal, top, rowLength, axisTaps(top, height, outHeight), out.data);
  return out;
}

/**
 * Horizontal pass: each of the `height` rows from `top` resampled to the taps' output width, as
 * floats in `horizontal`; mirrored, output column x takes the taps of column width - 1 - x.
 */
function resampleRows(image: HwcImage, top: number, height: number, columns: AxisTaps, mirror: boolean, horizontal: number[]): void {
  const { data: source, channels } = image;
  const { first, weights, taps } = columns;
  const outWidth = first.length;
  const rowLength = outWidth * channels;
  for (let y = 0; y < height; y++) {
    const rowBase = (top + y) * image.width;
    const outRow = y * rowLength;
    for (let x = 0; x < outWidth; x++) {
      const column = mirror ? outWidth - 1 - x : x;
      const outBase = outRow + x * channels;
      const weightBase = column * taps;
      const inStart = (rowBase + first[column]) * channels;
      if (channels === 3 && taps === 2) {
        const w0 = weights[weightBase];
        const w1 = weights[weightBase + 1];
        horizontal[outBase] = w0 * source[inStart] + w1 * source[inStart + 3];
        horizontal[outBase + 1] = w0 * source[inStart + 1] + w1 * source[inStart + 4];
        horizontal[outBase + 2] = w0 * source[inStart + 2] + w1 * source[inStart + 5];
      } else {
        for (let c = 0; c < channels; c++) {
          let sum = weights[weightBase] * source[inStart + c];
          for (let t = 1; t < taps; t++) sum += weights[weightBase + t] * source[inStart + t * channels + c];
          horizontal[outBase + c] = sum;
        }
      }
    }
  }
}

/** Vertical pass: rows of `horizontal` (the crop's rows from `top`) resampled and rounded into `out`. */
function resampleColumns(horizontal: number[], top: number, rowLength: number, rows: AxisTaps, out: Uint8Array): void {
  const { first, weights, taps } = rows;
  const rowStarts = new Int32Array(taps);
  const rowWeights = Float64Array.from({ length: taps });
  const accumulator = doubleArray(taps === 2 ? 0 : rowLength);
  for (let y = 0; y < first.length; y++) {
    const from = (first[y] - top) * rowLength;
    const outRow = y * rowLength;
    if (taps === 2) {
      // The enlarging case, the common one: two taps, summed and rounded in one loop.
      const w0 = weights[y * 2];
      const w1 = weights[y * 2 + 1];
      const next = from + rowLength;
      for (let i = 0; i < rowLength; i++) out[outRow + i] = toByte(w0 * horizontal[from + i] + w1 * horizontal[next + i]);
      continue;
    }
    for (let t = 0; t < taps; t++) {
      rowStarts[t] = from + t * rowLength;
      rowWeights[t] = weights[y * taps + t];
    }
    weightedRows(horizontal, rowStarts, rowWeights, rowLength, accumulator, 0);
    for (let i = 0; i < rowLength; i++) out[outRow + i] = toByte(accumulator[i]);
  }
}

/** Resizes the whole image (bilinear, antialiased when shrinking). */
export function resize(image: HwcImage, outHeight: number, outWidth: number): HwcImage {
  return cropResize(image, { top: 0, left: 0, height: image.height, width: image.width }, outHeight, outWidth);
}
