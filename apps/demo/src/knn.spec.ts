// The page's k-NN vote (static/knn.js, plain browser JS) must be the k-NN probe's rule.
import { knnProbe } from '@ssl-distill/probes';
import { seededValues } from '@ssl-distill/runtime/testing';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module served to the browser as is
import { classify, normalize } from '../static/knn.js';

type Classify = (header: object, embeddings: Float32Array, query: Float32Array) => { label: number; scores: number[]; neighbours: Array<{ index: number; similarity: number }> };

describe('demo k-NN vote', () => {
  it('predicts what the k-NN probe predicts for every query', () => {
    const [count, dim, queries, classes] = [60, 8, 25, 4];
    const train = seededValues(count * dim, 1);
    const labels = Int32Array.from({ length: count }, (_, i) => (i * 7) % classes);
    const test = seededValues(queries * dim, 2);
    const header = { dim, k: 10, temperature: 0.1, labels: Array.from(labels), classNames: ['a', 'b', 'c', 'd'] };
    const unit = new Float32Array(count * dim);
    for (let i = 0; i < count; i++) unit.set((normalize as (v: Float32Array) => Float32Array)(train.subarray(i * dim, (i + 1) * dim)), i * dim);
    const probe = knnProbe({ features: train, labels, dim }, { features: test, labels: new Int32Array(queries), dim }, { k: 10, temperature: 0.1, numClasses: classes });
    for (let q = 0; q < queries; q++) {
      const shown = (classify as Classify)(header, unit, test.subarray(q * dim, (q + 1) * dim));
      expect(shown.label).toBe(probe.predictions[q]);
      expect(shown.neighbours).toHaveLength(10);
    }
  });
});
