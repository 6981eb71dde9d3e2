import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  expectClose, CPU_TOLERANCE, nativeDisabled, nativeVsCpuError, randomInput, requireNativeBackend, runKernel, runOn,
  type Input,
} from './testing/compare.js';

type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;
type Shape4D = [number, number, number, number];

const EXPLICIT: Pad = [[0, 0], [2, 1], [0, 3], [0, 0]];
const PADS: Pad[] = ['same', 'valid', EXPLICIT];
const padName = (pad: Pad) => (typeof pad === 'string' ? pad : 'explicit');

function convInfo(xShape: Shape4D, filterShape: Shape4D, stride: number, dilation: number, pad: Pad, depthwise: boolean) {
  return tf.backend_util.computeConv2DInfo(xShape, filterShape, stride, dilation, pad, undefined, depthwise);
}

describe.skipIf(nativeDisabled)('native Conv2D kernels match the cpu backend', () => {
  beforeAll(requireNativeBackend);

  const grid = [1, 3, 5, 7].flatMap((kernel) =>
    [1, 2].flatMap((stride) => PADS.flatMap((pad) => [1, 7].map((batch) => ({ kernel, stride, pad, padding: padName(pad), batch })))),
  );

  it.each(grid)('kernel $kernel stride $stride batch $batch pad $padding', async ({ kernel, stride, pad, batch }) => {
    const xShape: Shape4D = [batch, 9, 11, 3];
    const filterShape: Shape4D = [kernel, kernel, 3, 4];
    const info = convInfo(xShape, filterShape, stride, 1, pad, false);
    const inputs = { x: randomInput(xShape, 1), filter: randomInput(filterShape, 2), dy: randomInput(info.outShape, 3) };
    const attrs = { strides: stride, pad, dataFormat: 'NHWC', dilations: 1 };
    const label = `k${kernel} s${stride} ${padName(pad)} b${batch}`;
    expect(await nativeVsCpuError(inputs, ({ x, filter }) => runKernel(tf.Conv2D, { x, filter }, attrs)), `Conv2D ${label}`).toBeLessThanOrEqual(CPU_TOLERANCE);
    expect(await nativeVsCpuError(inputs, ({ dy, filter }) =>
      runKernel(tf.Conv2DBackpropInput, { dy, filter }, { ...attrs, inputShape: xShape })), `Conv2DBackpropInput ${label}`).toBeLessThanOrEqual(CPU_TOLERANCE);
    expect(await nativeVsCpuError(inputs, ({ x, dy }) =>
      runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs, filterShape })), `Conv2DBackpropFilter ${label}`).toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it.each([2, 3])('Conv2D with dilation %i', async (dilation) => {
    const inputs = { x: randomInput([2, 13, 12, 5], 4), filter: randomInput([3, 3, 5, 6], 5) };
    expect(await nativeVsCpuError(inputs, ({ x, filter }) =>
      tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same', 'NHWC', dilation)), `dilation ${dilation}`).toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it.each(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid', 'prelu'] as const)(
    'FusedConv2D with bias and %s',
    async (activation) => {
      const inputs = {
        x: randomInput([3, 10, 9, 4], 6), filter: randomInput([3, 3, 4, 8], 7),
        bias: randomInput([8], 8), alpha: randomInput([8], 9),
      };
      expect(await nativeVsCpuError(inputs, ({ x, filter, bias, alpha }) =>
        tf.fused.conv2d({
          x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, strides: 2, pad: 'same', bias, activation,
          preluActivationWeights: alpha, leakyreluAlpha: 0.3,
        })), activation).toBeLessThanOrEqual(CPU_TOLERANCE);
    },
  );

  it('FusedConv2D with a bias that is not per channel (cpu fallback) and NCHW', async () => {
    const inputs = { x: randomInput([2, 8, 8, 3], 10), filter: randomInput([3, 3, 3, 4], 11), bias: randomInput([8, 1, 4], 12) };
    expect(await nativeVsCpuError(inputs, ({ x, filter, bias }) =>
      tf.fused.conv2d({ x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, strides: 1, pad: 'same', bias, activation: 'relu' })), 'full bias').toBeLessThanOrEqual(CPU_TOLERANCE);
    expect(await nativeVsCpuError(inputs, ({ x, filter }) =>
      runKernel(tf.Conv2D, { x: x.transpose([0, 3, 1, 2]), filter }, { strides: 1, pad: 'valid', dataFormat: 'NCHW', dilations: 1 })), 'NCHW').toBeLessThanOrEqual(CPU_TOLERANCE);
  });
});

/** Depthwise gradients by definition, for dilations (the cpu backend ignores them in backprop). */
function depthwiseBackpropReference(x: Input, filter: Input, dy: Input, info: tf.backend_util.Conv2DInfo) {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const multiplier = outChannels / inChannels;
  const dx = new Float64Array(x.values.length);
  const dfilter = new Float64Array(filter.values.length);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        for (let kh = 0; kh < info.filterHeight; kh++) {
          for (let kw = 0; kw < info.filterWidth; kw++) {
            const ih = oh * info.strideHeight - info.padInfo.top + kh * info.dilationHeight;
            const iw = ow * info.strideWidth - info.padInfo.left + kw * info.dilationWidth;
            if (ih < 0 || ih >= inHeight || iw < 0 || iw >= inWidth) continue;
            for (let c = 0; c < inChannels; c++) {
              for (let q = 0; q < multiplier; q++) {
                const g = dy.values[((b * outHeight + oh) * outWidth + ow) * outChannels + c * multiplier + q];
                const xIndex = ((b * inHeight + ih) * inWidth + iw) * inChannels + c;
                const filterIndex = ((kh * info.filterWidth + kw) * inChannels + c) * multiplier + q;
                dx[xIndex] += g * filter.values[filterIndex];
                dfilter[filterIndex] += g * x.values[xIndex];
              }
            }
          }
        }
      }
    }
  }
  return { dx, dfilter };
}

describe.skipIf(nativeDisabled)('native depthwise kernels', () => {
  beforeAll(requireNativeBackend);

  const grid = [1, 3, 5].flatMap((kernel) =>
    [
      { stride: 1, dilation: 1 }, { stride: 2, dilation: 1 }, { stride: 1, dilation: 2 },
    ].flatMap(({ stride, dilation }) =>
      PADS.flatMap((pad) =>
        [1, 2].flatMap((multiplier) => [1, 7].map((batch) => ({ kernel, stride, dilation, pad, padding: padName(pad), multiplier, batch }))),
      ),
    ),
  );

  it.each(grid)(
    'kernel $kernel stride $stride dilation $dilation multiplier $multiplier batch $batch pad $padding',
    async ({ kernel, stride, dilation, pad, multiplier, batch }) => {
      const xShape: Shape4D = [batch, 9, 11, 3];
      const filterShape: Shape4D = [kernel, kernel, 3, multiplier];
      const info = convInfo(xShape, filterShape, stride, dilation, pad, true);
      const inputs = { x: randomInput(xShape, 20), filter: randomInput(filterShape, 21), dy: randomInput(info.outShape, 22) };
      const attrs = { strides: stride, pad, dilations: dilation, dataFormat: 'NHWC' };
      const label = `k${kernel} s${stride} d${dilation} ${padName(pad)} m${multiplier} b${batch}`;
      expect(await nativeVsCpuError(inputs, ({ x, filter }) =>
        runKernel(tf.DepthwiseConv2dNative, { x, filter }, attrs)), `DepthwiseConv2dNative ${label}`).toBeLessThanOrEqual(CPU_TOLERANCE);
      const backprops = ({ x, filter, dy }: Record<string, tf.Tensor>) => [
        runKernel(tf.DepthwiseConv2dNativeBackpropInput, { dy, filter }, { ...attrs, inputShape: xShape }),
        runKernel(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, { ...attrs, filterShape }),
      ];
      if (dilation === 1) {
        expect(await nativeVsCpuError(inputs, backprops), `depthwise backprops ${label}`).toBeLessThanOrEqual(CPU_TOLERANCE);
      } else {
        const { dx, dfilter } = depthwiseBackpropReference(inputs.x, inputs.filter, inputs.dy, info);
        const expected = [{ shape: xShape, values: dx }, { shape: filterShape, values: dfilter }];
        expectClose(await runOn('native', inputs, backprops), expected, `depthwise backprops ${label}`);
      }
    },
  );

  it('FusedDepthwiseConv2D with bias and relu6', async () => {
    const inputs = { x: randomInput([4, 9, 9, 6], 23), filter: randomInput([3, 3, 6, 1], 24), bias: randomInput([6], 25) };
    expect(await nativeVsCpuError(inputs, ({ x, filter, bias }) =>
      tf.fused.depthwiseConv2d({ x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, strides: 1, pad: 'same', bias, activation: 'relu6' })), 'fused depthwise').toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it('the reference agrees with the cpu backend where the cpu backend is right (dilation 1)', async () => {
    const xShape: Shape4D = [2, 7, 8, 3];
    const filterShape: Shape4D = [3, 3, 3, 2];
    const info = convInfo(xShape, filterShape, 2, 1, 'same', true);
    const inputs = { x: randomInput(xShape, 26), filter: randomInput(filterShape, 27), dy: randomInput(info.outShape, 28) };
    const attrs = { strides: 2, pad: 'same', dilations: 1 };
    const cpu = await runOn('cpu', inputs, ({ x, filter, dy }) => [
      runKernel(tf.DepthwiseConv2dNativeBackpropInput, { dy, filter }, { ...attrs, inputShape: xShape }),
      runKernel(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, { ...attrs, filterShape }),
    ]);
    const { dx, dfilter } = depthwiseBackpropReference(inputs.x, inputs.filter, inputs.dy, info);
    expectClose(cpu, [{ shape: xShape, values: dx }, { shape: filterShape, values: dfilter }], 'reference');
    expect(cpu[0].values.some((v) => v !== 0)).toBe(true);
  });
});
