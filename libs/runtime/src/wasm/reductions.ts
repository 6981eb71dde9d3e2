import * as tf from '@tensorflow/tfjs';
import type { CompositeKernel } from './kernel-scope.js';

/**
 * Sum / Mean over leading axes (the batch-norm reductions of NHWC tensors) as an XNNPACK
 * average pooling over an [1, reduced, 1, rest] view. wasm's own kernels first transpose the
 * reduced axes innermost, a full copy that costs several times the reduction itself.
 */
export function leadingAxesReduction(kernelName: 'Sum' | 'Mean'): CompositeKernel {
  return (scope, { inputs, attrs }) => {
    const { x } = inputs as { x: tf.TensorInfo };
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape).sort((a, b) => a - b);
    const leading = axes.every((axis, i) => axis === i) && axes.length < x.shape.length;
    const reducedSize = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
    // XNNPACK pools at least two values.
    if (!leading || x.dtype !== 'float32' || reducedSize < 2) return scope.run(kernelName, inputs, attrs);
    const keptShape = x.shape.slice(axes.length);
    const view = scope.reshape(x, [1, reducedSize, 1, tf.util.sizeFromShape(keptShape)]);
    const mean = scope.run('AvgPool', { x: view }, { filterSize: [reducedSize, 1], strides: [1, 1], pad: 'valid' });
    const value =
      kernelName === 'Mean'
        ? mean
        : scope.run('Multiply', { a: mean, b: scope.fromValues(new Float32Array([reducedSize]), []) });
    return scope.reshape(value, attrs.keepDims ? [...axes.map(() => 1), ...keptShape] : keptShape);
  };
}

/**
 * Gradients of Sum and Mean as one broadcast (a Tile, done by copies on wasm) instead of
 * tfjs-core's product with a freshly allocated full-size tensor of ones.
 */
export function broadcastReductionGradient(kernelName: 'Sum' | 'Mean'): tf.GradConfig['gradFunc'] {
  return (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const keptDimsShape = x.shape.map((size, axis) => (axes.includes(axis) ? 1 : size));
    const derX = () => {
      const expanded = tf.cast(tf.reshape(dy as tf.Tensor, keptDimsShape), 'float32');
      const reducedSize = tf.util.sizeFromShape(axes.map((axis) => x.shape[axis]!));
      return tf.broadcastTo(kernelName === 'Mean' ? tf.div(expanded, reducedSize) : expanded, x.shape);
    };
    return { x: derX };
  };
}
