import * as tf from '@tensorflow/tfjs';
import { sparseCrossEntropy, stopGradient, temperatureScaledKl } from './tensor-ops.js';
import { requireLabels, requireMatrix, requirePositive, requireSameShape, requireUnitInterval, resolveOptions } from './validation.js';

export interface HintonKdOptions {
  /** Softens both distributions; the KL term is multiplied by temperature^2. */
  temperature: number;
  /** Weight of the soft-target term; (1 - alpha) weighs the hard-label cross-entropy. */
  alpha: number;
}

/** T = 4, alpha = 0.9: the common CIFAR setting (e.g. the CRD benchmark's KD baseline). */
export const HINTON_KD_DEFAULTS: Readonly<HintonKdOptions> = { temperature: 4, alpha: 0.9 };

/**
 * Hinton et al. (2015) knowledge distillation on class logits [N, C]:
 *
 *   loss = alpha * KL(softmax(teacher / T) || softmax(student / T)) * T^2 + (1 - alpha) * CE(student, labels)
 *
 * `labels` (int32 [N]) is optional: without labels the loss is the soft-target term alone
 * (alpha = 1). Only `studentLogits` is differentiated; the teacher logits pass through stopGradient.
 */
export function hintonKdLoss(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  labels?: tf.Tensor,
  options: Partial<HintonKdOptions> = {},
): tf.Scalar {
  const where = 'hintonKdLoss';
  requireMatrix(where, 'studentLogits', studentLogits, '[N, C]');
  requireSameShape(where, 'studentLogits', studentLogits, 'teacherLogits', teacherLogits);
  if (labels) requireLabels(where, 'labels', labels, studentLogits.shape[0]!);
  const { temperature, alpha } = resolveOptions(where, HINTON_KD_DEFAULTS, options);
  requirePositive(where, 'temperature', temperature);
  requireUnitInterval(where, 'alpha', alpha);

  return tf.tidy(() => {
    const softTargetTerm = temperatureScaledKl(stopGradient(teacherLogits), studentLogits, temperature);
    if (!labels) return softTargetTerm;
    return tf.add(tf.mul(alpha, softTargetTerm), tf.mul(1 - alpha, sparseCrossEntropy(studentLogits, labels)));
  });
}
