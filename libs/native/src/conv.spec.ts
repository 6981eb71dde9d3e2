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

/**
 * Strided 1x1 convolutions (ResNet shortcuts) and channel counts below, at and above the SIMD
 * channel block (8 for AVX2, 16 for AVX-512), at sizes whose per-thread workspaces are large
 * enough for an overflow to reach the heap: oneDNN 2.6's 1x1 filter gradient overflowed its
 * workspace there (conv.cc, needs_unit_stride_gather). isa.spec.ts runs this file under each ISA.
 */
describe.skipIf(nativeDisabled)('native Conv2D kernels on ResNet shortcut shapes', () => {
  beforeAll(requireNativeBackend);

  it('the filter gradient of a 1x1 stride-2 conv on [1,56,56,8] (it corrupted the heap)', async () => {
    const inputs = { x: randomInput([1, 56, 56, 8], 30), w: randomInput([1, 1, 8, 16], 31), dy: randomInput([1, 28, 28, 16], 32) };
    const gradient = ({ x, w, dy }: Record<string, tf.Tensor>) =>
      tf.grad((filter: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 2, 'same').mul(dy).sum())(w);
    const [expected] = await runOn('cpu', inputs, gradient);
    const [actual] = await runOn('native', inputs, gradient);
    expect(actual.shape).toEqual([1, 1, 8, 16]);
    expectClose([actual], [expected], '1x1 stride-2 filter gradient');
    const sum = (values: Float32Array) => values.reduce((total, v) => total + v, 0);
    expect(Math.abs(sum(actual.values) - sum(expected.values))).toBeLessThan(1e-3 * Math.max(1, Math.abs(sum(expected.values))));
  });

  const SHORTCUT_PADS: Pad[] = ['same', 'valid', [[0, 0], [1, 0], [0, 1], [0, 0]]];
  // 3x3 at fewer channel counts: the cpu backend's reference is slow there.
  const grid = [1, 3].flatMap((kernel) =>
    [56, 57].flatMap((size) =>
      (kernel === 1 ? [3, 8, 12, 24] : [3, 12]).flatMap((inChannels) =>
        SHORTCUT_PADS.map((pad) => ({ kernel, size, inChannels, outChannels: inChannels === 8 ? 8 : 16, pad, padding: padName(pad) })),
      ),
    ),
  );

  it.each(grid)(
    'kernel $kernel stride 2 size $size channels $inChannels -> $outChannels pad $padding',
    async ({ kernel, size, inChannels, outChannels, pad }) => {
      const xShape: Shape4D = [1, size, size, inChannels];
      const filterShape: Shape4D = [kernel, kernel, inChannels, outChannels];
      const info = convInfo(xShape, filterShape, 2, 1, pad, false);
      const inputs = { x: randomInput(xShape, 33), filter: randomInput(filterShape, 34), dy: randomInput(info.outShape, 35) };
      const attrs = { strides: 2, pad, dataFormat: 'NHWC', dilations: 1 };
      const label = `k${kernel} s2 ${size}px c${inChannels}->${outChannels} ${padName(pad)}`;
      expect(await nativeVsCpuError(inputs, ({ x, filter, dy }) => [
        runKernel(tf.Conv2D, { x, filter }, attrs),
        runKernel(tf.Conv2DBackpropInput, { dy, filter }, { ...attrs, inputShape: xShape }),
        runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs, filterShape }),
      ]), label).toBeLessThanOrEqual(CPU_TOLERANCE);
    },
  );
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
