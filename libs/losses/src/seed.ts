import * as tf from '@tensorflow/tfjs';
import { l2Normalize, logSoftmaxBlocks, positiveAndQueueSimilarities, scaleBlocks, stopGradient } from './tensor-ops.js';
import { requireMatrix, requirePositive, requireSameShape, requireSameWidth, resolveOptions } from './validation.js';

export interface SeedOptions {
  /** Sharpens the teacher's similarity distribution (official code: 1e-4). */
  teacherTemperature: number;
  /** Temperature of the student's logits. */
  studentTemperature: number;
}

export const SEED_DEFAULTS: Readonly<SeedOptions> = { teacherTemperature: 0.01, studentTemperature: 0.2 };

/**
 * SEED (Fang et al., ICLR 2021), as in the official code: the student reproduces the teacher's
 * similarity distribution over {the sample's own teacher embedding} + a queue of past teacher
 * embeddings.
 *
 *   teacher logits row i = [t_i . t_i, t_i . q_1..K] / teacherTemperature
 *   student logits row i = [s_i . t_i, s_i . q_1..K] / studentTemperature
 *   loss = mean_i( -sum_j softmax(teacher)_ij * log_softmax(student)_ij )
 *
 * student, teacher [N, D] and queue [K, D] are all L2-normalised here (rows of any scale are
 * accepted, so a queue may hold raw teacher embeddings). Only `student` is differentiated: teacher
 * and queue pass through stopGradient, so callers may hand in teacher tensors that come from
 * trainable variables and the teacher still receives no gradient. Enqueue the teacher batch into
 * the queue AFTER this call (EmbeddingQueue.enqueue), as the official code does.
 */
export function seedLoss(student: tf.Tensor, teacher: tf.Tensor, queue: tf.Tensor, options: Partial<SeedOptions> = {}): tf.Scalar {
  const where = 'seedLoss';
  requireMatrix(where, 'student', student);
  requireSameShape(where, 'student', student, 'teacher', teacher);
  requireMatrix(where, 'queue', queue, '[K, D]');
  requireSameWidth(where, 'queue', queue, 'student', student);
  const { teacherTemperature, studentTemperature } = resolveOptions(where, SEED_DEFAULTS, options);
  requirePositive(where, 'teacherTemperature', teacherTemperature);
  requirePositive(where, 'studentTemperature', studentTemperature);

  return tf.tidy(() => {
    const studentUnit = l2Normalize(student);
    const teacherUnit = l2Normalize(stopGradient(teacher));
    const queueUnit = l2Normalize(stopGradient(queue));
    const teacherLog = logSoftmaxBlocks(scaleBlocks(positiveAndQueueSimilarities(teacherUnit, teacherUnit, queueUnit), teacherTemperature));
    const studentLog = logSoftmaxBlocks(scaleBlocks(positiveAndQueueSimilarities(studentUnit, teacherUnit, queueUnit), studentTemperature));
    // -sum_j p_teacher_j log p_student_j over both blocks, averaged over rows.
    const positiveTerm = tf.mul(tf.exp(teacherLog.positive), studentLog.positive).squeeze([1]);
    const queueTerm = tf.sum(tf.mul(tf.exp(teacherLog.queue), studentLog.queue), 1);
    return tf.neg(tf.mean(tf.add(positiveTerm, queueTerm))) as tf.Scalar;
  });
}
