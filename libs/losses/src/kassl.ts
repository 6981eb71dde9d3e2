import * as tf from '@tensorflow/tfjs';
import { crossViewMean, meanCosineSimilarity, stopGradient } from './tensor-ops.js';
import { requireMatchingMatrices } from './validation.js';

function negativeCosineToTeacher(studentOutput: tf.Tensor, teacherEmbedding: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(meanCosineSimilarity(studentOutput, stopGradient(teacherEmbedding))));
}

/**
 * KASSL: negative cosine similarity between the student's extended head output (already at the
 * teacher's width) and the teacher embedding, crossed over two views:
 *
 *   loss = 0.5 * (-cos(h_S(view 2), z_T(view 1)) - cos(h_S(view 1), z_T(view 2)))   (batch means)
 *
 * All four tensors are [N, D] and L2-normalised inside (through the cosine). Only the student
 * outputs are differentiated; the teacher embeddings pass through stopGradient.
 *
 * Method-level variants keep this function unchanged:
 * - no augmentation: pass the same view twice, kasslLoss(s, s, t, t), which equals -mean cos(s, t);
 * - teacher feature reduction: project the teacher embedding first and pass the projection.
 */
export function kasslLoss(
  studentOnView1: tf.Tensor,
  studentOnView2: tf.Tensor,
  teacherOnView1: tf.Tensor,
  teacherOnView2: tf.Tensor,
): tf.Scalar {
  requireMatchingMatrices('kasslLoss', { studentOnView1, studentOnView2, teacherOnView1, teacherOnView2 });
  return crossViewMean(negativeCosineToTeacher, studentOnView1, studentOnView2, teacherOnView1, teacherOnView2);
}
