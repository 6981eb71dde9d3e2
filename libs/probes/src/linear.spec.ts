import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureSet } from './features.js';
import { featureStatistics, linearProbe } from './linear.js';
import { seededRandom } from '@ssl-distill/augment';

beforeAll(async () => {
  await initBackend();
});

/**
 * Linearly separable by construction: label = argmax over classes of a fixed linear map of x.
 * Features get per-dimension offsets and scales so standardisation matters.
 */
function separableSet(rows: number, dim: number, classes: number, seed: number): FeatureSet {
  const fixed = seededRandom(99);
  const map = Array.from({ length: classes * dim }, () => fixed() * 2 - 1);
  const offset = Array.from({ length: dim }, () => fixed() * 20 - 10);
  const scale = Array.from({ length: dim }, () => 0.1 + fixed() * 5);
  const random = seededRandom(seed);
  const features = new Float32Array(rows * dim);
  const labels = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const x = Array.from({ length: dim }, () => random() * 2 - 1);
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      const score = x.reduce((sum, v, d) => sum + v * map[c * dim + d]!, 0);
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    labels[row] = best;
    x.forEach((v, d) => (features[row * dim + d] = offset[d]! + v * scale[d]!));
  }
  return { features, labels, dim };
}

describe('linearProbe', () => {
  const train = separableSet(1200, 8, 4, 1);
  const test = separableSet(400, 8, 4, 2);

  it('reaches >= 95% on linearly separable data, with a consistent confusion matrix', () => {
    const result = linearProbe(train, test, { epochs: 40, batchSize: 64, learningRate: 0.05 });
    expect(result.top1).toBeGreaterThanOrEqual(0.95);
    expect(result.top5).toBe(1);
    expect(result.epochLosses[result.epochLosses.length - 1]!).toBeLessThan(result.epochLosses[0]! / 3);
    const { counts, numClasses } = result.confusion;
    expect(numClasses).toBe(4);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(400);
    let diagonal = 0;
    for (let c = 0; c < numClasses; c++) diagonal += counts[c * numClasses + c]!;
    expect(diagonal / 400).toBe(result.top1);
  });

  it('also learns with SGD + momentum and weight decay, and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const result = linearProbe(train, test, { optimizer: 'sgd', epochs: 30, batchSize: 64, learningRate: 0.1, weightDecay: 1e-4 });
    expect(result.top1).toBeGreaterThanOrEqual(0.95);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic for a seed and depends on it', () => {
    const options = { epochs: 2, batchSize: 32, seed: 7 };
    const first = linearProbe(train, test, options);
    const second = linearProbe(train, test, options);
    const otherSeed = linearProbe(train, test, { ...options, seed: 8 });
    expect(second.epochLosses).toEqual(first.epochLosses);
    expect(Array.from(second.predictions)).toEqual(Array.from(first.predictions));
    expect(otherSeed.epochLosses).not.toEqual(first.epochLosses);
  });

  it('standardises with train statistics', () => {
    const set: FeatureSet = { features: new Float32Array([1, 5, 3, 5, 5, 5]), labels: new Int32Array([0, 1, 0]), dim: 2 };
    const { mean, std } = featureStatistics(set);
    expect(Array.from(mean)).toEqual([3, 5]);
    expect(std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(std[1]).toBe(1); // constant dimension: left unscaled rather than divided by zero
  });

  it('names bad options', () => {
    expect(() => linearProbe(train, test, { epochs: 0 })).toThrow(/epochs must be a positive integer/);
    expect(() => linearProbe(train, test, { optimizer: 'lbfgs' as 'sgd' })).toThrow(/optimizer must be/);
  });
});
