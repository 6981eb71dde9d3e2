import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from './store.contract.js';
import { FileSystemStore } from './fs-store.js';

let root: string;
let store: FileSystemStore;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fs-store-'));
  store = new FileSystemStore(root);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describeStoreContract('FileSystemStore', () => ({
  store,
  corrupt: (key, bytes) => writeFile(join(root, ...key.split('/')), bytes),
}));

describe('FileSystemStore files', () => {
  it('keeps the checksum in a hidden sidecar and leaves no temporary files', async () => {
    await store.putVerified('layout/a.pb', new Uint8Array([1, 2, 3]));
    await store.put('layout/b.pb', new Uint8Array([4]));
    expect((await readdir(join(root, 'layout'))).sort()).toEqual(['.a.pb.sha256', 'a.pb', 'b.pb']);
  });
});
