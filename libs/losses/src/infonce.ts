import * as tf from '@tensorflow/tfjs';
import { l2Normalize, MASKED_LOGIT, positiveAndQueueSimilarities, scaleBlocks, logSoftmaxBlocks, sparseCrossEntropy, stopGradient } from './tensor-ops.js';
import { requireMatrix, requirePositive, requireSameShape, requireSameWidth, resolveOptions } from './validation.js';

export interface InfoNceOptions {
  temperature: number;
}

/** SimCLR's CIFAR setting (and lightly's NTXentLoss default). */
export const NT_XENT_DEFAULTS: Readonly<InfoNceOptions> = { temperature: 0.5 };

/** MoCo v2's temperature. */
export const MOCO_INFONCE_DEFAULTS: Readonly<InfoNceOptions> = { temperature: 0.2 };

/**
 * SimCLR's NT-Xent over the 2N embeddings of two views view1, view2 [N, D] (L2-normalised here).
 * Row r of the 2N x 2N cosine matrix / temperature, with its self-similarity masked out, is a
 * softmax over the other 2N - 1 embeddings whose target is r's other view; the loss averages the
 * 2N cross-entropies. Both views are differentiated.
 */
export function ntXentLoss(view1: tf.Tensor, view2: tf.Tensor, options: Partial<InfoNceOptions> = {}): tf.Scalar {
  const where = 'ntXentLoss';
  requireMatrix(where, 'view1', view1);
  requireSameShape(where, 'view1', view1, 'view2', view2);
  const { temperature } = resolveOptions(where, NT_XENT_DEFAULTS, options);
  requirePositive(where, 'temperature', temperature);
  const n = view1.shape[0]!;

  return tf.tidy(() => {
    const embeddings = l2Normalize(tf.concat([view1, view2]));
    const similarities = tf.div(tf.matMul(embeddings, embeddings, false, true), temperature);
    const logits = tf.add(similarities, tf.mul(tf.eye(2 * n), MASKED_LOGIT));
    const otherView = tf.tensor1d(Array.from({ length: 2 * n }, (_, row) => (row + n) % (2 * n)), 'int32');
    return sparseCrossEntropy(logits, otherView);
  });
}

/**
 * MoCo's InfoNCE: query [N, D] against its key [N, D] (positive) and a queue [K, D] of negatives;
 * logits [q.k, q.queue] / temperature, target column 0. All three are L2-normalised here. Only
 * `query` is differentiated: key and queue come from the momentum encoder and pass through
 * stopGradient.
 */
export function mocoInfoNceLoss(query: tf.Tensor, key: tf.Tensor, queue: tf.Tensor, options: Partial<InfoNceOptions> = {}): tf.Scalar {
  const where = 'mocoInfoNceLoss';
  requireMatrix(where, 'query', query);
  requireSameShape(where, 'query', query, 'key', key);
  requireMatrix(where, 'queue', queue, '[K, D]');
  requireSameWidth(where, 'queue', queue, 'query', query);
  const { temperature } = resolveOptions(where, MOCO_INFONCE_DEFAULTS, options);
  requirePositive(where, 'temperature', temperature);

  return tf.tidy(() => {
    const logits = scaleBlocks(positiveAndQueueSimilarities(l2Normalize(query), l2Normalize(stopGradient(key)), l2Normalize(stopGradient(queue))), temperature);
    // Cross-entropy with the positive (column 0) as the label.
    return tf.neg(tf.mean(logSoftmaxBlocks(logits).positive)) as tf.Scalar;
  });
}
