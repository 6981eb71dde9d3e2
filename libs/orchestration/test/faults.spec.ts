// Bad input at every door: a corrupted dataset shard (named), malformed and fuzzed protobuf job
// messages on the job subjects (each terminated and logged, the worker keeps working), and a bad
// pipeline file (the CLI exits non-zero naming the field).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDistillBus, type DistillBus } from '@ssl-distill/bus';
import { recordingLogger, spawnNatsServer, type TestNats } from '@ssl-distill/bus/testing';
import { encodeMessage, JOB_KINDS, jobMessageTypes, type JobKind } from '@ssl-distill/proto';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, importDataset, LocalViewSource, viewPlanToMessage } from '@ssl-distill/data-access';
import { resultKey, startJobWorkers, waitForResult } from '../src/jobs.js';
import { APPS, killChildren, spawnApp, TINY_YAML, until } from './helpers.js';

let dir: string;
let store: FileSystemStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faults-spec-'));
  store = new FileSystemStore(join(dir, 'store'));
});
afterAll(async () => {
  await killChildren();
  await rm(dir, { recursive: true, force: true });
});

describe('corrupted dataset shard', () => {
  it('is detected on read, with its key named', async () => {
    const { datasetId, manifest } = await importDataset({ source: 'synthetic', count: 40, height: 8, width: 8, channels: 1, classes: 4, seed: 1 }, store, { shardSize: 16 });
    const key = manifest.shards[1]!.key!;
    const path = join(dir, 'store', key);
    const bytes = await readFile(path);
    bytes[bytes.length >> 1] ^= 0x55;
    await writeFile(path, bytes);
    await expect(loadDataset(store, datasetId)).rejects.toThrow(key);
    console.log(`[faults] corrupted dataset shard detected: ${key}`);
  });
});

describe('malformed and fuzzed job messages over NATS', () => {
  let nats: TestNats;
  let bus: DistillBus;
  const logger = recordingLogger();
  const workerLog: string[] = [];
  const deadLetters = () => logger.entries.filter((e) => e.message === 'bus: message dropped (dead letter)');

  beforeAll(async () => {
    nats = await spawnNatsServer();
    bus = await openDistillBus({ url: nats.url, name: 'faults-spec', logger });
    // An empty store: a mutated job that still decodes fails at once (nothing it names exists),
    // and with one delivery allowed it is terminated too.
    const jobStore = new FileSystemStore(join(dir, 'jobs-store'));
    await startJobWorkers(JOB_KINDS, {
      bus, store: jobStore, progress: () => {}, log: (m) => workerLog.push(m), maxDeliver: 1, ackWaitMs: 5_000,
      context: (progress, heartbeat, signal) => ({ store: jobStore, views: new LocalViewSource(jobStore), progress, backend: 'n/a', log: () => {}, heartbeat, signal }),
    });
  });
  afterAll(async () => {
    await bus?.close();
    await nats?.stop();
  });

  it('terminates and logs one malformed message; the worker keeps running', async () => {
    await bus.bus.enqueue(bus.subjects.job('extract'), Uint8Array.from([0x0a, 0xff, 0xff, 0x01, 0x42]));
    await until('the dead letter', async () => deadLetters().length === 1, 10_000);
    expect(deadLetters()[0]!.fields).toMatchObject({ subject: 'distill.v1.jobs.extract', deliveryCount: 1 });
    const jobStore = new FileSystemStore(join(dir, 'jobs-store'));
    await bus.submitJob('import', { jobId: 'after-malformed', format: 'synthetic', configJson: JSON.stringify({ count: 8, height: 8, width: 8, channels: 1, classes: 2, seed: 0 }) });
    const result = await waitForResult<{ count: number }>(jobStore, 'import', 'after-malformed', { signal: AbortSignal.timeout(20_000) });
    expect(result.count).toBe(8);
    console.log(`[faults] malformed message terminated (${String(deadLetters()[0]!.fields['reason']).slice(0, 80)}); next job done`);
  }, 30_000);

  it('1,000 fuzzed messages: no crash, each terminated', async () => {
    const before = deadLetters().length;
    const valid: Record<Exclude<JobKind, 'import'>, Uint8Array> = {
      pretrain: encodeMessage(jobMessageTypes.pretrain, { jobId: 'p1', datasetId: 'missing', method: 'simclr', epochs: 1, batchSize: 8, seed: 1, configJson: '{"name":"x","spec":{},"plan":{}}' }),
      extract: encodeMessage(jobMessageTypes.extract, { jobId: 'x1', teacherId: 'missing', datasetId: 'missing', plan: viewPlanToMessage({ kind: 'fixed' }), batchSize: 8, shardSize: 8 }),
      train: encodeMessage(jobMessageTypes.train, { jobId: 't1', runId: 't1', teacherId: 'missing', datasetId: 'missing', method: 'seed', epochs: 1, batchSize: 8, seed: 1, configJson: '{}' }),
      eval: encodeMessage(jobMessageTypes.eval, { jobId: 'e1', runId: 'missing', trainDatasetId: 'missing', testDatasetId: 'missing', probes: ['knn'], configJson: '{}' }),
    };
    const kinds = Object.keys(valid) as Exclude<JobKind, 'import'>[];
    const counts = { random: 0, mutated: 0 };
    for (let i = 0; i < 1000; i++) {
      let kind: JobKind;
      let payload: Uint8Array;
      if (i % 2 === 0) {
        kind = JOB_KINDS[i % JOB_KINDS.length]!;
        payload = randomBytes(1 + (i % 97));
        counts.random += 1;
      } else {
        kind = kinds[i % kinds.length]!;
        payload = valid[kind].slice();
        const flips = 1 + (i % 4);
        for (let f = 0; f < flips; f++) payload[randomBytes(2).readUInt16BE() % payload.length] = randomBytes(1)[0]!;
        if (i % 7 === 0) payload = payload.subarray(0, payload.length >> 1);
        counts.mutated += 1;
      }
      await bus.bus.enqueue(bus.subjects.job(kind), payload);
    }
    await until('1,000 dead letters', async () => deadLetters().length - before >= 1000, 90_000, 200);
    const terminated = deadLetters().length - before;
    const decodedAndFailed = workerLog.filter((m) => /failed \(/.test(m)).length;
    console.log(`[faults] fuzz: ${counts.random} random + ${counts.mutated} mutated messages; ${terminated} terminated (${decodedAndFailed} decoded and failed in their stage, the rest malformed)`);
    expect(terminated).toBe(1000);
    // Still working afterwards.
    const jobStore = new FileSystemStore(join(dir, 'jobs-store'));
    await bus.submitJob('import', { jobId: 'after-fuzz', format: 'synthetic', configJson: JSON.stringify({ count: 8, height: 8, width: 8, channels: 1, classes: 2, seed: 1 }) });
    await waitForResult(jobStore, 'import', 'after-fuzz', { signal: AbortSignal.timeout(20_000) });
    expect(await jobStore.exists(resultKey('after-fuzz'))).toBe(true);
  }, 120_000);
});

describe('bad pipeline file', () => {
  it('the CLI exits non-zero naming the field', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, TINY_YAML.replace('epochs: 1, batchSize: 32, methodConfig: { projector', 'epochs: -2, batchSize: 32, methodConfig: { projector'));
    const cli = spawnApp('cli', APPS.cli, ['run', file, '--store', join(dir, 'cli-store')], {});
    const code = await cli.exit(25_000);
    console.log(`[faults] distill run bad.yaml: exit ${code}: ${cli.output().trim()}`);
    expect(code).not.toBe(0);
    expect(cli.output()).toMatch(/teachers\.big\.epochs/);
  }, 30_000);
});
