import * as tf from '@tensorflow/tfjs';

import { BATCH_NORM_GRAD, CLIP_GRAD, MULTIPLY_SUM, RELU6_GRAD, RELU_GRAD, SIGMOID_GRAD, SQUARE_GRAD } from './kernels/elementwise.js';
import { NATIVE_BACKEND_NAME } from './kernels/native_kernel.js';

/**
 * Gradients that take one or two passes over memory on the native backend where tfjs composes
 * chains of full-size ops (batch norm: a dozen; mean and sum: a tensor of ones, a multiply and
 * a divide; relu: step and multiply; square: two multiplies; clipByValue, which tf.layers.reLU
 * with a maxValue uses: two comparisons, a logical and, zerosLike and a select). Gradients are
 * registered for all backends at once, so each override defers to tfjs's own gradient function
 * on every other backend, and on this one for inputs it does not cover.
 */
type GradientMap = Record<string, () => tf.Tensor>;
/** `tfjs` gives tfjs's own gradients, for an override that replaces only some inputs' ones. */
type NativeGradFunc = (dy: tf.Tensor, saved: tf.Tensor[], attrs: tf.NamedAttrMap, tfjs: () => GradientMap) => GradientMap | undefined;

const OVERRIDDEN = Symbol('ssl-distill native gradient');

function override(kernelName: string, nativeGrad: NativeGradFunc): void {
  const original = tf.getGradient(kernelName);
  if (!original || OVERRIDDEN in original) return;
  tf.registerGradient({
    ...original,
    [OVERRIDDEN]: true,
    gradFunc: (dy, saved, attrs) =>
      (tf.getBackend() === NATIVE_BACKEND_NAME &&
        !Array.isArray(dy) &&
        nativeGrad(dy, saved, attrs, () => original.gradFunc(dy, saved, attrs) as GradientMap)) ||
      original.gradFunc(dy, saved, attrs),
  } as tf.GradConfig);
}

const isFloat = (...tensors: tf.Tensor[]) => tensors.every((t) => t.dtype === 'float32' && t.size > 0);

function runKernel(name: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap = {}) {
  return tf.engine().runKernel(name, inputs, attrs) as tf.Tensor | tf.Tensor[];
}

/** d(reduce over axes)/dx: dy broadcast back over the reduced axes, scaled (1 / count for mean). */
function reductionGrad(mean: boolean): NativeGradFunc {
  return (dy, [x], attrs) => {
    if (!isFloat(dy, x)) return undefined;
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const keptShape = x.shape.map((size, axis) => (axes.includes(axis) ? 1 : size));
    const count = tf.util.sizeFromShape(axes.map((axis) => x.shape[axis]));
    return {
      x: () => tf.broadcastTo(tf.reshape(mean ? tf.div(dy, count) : dy, keptShape), x.shape),
    };
  };
}

/** dy * f'(x) in one pass, for f = relu, relu6, square. */
function derivativeProduct(kernel: string): NativeGradFunc {
  return (dy, [x]) => (isFloat(dy, x) ? { x: () => runKernel(kernel, { a: dy, b: x }) as tf.Tensor } : undefined);
}

/** dy * y * (1 - y) in one pass, from sigmoid's saved output y (tfjs: three full-size ops). */
const sigmoidGrad: NativeGradFunc = (dy, [y]) =>
  isFloat(dy, y) && tf.util.arraysEqual(dy.shape, y.shape) ? { x: () => runKernel(SIGMOID_GRAD, { a: dy, b: y }) as tf.Tensor } : undefined;

/** where(min <= x <= max, dy, 0) in one pass. */
const clipGrad: NativeGradFunc = (dy, [x], attrs) =>
  isFloat(dy, x) && tf.util.arraysEqual(dy.shape, x.shape) ? { x: () => runKernel(CLIP_GRAD, { dy, x }, attrs) as tf.Tensor } : undefined;

/**
 * Multiply with one operand broadcast against a full-size other (the squeeze-excite gate
 * [N,1,1,C], l2-normalize's per-row scale): that operand's gradient, sum(dy * other) over the
 * broadcast axes, in one pass that reads dy and the other operand and writes no full-size product.
 */
const multiplyGrad: NativeGradFunc = (dy, [a, b], _attrs, tfjs) => {
  const viaProductSum = (operand: tf.Tensor, other: tf.Tensor) => {
    const axes = tf.broadcast_util.getReductionAxes(operand.shape, dy.shape);
    if (axes.length === 0 || !isFloat(dy, operand, other) || !tf.util.arraysEqual(other.shape, dy.shape)) return undefined;
    return () => tf.reshape(runKernel(MULTIPLY_SUM, { a: dy, b: other }, { axis: axes }) as tf.Tensor, operand.shape);
  };
  const [derA, derB] = [viaProductSum(a, b), viaProductSum(b, a)];
  if (!derA && !derB) return undefined;
  const own = tfjs();
  return { a: derA ?? own.a, b: derB ?? own.b };
};

/**
 * FusedBatchNorm with rank-1 (per-channel) parameters and a scale, as tf.layers uses it (tfjs
 * cannot differentiate a batch norm without scale: it fails saving the missing input).
 */
const batchNormGrad: NativeGradFunc = (dy, [x, mean, variance, scale], attrs) => {
  const channels = x.shape[x.shape.length - 1];
  const perChannel = [mean, variance, scale].every((t) => t !== undefined && t.rank === 1 && t.size === channels);
  if (!perChannel || !isFloat(dy, x, mean, variance, scale)) return undefined;
  const inputs = { dy, x, mean, variance, scale };
  const [dx, dMean, dVariance, dScale, dOffset] = runKernel(BATCH_NORM_GRAD, inputs, attrs) as tf.Tensor[];
  return { x: () => dx, mean: () => dMean, variance: () => dVariance, scale: () => dScale, offset: () => dOffset };
};

export function registerNativeGradients(): void {
  override(tf.Mean, reductionGrad(true));
  override(tf.Sum, reductionGrad(false));
  override(tf.Relu, derivativeProduct(RELU_GRAD));
  override(tf.Relu6, derivativeProduct(RELU6_GRAD));
  override(tf.Square, derivativeProduct(SQUARE_GRAD));
  override(tf.ClipByValue, clipGrad);
  override(tf.Sigmoid, sigmoidGrad);
  override(tf.FusedBatchNorm, batchNormGrad);
  override(tf.Multiply, multiplyGrad);
}
