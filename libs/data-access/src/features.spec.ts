import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeMessage } from '@ssl-distill/proto';
import { featureManifestKey, featureShardKey, FileSystemStore, type FeatureCacheId, type ObjectStore } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureReader } from './features.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'features-spec-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cache: FeatureCacheId = { teacherId: 't', datasetId: 'd', planId: 'p' };

/**
 * Writes a cache by hand: `slots` maps "epoch/view" to its rows (dim floats each), cut into shards
 * of `perShard` rows; `mean` goes into the manifest when given.
 */
async function writeCache(store: ObjectStore, slots: Record<string, number[]>, dim: number, perShard: number, mean?: number[]): Promise<void> {
  const shards = [];
  for (const [slot, values] of Object.entries(slots)) {
    const [epoch, view] = slot.split('/').map(Number) as [number, number];
    const rows = values.length / dim;
    for (let k = 0; k * perShard < rows; k++) {
      const start = k * perShard;
      const count = Math.min(perShard, rows - start);
      const index = view * Math.ceil(rows / perShard) + k;
      const key = featureShardKey(cache, epoch, index);
      const embeddings = Float32Array.from(values.slice(start * dim, (start + count) * dim));
      const sha256 = await store.putVerified(key, encodeMessage('FeatureShard', {
        ...cache, epoch, view, index, sampleIndices: Array.from({ length: count }, (_, i) => start + i),
        embeddingDim: dim, embeddings: new Uint8Array(embeddings.buffer), logitsDim: 0, logits: new Uint8Array(0),
      }));
      shards.push({ epoch, view, index, key, count, sha256 });
    }
  }
  const sampleCount = Object.values(slots)[0]!.length / dim;
  await store.putVerified(featureManifestKey(cache), encodeMessage('FeatureManifest', { ...cache, embeddingDim: dim, logitsDim: 0, sampleCount, shards, embeddingMean: mean ?? [] }));
}

describe('FeatureReader', () => {
  // dim 2; rows (1,10) (3,10) in slot 0/0 and (5,10) (7,10) in slot 0/1: mean (4, 10).
  const slots = { '0/0': [1, 10, 3, 10], '0/1': [5, 10, 7, 10] };

  it('gathers the rows of a batch, in the order asked, across shards', async () => {
    const store = new FileSystemStore(join(dir, 'rows'));
    await writeCache(store, slots, 2, 1);
    const reader = await FeatureReader.open(store, cache);
    expect(Array.from(await reader.rows('embeddings', 0, 1, [1, 0, 1]))).toEqual([7, 10, 5, 10, 7, 10]);
    await expect(reader.rows('embeddings', 1, 0, [0])).rejects.toThrow('has no epoch 1 view 0');
    await expect(reader.rows('logits', 0, 0, [0])).rejects.toThrow('has no logits');
  });

  it('centred, subtracts the manifest\'s mean, or the mean over every epoch, view and sample of an older cache', async () => {
    for (const [name, mean] of [['stored', [4, 10]], ['scanned', undefined]] as const) {
      const store = new FileSystemStore(join(dir, `centred-${name}`));
      await writeCache(store, slots, 2, 1, mean && [...mean]);
      const centred = await FeatureReader.open(store, cache, { centred: true });
      expect(Array.from(await centred.rows('embeddings', 0, 0, [0, 1])), name).toEqual([-3, 0, -1, 0]);
      expect(Array.from(await centred.rows('embeddings', 0, 1, [0, 1])), name).toEqual([1, 0, 3, 0]);
    }
  });

  it('turns cosines near 1 (a shared component) into the differences between samples', async () => {
    const cosine = (a: Float32Array, b: Float32Array) => {
      const dot = a.reduce((s, v, i) => s + v * b[i]!, 0);
      return dot / Math.hypot(...a) / Math.hypot(...b);
    };
    const store = new FileSystemStore(join(dir, 'cosine'));
    await writeCache(store, { '0/0': [10, 1, 10, -1] }, 2, 2);
    const rows = async (reader: FeatureReader) => {
      const both = await reader.rows('embeddings', 0, 0, [0, 1]);
      return [both.slice(0, 2), both.slice(2)] as const;
    };
    expect(cosine(...(await rows(await FeatureReader.open(store, cache))))).toBeCloseTo(0.9802, 4);
    expect(cosine(...(await rows(await FeatureReader.open(store, cache, { centred: true }))))).toBeCloseTo(-1, 6);
  });

  it('never holds more feature shards than its budget', async () => {
    const store = new FileSystemStore(join(dir, 'budget'));
    const values = Array.from({ length: 40 * 3 }, (_, i) => i);
    await writeCache(store, { '0/0': values }, 3, 4); // 10 shards of 4 rows
    const reader = await FeatureReader.open(store, cache, { budget: 3 });
    const indices = [39, 0, 17, 5, 22, 38, 1, 13];
    const rows = await reader.rows('embeddings', 0, 0, indices);
    expect(Array.from(rows)).toEqual(indices.flatMap((sample) => [3 * sample, 3 * sample + 1, 3 * sample + 2]));
    expect(reader.peakResident).toBe(3);
    expect(reader.residentShards).toBe(3);
  });
});
