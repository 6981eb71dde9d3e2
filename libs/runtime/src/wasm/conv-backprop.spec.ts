import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { maxNormalisedError, runKernelOn, seededTensor, type HostTensor } from '../test-support.js';

const TOLERANCE = 1e-4;
type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;
const PADS: Pad[] = ['same', 'valid', [[0, 0], [1, 2], [2, 0], [0, 0]]];

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: () => {} });
});

function outputShape(xShape: number[], filterShape: number[], strides: number, dilations: number, pad: Pad, depthwise: boolean) {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations,
    pad,
    undefined,
    depthwise,
  );
}

async function expectWasmMatchesCpu(kernelName: string, inputs: Record<string, HostTensor>, attrs: tf.NamedAttrMap) {
  const onWasm = await runKernelOn('wasm', kernelName, inputs, attrs);
  const onCpu = await runKernelOn('cpu', kernelName, inputs, attrs);
  expect(onWasm.shape).toEqual(onCpu.shape);
  return maxNormalisedError(onWasm.values, onCpu.values);
}

describe('Conv2D gradients on wasm match the cpu backend', () => {
  const channelPairs = [[1, 1], [3, 5], [8, 4]] as const;
  const cases = [1, 3, 5, 7].flatMap((kernel) =>
    [1, 2].flatMap((stride) =>
      PADS.flatMap((pad) => [7, 9, 13].flatMap((size) => [1, 7].map((batch) => ({ kernel, stride, pad, size, batch })))),
    ),
  );

  it(`agrees on ${cases.length} shapes (kernel 1/3/5/7, stride 1/2, same/valid/explicit, sizes 7/9/13, batch 1/7)`, async () => {
    const failures: string[] = [];
    for (const [index, { kernel, stride, pad, size, batch }] of cases.entries()) {
      const [inChannels, outChannels] = channelPairs[index % channelPairs.length]!;
      const xShape = [batch, size, size, inChannels];
      const filterShape = [kernel, kernel, inChannels, outChannels];
      const info = outputShape(xShape, filterShape, stride, 1, pad, false);
      if (info.outHeight < 1 || info.outWidth < 1) continue;
      const x = seededTensor(xShape, index * 3 + 1);
      const filter = seededTensor(filterShape, index * 3 + 2);
      const dy = seededTensor(info.outShape, index * 3 + 3);
      const common = { strides: [stride, stride], pad, dataFormat: 'NHWC' };
      const inputError = await expectWasmMatchesCpu('Conv2DBackpropInput', { dy, filter }, { ...common, inputShape: xShape });
      const filterError = await expectWasmMatchesCpu('Conv2DBackpropFilter', { x, dy }, { ...common, filterShape });
      const label = `k${kernel} s${stride} ${JSON.stringify(pad)} ${size}x${size} n${batch} c${inChannels}->${outChannels}`;
      if (!(inputError <= TOLERANCE)) failures.push(`${label}: dx error ${inputError}`);
      if (!(filterError <= TOLERANCE)) failures.push(`${label}: dw error ${filterError}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('Conv2D gradients on wasm match the cpu backend for uneven shapes', () => {
  // Filters smaller than the stride leave phases without taps; unequal strides interleave unevenly.
  const cases: Array<{ filter: [number, number]; strides: [number, number]; pad: Pad; size: [number, number] }> = [
    { filter: [2, 2], strides: [3, 3], pad: 'valid', size: [10, 11] },
    { filter: [2, 2], strides: [3, 3], pad: 'same', size: [10, 11] },
    { filter: [3, 3], strides: [1, 2], pad: 'same', size: [9, 8] },
    { filter: [4, 3], strides: [2, 1], pad: [[0, 0], [2, 0], [1, 1], [0, 0]], size: [9, 7] },
    { filter: [1, 3], strides: [2, 3], pad: 'same', size: [7, 13] },
  ];
  for (const { filter: [kh, kw], strides, pad, size: [h, w] } of cases) {
    it(`filter ${kh}x${kw}, strides ${strides}, ${JSON.stringify(pad)}, input ${h}x${w}`, async () => {
      const xShape = [3, h, w, 2];
      const filterShape = [kh, kw, 2, 3];
      const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], strides, 1, pad);
      const x = seededTensor(xShape, 1);
      const filter = seededTensor(filterShape, 2);
      const dy = seededTensor(info.outShape, 3);
      const common = { strides, pad, dataFormat: 'NHWC' };
      expect(await expectWasmMatchesCpu('Conv2DBackpropInput', { dy, filter }, { ...common, inputShape: xShape })).toBeLessThan(TOLERANCE);
      expect(await expectWasmMatchesCpu('Conv2DBackpropFilter', { x, dy }, { ...common, filterShape })).toBeLessThan(TOLERANCE);
    });
  }
});

/** Forward geometry from tfjs; the sums written out as the definition of a depthwise convolution. */
function naiveDepthwiseGradients(x: HostTensor, filter: HostTensor, dy: HostTensor, info: tf.backend_util.Conv2DInfo) {
  const [n, h, w, channels] = x.shape as [number, number, number, number];
  const [kh, kw, , multiplier] = filter.shape as [number, number, number, number];
  const [, oh, ow, outChannels] = dy.shape as [number, number, number, number];
  const dx = new Float32Array(x.values.length);
  const dw = new Float32Array(filter.values.length);
  for (let b = 0; b < n; b++)
    for (let r = 0; r < oh; r++)
      for (let c = 0; c < ow; c++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const row = r * info.strideHeight + i * info.dilationHeight - info.padInfo.top;
            const col = c * info.strideWidth + j * info.dilationWidth - info.padInfo.left;
            if (row < 0 || row >= h || col < 0 || col >= w) continue;
            for (let ch = 0; ch < channels; ch++)
              for (let m = 0; m < multiplier; m++) {
                const g = dy.values[((b * oh + r) * ow + c) * outChannels + ch * multiplier + m]!;
                const xIndex = ((b * h + row) * w + col) * channels + ch;
                const wIndex = ((i * kw + j) * channels + ch) * multiplier + m;
                dx[xIndex]! += g * filter.values[wIndex]!;
                dw[wIndex]! += g * x.values[xIndex]!;
              }
          }
  return { dx, dw };
}

describe('DepthwiseConv2dNative gradients on wasm match a naive reference', () => {
  // The cpu backend ignores dilations in these two kernels, so it cannot be the reference.
  const cases = [1, 3, 5].flatMap((kernel) =>
    [1, 2].flatMap((stride) =>
      [1, 2].flatMap((dilation) =>
        PADS.flatMap((pad) => [1, 2].map((multiplier) => ({ kernel, stride, dilation, pad, multiplier }))),
      ),
    ),
  );

  it(`agrees on ${cases.length} shapes (kernel 1/3/5, stride 1/2, dilation 1/2, multiplier 1/2, 3 paddings)`, async () => {
    const failures: string[] = [];
    for (const [index, { kernel, stride, dilation, pad, multiplier }] of cases.entries()) {
      const size = [7, 9, 13][index % 3]!;
      const batch = [1, 7][index % 2]!;
      const channels = [1, 3, 4][index % 3]!;
      const xShape = [batch, size, size, channels];
      const filterShape = [kernel, kernel, channels, multiplier];
      const info = outputShape(xShape, filterShape, stride, dilation, pad, true);
      if (info.outHeight < 1 || info.outWidth < 1) continue;
      const x = seededTensor(xShape, index * 3 + 1);
      const filter = seededTensor(filterShape, index * 3 + 2);
      const dy = seededTensor(info.outShape, index * 3 + 3);
      const expected = naiveDepthwiseGradients(x, filter, dy, info);
      const common = { strides: [stride, stride], dilations: [dilation, dilation], pad };
      const dx = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...common, inputShape: xShape });
      const dw = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...common, filterShape });
      expect(dx.shape).toEqual(xShape);
      expect(dw.shape).toEqual(filterShape);
      const label = `k${kernel} s${stride} d${dilation} ${JSON.stringify(pad)} m${multiplier} ${size}x${size} n${batch} c${channels}`;
      const inputError = maxNormalisedError(dx.values, expected.dx);
      const filterError = maxNormalisedError(dw.values, expected.dw);
      if (!(inputError <= TOLERANCE)) failures.push(`${label}: dx error ${inputError}`);
      if (!(filterError <= TOLERANCE)) failures.push(`${label}: dw error ${filterError}`);
    }
    expect(failures).toEqual([]);
  });

  it('the naive reference agrees with the cpu backend where cpu is right (dilation 1)', async () => {
    const xShape = [2, 9, 9, 3];
    const filterShape = [3, 3, 3, 2];
    const info = outputShape(xShape, filterShape, 2, 1, 'same', true);
    const x = seededTensor(xShape, 7);
    const filter = seededTensor(filterShape, 8);
    const dy = seededTensor(info.outShape, 9);
    const expected = naiveDepthwiseGradients(x, filter, dy, info);
    const common = { strides: [2, 2], dilations: [1, 1], pad: 'same' };
    const dx = await runKernelOn('cpu', 'DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...common, inputShape: xShape });
    const dw = await runKernelOn('cpu', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...common, filterShape });
    expect(maxNormalisedError(dx.values, expected.dx)).toBeLessThan(TOLERANCE);
    expect(maxNormalisedError(dw.values, expected.dw)).toBeLessThan(TOLERANCE);
  });
});

describe('composite kernels release their intermediates', () => {
  it('leaves no wasm buffers behind', async () => {
    const backend = tf.backend();
    const before = backend.numDataIds();
    const x = tf.tensor4d(seededTensor([2, 9, 9, 3], 1).values, [2, 9, 9, 3]);
    const filter = tf.tensor4d(seededTensor([3, 3, 3, 4], 2).values, [3, 3, 3, 4]);
    const grads = tf.grads((input: tf.Tensor, f: tf.Tensor) =>
      tf.conv2d(input as tf.Tensor4D, f as tf.Tensor4D, 2, 'same').square().sum(),
    )([x, filter]);
    expect(grads.map((g) => g.shape)).toEqual([x.shape, filter.shape]);
    tf.dispose([x, filter, ...grads]);
    expect(backend.numDataIds()).toBe(before);
  });
});
