/** Reorders an NHWC float buffer (what tfjs models take) into NCHW (what the exported ONNX model takes). */
export function nhwcToNchw(data: Float32Array, [n, h, w, c]: readonly [number, number, number, number]): Float32Array {
  if (data.length !== n * h * w * c) throw new Error(`nhwcToNchw: ${data.length} values for shape [${n}, ${h}, ${w}, ${c}]`);
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let k = 0; k < c; k++) out[((b * c + k) * h + y) * w + x] = data[((b * h + y) * w + x) * c + k]!;
      }
    }
  }
  return out;
}
