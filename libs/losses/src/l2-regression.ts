import * as tf from '@tensorflow/tfjs';
import { l2Normalize, meanSquaredRowDistance, stopGradient } from './tensor-ops.js';
import { requireBatch, requireSameShape, resolveOptions } from './validation.js';

export interface L2RegressionOptions {
  /** L2-normalise both (flattened) feature vectors first, so only their directions are matched. */
  normalize: boolean;
}

export const L2_REGRESSION_DEFAULTS: Readonly<L2RegressionOptions> = { normalize: false };

/**
 * Feature regression: mean_n ||student_n - teacher_n||^2 over a batch [N, ...features] (the squared
 * distance sums over all feature axes). Only `student` is differentiated; the teacher passes
 * through stopGradient.
 */
export function l2RegressionLoss(student: tf.Tensor, teacher: tf.Tensor, options: Partial<L2RegressionOptions> = {}): tf.Scalar {
  const where = 'l2RegressionLoss';
  requireBatch(where, 'student', student);
  requireSameShape(where, 'student', student, 'teacher', teacher);
  const { normalize } = resolveOptions(where, L2_REGRESSION_DEFAULTS, options);

  return tf.tidy(() => {
    const flatten = (x: tf.Tensor) => tf.reshape(x, [x.shape[0]!, -1]);
    const studentRows = flatten(student);
    const teacherRows = flatten(stopGradient(teacher));
    return normalize
      ? meanSquaredRowDistance(l2Normalize(studentRows), l2Normalize(teacherRows))
      : meanSquaredRowDistance(studentRows, teacherRows);
  });
}
