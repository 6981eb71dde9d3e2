import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  CPU_TOLERANCE, expectClose, nativeDisabled, nativeVsCpuError, randomInput, requireNativeBackend, runKernel, runOn, type Input,
} from './testing/compare.js';

type Shape4D = [number, number, number, number];
type PoolPad = 'same' | 'valid' | number;

/**
 * The gradient of average pooling by definition: each output spreads dy over the window's pixels
 * inside the input, divided by their count, as the forward pass averaged them. The cpu backend
 * divides by the whole window, padding included, which is not the gradient of its own forward
 * pass where a window overlaps the padding; native gives the true gradient (as TensorFlow does).
 */
function avgPoolGradReference(dy: Input, info: tf.backend_util.Conv2DInfo): Float64Array {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const dx = new Float64Array(batchSize * inHeight * inWidth * channels);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const top = oh * info.strideHeight - info.padInfo.top;
        const left = ow * info.strideWidth - info.padInfo.left;
        const rows = [...Array(info.filterHeight).keys()].map((k) => top + k).filter((ih) => ih >= 0 && ih < inHeight);
        const cols = [...Array(info.filterWidth).keys()].map((k) => left + k).filter((iw) => iw >= 0 && iw < inWidth);
        const count = rows.length * cols.length;
        for (const ih of rows) {
          for (const iw of cols) {
            for (let c = 0; c < channels; c++) {
              dx[((b * inHeight + ih) * inWidth + iw) * channels + c] += dy.values[((b * outHeight + oh) * outWidth + ow) * channels + c] / count;
            }
          }
        }
      }
    }
  }
  return dx;
}

/** MaxPool, AvgPool and MaxPoolGrad on native vs cpu; AvgPoolGrad on native vs its definition. */
async function poolError(xShape: Shape4D, filterSize: number | [number, number], strides: number | [number, number], pad: PoolPad, seed: number) {
  const info = tf.backend_util.computePool2DInfo(xShape, filterSize, strides, 1, pad, pad === 1 ? 'floor' : undefined);
  const attrs = { filterSize, strides, pad, dimRoundingMode: pad === 1 ? 'floor' : undefined };
  const inputs = { x: randomInput(xShape, seed), dy: randomInput(info.outShape, seed + 1) };
  const [avgGrad] = await runOn('native', inputs, ({ x, dy }) => runKernel(tf.AvgPoolGrad, { dy, input: x }, attrs));
  expectClose([avgGrad!], [{ shape: xShape, values: avgPoolGradReference(inputs.dy, info) }], 'AvgPoolGrad');
  return nativeVsCpuError(inputs, ({ x, dy }) => {
    const maxOut = runKernel(tf.MaxPool, { x }, attrs);
    return [
      maxOut,
      runKernel(tf.AvgPool, { x }, attrs),
      runKernel(tf.MaxPoolGrad, { dy, input: x, output: maxOut }, attrs),
    ];
  });
}

describe.skipIf(nativeDisabled)('native pooling kernels match the cpu backend', () => {
  beforeAll(requireNativeBackend);

  const grid = [1, 2, 3].flatMap((filter) =>
    [1, 2, 3].flatMap((stride) =>
      // A numeric pad of 1 around a 1-px window makes windows of padding only (-Infinity maxima).
      ((filter === 1 ? ['same', 'valid'] : ['same', 'valid', 1]) as PoolPad[]).flatMap((pad) => [1, 3].map((batch) => ({ filter, stride, pad, batch }))),
    ),
  );

  it.each(grid)('window $filter stride $stride pad $pad batch $batch', async ({ filter, stride, pad, batch }) => {
    expect(await poolError([batch, 9, 11, 5], filter, stride, pad, 40), `w${filter} s${stride} ${pad} b${batch}`).toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it.each([
    { name: 'non-square window and stride', shape: [2, 10, 7, 3] as Shape4D, filter: [3, 2] as [number, number], stride: [2, 1] as [number, number] },
    { name: 'window larger than the input (same)', shape: [1, 3, 4, 2] as Shape4D, filter: 5, stride: 2 },
    { name: 'channels above the SIMD block', shape: [2, 13, 13, 40] as Shape4D, filter: 3, stride: 2 },
    { name: 'a batch split by images, not channels', shape: [9, 13, 11, 20] as Shape4D, filter: 3, stride: 2 },
  ])('$name', async ({ shape, filter, stride }) => {
    expect(await poolError(shape, filter, stride, 'same', 41)).toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it('the ResNet stem pool: 3x3 stride 2 same on [2, 112, 112, 8] and odd 113 px', async () => {
    expect(await poolError([2, 112, 112, 8], 3, 2, 'same', 42), '112 px').toBeLessThanOrEqual(CPU_TOLERANCE);
    expect(await poolError([1, 113, 113, 8], 3, 2, 'same', 43), '113 px').toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it('the reference agrees with the cpu backend where no window overlaps the padding', async () => {
    const xShape: Shape4D = [2, 9, 11, 3];
    const info = tf.backend_util.computePool2DInfo(xShape, 3, 2, 1, 'valid');
    const inputs = { x: randomInput(xShape, 45), dy: randomInput(info.outShape, 46) };
    const cpu = await runOn('cpu', inputs, ({ x, dy }) => runKernel(tf.AvgPoolGrad, { dy, input: x }, { filterSize: 3, strides: 2, pad: 'valid' }));
    expectClose(cpu, [{ shape: xShape, values: avgPoolGradReference(inputs.dy, info) }], 'reference');
  });

  it('MaxPoolGrad gives a tied window\'s dy to its first maximum, as the cpu backend', async () => {
    for (const batch of [1, 9]) {
      const x = randomInput([batch, 10, 9, 18], 47);
      x.values = x.values.map((v) => Math.round(v)); // -1, 0, 1: most windows tie
      const attrs = { filterSize: 3, strides: 2, pad: 'same' };
      const info = tf.backend_util.computePool2DInfo([batch, 10, 9, 18], 3, 2, 1, 'same');
      const inputs = { x, dy: randomInput(info.outShape, 48) };
      expect(await nativeVsCpuError(inputs, ({ x: input, dy }) =>
        runKernel(tf.MaxPoolGrad, { dy, input, output: runKernel(tf.MaxPool, { x: input }, attrs) }, attrs)), `batch ${batch}`).toBeLessThanOrEqual(CPU_TOLERANCE);
    }
  });

  it('gradients through tf.maxPool / tf.avgPool (valid), with no tensor left behind', async () => {
    const inputs = { x: randomInput([2, 16, 16, 6], 44) };
    expect(await nativeVsCpuError(inputs, ({ x }) =>
      tf.grads((input: tf.Tensor) => tf.add(
        tf.maxPool(input as tf.Tensor4D, 3, 2, 'same').square().sum(),
        tf.avgPool(input as tf.Tensor4D, 2, 2, 'valid').sum(),
      ))([x]))).toBeLessThanOrEqual(CPU_TOLERANCE);
  });
});
