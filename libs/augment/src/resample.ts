import { assertImage, createImage, scratchFloats, toByte, type HwcImage } from './image.js';

/** An integer pixel rectangle inside an image. */
export interface CropBox {
  top: number;
  left: number;
  height: number;
  width: number;
}

interface AxisTaps {
  /** First input index read by each output index. */
  first: Int32Array;
  /** Number of input indices read by each output index. */
  count: Int32Array;
  /** Normalised weights, `maxTaps` slots per output index. */
  weights: Float64Array;
  maxTaps: number;
}

// Triangle (bilinear) filter with pixel centres at i + 0.5. When shrinking, the triangle is
// widened by the scale factor, as PIL does, so downsampling averages instead of aliasing;
// when enlarging it is plain bilinear interpolation with edge clamping.
function axisTaps(start: number, inSize: number, outSize: number): AxisTaps {
  const scale = inSize / outSize;
  const support = Math.max(scale, 1);
  const maxTaps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * maxTaps);
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale;
    const low = Math.max(0, Math.floor(centre - support));
    const high = Math.min(inSize, Math.ceil(centre + support));
    let total = 0;
    let taps = 0;
    for (let i = low; i < high; i++) {
      const weight = 1 - Math.abs(i + 0.5 - centre) / support;
      weights[o * maxTaps + taps] = weight > 0 ? weight : 0;
      total += weights[o * maxTaps + taps];
      taps++;
    }
    for (let t = 0; t < taps; t++) weights[o * maxTaps + t] /= total;
    first[o] = start + low;
    count[o] = taps;
  }
  return { first, count, weights, maxTaps };
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
  const columns = axisTaps(left, width, outWidth);
  const rows = axisTaps(top, height, outHeight);
  // Horizontal pass over the crop rows into float, then vertical pass; rounding happens once.
  const source = image.data;
  const rowLength = outWidth * channels;
  const horizontal = scratchFloats(height * rowLength);
  const { first: columnFirst, count: columnCount, weights: columnWeights, maxTaps: columnMaxTaps } = columns;
  for (let y = 0; y < height; y++) {
    const rowBase = (top + y) * image.width;
    for (let x = 0; x < outWidth; x++) {
      const outBase = y * rowLength + x * channels;
      const taps = columnCount[x];
      const weightBase = x * columnMaxTaps;
      const inStart = (rowBase + columnFirst[x]) * channels;
      if (channels === 3) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let t = 0, inBase = inStart; t < taps; t++, inBase += 3) {
          const weight = columnWeights[weightBase + t];
          r += weight * source[inBase];
          g += weight * source[inBase + 1];
          b += weight * source[inBase + 2];
        }
        horizontal[outBase] = r;
        horizontal[outBase + 1] = g;
        horizontal[outBase + 2] = b;
      } else {
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          for (let t = 0; t < taps; t++) sum += columnWeights[weightBase + t] * source[inStart + t * channels + c];
          horizontal[outBase + c] = sum;
        }
      }
    }
  }
  const out = createImage(outHeight, outWidth, channels);
  const outData = out.data;
  const { first: rowFirst, count: rowCount, weights: rowWeights, maxTaps: rowMaxTaps } = rows;
  for (let y = 0; y < outHeight; y++) {
    const taps = rowCount[y];
    const weightBase = y * rowMaxTaps;
    const inStart = (rowFirst[y] - top) * rowLength;
    const outRow = y * rowLength;
    for (let x = 0; x < outWidth; x++) {
      const to = outRow + (mirror ? outWidth - 1 - x : x) * channels;
      for (let c = 0; c < channels; c++) {
        const i = inStart + x * channels + c;
        // Tap by tap in order; the first product is the sum so far (0 + v is v: weights and pixels are non-negative).
        let sum = rowWeights[weightBase] * horizontal[i];
        for (let t = 1; t < taps; t++) sum += rowWeights[weightBase + t] * horizontal[i + t * rowLength];
        outData[to + c] = toByte(sum);
      }
    }
  }
  return out;
}

/** Resizes the whole image (bilinear, antialiased when shrinking). */
export function resize(image: HwcImage, outHeight: number, outWidth: number): HwcImage {
  return cropResize(image, { top: 0, left: 0, height: image.height, width: image.width }, outHeight, outWidth);
}
