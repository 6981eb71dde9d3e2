import type * as tf from '@tensorflow/tfjs';
import { applyChain, createMomentumTarget, updateMomentumTarget } from './networks.js';

/** One online network of a chain and how to build an empty copy of its architecture. */
export interface OnlineNetwork {
  model: tf.LayersModel;
  build: () => tf.LayersModel;
}

/**
 * EMA copies of a chain of online networks (MoCo's key encoder, BYOL's target): starts equal to
 * the online chain, runs in training mode without gradient, and follows it by
 * target = momentum * target + (1 - momentum) * online.
 */
export class MomentumChain {
  readonly online: readonly tf.LayersModel[];
  readonly targets: readonly tf.LayersModel[];

  constructor(
    networks: readonly OnlineNetwork[],
    readonly momentum: number,
  ) {
    this.online = networks.map((network) => network.model);
    this.targets = networks.map((network) => createMomentumTarget(network.model, network.build));
  }

  forward(input: tf.Tensor): tf.Tensor {
    return applyChain(this.targets, input);
  }

  update(): void {
    this.targets.forEach((target, i) => updateMomentumTarget(target, this.online[i]!, this.momentum));
  }
}
