import * as tf from '@tensorflow/tfjs';

/**
 * Hands out one distinct, reproducible initializer seed per layer of a build. Giving every
 * layer the same seed would make same-shaped kernels identical, so each call derives a new one
 * from (build seed, call index).
 */
export class LayerSeeds {
  private index = 0;

  constructor(private readonly seed: number) {}

  private next(): number {
    return mix32(this.seed, this.index++);
  }

  /**
   * Kaiming-normal (PyTorch's kaiming_normal_): N(0, 2 / fanIn), for kernels followed by a
   * ReLU-family activation. Not tfjs' heNormal: it truncates at 2 sigma without rescaling, so its
   * std is 0.88 * sqrt(2 / fanIn); and it would take a depthwise kernel's channel axis for fan-in.
   */
  heNormal(fanIn: number) {
    return tf.initializers.randomNormal({ mean: 0, stddev: Math.sqrt(2 / fanIn), seed: this.next() });
  }

  /** Glorot-uniform for kernels with a linear output (projections, logits, gates). */
  glorotUniform() {
    return tf.initializers.glorotUniform({ seed: this.next() });
  }
}

/** murmur3's 32-bit finaliser over (seed, index): nearby inputs give unrelated seeds. */
function mix32(seed: number, index: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
