import * as tf from '@tensorflow/tfjs';
import {
  convAxes,
  filterGradientPadAfter,
  inputGradientPhases,
  inputGradientWindow,
  type PhaseAxis,
  requireChannelsLast,
  type Conv2DInfo,
} from './conv-geometry.js';
import type { CompositeKernelArgs, WasmKernelScope } from './kernel-scope.js';

// Gradients of (depthwise) 2-D convolutions rewritten as forward convolutions, so that the
// work runs in the wasm backend's XNNPACK convolution instead of scalar loops.

type Shape4D = [number, number, number, number];
type ForwardConvKernel = 'Conv2D' | 'DepthwiseConv2dNative';

function shape4D(info: tf.TensorInfo, name: string, kernelName: string): Shape4D {
  if (info.shape.length !== 4) {
    throw new Error(`${kernelName}: ${name} must be rank 4 (NHWC), got shape [${info.shape.join(', ')}]`);
  }
  return info.shape as Shape4D;
}

function convInfo(
  kernelName: string,
  inShape: Shape4D,
  filterShape: Shape4D,
  attrs: tf.NamedAttrMap,
  depthwise: boolean,
): Conv2DInfo {
  const dataFormat = tf.backend_util.convertConv2DDataFormat((attrs.dataFormat as 'NHWC' | 'NCHW' | undefined) ?? 'NHWC');
  const info = tf.backend_util.computeConv2DInfo(
    inShape,
    filterShape,
    attrs.strides as [number, number],
    (attrs.dilations as [number, number] | undefined) ?? 1,
    attrs.pad as 'same' | 'valid' | number | tf.backend_util.ExplicitPadding,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    depthwise,
    dataFormat,
  );
  requireChannelsLast(info, kernelName);
  return info;
}

/** A forward convolution with explicit per-side padding [[top, bottom], [left, right]]. */
function forwardConv(
  scope: WasmKernelScope,
  kernel: ForwardConvKernel,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  strides: [number, number],
  dilations: [number, number],
  spatialPads: [[number, number], [number, number]],
): tf.TensorInfo {
  const pad = [[0, 0], ...spatialPads, [0, 0]];
  return scope.run(kernel, { x, filter }, { strides, pad, dilations, dataFormat: 'NHWC' });
}

/**
 * dx of a forward convolution: a stride-1 correlation of the zero-inserted dy with the
 * spatially flipped filter `flipped` (already laid out for `kernel`).
 */
function correlateZeroInsertedGradient(
  scope: WasmKernelScope,
  kernel: ForwardConvKernel,
  dy: tf.TensorInfo,
  flipped: tf.TensorInfo,
  info: Conv2DInfo,
): tf.TensorInfo {
  const [rows, cols] = convAxes(info);
  const rowWindow = inputGradientWindow(rows);
  const colWindow = inputGradientWindow(cols);
  const spread = scope.zeroInsert(dy, rows.stride, cols.stride);
  const [n, , , channels] = spread.shape;
  const window = scope.crop(spread, [0, rowWindow.start, colWindow.start, 0], [n, rowWindow.end, colWindow.end, channels]);
  return forwardConv(scope, kernel, window, flipped, [1, 1], [rows.dilation, cols.dilation], [
    [rowWindow.padBefore, rowWindow.padAfter],
    [colWindow.padBefore, colWindow.padAfter],
  ]);
}

/**
 * The filter of all phase correlations at once, [tapsH, tapsW, Out, phasesH*phasesW*In]: output
 * channel (phaseH*phasesW + phaseW)*In + in holds the flipped taps of w that land on that phase.
 * Built on the host: it is weight-sized, and a gather with structural zeros fits no wasm kernel.
 */
function phaseFilter(scope: WasmKernelScope, filter: tf.TensorInfo, rows: PhaseAxis, cols: PhaseAxis): tf.TensorInfo {
  const [, kw, inChannels, outChannels] = filter.shape as Shape4D;
  const weights = scope.read(filter);
  const phaseChannels = rows.phases * cols.phases * inChannels;
  const combined = new Float32Array(rows.taps * cols.taps * outChannels * phaseChannels);
  for (let tapH = 0; tapH < rows.taps; tapH++)
    for (let tapW = 0; tapW < cols.taps; tapW++)
      for (let phaseH = 0; phaseH < rows.phases; phaseH++)
        for (let phaseW = 0; phaseW < cols.phases; phaseW++) {
          const i = rows.filterIndex(phaseH, tapH);
          const j = cols.filterIndex(phaseW, tapW);
          if (i < 0 || j < 0) continue;
          const source = (i * kw + j) * inChannels * outChannels;
          const target = (tapH * cols.taps + tapW) * outChannels * phaseChannels + (phaseH * cols.phases + phaseW) * inChannels;
          for (let c = 0; c < inChannels; c++)
            for (let o = 0; o < outChannels; o++) combined[target + o * phaseChannels + c] = weights[source + c * outChannels + o]!;
        }
  return scope.fromValues(combined, [rows.taps, cols.taps, outChannels, phaseChannels]);
}

/**
 * [N, H, W, phasesH*phasesW*C] -> [N, H*phasesH, W*phasesW, C], phase-major channels, as one
 * 4-D transpose [N*H, W, phasesH, phasesW*C] -> [N*H, phasesH, W, phasesW*C] (wasm's
 * DepthToSpace does the same about 100x slower).
 */
function interleavePhases(scope: WasmKernelScope, phased: tf.TensorInfo, phasesH: number, phasesW: number): tf.TensorInfo {
  if (phasesH === 1 && phasesW === 1) return phased;
  const [n, h, w, phaseChannels] = phased.shape as Shape4D;
  const channels = phaseChannels / (phasesH * phasesW);
  const rowsFirst = scope.transpose(scope.reshape(phased, [n * h, w, phasesH, phasesW * channels]), [0, 2, 1, 3]);
  return scope.reshape(rowsFirst, [n, h * phasesH, w * phasesW, channels]);
}

/**
 * A 1x1 filter only mixes channels: mix on dy's grid, then spread the result to the input grid
 * (zero insertion of the mixed values; no phase filter of mostly zeros).
 */
function pointwiseInputGradient(scope: WasmKernelScope, dy: tf.TensorInfo, filter: tf.TensorInfo, info: Conv2DInfo): tf.TensorInfo {
  const [rows, cols] = convAxes(info);
  const [, , inChannels, outChannels] = filter.shape as Shape4D;
  const swapped = scope.reshape(scope.transpose(scope.reshape(filter, [inChannels, outChannels]), [1, 0]), [1, 1, outChannels, inChannels]);
  const mixed = forwardConv(scope, 'Conv2D', dy, swapped, [1, 1], [1, 1], [[0, 0], [0, 0]]);
  const spread = scope.zeroInsert(mixed, rows.stride, cols.stride);
  const rowWindow = inputGradientWindow(rows);
  const colWindow = inputGradientWindow(cols);
  const window = scope.crop(spread, [0, rowWindow.start, colWindow.start, 0], [info.batchSize, rowWindow.end, colWindow.end, inChannels]);
  return scope.pad(window, [[0, 0], [rowWindow.padBefore, rowWindow.padAfter], [colWindow.padBefore, colWindow.padAfter], [0, 0]]);
}

/**
 * One stride-1 convolution of dy with the phase filter, then interleaving: a stride-2 3x3
 * gradient does 16/9 of the useful multiplications instead of 4x with zero insertion.
 */
export function conv2DBackpropInput(scope: WasmKernelScope, { inputs, attrs }: CompositeKernelArgs): tf.TensorInfo {
  const kernelName = 'Conv2DBackpropInput';
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const [batch, , , outChannels] = shape4D(dy, 'dy', kernelName);
  const filterShape = shape4D(filter, 'filter', kernelName);
  const info = convInfo(kernelName, attrs.inputShape as Shape4D, filterShape, attrs, false);
  if (filterShape[0] === 1 && filterShape[1] === 1) return pointwiseInputGradient(scope, dy, filter, info);
  const [rows, cols] = convAxes(info).map(inputGradientPhases) as [PhaseAxis, PhaseAxis];
  const window = scope.crop(dy, [0, rows.window.start, cols.window.start, 0], [batch, rows.window.end, cols.window.end, outChannels]);
  const phased = forwardConv(scope, 'Conv2D', window, phaseFilter(scope, filter, rows, cols), [1, 1], [1, 1], [
    [rows.window.padBefore, rows.window.padAfter],
    [cols.window.padBefore, cols.window.padAfter],
  ]);
  return scope.crop(interleavePhases(scope, phased, rows.phases, cols.phases), [0, 0, 0, 0], info.inShape);
}

/**
 * Correlates x (as the convolution input) with dy (as the filter) and keeps the first
 * filterSize positions: dw[k] = sum_o x[k*dilation + o*stride - pad] dy[o].
 */
function correlateInputWithGradient(
  scope: WasmKernelScope,
  kernel: ForwardConvKernel,
  x: tf.TensorInfo,
  dyAsFilter: tf.TensorInfo,
  info: Conv2DInfo,
): tf.TensorInfo {
  const [rows, cols] = convAxes(info);
  const correlation = forwardConv(scope, kernel, x, dyAsFilter, [rows.dilation, cols.dilation], [rows.stride, cols.stride], [
    [rows.padBefore, filterGradientPadAfter(rows)],
    [cols.padBefore, filterGradientPadAfter(cols)],
  ]);
  const [batch, , , channels] = correlation.shape;
  return scope.crop(correlation, [0, 0, 0, 0], [batch, rows.filterSize, cols.filterSize, channels]);
}

export function conv2DBackpropFilter(scope: WasmKernelScope, { inputs, attrs }: CompositeKernelArgs): tf.TensorInfo {
  const kernelName = 'Conv2DBackpropFilter';
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  shape4D(dy, 'dy', kernelName);
  const info = convInfo(kernelName, shape4D(x, 'x', kernelName), attrs.filterShape as Shape4D, attrs, false);
  // Batch becomes the reduced channel axis: x -> [In, H, W, N], dy -> [OH, OW, N, Out].
  const xByChannel = scope.transpose(x, [3, 1, 2, 0]);
  const dyAsFilter = scope.transpose(dy, [1, 2, 0, 3]);
  const byInChannel = correlateInputWithGradient(scope, 'Conv2D', xByChannel, dyAsFilter, info); // [In, KH, KW, Out]
  return scope.transpose(byInChannel, [1, 2, 0, 3]);
}

export function depthwiseConv2dNativeBackpropInput(scope: WasmKernelScope, { inputs, attrs }: CompositeKernelArgs): tf.TensorInfo {
  const kernelName = 'DepthwiseConv2dNativeBackpropInput';
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const [kh, kw, channels, multiplier] = shape4D(filter, 'filter', kernelName);
  shape4D(dy, 'dy', kernelName);
  const info = convInfo(kernelName, attrs.inputShape as Shape4D, [kh, kw, channels, multiplier], attrs, true);
  // Each of the channels*multiplier output channels flows back through its own flipped tap.
  const flipped = scope.reshape(scope.run('Reverse', { x: filter }, { dims: [0, 1] }), [kh, kw, channels * multiplier, 1]);
  const perOutputChannel = correlateZeroInsertedGradient(scope, 'DepthwiseConv2dNative', dy, flipped, info);
  if (multiplier === 1) return perOutputChannel;
  const [n, h, w] = info.inShape;
  return scope.sum(scope.reshape(perOutputChannel, [n, h, w, channels, multiplier]), [4]);
}

export function depthwiseConv2dNativeBackpropFilter(scope: WasmKernelScope, { inputs, attrs }: CompositeKernelArgs): tf.TensorInfo {
  const kernelName = 'DepthwiseConv2dNativeBackpropFilter';
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const [n, h, w, channels] = shape4D(x, 'x', kernelName);
  const [, outH, outW] = shape4D(dy, 'dy', kernelName);
  const [kh, kw, , multiplier] = attrs.filterShape as Shape4D;
  const info = convInfo(kernelName, [n, h, w, channels], attrs.filterShape as Shape4D, attrs, true);
  // Every (sample, channel) pair becomes one depthwise channel; samples are summed at the end.
  const xBySampleChannel = scope.reshape(scope.transpose(x, [1, 2, 0, 3]), [1, h, w, n * channels]);
  const dyAsFilter = scope.reshape(scope.transpose(dy, [1, 2, 0, 3]), [outH, outW, n * channels, multiplier]);
  const perSample = correlateInputWithGradient(scope, 'DepthwiseConv2dNative', xBySampleChannel, dyAsFilter, info);
  const bySample = scope.reshape(perSample, [kh, kw, n, channels * multiplier]);
  const summed = n === 1 ? bySample : scope.sum(bySample, [2]);
  return scope.reshape(summed, [kh, kw, channels, multiplier]);
}
