import * as tf from '@tensorflow/tfjs';

import { geometry, oneDnnExpressible } from './conv.js';
import { nativeKernel, type NativeKernelFunc } from './native_kernel.js';

type PoolAttrs = {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/**
 * The pooling geometry of an NHWC input, or undefined for what the cpu kernels keep: empty
 * tensors, rounding oneDNN cannot express, padding as wide as the window (windows wholly in the
 * padding, which oneDNN refuses).
 */
function poolInfo(xShape: number[], attrs: PoolAttrs): tf.backend_util.Conv2DInfo | undefined {
  if (xShape.length !== 4) return undefined;
  const info = tf.backend_util.computePool2DInfo(
    xShape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
  );
  const { top, bottom, left, right } = info.padInfo;
  if (Math.max(top, bottom) >= info.filterHeight || Math.max(left, right) >= info.filterWidth) return undefined;
  return oneDnnExpressible(info);
}

function forward(kind: 'max' | 'avg'): NativeKernelFunc {
  return ({ inputs, backend, attrs }) => {
    const values = backend.float32Values(inputs.x);
    const info = poolInfo(inputs.x.shape, attrs as unknown as PoolAttrs);
    if (!values || !info) return undefined;
    const out = backend.outputBuffer(tf.util.sizeFromShape(info.outShape));
    backend.addon[kind === 'max' ? 'maxPool' : 'avgPool'](values, geometry(info), out);
    return backend.output(info.outShape, out);
  };
}

/** MaxPoolGrad (inputs dy, input, output: the forward's output is not needed) and AvgPoolGrad (dy, input). */
function backward(kind: 'max' | 'avg'): NativeKernelFunc {
  return ({ inputs, backend, attrs }) => {
    const dy = backend.float32Values(inputs.dy);
    const x = backend.float32Values(inputs.input);
    const info = poolInfo(inputs.input.shape, attrs as unknown as PoolAttrs);
    if (!dy || !x || !info || !tf.util.arraysEqual(inputs.dy.shape, info.outShape)) return undefined;
    const dx = backend.outputBuffer(tf.util.sizeFromShape(info.inShape));
    if (kind === 'max') backend.addon.maxPoolGrad(dy, x, geometry(info), dx);
    else backend.addon.avgPoolGrad(dy, geometry(info), dx);
    return backend.output(info.inShape, dx);
  };
}

export const POOL_KERNELS: tf.KernelConfig[] = [
  nativeKernel(tf.MaxPool, forward('max')),
  nativeKernel(tf.AvgPool, forward('avg')),
  nativeKernel(tf.MaxPoolGrad, backward('max')),
  nativeKernel(tf.AvgPoolGrad, backward('avg')),
];
