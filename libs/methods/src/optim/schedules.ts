/** Learning rate as a function of the 0-based optimizer step. */
export type LearningRateSchedule = (step: number) => number;

export function constantSchedule(learningRate: number): LearningRateSchedule {
  return () => learningRate;
}

export interface CosineScheduleOptions {
  baseLearningRate: number;
  /** Steps of the whole run, warm-up included; later steps stay at finalLearningRate. */
  totalSteps: number;
  /** Linear warm-up steps (default 0): step s < warmupSteps gets base * (s + 1) / warmupSteps. */
  warmupSteps?: number;
  /** Default 0. */
  finalLearningRate?: number;
}

/**
 * Linear warm-up then half-cosine decay from base to final over the remaining steps, per step:
 *   lr(s) = final + (base - final) * (1 + cos(pi * (s - warmup) / (total - warmup))) / 2.
 * Warm-up starts at base / warmupSteps rather than 0 so the first step is never wasted.
 */
export function cosineSchedule(options: CosineScheduleOptions): LearningRateSchedule {
  const { baseLearningRate: base, totalSteps } = options;
  const warmup = options.warmupSteps ?? 0;
  const final = options.finalLearningRate ?? 0;
  if (!Number.isInteger(totalSteps) || totalSteps <= 0) throw new Error(`totalSteps must be a positive integer, got ${totalSteps}`);
  if (!Number.isInteger(warmup) || warmup < 0 || warmup >= totalSteps) {
    throw new Error(`warmupSteps must be an integer in [0, totalSteps = ${totalSteps}), got ${warmup}`);
  }
  const decaySteps = totalSteps - warmup;
  return (step) => {
    if (step < warmup) return (base * (step + 1)) / warmup;
    const progress = Math.min(1, (step - warmup) / decaySteps);
    return final + ((base - final) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}
