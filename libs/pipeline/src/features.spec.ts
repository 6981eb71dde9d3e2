import { describe, expect, it } from 'vitest';
import { centerFeatures, type FeatureTable } from './features.js';

function table(slots: Record<string, number[]>, dim: number): FeatureTable {
  const shards = Object.keys(slots).map((slot, index) => {
    const [epoch, view] = slot.split('/').map(Number);
    return { epoch, view, index, key: `k${index}`, count: slots[slot]!.length / dim, sha256: '' };
  });
  return {
    manifest: { teacherId: 't', datasetId: 'd', planId: 'p', embeddingDim: dim, logitsDim: 0, sampleCount: 2, shards },
    embeddingDim: dim,
    logitsDim: 0,
    embeddings: (epoch, view) => Float32Array.from(slots[`${epoch}/${view}`]!),
    logits: () => undefined,
  };
}

describe('centerFeatures', () => {
  it('subtracts the mean over every epoch, view and sample', () => {
    // dim 2; rows (1,10) (3,10) in slot 0/0 and (5,10) (7,10) in slot 0/1: mean (4, 10).
    const centered = centerFeatures(table({ '0/0': [1, 10, 3, 10], '0/1': [5, 10, 7, 10] }, 2));
    expect(Array.from(centered.embeddings(0, 0))).toEqual([-3, 0, -1, 0]);
    expect(Array.from(centered.embeddings(0, 1))).toEqual([1, 0, 3, 0]);
  });

  it('turns cosines near 1 (a shared component) into the differences between samples', () => {
    const cosine = (a: Float32Array, b: Float32Array) => {
      const dot = a.reduce((s, v, i) => s + v * b[i]!, 0);
      return dot / Math.hypot(...a) / Math.hypot(...b);
    };
    const raw = table({ '0/0': [10, 1, 10, -1] }, 2);
    const rows = (t: FeatureTable) => [t.embeddings(0, 0).slice(0, 2), t.embeddings(0, 0).slice(2)] as const;
    expect(cosine(...rows(raw))).toBeCloseTo(0.9802, 4);
    expect(cosine(...rows(centerFeatures(raw)))).toBeCloseTo(-1, 6);
  });
});
