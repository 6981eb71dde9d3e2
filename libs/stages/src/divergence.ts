// A run whose numbers stop being numbers: training stops at the first non-finite loss (or weight),
// and no probe or report ever records NaN as a value. Both are permanent: a redelivery of the same
// job diverges the same way, so the bus must not retry it.
import * as tf from '@tensorflow/tfjs';
import { PermanentError } from '@ssl-distill/bus';

export interface DivergenceAt {
  method: string;
  /** 1-based step, and the total steps of the run. */
  step: number;
  total: number;
  /** 1-based epoch. */
  epoch: number;
  /** What went non-finite: the loss value, or the weights of a named model. */
  what: string;
  /** The learning rate of the step, when known. */
  learningRate?: number;
}

export class TrainingDivergedError extends PermanentError {
  constructor(readonly at: DivergenceAt) {
    const lr = at.learningRate === undefined ? 'a lower learning rate' : `a learning rate below ${at.learningRate}`;
    super(`${at.method} diverged: ${at.what} at step ${at.step} of ${at.total} (epoch ${at.epoch}); training stopped, nothing was recorded. Try ${lr} (optimizer.lr), a warmup or a smaller batch`);
  }
}

/** Embeddings (or other values) a probe was about to use hold NaN or Infinity. */
export class NonFiniteValuesError extends PermanentError {}

/** The role of the first model of `models` whose weights hold NaN or Infinity, if any. */
export function nonFiniteModel(models: Record<string, tf.LayersModel>): string | undefined {
  for (const [role, model] of Object.entries(models)) {
    const bad = tf.tidy(() => model.weights.some((weight) => tf.any(tf.logicalNot(tf.isFinite(weight.read()))).dataSync()[0] === 1));
    if (bad) return role;
  }
  return undefined;
}

/** Index of the first non-finite value, or -1. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return i;
  return -1;
}
