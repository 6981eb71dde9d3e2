import type { FloatValues } from './image.js';

/**
 * out[outAt + i] = weights[0] * source[starts[0] + i] + weights[1] * source[starts[1] + i] + ...
 * for i < length, summed left to right (the first product is the start, as 0 + v is v for the
 * non-negative values here): the same bits as accumulating tap by tap. Four taps go per pass over
 * the row, so the running sums are loaded and stored a quarter as often.
 */
export function weightedRows(
  source: FloatValues,
  starts: Int32Array,
  weights: Float64Array,
  length: number,
  out: FloatValues,
  outAt: number,
): void {
  const taps = weights.length;
  let t: number;
  if (taps >= 4) {
    const w0 = weights[0];
    const w1 = weights[1];
    const w2 = weights[2];
    const w3 = weights[3];
    const a = starts[0];
    const b = starts[1];
    const c = starts[2];
    const d = starts[3];
    for (let i = 0; i < length; i++) {
      out[outAt + i] = w0 * source[a + i] + w1 * source[b + i] + w2 * source[c + i] + w3 * source[d + i];
    }
    t = 4;
  } else {
    const w0 = weights[0];
    const a = starts[0];
    for (let i = 0; i < length; i++) out[outAt + i] = w0 * source[a + i];
    t = 1;
  }
  for (; t + 4 <= taps; t += 4) {
    const w0 = weights[t];
    const w1 = weights[t + 1];
    const w2 = weights[t + 2];
    const w3 = weights[t + 3];
    const a = starts[t];
    const b = starts[t + 1];
    const c = starts[t + 2];
    const d = starts[t + 3];
    for (let i = 0; i < length; i++) {
      out[outAt + i] = out[outAt + i] + w0 * source[a + i] + w1 * source[b + i] + w2 * source[c + i] + w3 * source[d + i];
    }
  }
  for (; t < taps; t++) {
    const weight = weights[t];
    const start = starts[t];
    for (let i = 0; i < length; i++) out[outAt + i] += weight * source[start + i];
  }
}
