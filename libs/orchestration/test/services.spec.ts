// The pipeline as separate services over real NATS and S3: teacher, distill and evaluate workers
// are child processes; this process submits the pipeline (and runs the import consumer, see below).
// These workers use the default subjects and durables, so each file runs its own nats-server: a
// shared one (NATS_URL) would let another file's workers take its jobs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDistillBus, type DistillBus } from '@ssl-distill/bus';
import { recordingLogger, spawnNatsServer, type TestNats } from '@ssl-distill/bus/testing';
import { FileSystemStore, openStore, type ObjectStore } from '@ssl-distill/store';
import { startTestS3, type TestS3 } from '@ssl-distill/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, startJobWorkers, type PipelineResult } from '../src/jobs.js';
import { parsePipeline } from '@ssl-distill/spec';
import { LocalViewSource } from '@ssl-distill/data-access';
import { runPipelineHere } from '../src/workers.js';
import { killChildren, s3Env, startWorker, TINY_YAML, TWO_STUDENTS_YAML, type Child } from './helpers.js';

let nats: TestNats;
let s3: TestS3;
let bus: DistillBus;
let store: ObjectStore;
let workers: Child[] = [];
let embeddedDir: string;

beforeAll(async () => {
  [nats, s3] = await Promise.all([spawnNatsServer(), startTestS3()]);
  const bucket = s3.bucketConfig();
  store = openStore({ kind: 's3', ...bucket });
  const env = { NATS_URL: nats.url, ...s3Env(bucket) };
  bus = await openDistillBus({ url: nats.url, name: 'services-spec', logger: recordingLogger() });
  // apps/ingest's worker consumes import jobs but records no jobs/{jobId}/result.json yet, so the
  // submitter would wait forever; the import consumer runs here instead, over the same NATS and S3.
  await startJobWorkers(['import'], {
    bus, store, progress: () => {}, log: () => {},
    context: (progress, heartbeat, signal) => ({ store, views: new LocalViewSource(store), progress, backend: 'n/a', log: () => {}, heartbeat, signal }),
  });
  workers = await Promise.all([startWorker('teacher', env), startWorker('distill', env), startWorker('evaluate', env)]);
  embeddedDir = await mkdtemp(join(tmpdir(), 'services-embedded-'));
}, 90_000);

afterAll(async () => {
  await killChildren('/tmp/services-spec-workers.log');
  await bus?.close();
  await Promise.all([nats?.stop(), s3?.stop()]);
  if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true });
});

const rowsOf = (result: PipelineResult) => Object.fromEntries(result.rows.map((r) => [r.name, r]));

describe('pipeline on separate worker processes over NATS + S3', () => {
  let remote: PipelineResult;

  it('runs teacher, students and probes on the workers; k-NN well above chance', async () => {
    remote = await runPipeline(parsePipeline(TWO_STUDENTS_YAML, 'two.yaml'), bus, store);
    for (const row of remote.rows) console.log(`[services] ${row.role} ${row.name}: k-NN top-1 ${(row.knnTop1! * 100).toFixed(2)}%, linear ${(row.linearTop1! * 100).toFixed(2)}%, wall ${row.wallSeconds.toFixed(1)} s`);
    expect(remote.rows.map((r) => r.name).sort()).toEqual(['big', 'second', 'small']);
    for (const row of remote.rows) expect(row.knnTop1!).toBeGreaterThan(0.5); // chance is 0.25 on 4 classes
    // Every job ran on a worker process, none here.
    const logs = workers.map((w) => w.output()).join('\n');
    expect(logs).toMatch(/pretrain job \w+: done/);
    expect(logs).toMatch(/extract job \w+: done/);
    expect(logs).toMatch(/train job \w+: done/);
    expect(logs).toMatch(/eval job \w+: done/);
  }, 120_000);

  it('a second student reuses the teacher cache: 0 teacher forward passes', async () => {
    const first = remote.extracts.find((e) => e.student === 'small')!;
    const second = remote.extracts.find((e) => e.student === 'second')!;
    console.log(`[services] extract for small: cached=${first.cached}, ${first.teacherImages} teacher forward passes, ${first.seconds.toFixed(1)} s`);
    console.log(`[services] extract for second: cached=${second.cached}, ${second.teacherImages} teacher forward passes; second student wall ${rowsOf(remote)['second']!.wallSeconds.toFixed(1)} s vs first ${rowsOf(remote)['small']!.wallSeconds.toFixed(1)} s`);
    expect(first).toMatchObject({ cached: false, teacherImages: 128 * 2 });
    expect(second).toMatchObject({ cached: true, teacherImages: 0 });
    // Resubmitting the pipeline reuses every stored result: nothing runs again.
    const again = await runPipeline(parsePipeline(TWO_STUDENTS_YAML, 'two.yaml'), bus, store);
    expect(again.extracts.every((e) => e.cached && e.teacherImages === 0)).toBe(true);
    expect(rowsOf(again)['second']!.knnTop1).toBe(rowsOf(remote)['second']!.knnTop1);
    console.log(`[services] resubmitted pipeline: ${again.seconds.toFixed(1)} s`);
  }, 60_000);

  it('matches the embedded one-process run with the same seed within 0.5 points', async () => {
    const embedded = await runPipelineHere(parsePipeline(TINY_YAML, 'tiny.yaml'), {
      store: new FileSystemStore(embeddedDir), backend: process.env['SSL_DISTILL_BACKEND'], progress: () => {}, log: () => {},
    });
    const here = rowsOf(embedded);
    const there = rowsOf(remote);
    for (const name of ['big', 'small']) {
      console.log(`[services] ${name}: embedded k-NN ${(here[name]!.knnTop1! * 100).toFixed(2)}% vs services ${(there[name]!.knnTop1! * 100).toFixed(2)}%`);
      expect(Math.abs(here[name]!.knnTop1! - there[name]!.knnTop1!)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(here[name]!.linearTop1! - there[name]!.linearTop1!)).toBeLessThanOrEqual(0.005);
    }
  }, 90_000);
});
