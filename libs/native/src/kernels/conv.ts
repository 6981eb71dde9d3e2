import * as tf from '@tensorflow/tfjs';

import type { NativeAddon } from '../addon.js';
import { epilogueArgs } from './epilogue.js';
import { nativeKernel, type NativeKernelFunc } from './native_kernel.js';

type Conv2DInfo = tf.backend_util.Conv2DInfo;
type Shape4D = [number, number, number, number];
type ConvAttrs = {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dataFormat?: 'NHWC' | 'NCHW';
  inputShape?: Shape4D;
  filterShape?: Shape4D;
};

/** The 17 integers of csrc/conv_geometry.h. */
export function geometry(info: Conv2DInfo): Int32Array {
  return Int32Array.of(
    info.batchSize, info.inHeight, info.inWidth, info.inChannels,
    info.outHeight, info.outWidth, info.outChannels,
    info.filterHeight, info.filterWidth,
    info.strideHeight, info.strideWidth,
    info.dilationHeight, info.dilationWidth,
    info.padInfo.top, info.padInfo.left, info.padInfo.bottom, info.padInfo.right,
  );
}

/** Whether oneDNN's output size, floor((in + padding - dilated filter) / stride) + 1, is tfjs's. */
function outputSizeAgrees(inSize: number, outSize: number, filter: number, dilation: number, stride: number, padding: number) {
  return Math.floor((inSize + padding - ((filter - 1) * dilation + 1)) / stride) + 1 === outSize;
}

/**
 * The geometry of a channels-last convolution, or undefined for the cases left to the cpu
 * kernels: NCHW, empty tensors, explicit padding whose rounding oneDNN cannot express.
 */
function convInfo(xShape: number[], filterShape: number[], attrs: ConvAttrs, depthwise: boolean): Conv2DInfo | undefined {
  if (attrs.dataFormat === 'NCHW') return undefined;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as Shape4D, filterShape as Shape4D, attrs.strides, attrs.dilations ?? 1, attrs.pad,
    attrs.dimRoundingMode, depthwise,
  );
  return oneDnnExpressible(info);
}

/** The info, when oneDNN computes tfjs's output sizes from it and no size is zero; else undefined. */
export function oneDnnExpressible(info: Conv2DInfo): Conv2DInfo | undefined {
  const sizes = [...info.inShape, ...info.outShape, ...info.filterShape];
  const { padInfo: pad } = info;
  const agrees =
    outputSizeAgrees(info.inHeight, info.outHeight, info.filterHeight, info.dilationHeight, info.strideHeight, pad.top + pad.bottom) &&
    outputSizeAgrees(info.inWidth, info.outWidth, info.filterWidth, info.dilationWidth, info.strideWidth, pad.left + pad.right);
  return agrees && sizes.every((size) => size > 0) ? info : undefined;
}

/** Conv2D / FusedConv2D, or DepthwiseConv2dNative / FusedDepthwiseConv2D. */
function forward(depthwise: boolean): NativeKernelFunc {
  const run: keyof NativeAddon = depthwise ? 'depthwiseConv2d' : 'conv2d';
  return ({ inputs, backend, attrs }) => {
    const { x, filter } = inputs;
    const xValues = backend.float32Values(x);
    const filterValues = backend.float32Values(filter);
    const info = convInfo(x.shape, filter.shape, attrs as ConvAttrs, depthwise);
    if (!xValues || !filterValues || !info) return undefined;
    const epilogue = epilogueArgs(backend, inputs, attrs, 4, info.outChannels);
    if (!epilogue) return undefined;
    const out = backend.outputBuffer(tf.util.sizeFromShape(info.outShape));
    backend.addon[run](xValues, filterValues, geometry(info), out, ...epilogue);
    return backend.output(info.outShape, out);
  };
}

/**
 * A convolution gradient, plain or depthwise: with respect to the input (from dy and the filter;
 * attrs carry the input's shape) or to the filter (from x and dy; attrs carry the filter's shape).
 */
function backprop(depthwise: boolean, wrt: 'input' | 'filter'): NativeKernelFunc {
  const run = `${depthwise ? 'depthwiseConv2d' : 'conv2d'}Backprop${wrt === 'input' ? 'Input' : 'Filter'}` as const;
  return ({ inputs, backend, attrs }) => {
    const convAttrs = attrs as ConvAttrs;
    const [first, second] = wrt === 'input' ? [inputs.dy, inputs.filter] : [inputs.x, inputs.dy];
    const firstValues = backend.float32Values(first);
    const secondValues = backend.float32Values(second);
    const info = wrt === 'input'
      ? convAttrs.inputShape && convInfo(convAttrs.inputShape, inputs.filter.shape, convAttrs, depthwise)
      : convAttrs.filterShape && convInfo(inputs.x.shape, convAttrs.filterShape, convAttrs, depthwise);
    if (!firstValues || !secondValues || !info) return undefined;
    const outShape = wrt === 'input' ? info.inShape : info.filterShape;
    if (wrt === 'input' && info.inChannels <= IMAGE_CHANNELS) {
      const compute = (out: Float32Array, [dy, filter]: Float32Array[]) => backend.addon[run](dy, filter, geometry(info), out);
      return backend.defer({ shape: outShape, inputs: [first, second], compute });
    }
    const gradient = backend.outputBuffer(tf.util.sizeFromShape(outShape));
    backend.addon[run](firstValues, secondValues, geometry(info), gradient);
    return backend.output(outShape, gradient);
  };
}

/**
 * Up to this many input channels, a convolution's input gradient is deferred until read: tfjs's
 * fused convolution computes it whether or not it is needed, and at a network's first layer
 * (an image input, which nothing differentiates) it is not, while its transposed convolution
 * into 1-4 channels costs several times the forward pass (a 224-px ResNet's 7x7 stem: 3.3x).
 */
const IMAGE_CHANNELS = 4;

export const CONV_KERNELS: tf.KernelConfig[] = [
  nativeKernel(tf.Conv2D, forward(false)),
  nativeKernel(tf.FusedConv2D, forward(false)),
  nativeKernel(tf.Conv2DBackpropInput, backprop(false, 'input')),
  nativeKernel(tf.Conv2DBackpropFilter, backprop(false, 'filter')),
  nativeKernel(tf.DepthwiseConv2dNative, forward(true)),
  nativeKernel(tf.FusedDepthwiseConv2D, forward(true)),
  nativeKernel(tf.DepthwiseConv2dNativeBackpropInput, backprop(true, 'input')),
  nativeKernel(tf.DepthwiseConv2dNativeBackpropFilter, backprop(true, 'filter')),
];
