import { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from './store.contract.js';
import { S3Store, type S3StoreConfig } from './s3-store.js';
import { startTestS3, type TestS3 } from './testing.js';

let s3: TestS3;
let config: S3StoreConfig;
let store: S3Store;
let client: Client;
beforeAll(async () => {
  s3 = await startTestS3();
  config = s3.bucketConfig();
  store = new S3Store(config);
  client = new Client({ ...config, pathStyle: true });
});
afterAll(async () => s3?.stop());

describeStoreContract('S3Store', () => ({
  store,
  corrupt: async (key, bytes) => {
    const { metaData } = await client.statObject(config.bucket, key);
    await client.putObject(config.bucket, key, Buffer.from(bytes), bytes.length, { 'x-amz-meta-sha256': metaData['sha256'] });
  },
}));

describe('S3Store', () => {
  it('creates its bucket on first use', async () => {
    const fresh = s3.bucketConfig();
    expect(await client.bucketExists(fresh.bucket)).toBe(false);
    const store = new S3Store(fresh);
    expect(await store.list('')).toEqual([]);
    await store.put('a/b', new Uint8Array([7]));
    expect(await client.bucketExists(fresh.bucket)).toBe(true);
    expect(Array.from(await store.get('a/b'))).toEqual([7]);
  });

  it('shares a new bucket with stores of other processes that create it at the same moment', async () => {
    // The pods of an Indexed Job start together; whichever loses the race to create the bucket
    // (s3rver answers BucketAlreadyExists, MinIO BucketAlreadyOwnedByYou) must carry on.
    const fresh = s3.bucketConfig();
    const stores = Array.from({ length: 6 }, () => new S3Store(fresh));
    await Promise.all(stores.map((racer, i) => racer.put(`racer-${i}`, new Uint8Array([i]))));
    expect((await stores[0]!.list('')).sort()).toEqual(stores.map((_, i) => `racer-${i}`).sort());
  });
});
