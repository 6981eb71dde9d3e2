import * as tf from '@tensorflow/tfjs';
import type { CompositeKernel, WasmKernelScope } from './kernel-scope.js';

// Batch normalisation on wasm as per-channel affine maps x*gain + shift, run by XNNPACK as a 1x1
// depthwise convolution with bias: one pass over x. wasm's FusedBatchNorm takes a square root
// and a division per element (about 12x slower).

const AFFINE_ATTRS = { strides: [1, 1], pad: 'valid', dilations: [1, 1], dataFormat: 'NHWC', activation: 'linear' };

function channelsOf(x: { shape: number[] }): number {
  return x.shape[x.shape.length - 1] ?? 1;
}

/** [..., C] viewed as NHWC [1, rows, 1, C], the layout a depthwise convolution wants. */
function channelView(x: { shape: number[] }): number[] {
  const channels = channelsOf(x);
  return [1, tf.util.sizeFromShape(x.shape) / channels, 1, channels];
}

/** x*gain + shift per channel (last axis), inside a kernel; gain and shift have C values. */
function channelAffineKernel(scope: WasmKernelScope, x: tf.TensorInfo, gain: Float32Array, shift: Float32Array): tf.TensorInfo {
  const channels = channelsOf(x);
  const out = scope.run('FusedDepthwiseConv2D', {
    x: scope.reshape(x, channelView(x)),
    filter: scope.fromValues(gain, [1, 1, channels, 1]),
    bias: scope.fromValues(shift, [channels]),
  }, AFFINE_ATTRS);
  return scope.reshape(out, x.shape);
}

/** x*gain + shift per channel (last axis) as an engine op; gain and shift are [C] tensors. */
function channelAffine(x: tf.Tensor, gain: tf.Tensor, shift: tf.Tensor): tf.Tensor {
  const channels = channelsOf(x);
  const filter = tf.reshape(gain, [1, 1, channels, 1]);
  const out = tf.engine().runKernel('FusedDepthwiseConv2D', { x: tf.reshape(x, channelView(x)), filter, bias: shift }, AFFINE_ATTRS);
  return tf.reshape(out as tf.Tensor, x.shape);
}

function perChannel(values: Float32Array | undefined, fallback: number, channel: number): number {
  if (!values) return fallback;
  return values.length === 1 ? values[0]! : values[channel]!;
}

export const batchNormByChannelAffine: CompositeKernel = (scope, { inputs, attrs }) => {
  const { x, mean, variance, offset, scale } = inputs as Record<string, tf.TensorInfo | undefined> & { x: tf.TensorInfo };
  const channels = channelsOf(x);
  const params = [mean, variance, offset, scale].filter((p): p is tf.TensorInfo => p != null);
  const perChannelParams = params.every((p) => [1, channels].includes(tf.util.sizeFromShape(p.shape)));
  if (x.dtype !== 'float32' || x.shape.length === 0 || tf.util.sizeFromShape(x.shape) === 0 || !perChannelParams) {
    return scope.run(tf.FusedBatchNorm, inputs, attrs);
  }
  // C factors, computed on the host: cheaper than five kernel launches on tiny vectors.
  const [meanValues, varianceValues, offsetValues, scaleValues] = [mean, variance, offset, scale].map((p) =>
    p ? scope.read(p) : undefined,
  );
  const epsilon = attrs.varianceEpsilon as number;
  const gain = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    gain[c] = perChannel(scaleValues, 1, c) / Math.sqrt(perChannel(varianceValues, 1, c) + epsilon);
    shift[c] = perChannel(offsetValues, 0, c) - perChannel(meanValues, 0, c) * gain[c]!;
  }
  return channelAffineKernel(scope, x, gain, shift);
};

/**
 * The FusedBatchNorm gradient from per-channel affine maps and leading-axis reductions.
 * tfjs-core's version tiles 1/sqrt(var+eps) to the full input size and builds several full-size
 * products per input; this one makes three full-size passes and two reductions for all five
 * gradients. Used for per-channel statistics; anything else goes to `original`.
 */
export function batchNormGradient(original: tf.GradConfig['gradFunc']): tf.GradConfig['gradFunc'] {
  return (dyOrList, saved, attrs) => {
    const dy = dyOrList as tf.Tensor;
    const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
    const channels = channelsOf(x);
    if (mean.size !== channels || variance.size !== channels || (scale && scale.size !== channels)) {
      return original(dyOrList, saved, attrs);
    }
    const leadingAxes = x.shape.slice(0, -1).map((_, axis) => axis);
    const flatMean = tf.reshape(mean, [channels]);
    // Shared by several gradients, so computed here: the engine runs each closure below in its
    // own tidy, which would dispose a value one closure cached for the next.
    const invStd = tf.rsqrt(tf.add(tf.reshape(variance, [channels]), attrs.varianceEpsilon as number));
    const gain = scale ? tf.mul(invStd, tf.reshape(scale, [channels])) : invStd;
    const dySum = tf.sum(dy, leadingAxes);
    const centered = channelAffine(x, tf.onesLike(flatMean), tf.neg(flatMean));
    const dyDotCentered = tf.sum(tf.mul(dy, centered), leadingAxes);
    return {
      x: () => channelAffine(dy, gain, tf.zerosLike(gain)),
      mean: () => tf.reshape(tf.neg(tf.mul(gain, dySum)), mean.shape),
      variance: () => tf.reshape(tf.mul(tf.mul(gain, tf.square(invStd)), tf.mul(dyDotCentered, -0.5)), variance.shape),
      scale: () => tf.reshape(tf.mul(invStd, dyDotCentered), scale?.shape ?? mean.shape),
      offset: () => tf.reshape(dySum, mean.shape),
    };
  };
}
