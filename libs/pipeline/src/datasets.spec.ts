import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticDataset, writeIdxDataset } from '@ssl-distill/data';
import { CorruptObjectError, FileSystemStore, openStore, type ObjectStore } from '@ssl-distill/store';
import { startTestS3, type TestS3 } from '@ssl-distill/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset, loadDataset, parseDatasetSource } from './datasets.js';
import type { ProgressEvent } from './progress.js';
import type { DatasetSource } from './schema.js';

const source: DatasetSource = { source: 'synthetic', count: 70, height: 8, width: 6, channels: 3, classes: 4, seed: 9 };
const expected = syntheticDataset(source);

/** Counts the writes that reach the store. */
function countingWrites(store: ObjectStore): { store: ObjectStore; writes: string[] } {
  const writes: string[] = [];
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property === 'put' || property === 'putVerified' || property === 'delete') writes.push(String(args[0]));
        return value.apply(target, args);
      };
    },
  });
  return { store: counted, writes };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'datasets-spec-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function expectRoundTrip(store: ObjectStore): Promise<void> {
  const events: ProgressEvent[] = [];
  const { datasetId, manifest, written } = await importDataset(source, store, { shardSize: 32, progress: (event) => events.push(event) });
  expect(written).toBe(true);
  expect(datasetId).toMatch(/^[0-9a-f]{16}$/);
  expect(manifest.shards.map((shard) => [shard.key, shard.firstSample, shard.count])).toEqual([
    [`datasets/${datasetId}/shard-0.pb`, 0, 32],
    [`datasets/${datasetId}/shard-1.pb`, 32, 32],
    [`datasets/${datasetId}/shard-2.pb`, 64, 6],
  ]);
  expect(await store.list(`datasets/${datasetId}/`)).toEqual([0, 1, 2].map((k) => `datasets/${datasetId}/shard-${k}.pb`).concat(`datasets/${datasetId}/manifest.pb`).sort());
  expect(events.at(-1)).toMatchObject({ state: 'done', step: 3, total: 3 });

  const loaded = await loadDataset(store, datasetId);
  expect(loaded).toEqual(expected);
}

describe('importDataset and loadDataset', () => {
  it('round-trips a synthetic dataset through the filesystem store', async () => {
    await expectRoundTrip(new FileSystemStore(join(dir, 'roundtrip')));
  });

  describe('over S3', () => {
    let s3: TestS3;
    beforeAll(async () => {
      s3 = await startTestS3();
    });
    afterAll(() => s3.stop());

    it('round-trips a synthetic dataset through an S3 bucket', async () => {
      await expectRoundTrip(openStore({ kind: 's3', ...s3.bucketConfig() }));
    });
  });

  it('writes nothing when the same content is imported again, whatever the shard size', async () => {
    const { store, writes } = countingWrites(new FileSystemStore(join(dir, 'again')));
    const first = await importDataset(source, store, { shardSize: 50 });
    expect(writes).toHaveLength(3);
    writes.length = 0;
    const second = await importDataset(source, store, { shardSize: 7 });
    expect(writes).toEqual([]);
    expect(second).toMatchObject({ datasetId: first.datasetId, written: false });
    expect(second.manifest.shards).toHaveLength(2);
  });

  it('gives other content another id', async () => {
    const store = new FileSystemStore(join(dir, 'other'));
    const a = await importDataset(source, store);
    const b = await importDataset({ ...source, seed: 10 }, store);
    expect(b.datasetId).not.toBe(a.datasetId);
  });

  it('names the key of a corrupted shard', async () => {
    const root = join(dir, 'corrupt');
    const { datasetId } = await importDataset(source, new FileSystemStore(root), { shardSize: 32 });
    const file = join(root, 'datasets', datasetId, 'shard-1.pb');
    const bytes = await readFile(file);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(file, bytes);
    const loading = loadDataset(new FileSystemStore(root), datasetId);
    await expect(loading).rejects.toThrow(CorruptObjectError);
    await expect(loading).rejects.toThrow(`datasets/${datasetId}/shard-1.pb`);
  });

  it('imports IDX files and keeps the loaded dataset cached per store', async () => {
    const idxDir = join(dir, 'idx');
    writeIdxDataset(idxDir, { ...expected, channels: 1, images: expected.images.subarray(0, 70 * 48) }, 'train');
    const store = new FileSystemStore(join(dir, 'idx-store'));
    const { datasetId, manifest } = await importDataset({ source: 'idx', path: idxDir, split: 'train', names: 'mnist', limit: 20 }, store);
    expect(manifest).toMatchObject({ count: 20, height: 8, width: 6, channels: 1, source: `idx:${idxDir} (train)` });
    expect(manifest.classNames).toHaveLength(10);
    const loaded = await loadDataset(store, datasetId);
    expect(loaded.images).toEqual(expected.images.subarray(0, 20 * 48));
    expect(await loadDataset(store, datasetId)).toBe(loaded);
  });

  it('names the missing IDX file', async () => {
    await expect(importDataset({ source: 'idx', path: join(dir, 'nowhere'), split: 'test', names: 'mnist' }, new FileSystemStore(join(dir, 'none')))).rejects.toThrow(
      join(dir, 'nowhere'),
    );
  });
});

describe('parseDatasetSource', () => {
  it('fills the pipeline file defaults', () => {
    expect(parseDatasetSource({ source: 'synthetic', count: 5 }, '--flags')).toEqual({ source: 'synthetic', count: 5, height: 28, width: 28, channels: 1, classes: 10, seed: 0 });
  });

  it('names the bad field and the input', () => {
    expect(() => parseDatasetSource({ source: 'idx', split: 'train' }, 'ImportJob job-1')).toThrow('ImportJob job-1: path: required string is missing');
    expect(() => parseDatasetSource({ source: 'tape' }, 'flags')).toThrow("flags: source: unknown dataset source 'tape' (expected one of: idx, cifar, folder, synthetic)");
  });
});
