import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'minio';
import S3rver from 's3rver';
import { s3Endpoint } from './config.js';
import type { S3StoreConfig } from './s3-store.js';

export interface TestS3 {
  /** Config of a bucket of this test's own (created on first use). */
  bucketConfig(): S3StoreConfig;
  /** Deletes the buckets handed out and stops the server this helper started. */
  stop(): Promise<void>;
}

/**
 * An S3 endpoint for tests: env S3_ENDPOINT with S3_ACCESS_KEY/S3_SECRET_KEY when set (CI
 * starts one), else s3rver in this process on a free loopback port with a temporary directory.
 */
export async function startTestS3(): Promise<TestS3> {
  const endpoint = process.env['S3_ENDPOINT'];
  if (endpoint) {
    const credentials = { accessKey: process.env['S3_ACCESS_KEY'] ?? 'S3RVER', secretKey: process.env['S3_SECRET_KEY'] ?? 'S3RVER' };
    return serve({ ...s3Endpoint(endpoint), ...credentials }, async () => {});
  }
  const directory = await mkdtemp(join(tmpdir(), 's3rver-test-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  try {
    const { port } = await server.run();
    // s3rver accepts requests signed with these credentials.
    return serve({ endPoint: '127.0.0.1', port, useSSL: false, accessKey: 'S3RVER', secretKey: 'S3RVER' }, async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

type Endpoint = Omit<S3StoreConfig, 'bucket'>;

function serve(endpoint: Endpoint, stopServer: () => Promise<void>): TestS3 {
  const buckets: string[] = [];
  return {
    bucketConfig: () => {
      const bucket = `test-${randomBytes(6).toString('hex')}`;
      buckets.push(bucket);
      return { ...endpoint, bucket };
    },
    stop: async () => {
      const client = new Client({ ...endpoint, pathStyle: true });
      for (const bucket of buckets) await emptyAndRemoveBucket(client, bucket);
      await stopServer();
    },
  };
}

async function emptyAndRemoveBucket(client: Client, bucket: string): Promise<void> {
  if (!(await client.bucketExists(bucket))) return;
  const keys: string[] = [];
  for await (const item of client.listObjectsV2(bucket, '', true)) if (item.name) keys.push(item.name);
  // One by one: s3rver answers a multi-object delete before its directories are gone, and
  // removing the bucket right after fails.
  for (const key of keys) await client.removeObject(bucket, key);
  await client.removeBucket(bucket);
}
