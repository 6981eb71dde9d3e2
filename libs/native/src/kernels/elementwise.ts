import * as tf from '@tensorflow/tfjs';

import { isPerChannel } from './epilogue.js';
import { nativeKernel, nativeOnlyKernel, type NativeKernelArgs, type NativeKernelFunc } from './native_kernel.js';

/** A shape left-padded with 1s to `rank`, as the addon's broadcasting expects. */
function padded(shape: number[], rank: number): Int32Array {
  return Int32Array.from([...new Array<number>(rank - shape.length).fill(1), ...shape]);
}

/** Kernels of this backend only, which the gradients in ../gradients.ts call. */
export const RELU_GRAD = 'NativeReluGrad';
export const RELU6_GRAD = 'NativeRelu6Grad';
export const SQUARE_GRAD = 'NativeSquareGrad';
export const SIGMOID_GRAD = 'NativeSigmoidGrad';
export const BATCH_NORM_GRAD = 'NativeBatchNormGrad';
export const CLIP_GRAD = 'NativeClipGrad';
export const MULTIPLY_SUM = 'NativeMultiplySum';

const ADD_CODE = 0;
const MULTIPLY_CODE = 2;

/** Codes of BinaryOp in csrc/kernels.h. */
const BINARY_OPS: Array<[kernelName: string, code: number]> = [
  [tf.Add, ADD_CODE],
  [tf.Sub, 1],
  [tf.Multiply, MULTIPLY_CODE],
  [tf.RealDiv, 3],
  [tf.SquaredDifference, 4],
];
/** dy * (the derivative of relu / relu6 / square at x): inputs a = dy, b = x. */
const DERIVATIVE_PRODUCTS: Array<[kernelName: string, code: number]> = [
  [RELU_GRAD, 5],
  [RELU6_GRAD, 6],
  [SQUARE_GRAD, 7],
  [SIGMOID_GRAD, 8],
];

/**
 * x * 1, as tfjs's swish computes x * alpha and its gradient dy * alpha: x itself, its data shared
 * as Reshape shares it (the values are the product's bit for bit), with no pass over memory and
 * no full-size output buffer.
 */
function timesOne(x: tf.TensorInfo, one: Float32Array, outShape: number[], backend: NativeKernelArgs['backend']): tf.TensorInfo | undefined {
  if (one.length !== 1 || one[0] !== 1 || !tf.util.arraysEqual(x.shape, outShape)) return undefined;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: outShape, dtype: x.dtype };
}

/** Same-shape adds of at least this many values are deferred sums (see addChain). */
const DEFERRED_SUM_MIN_SIZE = 1 << 16;

/**
 * An add whose operand is a deferred sum x + y: (x + y) + c in one pass, where c has the sum's
 * shape or is one row over its innermost dim ([1, ..., 1, C]: a batch norm's mean gradient).
 * tfjs accumulates a batch norm input's gradient as (dx + dVarianceTerm) + dMeanTerm; the sum in
 * between is never written out. Undefined when it does not apply.
 */
function addChain(backend: NativeKernelArgs['backend'], a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo | undefined {
  for (const [sum, other] of [[a, b], [b, a]]) {
    if (!backend.deferredSum(sum)) continue;
    // Reading `other` first: when it shares the sum's data (x + x), that computes the sum.
    const operand = backend.broadcastOperand(other);
    const terms = backend.deferredSum(sum);
    if (!terms || !operand) continue;
    const channels = sum.shape[sum.shape.length - 1];
    const full = tf.util.arraysEqual(operand.shape, sum.shape);
    const row = operand.shape.length <= sum.shape.length && operand.shape.at(-1) === channels && operand.shape.slice(0, -1).every((size) => size === 1);
    const [x, y] = terms.map((term) => backend.float32Values(term));
    if ((!full && !row) || !x || !y) continue;
    const out = backend.outputBuffer(x.length);
    backend.addon.addChain(x, y, operand.values, out);
    return backend.output(sum.shape, out);
  }
  return undefined;
}

function binary(code: number): NativeKernelFunc {
  return ({ inputs: { a, b }, backend }) => {
    const chained = code === ADD_CODE ? addChain(backend, a, b) : undefined;
    if (chained) return chained;
    // A deferred broadcast (tf.broadcastTo's output) is read as its source, never written out.
    const aOperand = backend.broadcastOperand(a);
    const bOperand = backend.broadcastOperand(b);
    if (!aOperand || !bOperand) return undefined;
    const outShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const size = tf.util.sizeFromShape(outShape);
    if (size === 0) return undefined;
    if (code === MULTIPLY_CODE) {
      const alias = timesOne(a, bOperand.values, outShape, backend) ?? timesOne(b, aOperand.values, outShape, backend);
      if (alias) return alias;
    }
    const rank = outShape.length;
    const sameShape = tf.util.arraysEqual(aOperand.shape, outShape) && tf.util.arraysEqual(bOperand.shape, outShape);
    if (code === ADD_CODE && sameShape && size >= DEFERRED_SUM_MIN_SIZE) {
      const shape = Int32Array.from(outShape);
      return backend.defer({
        shape: outShape,
        inputs: [a, b],
        kind: 'sum',
        compute: (out, [aSum, bSum]) => backend.addon.binary(ADD_CODE, aSum, shape, bSum, shape, shape, out),
      });
    }
    const out = backend.outputBuffer(size);
    backend.addon.binary(
      code, aOperand.values, padded(aOperand.shape, rank), bOperand.values, padded(bOperand.shape, rank), Int32Array.from(outShape), out,
    );
    return backend.output(outShape, out);
  };
}

type UnaryParams = (attrs: tf.NamedAttrMap) => [alpha: number, beta: number];

/** Step's alpha (its value at x <= 0); the other ops ignore both. */
const stepAlpha: UnaryParams = (attrs) => [(attrs.alpha as number | undefined) ?? 0, 0];
/** ClipByValue's bounds. */
const clipBounds: UnaryParams = (attrs) => [attrs.clipValueMin as number, attrs.clipValueMax as number];

/** Codes of UnaryOp in csrc/kernels.h, and where each op's two scalars come from. */
const UNARY_OPS: Array<[kernelName: string, code: number, params: UnaryParams]> = [
  [tf.Relu, 0, stepAlpha],
  [tf.Relu6, 1, stepAlpha],
  [tf.Step, 2, stepAlpha],
  [tf.Square, 3, stepAlpha],
  [tf.Neg, 4, stepAlpha],
  [tf.ClipByValue, 5, clipBounds],
  [tf.Abs, 6, stepAlpha],
  [tf.Sigmoid, 7, stepAlpha],
];

function unary(code: number, params: UnaryParams): NativeKernelFunc {
  return ({ inputs: { x }, backend, attrs }) => {
    const values = backend.float32Values(x);
    if (!values) return undefined;
    const out = backend.outputBuffer(values.length);
    backend.addon.unary(code, values, ...params(attrs), out);
    return backend.output(x.shape, out);
  };
}

/** dy where clipValueMin <= x <= clipValueMax, else 0: inputs dy and x of one shape. */
const clipGrad: NativeKernelFunc = ({ inputs: { dy, x }, backend, attrs }) => {
  const dyValues = backend.float32Values(dy);
  const xValues = backend.float32Values(x);
  if (!dyValues || !xValues || dyValues.length === 0 || !tf.util.arraysEqual(dy.shape, x.shape)) return undefined;
  const out = backend.outputBuffer(dyValues.length);
  backend.addon.clipGrad(dyValues, xValues, ...clipBounds(attrs), out);
  return backend.output(x.shape, out);
};

/** Sum and Mean over any axes, without the transpose the cpu kernels do first. */
function reduce(mean: boolean): NativeKernelFunc {
  return ({ inputs: { x }, backend, attrs }) => {
    const values = backend.float32Values(x);
    if (!values || values.length === 0) return undefined;
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const [keptShape] = tf.backend_util.computeOutAndReduceShapes(x.shape, axes);
    const outShape = attrs.keepDims ? tf.backend_util.expandShapeToKeepDim(keptShape, axes) : keptShape;
    const reduced = Int32Array.from(x.shape, (_, dim) => Number(axes.includes(dim)));
    const out = backend.outputBuffer(tf.util.sizeFromShape(keptShape));
    backend.addon.reduceSum(values, Int32Array.from(x.shape), reduced, Number(mean), out);
    return backend.output(outShape, out);
  };
}

/**
 * sum(a * b) over `axis` (keeping them as size-1 dims), a and b of one shape: a broadcast
 * Multiply's gradient (../gradients.ts) without its full-size product, bit for bit Multiply then Sum.
 */
const multiplySum: NativeKernelFunc = ({ inputs: { a, b }, backend, attrs }) => {
  const aValues = backend.float32Values(a);
  const bValues = backend.float32Values(b);
  if (!aValues || !bValues || aValues.length === 0 || !tf.util.arraysEqual(a.shape, b.shape)) return undefined;
  const axes = attrs.axis as number[];
  const outShape = a.shape.map((size, dim) => (axes.includes(dim) ? 1 : size));
  const out = backend.outputBuffer(tf.util.sizeFromShape(outShape));
  backend.addon.reduceSum(aValues, Int32Array.from(a.shape), Int32Array.from(a.shape, (_, dim) => Number(axes.includes(dim))), 0, out, bValues);
  return backend.output(outShape, out);
};

/**
 * Tile where it only broadcasts size-1 dims (tf.broadcastTo, as in the reduction gradients); true
 * repeats go to cpu. Deferred: binary kernels read the source instead (see NativeBackend.defer).
 */
const tile: NativeKernelFunc = ({ inputs: { x }, backend, attrs }) => {
  const values = backend.float32Values(x);
  const reps = attrs.reps as number[];
  const broadcasts = x.shape.every((size, dim) => size === 1 || reps[dim] === 1);
  if (!values || values.length === 0 || reps.length !== x.shape.length || !broadcasts) return undefined;
  const outShape = x.shape.map((size, dim) => size * reps[dim]);
  if (tf.util.sizeFromShape(outShape) === 0) return undefined;
  const xShape = Int32Array.from(x.shape);
  return backend.defer({
    shape: outShape,
    inputs: [x],
    kind: 'broadcast',
    compute: (out, [source]) => backend.addon.broadcastTo(source, xShape, Int32Array.from(outShape), out),
  });
};

/** The sum of same-shape float32 tensors (gradients of a tensor used several times). */
const addN: NativeKernelFunc = ({ inputs, backend }) => {
  const tensors = Object.values(inputs);
  const values = tensors.map((tensor) => backend.float32Values(tensor));
  const shape = tensors[0]?.shape;
  const sameShape = tensors.every((tensor) => tf.util.arraysEqual(tensor.shape, shape));
  if (!sameShape || values.length === 0 || values.some((v) => !v || v.length === 0)) return undefined;
  const out = backend.outputBuffer((values[0] as Float32Array).length);
  backend.addon.addN(values as Float32Array[], out);
  return backend.output(shape, out);
};

type BatchNormInputs = {
  x: tf.TensorInfo;
  mean: tf.TensorInfo;
  variance: tf.TensorInfo;
  offset?: tf.TensorInfo;
  scale?: tf.TensorInfo;
};

/** FusedBatchNorm with per-channel (or scalar) float32 parameters. */
const batchNorm: NativeKernelFunc = ({ inputs, backend, attrs }) => {
  const { x, mean, variance, offset, scale } = inputs as BatchNormInputs;
  const values = backend.float32Values(x);
  const rank = x.shape.length;
  const channels = x.shape[rank - 1];
  const supported = [mean, variance, offset, scale].every(
    (param) =>
      param === undefined ||
      (param.shape.length === mean.shape.length && isPerChannel(param, rank, channels) && backend.float32Values(param)),
  );
  if (!values || values.length === 0 || !supported) return undefined;
  const valuesOf = (param: tf.TensorInfo | undefined) => (param ? (backend.float32Values(param) as Float32Array) : null);
  const out = backend.outputBuffer(values.length);
  const epsilon = (attrs.varianceEpsilon as number | undefined) ?? 0.001;
  backend.addon.batchNorm(
    values, channels, valuesOf(mean) as Float32Array, valuesOf(variance) as Float32Array,
    valuesOf(offset), valuesOf(scale), epsilon, out,
  );
  return backend.output(x.shape, out);
};

/**
 * The gradients of FusedBatchNorm with per-channel parameters (mean, variance, scale), in the
 * order dx, dMean, dVariance, dScale, dOffset; ../gradients.ts calls it only where it applies.
 */
const batchNormGrad: NativeKernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, x, mean, variance, scale } = inputs;
  const [dyValues, xValues, meanValues, varianceValues, scaleValues] = [dy, x, mean, variance, scale].map(
    (t) => t && backend.float32Values(t),
  );
  if (!dyValues || !xValues || !meanValues || !varianceValues || !scaleValues || xValues.length === 0) return undefined;
  const channels = meanValues.length;
  const dx = backend.outputBuffer(xValues.length);
  const [dMean, dVariance, dScale, dOffset] = [0, 1, 2, 3].map(() => backend.outputBuffer(channels));
  const epsilon = (attrs.varianceEpsilon as number | undefined) ?? 0.001;
  backend.addon.batchNormGrad(
    xValues, dyValues, channels, meanValues, varianceValues, scaleValues, epsilon, dx, dMean, dVariance, dScale, dOffset,
  );
  return [backend.output(x.shape, dx), ...[dMean, dVariance, dScale, dOffset].map((values) => backend.output([channels], values))];
};

export const ELEMENTWISE_KERNELS: tf.KernelConfig[] = [
  ...BINARY_OPS.map(([name, code]) => nativeKernel(name, binary(code))),
  ...DERIVATIVE_PRODUCTS.map(([name, code]) => nativeOnlyKernel(name, binary(code))),
  nativeOnlyKernel(BATCH_NORM_GRAD, batchNormGrad),
  nativeKernel(tf.AddN, addN),
  ...UNARY_OPS.map(([name, code, params]) => nativeKernel(name, unary(code, params))),
  nativeOnlyKernel(CLIP_GRAD, clipGrad),
  nativeKernel(tf.Sum, reduce(false)),
  nativeKernel(tf.Mean, reduce(true)),
  nativeOnlyKernel(MULTIPLY_SUM, multiplySum),
  nativeKernel(tf.Tile, tile),
  nativeKernel(tf.FusedBatchNorm, batchNorm),
];
