import * as tf from '@tensorflow/tfjs';
import { crossViewMean, meanCosineSimilarity, stopGradient } from './tensor-ops.js';
import { requireMatchingMatrices } from './validation.js';

/**
 * BYOL's regression loss: mean_i (2 - 2 cos(prediction_i, target_i)), i.e. the squared distance
 * between the L2-normalised vectors. prediction, target [N, D]. Only `prediction` is
 * differentiated: the target (BYOL's momentum network, SimSiam's other branch) passes through
 * stopGradient.
 */
export function negativeCosineLoss(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  requireMatchingMatrices('negativeCosineLoss', { prediction, target });
  return tf.tidy(() => tf.sub(2, tf.mul(2, meanCosineSimilarity(prediction, stopGradient(target)))));
}

/**
 * The two-view form: 0.5 * (L(prediction on view 1, target on view 2) + L(prediction on view 2,
 * target on view 1)). Halved (as SimSiam) so it stays on the scale of negativeCosineLoss; BYOL's
 * paper sums the two terms, which is twice this.
 */
export function symmetricNegativeCosineLoss(
  predictionOnView1: tf.Tensor,
  predictionOnView2: tf.Tensor,
  targetOnView1: tf.Tensor,
  targetOnView2: tf.Tensor,
): tf.Scalar {
  requireMatchingMatrices('symmetricNegativeCosineLoss', { predictionOnView1, predictionOnView2, targetOnView1, targetOnView2 });
  return crossViewMean(negativeCosineLoss, predictionOnView1, predictionOnView2, targetOnView1, targetOnView2);
}
