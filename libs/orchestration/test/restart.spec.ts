// nats-server (JetStream file store) restarted mid-pipeline: workers and the submitter reconnect,
// the queued jobs survive on disk, and the pipeline completes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDistillBus, type DistillBus } from '@ssl-distill/bus';
import { recordingLogger } from '@ssl-distill/bus/testing';
import { openStore, type ObjectStore } from '@ssl-distill/store';
import { startTestS3, type TestS3 } from '@ssl-distill/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, startJobWorkers } from '../src/jobs.js';
import { parsePipeline } from '@ssl-distill/spec';
import { LocalViewSource } from '@ssl-distill/data-access';
import { killChildren, s3Env, startWorker, TINY_YAML, until, type Child } from './helpers.js';

let s3: TestS3;
let dir: string;
let port: number;
let server: ChildProcess | undefined;
let bus: DistillBus;
let store: ObjectStore;
let workers: Child[];

const freePort = () => new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = probe.address() as { port: number };
    probe.close(() => resolve(p));
  });
});

async function startNats(): Promise<void> {
  server = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    server!.stderr!.on('data', (c: Buffer) => {
      log += c.toString();
      if (/Server is ready/.test(log)) resolve();
    });
    server!.once('exit', (code) => reject(new Error(`nats-server exited ${code}: ${log}`)));
  });
}

async function stopNats(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s || s.exitCode !== null) return;
  const exited = new Promise((r) => s.once('exit', r));
  s.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  s3 = await startTestS3();
  dir = await mkdtemp(join(tmpdir(), 'restart-spec-'));
  port = await freePort();
  await startNats();
  const url = `nats://127.0.0.1:${port}`;
  const bucket = s3.bucketConfig();
  store = openStore({ kind: 's3', ...bucket });
  bus = await openDistillBus({ url, name: 'restart-spec', logger: recordingLogger() });
  await startJobWorkers(['import'], {
    bus, store, progress: () => {}, log: () => {},
    context: (progress, heartbeat, signal) => ({ store, views: new LocalViewSource(store), progress, backend: 'n/a', log: () => {}, heartbeat, signal }),
  });
  const env = { NATS_URL: url, ...s3Env(bucket), SSL_DISTILL_ACK_WAIT_MS: '5000' };
  workers = await Promise.all([startWorker('teacher', env), startWorker('distill', env), startWorker('evaluate', env)]);
}, 90_000);

afterAll(async () => {
  await killChildren('/tmp/restart-spec-workers.log');
  await bus?.close().catch(() => {});
  await stopNats();
  await s3?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('nats-server restarted mid-pipeline', () => {
  it('the pipeline resumes and completes', async () => {
    const running = runPipeline(parsePipeline(TINY_YAML, 'tiny.yaml'), bus, store);
    running.catch(() => {});
    const teacher = workers[0]!;
    await until('the pretrain job to start', async () => /pretrain job \w+: started/.test(teacher.output()), 60_000, 20);
    const downAt = Date.now();
    await stopNats();
    await new Promise((r) => setTimeout(r, 1_000));
    await startNats();
    console.log(`[restart] nats-server down for ${((Date.now() - downAt) / 1000).toFixed(1)} s during pretrain, restarted on the same file store`);
    const result = await running;
    for (const row of result.rows) console.log(`[restart] ${row.role} ${row.name}: k-NN top-1 ${(row.knnTop1! * 100).toFixed(2)}%`);
    expect(result.rows.map((r) => r.name).sort()).toEqual(['big', 'small']);
    for (const row of result.rows) expect(row.knnTop1!).toBeGreaterThan(0.5);
    expect(workers.every((w) => w.process.exitCode === null)).toBe(true);
  }, 150_000);
});
