import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSystemStore } from './fs-store.js';
import { S3Store, type S3StoreConfig } from './s3-store.js';
import type { ObjectStore } from './store.js';

export type StoreConfig = { kind: 'file'; root: string } | ({ kind: 's3' } & S3StoreConfig);

/**
 * Parses a store location:
 * - `file:///abs/path` or a plain path: a directory (FileSystemStore);
 * - `s3://ACCESS:SECRET@host[:port]/bucket[?ssl=false&region=r]`: an S3 bucket (S3Store),
 *   ssl on unless `ssl=false`; credentials percent-encoded.
 */
export function parseStoreUrl(location: string): StoreConfig {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(location)) return { kind: 'file', root: resolve(location) };
  const url = new URL(location);
  if (url.protocol === 'file:') return { kind: 'file', root: fileURLToPath(url) };
  if (url.protocol !== 's3:') throw new TypeError(`store url scheme "${url.protocol}" is not supported (use file:// or s3://)`);
  const safe = `s3://${url.host}${url.pathname}`;
  const bucket = url.pathname.replace(/^\/+|\/+$/g, '');
  if (!bucket || bucket.includes('/')) throw new TypeError(`store url "${safe}" must name one bucket as its path`);
  if (!url.username || !url.password) throw new TypeError(`store url "${safe}" has no access key and secret key (s3://ACCESS:SECRET@host/bucket)`);
  const ssl = url.searchParams.get('ssl');
  if (ssl !== null && ssl !== 'true' && ssl !== 'false') throw new TypeError(`store url "${safe}": ssl must be true or false, got "${ssl}"`);
  return {
    kind: 's3',
    endPoint: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    useSSL: ssl !== 'false',
    accessKey: decodeURIComponent(url.username),
    secretKey: decodeURIComponent(url.password),
    bucket,
    ...(url.searchParams.get('region') ? { region: url.searchParams.get('region')! } : {}),
  };
}

/**
 * An S3 store from S3_ENDPOINT (e.g. http://127.0.0.1:9000), S3_ACCESS_KEY, S3_SECRET_KEY and
 * S3_BUCKET (S3_REGION optional), or undefined when S3_ENDPOINT is unset.
 */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig | undefined {
  const endpoint = env['S3_ENDPOINT'];
  if (!endpoint) return undefined;
  const missing = ['S3_ACCESS_KEY', 'S3_SECRET_KEY', 'S3_BUCKET'].filter((name) => !env[name]);
  if (missing.length > 0) throw new TypeError(`S3_ENDPOINT is set but ${missing.join(', ')} is not`);
  return {
    kind: 's3',
    ...s3Endpoint(endpoint),
    accessKey: env['S3_ACCESS_KEY']!,
    secretKey: env['S3_SECRET_KEY']!,
    bucket: env['S3_BUCKET']!,
    ...(env['S3_REGION'] ? { region: env['S3_REGION'] } : {}),
  };
}

/** Host, port and TLS of an endpoint URL such as http://127.0.0.1:9000. */
export function s3Endpoint(endpoint: string): Pick<S3StoreConfig, 'endPoint' | 'port' | 'useSSL'> {
  const url = new URL(endpoint);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`S3 endpoint "${endpoint}" must be an http:// or https:// URL`);
  return { endPoint: url.hostname, ...(url.port ? { port: Number(url.port) } : {}), useSSL: url.protocol === 'https:' };
}

export function openStore(config: string | StoreConfig): ObjectStore {
  const resolved = typeof config === 'string' ? parseStoreUrl(config) : config;
  if (resolved.kind === 'file') return new FileSystemStore(resolved.root);
  const { kind: _kind, ...s3 } = resolved;
  return new S3Store(s3);
}
