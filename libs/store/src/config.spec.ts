import { describe, expect, it } from 'vitest';
import { openStore, parseStoreUrl, storeConfigFromEnv } from './config.js';
import { FileSystemStore } from './fs-store.js';
import { S3Store } from './s3-store.js';

describe('store config', () => {
  it('parses file URLs and plain paths', () => {
    expect(parseStoreUrl('file:///var/lib/distill')).toEqual({ kind: 'file', root: '/var/lib/distill' });
    expect(parseStoreUrl('/tmp/store')).toEqual({ kind: 'file', root: '/tmp/store' });
    expect(parseStoreUrl('.data/store')).toEqual({ kind: 'file', root: `${process.cwd()}/.data/store` });
  });

  it('parses an s3 URL with percent-encoded credentials, port, ssl and region', () => {
    expect(parseStoreUrl('s3://AKIA:se%2Fcr%40et@minio.local:9000/distill?ssl=false&region=eu-west-1')).toEqual({
      kind: 's3',
      endPoint: 'minio.local',
      port: 9000,
      useSSL: false,
      accessKey: 'AKIA',
      secretKey: 'se/cr@et',
      bucket: 'distill',
      region: 'eu-west-1',
    });
    expect(parseStoreUrl('s3://a:b@s3.amazonaws.com/bucket')).toMatchObject({ useSSL: true, bucket: 'bucket' });
  });

  it('rejects incomplete s3 URLs without echoing the secret', () => {
    expect(() => parseStoreUrl('s3://a:topsecret@host:9000/')).toThrow(/"s3:\/\/host:9000\/" must name one bucket/);
    expect(() => parseStoreUrl('s3://host/bucket')).toThrow(/has no access key and secret key/);
    expect(() => parseStoreUrl('s3://a:topsecret@host/b?ssl=maybe')).toThrow(/ssl must be true or false, got "maybe"/);
    expect(() => parseStoreUrl('ftp://host/x')).toThrow(/scheme "ftp:" is not supported/);
    for (const url of ['s3://a:topsecret@host:9000/', 's3://a:topsecret@host/b?ssl=maybe']) {
      expect(() => parseStoreUrl(url)).not.toThrow(/topsecret/);
    }
  });

  it('reads S3_* environment variables, naming the missing ones', () => {
    const env = { S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY: 'key', S3_SECRET_KEY: 'secret', S3_BUCKET: 'distill' };
    expect(storeConfigFromEnv(env)).toEqual({
      kind: 's3',
      endPoint: '127.0.0.1',
      port: 9000,
      useSSL: false,
      accessKey: 'key',
      secretKey: 'secret',
      bucket: 'distill',
    });
    expect(storeConfigFromEnv({})).toBeUndefined();
    expect(() => storeConfigFromEnv({ S3_ENDPOINT: 'http://h:1', S3_ACCESS_KEY: 'k' })).toThrow(/S3_SECRET_KEY, S3_BUCKET is not/);
  });

  it('opens the store a config names, describing it without the secret key', () => {
    expect(openStore('file:///tmp/x')).toBeInstanceOf(FileSystemStore);
    const s3 = openStore('s3://key:hunter2@127.0.0.1:9000/distill?ssl=false');
    expect(s3).toBeInstanceOf(S3Store);
    expect(s3.describe()).toBe('s3://key@127.0.0.1:9000/distill?ssl=false');
  });
});
