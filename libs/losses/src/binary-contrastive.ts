import * as tf from '@tensorflow/tfjs';
import { l2Normalize, logSigmoid, positiveAndQueueSimilarities, scaleBlocks, stopGradient } from './tensor-ops.js';
import {
  requireMatrix,
  requireMinRows,
  requirePositive,
  requireSameShape,
  requireSameWidth,
  resolveOptions,
} from './validation.js';

export interface BinaryContrastiveOptions {
  temperature: number;
}

/** Cosines / 0.1 span [-10, 10]: enough for the sigmoid to separate positives from negatives. */
export const BINARY_CONTRASTIVE_DEFAULTS: Readonly<BinaryContrastiveOptions> = { temperature: 0.1 };

/**
 * Binary NCE: each (student_i, teacher_i) pair is a positive, each student_i against another
 * teacher embedding a negative, scored by a logistic classifier on cosine / temperature:
 *
 *   loss = mean_i( -log sigmoid(s_i . t_i / tau) - mean_neg log(1 - sigmoid(s_i . t_neg / tau)) )
 *
 * Negatives are the other teacher embeddings of the batch (t_j, j != i; needs N >= 2) or, when
 * `queue` [K, D] is given, the queue rows instead. student, teacher, queue are L2-normalised here.
 * Only `student` is differentiated; teacher and queue pass through stopGradient.
 */
export function binaryContrastiveLoss(
  student: tf.Tensor,
  teacher: tf.Tensor,
  queue?: tf.Tensor,
  options: Partial<BinaryContrastiveOptions> = {},
): tf.Scalar {
  const where = 'binaryContrastiveLoss';
  requireMatrix(where, 'student', student);
  requireSameShape(where, 'student', student, 'teacher', teacher);
  if (queue) {
    requireMatrix(where, 'queue', queue, '[K, D]');
    requireSameWidth(where, 'queue', queue, 'student', student);
  } else {
    requireMinRows(where, 'student', student, 2, 'without a queue the negatives are the other samples');
  }
  const { temperature } = resolveOptions(where, BINARY_CONTRASTIVE_DEFAULTS, options);
  requirePositive(where, 'temperature', temperature);

  return tf.tidy(() => {
    const studentUnit = l2Normalize(student);
    const teacherUnit = l2Normalize(stopGradient(teacher));
    if (queue) {
      // Positive: the own teacher embedding; negatives: the queue.
      const logits = scaleBlocks(positiveAndQueueSimilarities(studentUnit, teacherUnit, l2Normalize(stopGradient(queue))), temperature);
      const positiveTerm = logSigmoid(logits.positive).squeeze([1]);
      const negativeTerm = tf.mean(logSigmoid(tf.neg(logits.queue)), 1);
      return tf.neg(tf.mean(tf.add(positiveTerm, negativeTerm))) as tf.Scalar;
    }
    // Without a queue the negatives are the other samples' teacher embeddings: logits [N, N], the
    // positive of row i on the diagonal.
    const logits = tf.div(tf.matMul(studentUnit, teacherUnit, false, true), temperature);
    const positiveMask = tf.eye(student.shape[0]!);
    const negativesPerRow = logits.shape[1]! - 1;
    const positiveTerm = tf.sum(tf.mul(positiveMask, logSigmoid(logits)), -1);
    const negativeTerm = tf.div(tf.sum(tf.mul(tf.sub(1, positiveMask), logSigmoid(tf.neg(logits))), -1), negativesPerRow);
    return tf.neg(tf.mean(tf.add(positiveTerm, negativeTerm))) as tf.Scalar;
  });
}
