import * as tf from '@tensorflow/tfjs';

// Building blocks shared by several losses (one normalisation, one cross-entropy, one KL, ...), so
// every loss computes the same quantity the same way. Each runs in its own tf.tidy: only the result
// survives, whichever scope calls it.

// Squared norms are clamped here before rsqrt: a zero row stays zero (as torch's F.normalize with
// eps = 1e-12 on the norm) instead of becoming NaN.
const MIN_SQUARED_NORM = 1e-24;

// Added to the logits a softmax must ignore. Finite (not -Infinity) so that a zero target
// probability times its log-probability is 0, not NaN.
export const MASKED_LOGIT = -1e9;

// tfjs has no stop-gradient op: an identity whose gradient is zero blocks the tape instead.
const identityWithZeroGradient = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const x = inputs[0] as tf.Tensor;
  return { value: x.clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/**
 * Returns `x` as a constant for differentiation: tf.grad / optimizer.minimize send no gradient
 * through it (torch's `.detach()`). Used on every teacher-side input, so a teacher that is itself
 * made of trainable variables is never updated by a student's loss.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return identityWithZeroGradient(x) as T;
}

/** Each row (last axis) scaled to unit L2 norm; zero rows stay zero. */
export function l2Normalize<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), -1, true), MIN_SQUARED_NORM)))) as T;
}

/** Row-wise dot products of two [N, D] batches: [N]. */
function rowDot(a: tf.Tensor, b: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(a, b), -1)) as tf.Tensor1D;
}

/** mean_i cos(a_i, b_i) over two [N, D] batches. */
export function meanCosineSimilarity(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(rowDot(l2Normalize(a), l2Normalize(b))));
}

/**
 * The symmetric two-view form 0.5 * (f(x on view 1, y on view 2) + f(x on view 2, y on view 1)):
 * each view's output is matched to the other view's target.
 */
export function crossViewMean(
  pairLoss: (x: tf.Tensor, y: tf.Tensor) => tf.Scalar,
  xOnView1: tf.Tensor,
  xOnView2: tf.Tensor,
  yOnView1: tf.Tensor,
  yOnView2: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => tf.mul(0.5, tf.add(pairLoss(xOnView1, yOnView2), pairLoss(xOnView2, yOnView1))));
}

/**
 * The logits of MoCo and SEED, kept as two blocks: row i of `positive` [N, 1] is
 * anchor_i . positive_i and row i of `queue` [N, K] is anchor_i . queue_1..K. Together they are the
 * [N, 1 + K] logits with the positive in column 0; they are never concatenated, because the
 * gradient of a concat (a SplitV of a [N, 1 + K] tensor every step) is slow on the cpu-derived
 * backends, and every consumer here can work on the two blocks directly.
 */
// A type alias (not an interface) so tf.tidy accepts it as a TensorContainer.
export type PositiveAndQueue = {
  positive: tf.Tensor;
  queue: tf.Tensor;
};

export function positiveAndQueueSimilarities(anchor: tf.Tensor, positive: tf.Tensor, queue: tf.Tensor): PositiveAndQueue {
  return tf.tidy(() => ({
    positive: tf.expandDims(rowDot(anchor, positive), 1),
    queue: tf.matMul(anchor as tf.Tensor2D, queue as tf.Tensor2D, false, true),
  }));
}

export function scaleBlocks(blocks: PositiveAndQueue, divisor: number): PositiveAndQueue {
  return tf.tidy(() => ({ positive: tf.div(blocks.positive, divisor), queue: tf.div(blocks.queue, divisor) }));
}

/** log_softmax over each row of [positive | queue], max-subtracted so any logit scale stays finite. */
export function logSoftmaxBlocks(logits: PositiveAndQueue): PositiveAndQueue {
  return tf.tidy(() => {
    const rowMax = stopGradient(tf.maximum(logits.positive, tf.max(logits.queue, 1, true)));
    const positive = tf.sub(logits.positive, rowMax);
    const queue = tf.sub(logits.queue, rowMax);
    const logNormaliser = tf.log(tf.add(tf.exp(positive), tf.sum(tf.exp(queue), 1, true)));
    return { positive: tf.sub(positive, logNormaliser), queue: tf.sub(queue, logNormaliser) };
  });
}

/**
 * mean_i( -sum_j target_ij * log_softmax(logits)_ij ). tf.logSoftmax subtracts the row maximum
 * first, so logits of any scale (SEED's 1 / 1e-4) stay finite.
 */
export function softCrossEntropy(targetProbabilities: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(targetProbabilities, tf.logSoftmax(logits)), -1))) as tf.Scalar);
}

/** Cross-entropy of logits [N, C] with int32 class indices [N], averaged over the batch. */
export function sparseCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => softCrossEntropy(tf.oneHot(labels as tf.Tensor1D, logits.shape[logits.rank - 1]!), logits));
}

/**
 * log(sigmoid(x)) as -softplus(-x), stable for large |x|. Not tf.logSigmoid: its custom gradient
 * closes over an intermediate that an enclosing tf.tidy disposes before backprop runs.
 */
export function logSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.neg(tf.softplus(tf.neg(x))));
}

/**
 * Hinton's soft-target term: mean_i KL(softmax(target_i / T) || softmax(logits_i / T)) * T^2.
 * The T^2 keeps its gradient on the scale of a hard-label cross-entropy as T changes.
 */
export function temperatureScaledKl(targetLogits: tf.Tensor, logits: tf.Tensor, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const targetLogProbabilities = tf.logSoftmax(tf.div(targetLogits, temperature));
    const logProbabilities = tf.logSoftmax(tf.div(logits, temperature));
    const kl = tf.sum(tf.mul(tf.exp(targetLogProbabilities), tf.sub(targetLogProbabilities, logProbabilities)), -1);
    return tf.mul(tf.mean(kl), temperature * temperature);
  });
}

/** mean_n ||a_n - b_n||^2 over a batch [N, ...features], summing over every feature axis. */
export function meanSquaredRowDistance(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.sum(tf.square(tf.reshape(tf.sub(a, b), [a.shape[0]!, -1])), -1)));
}

/** [Na, Nb] matrix of ||a_i - b_j||^2 for a [Na, D], b [Nb, D]. */
export function squaredDistanceMatrix(a: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const aSquared = tf.sum(tf.square(a), -1, true);
    const bSquared = tf.reshape(tf.sum(tf.square(b), -1), [1, -1]);
    return tf.sub(tf.add(aSquared, bSquared), tf.mul(2, tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, false, true)));
  });
}

/** [N, N, D] tensor whose entry [i, j] is x_j - x_i, for x [N, D]. */
export function pairwiseDifferences(x: tf.Tensor): tf.Tensor3D {
  return tf.tidy(() => tf.sub(tf.expandDims(x, 0), tf.expandDims(x, 1)));
}

/** Euclidean norms of the last axis, with the same zero clamp as l2Normalize (sqrt has no finite gradient at 0). */
export function safeNorm(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sqrt(tf.maximum(tf.sum(tf.square(x), -1), MIN_SQUARED_NORM)));
}

/** [N, N] matrix with 0 on the diagonal and 1 elsewhere. */
export function offDiagonalMask(n: number): tf.Tensor2D {
  return tf.tidy(() => tf.sub(1, tf.eye(n)));
}

/**
 * Elementwise smooth L1 (Huber with delta 1): 0.5 x^2 where |x| < 1, |x| - 0.5 elsewhere, written
 * as 0.5 q^2 + r with r = relu(|x| - 1) and q = |x| - r (= min(|x|, 1)): tf has no gradient for
 * the comparison a tf.where would need, and tf.minimum's gradient is three more full-size ops (a
 * comparison, a cast, a multiply), which on RKD-A's N^3 relations dominated a training step.
 * Exact below the kink (r is 0), so small residuals keep full precision.
 */
export function smoothL1(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const magnitude = tf.abs(x);
    const linearPart = tf.relu(tf.sub(magnitude, 1));
    return tf.add(tf.mul(0.5, tf.square(tf.sub(magnitude, linearPart))), linearPart);
  });
}
