import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetShardKey, FileSystemStore, sha256Hex } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetProblems, importDataset } from './datasets.js';
import { readIntact } from './read-intact.js';

let dir: string;
let store: FileSystemStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-intact-spec-'));
  store = new FileSystemStore(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readIntact', () => {
  it('returns the bytes of an object written with its checksum, also when they match the sha256 asked for', async () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    await store.putVerified('a/intact.bin', bytes);
    for (const read of [await readIntact(store, 'a/intact.bin'), await readIntact(store, 'a/intact.bin', sha256Hex(bytes))]) {
      expect('bytes' in read && Array.from(read.bytes)).toEqual([1, 2, 3, 4]);
    }
  });

  it('says why not: missing, corrupt (no recorded checksum), or different from the sha256 asked for', async () => {
    await store.put('a/unverified.bin', new Uint8Array([9]));
    expect(await readIntact(store, 'a/none.bin')).toEqual({ problem: 'a/none.bin missing' });
    expect(await readIntact(store, 'a/unverified.bin')).toEqual({ problem: 'a/unverified.bin corrupt' });
    expect(await readIntact(store, 'a/intact.bin', sha256Hex(new Uint8Array([0])))).toEqual({ problem: "a/intact.bin differs from its manifest's sha256" });
  });
});

describe('datasetProblems', () => {
  it('is empty for an intact import and names each missing or rewritten shard', async () => {
    const { datasetId } = await importDataset({ source: 'synthetic', count: 12, height: 4, width: 4, channels: 1, classes: 2, seed: 5 }, store, { shardSize: 4 });
    expect(await datasetProblems(store, datasetId)).toEqual([]);
    await store.delete(datasetShardKey(datasetId, 0));
    await store.putVerified(datasetShardKey(datasetId, 2), new Uint8Array([7, 7]));
    expect(await datasetProblems(store, datasetId)).toEqual([
      `dataset shard ${datasetShardKey(datasetId, 0)} missing`,
      `dataset shard ${datasetShardKey(datasetId, 2)} differs from its manifest's sha256`,
    ]);
    await store.delete(`datasets/${datasetId}/manifest.pb`);
    expect(await datasetProblems(store, datasetId)).toEqual([`dataset manifest datasets/${datasetId}/manifest.pb missing or corrupt`]);
  });
});
