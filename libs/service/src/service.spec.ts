import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configSecrets,
  createLogger,
  resolveServiceConfig,
  ServiceConfigError,
  startService,
  type ServiceConfig,
} from './service.js';

const natsPassword = 'nats-pw-7f3a9c';
const s3Secret = 's3-secret-0b1d2e';

/** nats-server with JetStream and one user, on a port it picks (read from its log). */
async function startAuthNats(dir: string): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(process.env['NATS_SERVER_BIN'] ?? 'nats-server', ['-js', '-a', '127.0.0.1', '-p', '-1', '-sd', dir, '--user', 'worker', '--pass', natsPassword], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let log = '';
    server.once('exit', (code) => reject(new Error(`nats-server exited with ${code}: ${log}`)));
    server.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const listening = /Listening for client connections on ([\d.]+):(\d+)/.exec(log);
      if (listening) resolve(`nats://${listening[1]}:${listening[2]}`);
    });
  });
  return { url, server };
}

function capture(): { lines: string[]; write: (line: string) => void } {
  const lines: string[] = [];
  return { lines, write: (line) => lines.push(line) };
}

async function get(port: number, path: string): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}${path}`)).status;
}

describe('resolveServiceConfig', () => {
  it('defaults to the in-memory bus, ./.data/store and port 8080', () => {
    expect(resolveServiceConfig({}, {})).toEqual({ bus: { url: 'memory' }, store: { kind: 'file', root: join(process.cwd(), '.data/store') }, healthPort: 8080 });
  });

  it('prefers flags to env vars and reads S3 from the env', () => {
    const env = { NATS_URL: 'nats://env:4222', S3_ENDPOINT: 'http://env:9000', S3_ACCESS_KEY: 'AK', S3_SECRET_KEY: s3Secret, S3_BUCKET: 'b' };
    const config = resolveServiceConfig({ nats: 'nats://flag:4222', s3: 'https://flag:9443', healthPort: '0' }, env);
    expect(config.bus).toEqual({ url: 'nats://flag:4222' });
    expect(config.store).toMatchObject({ kind: 's3', endPoint: 'flag', port: 9443, useSSL: true, accessKey: 'AK', secretKey: s3Secret, bucket: 'b' });
    expect(config.healthPort).toBeNull();
  });

  it.each([
    [{}, { NATS_URL: 'nats://h:4222', NATS_USER: 'u' }, {}, 'NATS_USER is set but NATS_PASSWORD is not'],
    [{}, { NATS_PASSWORD: 'p' }, {}, 'NATS_PASSWORD is set but NATS_USER is not'],
    [{}, {}, { requireNats: true }, 'pass --nats URL or set NATS_URL'],
    [{ store: '/x', s3: 'http://h:9000' }, {}, {}, '--store and --s3 both name a store'],
    [{ s3: 'http://h:9000' }, { S3_ACCESS_KEY: 'a' }, {}, 'S3_SECRET_KEY, S3_BUCKET is not'],
    [{ healthPort: '80a' }, {}, {}, '--health-port must be a port number 0..65535, got "80a"'],
  ])('refuses %j with env %j (%j)', (flags, env, options, message) => {
    expect(() => resolveServiceConfig(flags, env, options)).toThrow(ServiceConfigError);
    expect(() => resolveServiceConfig(flags, env, options)).toThrow(message);
  });

  it('lists the secrets of the config, including one inside a NATS URL', () => {
    const config = resolveServiceConfig({ nats: 'nats://u:url%20pw@h:4222' }, { S3_ENDPOINT: 'http://h:9000', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: s3Secret, S3_BUCKET: 'b' });
    expect(configSecrets(config, {})).toEqual(expect.arrayContaining([s3Secret, 'url%20pw', 'url pw']));
  });
});

describe('createLogger', () => {
  it('writes one JSON line per event, secrets masked', () => {
    const { lines, write } = capture();
    createLogger({ service: 'ingest', write, secrets: [natsPassword] }).warn('cannot reach', { url: `nats://u:${natsPassword}@h`, attempt: 2 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', service: 'ingest', message: 'cannot reach', url: 'nats://u:***@h', attempt: 2 });
  });

  it('writes text lines with key=value fields', () => {
    const { lines, write } = capture();
    createLogger({ service: 'ingest', write, format: 'text' }).info('imported', { datasetId: 'abc', source: 'idx:/a b' });
    expect(lines[0]).toMatch(/^\S+ INFO ingest: imported datasetId=abc source="idx:\/a b"\n$/);
  });
});

describe('startService', () => {
  let dir: string;
  let nats: { url: string; server: ChildProcess } | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'service-spec-'));
    nats = await startAuthNats(join(dir, 'nats'));
  });
  afterAll(async () => {
    nats?.server.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  const storeConfig = () => ({ kind: 'file' as const, root: join(dir, 'store') });

  it('serves /healthz and /readyz, is ready over NATS with credentials, and logs no secret', async () => {
    const { lines, write } = capture();
    // No `secrets` given: the service itself must keep them out of what it logs.
    const logger = createLogger({ service: 'test-worker', write });
    const config: ServiceConfig = { bus: { url: nats!.url, user: 'worker', password: natsPassword }, store: storeConfig(), healthPort: 0 };
    const service = await startService('test-worker', config, { logger });
    try {
      expect(await get(service.healthPort!, '/healthz')).toBe(200);
      expect(await get(service.healthPort!, '/readyz')).toBe(200);
      expect(await get(service.healthPort!, '/metrics')).toBe(404);
    } finally {
      await service.stop('test over');
    }
    expect(await service.isReady()).toBe(false);
    const log = lines.join('');
    expect(log).toContain('service started');
    expect(log).toContain('service stopped');
    expect(log).not.toContain(natsPassword);
  });

  it('is live but not ready when the store is unreachable, and never logs the S3 secret', async () => {
    const { lines, write } = capture();
    const config = resolveServiceConfig({ healthPort: '0' }, { S3_ENDPOINT: 'http://127.0.0.1:1', S3_ACCESS_KEY: 'AK', S3_SECRET_KEY: s3Secret, S3_BUCKET: 'b' });
    const service = await startService('test-worker', { ...config, healthPort: 0 }, { logger: createLogger({ service: 'test-worker', write }) });
    try {
      expect(await get(service.healthPort!, '/healthz')).toBe(200);
      expect(await get(service.healthPort!, '/readyz')).toBe(503);
    } finally {
      await service.stop('test over');
    }
    expect(lines.join('')).toContain('s3://AK@127.0.0.1:1/b');
    expect(lines.join('')).not.toContain(s3Secret);
  });

  it('refuses to start without credentials when the server requires them', async () => {
    const logger = createLogger({ service: 'test', write: () => {} });
    const start = startService('test', { bus: { url: nats!.url }, store: storeConfig(), healthPort: null }, { logger });
    await expect(start).rejects.toThrow(ServiceConfigError);
    await expect(start).rejects.toThrow('requires a user: set NATS_USER and NATS_PASSWORD');
  });

  it('names the user, not the password, when the credentials are wrong', async () => {
    const logger = createLogger({ service: 'test', write: () => {} });
    const start = startService('test', { bus: { url: nats!.url, user: 'worker', password: 'wrong-pw-123' }, store: storeConfig(), healthPort: null }, { logger });
    await expect(start).rejects.toThrow('check NATS_USER "worker" and NATS_PASSWORD');
    await expect(start).rejects.not.toThrow('wrong-pw-123');
  });
});
