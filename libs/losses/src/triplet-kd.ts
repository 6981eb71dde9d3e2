import * as tf from '@tensorflow/tfjs';
import { l2Normalize, squaredDistanceMatrix, stopGradient } from './tensor-ops.js';
import { requireMatrix, requireMinRows, requireNonNegative, requireRank, requireSameShape, resolveOptions } from './validation.js';

export interface TripletKdOptions {
  margin: number;
  /** L2-normalise student and teacher embeddings first (the margin is chosen for unit vectors). */
  normalize: boolean;
}

/**
 * margin 1 on unit vectors: squared distances lie in [0, 4], so the teacher's embedding of an anchor
 * must be nearer the student's embedding of the same sample than the student's embedding of any
 * negative by a quarter of the full range: large enough to matter, small enough to be satisfiable.
 */
export const TRIPLET_KD_DEFAULTS: Readonly<TripletKdOptions> = { margin: 1, normalize: true };

/**
 * Triplet distillation with the teacher embedding as anchor:
 *
 *   loss = mean_(a, n) max(0, m + ||t(x_a) - s(x_a)||^2 - ||t(x_a) - s(x_n)||^2)
 *
 * student, teacher [N, D]. `pairs` is an int32 [P, 2] tensor of (anchor, negative) sample indices;
 * by default every ordered pair a != n of the batch (needs N >= 2). Only `student` is
 * differentiated; the teacher passes through stopGradient.
 */
export function tripletKdLoss(
  student: tf.Tensor,
  teacher: tf.Tensor,
  pairs?: tf.Tensor,
  options: Partial<TripletKdOptions> = {},
): tf.Scalar {
  const where = 'tripletKdLoss';
  requireMatrix(where, 'student', student);
  requireSameShape(where, 'student', student, 'teacher', teacher);
  if (pairs) {
    requireRank(where, 'pairs', pairs, 2, '[P, 2] of (anchor, negative) indices');
    if (pairs.shape[1] !== 2 || pairs.dtype !== 'int32') {
      throw new Error(`${where}: pairs must be int32 [P, 2] (anchor, negative), got ${pairs.dtype} [${pairs.shape.join(', ')}]`);
    }
  } else {
    requireMinRows(where, 'student', student, 2, 'the default negatives are the other samples');
  }
  const { margin, normalize } = resolveOptions(where, TRIPLET_KD_DEFAULTS, options);
  requireNonNegative(where, 'margin', margin);
  const n = student.shape[0]!;

  return tf.tidy(() => {
    const prepare = (x: tf.Tensor) => (normalize ? l2Normalize(x) : x);
    // distances[a, j] = ||t(x_a) - s(x_j)||^2: the diagonal holds each anchor's positive distance.
    const distances = squaredDistanceMatrix(prepare(stopGradient(teacher)), prepare(student));
    const anchorNegative = pairs ?? defaultPairs(n);
    const [anchors, negatives] = tf.unstack(anchorNegative, 1) as [tf.Tensor1D, tf.Tensor1D];
    const flatDistances = tf.reshape(distances, [-1]);
    const positiveDistances = tf.gather(flatDistances, tf.mul(anchors, tf.scalar(n + 1, 'int32')));
    const negativeDistances = tf.gather(flatDistances, tf.add(tf.mul(anchors, tf.scalar(n, 'int32')), negatives));
    return tf.mean(tf.relu(tf.add(margin, tf.sub(positiveDistances, negativeDistances))));
  });
}

function defaultPairs(n: number): tf.Tensor2D {
  const pairs: number[][] = [];
  for (let anchor = 0; anchor < n; anchor++) {
    for (let negative = 0; negative < n; negative++) if (anchor !== negative) pairs.push([anchor, negative]);
  }
  return tf.tensor2d(pairs, [pairs.length, 2], 'int32');
}
