import * as tf from '@tensorflow/tfjs';
import { l2Normalize, offDiagonalMask, pairwiseDifferences, safeNorm, smoothL1, stopGradient } from './tensor-ops.js';
import { requireMatrix, requireMinRows, requireNonNegative, requireSameRows, resolveOptions } from './validation.js';

// Relational KD (Park et al., CVPR 2019). The relations are computed within each network's own
// embedding space, so student [N, Ds] and teacher [N, Dt] may have different widths. Only the
// student is differentiated; the teacher passes through stopGradient. The Huber terms are averaged
// over all N^2 (distance) and N^3 (angle) entries as in the official code, whose degenerate entries
// (i = j) are zero for both networks: this keeps the paper's loss weights meaningful.

function requireRelationalPair(where: string, student: tf.Tensor, teacher: tf.Tensor, minimumRows: number): void {
  requireMatrix(where, 'student', student, '[N, Ds]');
  requireMatrix(where, 'teacher', teacher, '[N, Dt]');
  requireSameRows(where, 'student', student, 'teacher', teacher);
  requireMinRows(where, 'student', student, minimumRows, 'relations need distinct samples');
}

/** Pairwise distances [N, N] divided by their mean over the N(N-1) off-diagonal pairs (diagonal 0). */
function normalizedDistances(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const n = x.shape[0]!;
    const distances = tf.mul(safeNorm(pairwiseDifferences(x)), offDiagonalMask(n));
    return tf.div(distances, tf.div(tf.sum(distances), n * (n - 1)));
  });
}

/** Entry [j, i, k] = e_ji . e_jk, the cosine of the angle at x_j, with e_ji the unit vector from x_j to x_i. */
function angleCosines(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const unitDifferences = l2Normalize(pairwiseDifferences(x));
    return tf.matMul(unitDifferences, unitDifferences, false, true);
  });
}

function relationMismatch(relation: (x: tf.Tensor) => tf.Tensor, student: tf.Tensor, teacher: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(smoothL1(tf.sub(relation(student), relation(stopGradient(teacher))))));
}

/** RKD-D: Huber between the mean-normalised pairwise distance matrices of student and teacher. Needs N >= 2. */
export function rkdDistanceLoss(student: tf.Tensor, teacher: tf.Tensor): tf.Scalar {
  requireRelationalPair('rkdDistanceLoss', student, teacher, 2);
  return relationMismatch(normalizedDistances, student, teacher);
}

/** RKD-A: Huber between the cosines of the angles formed by every triplet of samples. Needs N >= 3. */
export function rkdAngleLoss(student: tf.Tensor, teacher: tf.Tensor): tf.Scalar {
  requireRelationalPair('rkdAngleLoss', student, teacher, 3);
  return relationMismatch(angleCosines, student, teacher);
}

export interface RkdOptions {
  distanceWeight: number;
  angleWeight: number;
}

/** The paper's weights. */
export const RKD_DEFAULTS: Readonly<RkdOptions> = { distanceWeight: 25, angleWeight: 50 };

/** RKD-DA: distanceWeight * RKD-D + angleWeight * RKD-A. Needs N >= 3. */
export function rkdLoss(student: tf.Tensor, teacher: tf.Tensor, options: Partial<RkdOptions> = {}): tf.Scalar {
  const where = 'rkdLoss';
  requireRelationalPair(where, student, teacher, 3);
  const { distanceWeight, angleWeight } = resolveOptions(where, RKD_DEFAULTS, options);
  requireNonNegative(where, 'distanceWeight', distanceWeight);
  requireNonNegative(where, 'angleWeight', angleWeight);
  return tf.tidy(() =>
    tf.add(tf.mul(distanceWeight, rkdDistanceLoss(student, teacher)), tf.mul(angleWeight, rkdAngleLoss(student, teacher))),
  );
}
