import type * as tf from '@tensorflow/tfjs';

/**
 * Number of scalars in the model's weights. 'all' counts every weight, BN moving statistics
 * included (Keras' count); 'trainable' counts only currently trainable ones (papers' count).
 */
export function countParams(model: tf.LayersModel, which: 'all' | 'trainable' = 'all'): number {
  const weights = which === 'all' ? model.weights : model.trainableWeights;
  return weights.reduce((total, weight) => total + weight.shape.reduce((size: number, dim) => size * (dim ?? 0), 1), 0);
}
