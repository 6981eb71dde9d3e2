import * as tf from '@tensorflow/tfjs';
import { meanSquaredRowDistance, sparseCrossEntropy, stopGradient, temperatureScaledKl } from './tensor-ops.js';
import {
  requireBatch,
  requireLabels,
  requireMatrix,
  requireNonNegative,
  requirePositive,
  requireSameShape,
  requireUnitInterval,
  resolveOptions,
} from './validation.js';

export interface SelfDistillationOptions {
  /** Softens the deepest and shallow heads' distributions in the KL terms (times T^2). */
  temperature: number;
  /** Weight of each shallow head's KL to the deepest head; (1 - alpha) weighs its label cross-entropy. */
  alpha: number;
  /** lambda: weight of each shallow stage's feature regression onto the deepest stage's features. */
  featureWeight: number;
}

/**
 * T = 3 and alpha = 0.1 as the reference BYOT implementation. Its feature weight (1e-6) multiplies
 * a squared distance summed over the batch; this loss averages over the batch, so 1e-4 is about the
 * same weight at its batch size of 128.
 */
export const SELF_DISTILLATION_DEFAULTS: Readonly<SelfDistillationOptions> = { temperature: 3, alpha: 0.1, featureWeight: 1e-4 };

/**
 * Be Your Own Teacher (Zhang et al., ICCV 2019). Heads are ordered shallow -> deep; the last one,
 * C, teaches the others:
 *
 *   loss = CE(q_C, y) + sum_{i<C} [ (1 - alpha) CE(q_i, y)
 *                                  + alpha * KL(softmax(q_C / T) || softmax(q_i / T)) * T^2
 *                                  + featureWeight * mean_n ||F_i - F_C||^2 ]
 *
 * stageLogits: one [N, classes] tensor per head; stageFeatures: one [N, ...] tensor per head, all
 * the deepest one's shape (shallow features are brought to it by the method's bottlenecks);
 * labels: int32 [N]. In the KL and feature terms the deepest head's logits and features pass
 * through stopGradient (a tf.customGrad identity with zero gradient), so they pull the shallow
 * heads without being pulled back; the deepest head learns from its own cross-entropy only.
 */
export function selfDistillationLoss(
  stageLogits: readonly tf.Tensor[],
  stageFeatures: readonly tf.Tensor[],
  labels: tf.Tensor,
  options: Partial<SelfDistillationOptions> = {},
): tf.Scalar {
  const where = 'selfDistillationLoss';
  if (stageLogits.length === 0) throw new Error(`${where}: stageLogits must hold at least one head, got none`);
  if (stageFeatures.length !== stageLogits.length) {
    throw new Error(`${where}: stageFeatures (${stageFeatures.length}) must have one entry per head in stageLogits (${stageLogits.length})`);
  }
  const deepest = stageLogits.length - 1;
  const deepLogits = stageLogits[deepest]!;
  const deepFeatures = stageFeatures[deepest]!;
  requireMatrix(where, `stageLogits[${deepest}]`, deepLogits, '[N, classes]');
  requireBatch(where, `stageFeatures[${deepest}]`, deepFeatures);
  stageLogits.forEach((logits, i) => requireSameShape(where, `stageLogits[${i}]`, logits, `stageLogits[${deepest}]`, deepLogits));
  stageFeatures.forEach((features, i) =>
    requireSameShape(where, `stageFeatures[${i}]`, features, `stageFeatures[${deepest}]`, deepFeatures),
  );
  if (deepFeatures.shape[0] !== deepLogits.shape[0]) {
    throw new Error(`${where}: stageFeatures and stageLogits must have the same batch size N`);
  }
  requireLabels(where, 'labels', labels, deepLogits.shape[0]!);
  const { temperature, alpha, featureWeight } = resolveOptions(where, SELF_DISTILLATION_DEFAULTS, options);
  requirePositive(where, 'temperature', temperature);
  requireUnitInterval(where, 'alpha', alpha);
  requireNonNegative(where, 'featureWeight', featureWeight);

  return tf.tidy(() => {
    const teacherLogits = stopGradient(deepLogits);
    const teacherFeatures = stopGradient(deepFeatures);
    let total = sparseCrossEntropy(deepLogits, labels);
    for (let i = 0; i < deepest; i++) {
      const labelTerm = tf.mul(1 - alpha, sparseCrossEntropy(stageLogits[i]!, labels));
      const distillationTerm = tf.mul(alpha, temperatureScaledKl(teacherLogits, stageLogits[i]!, temperature));
      const featureTerm = tf.mul(featureWeight, meanSquaredRowDistance(stageFeatures[i]!, teacherFeatures));
      total = tf.addN([total, labelTerm, distillationTerm, featureTerm]) as tf.Scalar;
    }
    return total;
  });
}
