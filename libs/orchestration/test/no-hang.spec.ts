// Services mode never waits in silence: a worker whose store refuses its key is not ready and the
// CLI stops within a minute naming the worker's error; a failure a worker cannot write to the
// store still reaches the submitter as a message; with no worker of a kind the submitter says so
// and stops, or keeps waiting (saying what for) when asked to. Real nats-server and S3 (s3rver).
import { createServer } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDistillBus, type DistillBus } from '@ssl-distill/bus';
import { recordingLogger, spawnNatsServer, type TestNats } from '@ssl-distill/bus/testing';
import { initBackend, type BackendName } from '@ssl-distill/runtime';
import { FileSystemStore, type ObjectStore } from '@ssl-distill/store';
import { startTestS3, type TestS3 } from '@ssl-distill/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorKey, JobFailedError, NoWorkerError, runPipeline, startJobWorkers } from '../src/jobs.js';
import { parsePipeline } from '@ssl-distill/spec';
import { LocalViewSource } from '@ssl-distill/data-access';
import { APPS, killChildren, s3Env, spawnApp, startWorker, TINY_YAML } from './helpers.js';

let nats: TestNats;
let s3: TestS3;
let dir: string;

beforeAll(async () => {
  [nats, s3] = await Promise.all([spawnNatsServer(), startTestS3()]);
  await initBackend({ backend: process.env['SSL_DISTILL_BACKEND'] as BackendName | undefined, log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'no-hang-spec-'));
}, 30_000);

afterAll(async () => {
  await killChildren('/tmp/no-hang-spec-workers.log');
  await Promise.all([nats?.stop(), s3?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const readyz = async (port: number) => (await fetch(`http://127.0.0.1:${port}/readyz`)).status;

/** Workers in this process over `bus`, with the stage context every test here uses. */
function workersHere(bus: DistillBus, store: ObjectStore, kinds: Parameters<typeof startJobWorkers>[0], log: (m: string) => void = () => {}) {
  return startJobWorkers(kinds, {
    bus, store, progress: () => {}, log, maxDeliver: 1,
    context: (progress, heartbeat, signal) => ({ store, views: new LocalViewSource(store), progress, backend: 'n/a', log: () => {}, heartbeat, signal }),
  });
}

describe('a worker whose S3 key is wrong', () => {
  it('is not ready (/readyz 503, its status names the error); `distill run --nats --s3` exits non-zero within a minute naming it', async () => {
    const bucket = s3.bucketConfig();
    const env = { NATS_URL: nats.url, ...s3Env(bucket) };
    await Promise.all([startWorker('ingest', env), startWorker('teacher', env), startWorker('evaluate', env)]);
    const port = await freePort();
    const broken = spawnApp('distill-wrong-key', APPS.distill, ['worker', '--health-port', String(port)], { ...env, S3_ACCESS_KEY: 'WRONGKEY' });
    await broken.waitFor(/not ready: the store check failed/, 60_000);
    expect(await readyz(port)).toBe(503);

    const file = join(dir, 'tiny.yaml');
    await writeFile(file, TINY_YAML);
    const started = Date.now();
    const cli = spawnApp('cli', APPS.cli, ['run', file, '--nats', nats.url, '--s3', env.S3_ENDPOINT], env);
    const code = await cli.exit(90_000);
    const seconds = (Date.now() - started) / 1000;
    console.log(`[no-hang] CLI exit ${code} after ${seconds.toFixed(1)} s:\n${cli.output().trim().split('\n').slice(-2).join('\n')}`);
    expect(code).not.toBe(0);
    expect(cli.output()).toMatch(/train job \w+ cannot run: 1 `train` worker running, none ready: distill pid \d+ on \S+: store .* failed a write and read check: The AWS Access Key Id you provided does not exist in our records\. Fix its configuration, or pass --wait-for-workers to keep waiting/);
    // The teacher's jobs ran meanwhile: only the student's job waited.
    expect(cli.output()).not.toMatch(/pretrain job \w+ cannot run/);
    expect(seconds).toBeLessThan(60); // the bound: within a minute
    await broken.kill();
  }, 150_000);
});

describe('a failure the worker cannot write to the store', () => {
  it('reaches the submitter as a message, with the worker\'s error', async () => {
    const store = new FileSystemStore(join(dir, 'store-a'));
    // The worker's store reads but refuses every write (its credentials lost write access).
    const readOnly = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'put' || property === 'putVerified') return async () => { throw new Error('AccessDenied: write refused by the bucket policy'); };
        return Reflect.get(target, property, receiver);
      },
    });
    const workerBus = await openDistillBus({ url: nats.url, name: 'no-hang-worker', logger: recordingLogger() });
    const submitter = await openDistillBus({ url: nats.url, name: 'no-hang-submitter', logger: recordingLogger() });
    try {
      const log: string[] = [];
      await workersHere(workerBus, readOnly, ['import'], (m) => log.push(m));
      const started = Date.now();
      const failure = await runPipeline(parsePipeline(TINY_YAML, 'tiny.yaml'), submitter, store, { watch: { log: () => {} } }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(JobFailedError);
      expect((failure as Error).message).toMatch(/^import job \w+ failed: AccessDenied: write refused by the bucket policy \(on worker pid \d+ on \S+, delivery 1\)$/);
      expect(Date.now() - started).toBeLessThan(20_000);
      // Nothing in the store: the message was the only way back.
      expect(await store.exists(errorKey((failure as JobFailedError).jobId))).toBe(false);
      expect(log.join('\n')).toContain('its failure could not be recorded in the store either');
    } finally {
      await Promise.all([workerBus.close(), submitter.close()]);
    }
  }, 60_000);
});

describe('no worker of a kind', () => {
  it('stops after noWorkerMs naming the kind; with waitForWorkers it says what it waits for and finishes once one starts', async () => {
    // The server above has workers of every kind by now: a fresh one has none.
    const lonely = await spawnNatsServer();
    const bus = await openDistillBus({ url: lonely.url, name: 'no-hang-lonely', logger: recordingLogger() });
    const store = new FileSystemStore(join(dir, 'store-b'));
    const spec = parsePipeline(TINY_YAML, 'tiny.yaml');
    try {
      const stopped = await runPipeline(spec, bus, store, { watch: { log: () => {}, noWorkerMs: 2_000 } }).catch((error: unknown) => error);
      expect(stopped).toBeInstanceOf(NoWorkerError);
      expect((stopped as Error).message).toMatch(/^import job \w+ cannot run: no `import` worker is running \(none has reported for 15 s\)\. Start one \(`ingest worker`\), or pass --wait-for-workers to keep waiting$/);

      const notices: string[] = [];
      const waiting = runPipeline(spec, bus, store, { until: 'extract', watch: { log: (m) => notices.push(m), noWorkerMs: 2_000, noticeEveryMs: 1_000, waitForWorkers: true } });
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      expect(notices.length).toBeGreaterThanOrEqual(2);
      expect(notices[0]).toMatch(/^no `import` worker has taken job \w+ for \d+ s: no `import` worker is running/);
      const workerBus = await openDistillBus({ url: lonely.url, name: 'no-hang-late-worker', logger: recordingLogger() });
      try {
        await workersHere(workerBus, store, ['import', 'pretrain', 'extract']);
        const result = await waiting;
        expect(result.extracts).toMatchObject([{ student: 'small', cached: false, teacherImages: 256 }]);
      } finally {
        await workerBus.close();
      }
    } finally {
      await bus.close();
      await lonely.stop();
    }
  }, 60_000);
});
