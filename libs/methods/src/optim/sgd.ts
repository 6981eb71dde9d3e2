import type * as tf from '@tensorflow/tfjs';
import { SlotOptimizer, type WeightDecayOptions } from './optimizer.js';

export interface SgdOptions extends WeightDecayOptions {
  /** Default 0.9. */
  momentum?: number;
  /** Default false. */
  nesterov?: boolean;
}

/**
 * SGD with momentum and coupled L2 weight decay, PyTorch semantics:
 *   g = grad + wd * w (decayed variables only);  v = momentum * v + g;
 *   w -= lr * (nesterov ? g + momentum * v : v).
 */
export class SgdOptimizer extends SlotOptimizer {
  private readonly momentum: number;
  private readonly nesterov: boolean;

  constructor(variables: readonly tf.Variable[], options: SgdOptions = {}) {
    super(variables, ['velocity'], options);
    this.momentum = options.momentum ?? 0.9;
    this.nesterov = options.nesterov ?? false;
    if (!(this.momentum >= 0 && this.momentum < 1)) throw new Error(`momentum must be in [0, 1), got ${this.momentum}`);
  }

  protected update(index: number, variable: tf.Variable, gradient: tf.Tensor, learningRate: number): void {
    const g = this.decayed[index] ? gradient.add(variable.mul(this.weightDecay)) : gradient;
    const velocity = this.slot('velocity', index);
    velocity.assign(velocity.mul(this.momentum).add(g));
    const direction = this.nesterov ? g.add(velocity.mul(this.momentum)) : velocity;
    variable.assign(variable.sub(direction.mul(learningRate)));
  }
}
