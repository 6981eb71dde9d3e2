import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureSet } from './features.js';
import { knnProbe } from './knn.js';
import { seededRandom } from '@ssl-distill/augment';

beforeAll(async () => {
  await initBackend();
});

/** Points near one of `classes` random centres (noise comparable to the centre spread, so k-NN errs sometimes). */
function clusteredSet(rows: number, dim: number, classes: number, seed: number): FeatureSet {
  const centres = seededRandom(1234);
  const centre = Array.from({ length: classes * dim }, () => centres() * 2 - 1);
  const random = seededRandom(seed);
  const features = new Float32Array(rows * dim);
  const labels = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    labels[row] = Math.floor(random() * classes);
    for (let d = 0; d < dim; d++) features[row * dim + d] = centre[labels[row]! * dim + d]! + (random() * 2 - 1) * 1.2;
  }
  return { features, labels, dim };
}

/** Straight from the definition, in float64: sort every train row by cosine similarity, vote. */
function bruteForceKnn(train: FeatureSet, test: FeatureSet, k: number, temperature: number, classes: number) {
  const unit = (set: FeatureSet, row: number) => {
    const v = Array.from(set.features.subarray(row * set.dim, (row + 1) * set.dim));
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const trainUnit = train.labels.map((_, row) => row).reduce<number[][]>((acc, row) => [...acc, unit(train, row)], []);
  const predictions: number[] = [];
  const neighbours: number[][] = [];
  let top1 = 0;
  let top5 = 0;
  for (let row = 0; row < test.labels.length; row++) {
    const q = unit(test, row);
    const ranked = trainUnit
      .map((t, index) => ({ index, similarity: t.reduce((sum, x, d) => sum + x * q[d]!, 0) }))
      .sort((a, b) => b.similarity - a.similarity || a.index - b.index)
      .slice(0, k);
    const votes = new Array<number>(classes).fill(0);
    for (const n of ranked) votes[train.labels[n.index]!]! += Math.exp(n.similarity / temperature);
    const order = votes.map((v, c) => ({ v, c })).sort((a, b) => b.v - a.v || a.c - b.c);
    predictions.push(order[0]!.c);
    neighbours.push(ranked.map((n) => n.index));
    if (order[0]!.c === test.labels[row]) top1++;
    if (order.slice(0, 5).some((o) => o.c === test.labels[row])) top5++;
  }
  return { predictions, neighbours, top1: top1 / test.labels.length, top5: top5 / test.labels.length };
}

describe('knnProbe', () => {
  const classes = 8;
  const train = clusteredSet(300, 16, classes, 1);
  const test = clusteredSet(80, 16, classes, 2);

  it('matches a brute-force weighted k-NN exactly', () => {
    const reference = bruteForceKnn(train, test, 20, 0.07, classes);
    const result = knnProbe(train, test, { k: 20, neighboursForFirst: 5 });
    expect(Array.from(result.predictions)).toEqual(reference.predictions);
    expect(result.top1).toBe(reference.top1);
    expect(result.top5).toBe(reference.top5);
    // The data is hard enough that top-1 and top-5 differ, so both paths are exercised.
    expect(result.top1).toBeGreaterThan(0.3);
    expect(result.top1).toBeLessThan(result.top5);
    expect(result.top5).toBeLessThan(1);
    const neighbours = result.neighbours!;
    expect(neighbours.rows).toBe(5);
    for (let row = 0; row < 5; row++) {
      expect(Array.from(neighbours.indices.subarray(row * 20, (row + 1) * 20))).toEqual(reference.neighbours[row]);
    }
  });

  it('weighs votes by exp(s/T), which can overrule the majority', () => {
    // Query [1,0]: one class-0 neighbour at similarity 1, two class-1 neighbours at similarity 0.
    // Weighted: class 0 scores exp(1/0.07) ~ 1.6e6 > class 1's 2 * exp(0) = 2. Majority would say 1.
    const trainSet: FeatureSet = { features: new Float32Array([1, 0, 0, 1, 0, 2]), labels: new Int32Array([0, 1, 1]), dim: 2 };
    const query = (label: number): FeatureSet => ({ features: new Float32Array([1, 0]), labels: new Int32Array([label]), dim: 2 });
    expect(Array.from(knnProbe(trainSet, query(0), { k: 3 }).predictions)).toEqual([0]);
    expect(knnProbe(trainSet, query(0), { k: 3 }).top1).toBe(1);
    // With a huge temperature every weight is ~1 and the vote becomes a majority vote.
    expect(Array.from(knnProbe(trainSet, query(0), { k: 3, temperature: 1e6 }).predictions)).toEqual([1]);
    const result = knnProbe(trainSet, query(1), { k: 3, neighboursForFirst: 1 });
    expect(result.top1).toBe(0);
    expect(result.top5).toBe(1);
    expect(Array.from(result.neighbours!.indices)).toEqual([0, 1, 2]);
    expect(Array.from(result.neighbours!.similarities)).toEqual([1, 0, 0]);
  });

  it('gives identical results with chunked train rows and small test batches', () => {
    const whole = knnProbe(train, test, { k: 30, neighboursForFirst: 10 });
    const chunked = knnProbe(train, test, { k: 30, neighboursForFirst: 10, trainChunkSize: 37, testBatchSize: 7 });
    // Chunks smaller than k: each row's top-k list fills across several chunks.
    const tiny = knnProbe(train, test, { k: 30, neighboursForFirst: 10, trainChunkSize: 13, testBatchSize: 3 });
    for (const other of [chunked, tiny]) {
      expect(Array.from(other.predictions)).toEqual(Array.from(whole.predictions));
      expect(other.top1).toBe(whole.top1);
      expect(other.top5).toBe(whole.top5);
      expect(Array.from(other.neighbours!.indices)).toEqual(Array.from(whole.neighbours!.indices));
      // Matmuls of other shapes may sum in another order (native backend): equal to float32 rounding.
      other.neighbours!.similarities.forEach((similarity, i) => expect(similarity).toBeCloseTo(whole.neighbours!.similarities[i]!, 6));
    }
  });

  it('caps k at the train size and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const result = knnProbe(train, test, { k: 1000, trainChunkSize: 100, neighboursForFirst: 1 });
    expect(result.neighbours!.k).toBe(300);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the inconsistent field', () => {
    const bad: FeatureSet = { features: new Float32Array(10), labels: new Int32Array(3), dim: 4 };
    expect(() => knnProbe(bad, test)).toThrow(/train\.features has length 10, expected .* = 12/);
    const otherDim: FeatureSet = { features: new Float32Array(8), labels: new Int32Array(2), dim: 4 };
    expect(() => knnProbe(train, otherDim)).toThrow(/test\.dim \(4\) differs from train\.dim \(16\)/);
    expect(() => knnProbe(train, test, { k: 0 })).toThrow(/k must be a positive integer/);
    expect(() => knnProbe(train, test, { numClasses: 3 })).toThrow(/numClasses \(3\)/);
  });
});
