// How an imported teacher wants its pixels: the views a plan renders (NHWC floats under the plan's
// normalisation) are turned back into [0, 1] pixels and re-encoded by the teacher's own fields,
// e.g. torchvision's `(raw / 255 - mean) / std` in NCHW at 224 px.
import * as tf from '@tensorflow/tfjs';
import { ImportedTeacherError } from './errors.js';

export type TeacherLayout = 'nchw' | 'nhwc';

export interface TeacherInput {
  /** [height, width] the model takes; views of another size are resized (bilinear, half-pixel centres). */
  size: [number, number];
  channels: number;
  layout: TeacherLayout;
  /** Raw 0..255 pixels are divided by this: 255 gives [0, 1] inputs, 1 keeps 0..255 (Caffe-style). */
  scale: number;
  /** Per channel, or one value for all: x = (raw / scale - mean) / std. */
  mean: number[];
  std: number[];
}

/** The normalisation a view plan applied to [0, 1] pixels (one value broadcasts to all channels). */
export interface PixelNormalization {
  mean: number[];
  std: number[];
}

export interface PixelBatch {
  data: Float32Array;
  /** [n, h, w, c] for views; the teacher's layout for converted batches. */
  shape: [number, number, number, number];
}

const perChannel = (values: number[], channel: number) => values.length === 1 ? values[0]! : values[channel]!;

/** The teacher's input tensor for a batch of views: re-normalised, resized and laid out as it expects. */
export function toTeacherPixels(views: PixelBatch, from: PixelNormalization, input: TeacherInput): PixelBatch {
  const [n, h, w, c] = views.shape;
  if (c !== input.channels) throw new ImportedTeacherError('input.channels', `the views have ${c} channel(s), the teacher takes ${input.channels}`);
  // One affine map per channel: view value -> [0, 1] pixel -> teacher value.
  const gain = new Float32Array(c);
  const offset = new Float32Array(c);
  for (let ch = 0; ch < c; ch++) {
    const toRaw = 255 / input.scale / perChannel(input.std, ch);
    gain[ch] = perChannel(from.std, ch) * toRaw;
    offset[ch] = perChannel(from.mean, ch) * toRaw - perChannel(input.mean, ch) / perChannel(input.std, ch);
  }
  let data: Float32Array = new Float32Array(views.data.length);
  for (let i = 0; i < data.length; i++) {
    const ch = i % c;
    data[i] = views.data[i]! * gain[ch]! + offset[ch]!;
  }
  const [height, width] = input.size;
  if (height !== h || width !== w) {
    // Bilinear resizing is linear, so resizing after the per-channel affine map equals resizing the pixels.
    data = tf.tidy(() => tf.image.resizeBilinear(tf.tensor4d(data, [n, h, w, c]), [height, width], false, true).dataSync() as Float32Array);
  }
  if (input.layout === 'nhwc') return { data, shape: [n, height, width, c] };
  const planar = new Float32Array(data.length);
  const plane = height * width;
  for (let b = 0; b < n; b++) {
    const base = b * plane * c;
    for (let p = 0; p < plane; p++) {
      for (let ch = 0; ch < c; ch++) planar[base + ch * plane + p] = data[base + p * c + ch]!;
    }
  }
  return { data: planar, shape: [n, c, height, width] };
}
