import type * as tf from '@tensorflow/tfjs';
import { SlotOptimizer, type WeightDecayOptions } from './optimizer.js';

export interface AdamWOptions extends WeightDecayOptions {
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  epsilon?: number;
}

/**
 * Adam with decoupled weight decay (AdamW, PyTorch semantics); weightDecay 0 is plain Adam:
 *   w *= 1 - lr * wd (decayed variables only);  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
 *   w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
 */
export class AdamWOptimizer extends SlotOptimizer {
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(variables: readonly tf.Variable[], options: AdamWOptions = {}) {
    super(variables, ['firstMoment', 'secondMoment'], options);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    for (const [name, beta] of [['beta1', this.beta1], ['beta2', this.beta2]] as const) {
      if (!(beta >= 0 && beta < 1)) throw new Error(`${name} must be in [0, 1), got ${beta}`);
    }
    if (!(this.epsilon > 0)) throw new Error(`epsilon must be > 0, got ${this.epsilon}`);
  }

  protected update(index: number, variable: tf.Variable, gradient: tf.Tensor, learningRate: number): void {
    const t = this.iterations;
    const firstMoment = this.slot('firstMoment', index);
    const secondMoment = this.slot('secondMoment', index);
    firstMoment.assign(firstMoment.mul(this.beta1).add(gradient.mul(1 - this.beta1)));
    secondMoment.assign(secondMoment.mul(this.beta2).add(gradient.square().mul(1 - this.beta2)));
    const firstUnbiased = firstMoment.div(1 - this.beta1 ** t);
    const secondUnbiased = secondMoment.div(1 - this.beta2 ** t);
    const decayedWeights = this.decayed[index] ? variable.mul(1 - learningRate * this.weightDecay) : variable;
    variable.assign(decayedWeights.sub(firstUnbiased.div(secondUnbiased.sqrt().add(this.epsilon)).mul(learningRate)));
  }
}
