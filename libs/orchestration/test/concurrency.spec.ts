// Many students at once: the pipeline's train jobs are submitted together, so two distill workers
// (one thread each) train two students at the same time, over real NATS and S3; in one process
// --concurrency 2 does the same. Either way every student ends where a sequential run ends, to the
// digit. Wall times are printed (on a shared machine they are noisy; nothing asserts them).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDistillBus, type DistillBus } from '@ssl-distill/bus';
import { recordingLogger, spawnNatsServer, type TestNats } from '@ssl-distill/bus/testing';
import { FileSystemStore, openStore, type ObjectStore } from '@ssl-distill/store';
import { startTestS3, type TestS3 } from '@ssl-distill/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineResult } from '../src/jobs.js';
import { parsePipeline } from '@ssl-distill/spec';
import { runPipelineHere } from '../src/workers.js';
import { killChildren, s3Env, startWorker, TINY_YAML, type Child } from './helpers.js';

/** Four students of one teacher, each trained for 4 epochs (16 steps) so that training is most of a student's time. */
const FOUR_STUDENTS_YAML = TINY_YAML
  .replace(/(\n  small: .*?)epochs: 1/, '$1epochs: 4')
  .replace('\nevaluate:', '\n  second: { like: small, seed: 9 }\n  third: { like: small, seed: 10 }\n  fourth: { like: small, seed: 11 }\nevaluate:');
const spec = () => parsePipeline(FOUR_STUDENTS_YAML, 'four.yaml');

interface Stamp { stage: string; at: number }

/** Pairs of students whose progress interleaves: one sent an event between the other's first and last. */
function overlappingStudents(stamps: Stamp[]): string[] {
  const spans = new Map<string, [number, number]>();
  for (const { stage, at } of stamps.filter((s) => s.stage.startsWith('student '))) {
    const span = spans.get(stage);
    spans.set(stage, span ? [Math.min(span[0], at), Math.max(span[1], at)] : [at, at]);
  }
  const names = [...spans.keys()].sort();
  return names.flatMap((a, i) => names.slice(i + 1).filter((b) => spans.get(a)![0] < spans.get(b)![1] && spans.get(b)![0] < spans.get(a)![1]).map((b) => `${a} | ${b}`));
}

const accuracies = (result: PipelineResult) => Object.fromEntries(result.rows.map((row) => [row.name, [row.knnTop1, row.linearTop1]]));

describe('four students on two distill workers over NATS + S3', () => {
  let nats: TestNats;
  let s3: TestS3;
  let bus: DistillBus;
  let store: ObjectStore;
  let env: Record<string, string>;
  let distillWorkers: Child[] = [];
  let sequential: PipelineResult;

  beforeAll(async () => {
    [nats, s3] = await Promise.all([spawnNatsServer(), startTestS3()]);
    const bucket = s3.bucketConfig();
    store = openStore({ kind: 's3', ...bucket });
    env = { NATS_URL: nats.url, ...s3Env(bucket) };
    bus = await openDistillBus({ url: nats.url, name: 'concurrency-spec', logger: recordingLogger() });
    distillWorkers = [await startWorker('distill', env, 'distill-1', ['--threads', '1'])];
    await Promise.all([startWorker('ingest', env), startWorker('teacher', env), startWorker('evaluate', env)]);
  }, 120_000);

  afterAll(async () => {
    await killChildren('/tmp/concurrency-spec-workers.log');
    await bus?.close();
    await Promise.all([nats?.stop(), s3?.stop()]);
  });

  it('one worker: the students train one after another (the sequential reference)', async () => {
    sequential = await runPipeline(spec(), bus, store, { watch: { log: () => {} } });
    console.log(`[concurrency] 1 distill worker: 4 students in ${sequential.seconds.toFixed(1)} s (whole pipeline); train s per student ${sequential.rows.filter((r) => r.role === 'student').map((r) => r.trainSeconds.toFixed(1)).join(', ')}`);
    expect(sequential.rows.map((row) => row.name)).toEqual(['big', 'small', 'second', 'third', 'fourth']);
  }, 240_000);

  it('two workers: two train jobs in flight at once, the same accuracies to the digit', async () => {
    // An empty store again (the results stream still remembers the jobs): every job runs anew.
    for (const key of await store.list('')) await store.delete(key);
    distillWorkers.push(await startWorker('distill', env, 'distill-2', ['--threads', '1']));
    const stamps: Stamp[] = [];
    const progress = await bus.subscribeProgress(undefined, (event) => stamps.push({ stage: event.stage, at: event.timestampMs }));
    const parallel = await runPipeline(spec(), bus, store, { watch: { log: () => {} } });
    await progress.unsubscribe();
    console.log(`[concurrency] 2 distill workers: 4 students in ${parallel.seconds.toFixed(1)} s (whole pipeline) vs ${sequential.seconds.toFixed(1)} s with 1 (${(parallel.seconds / sequential.seconds).toFixed(2)}x); overlapping: ${overlappingStudents(stamps).join(', ')}`);
    expect(overlappingStudents(stamps).length).toBeGreaterThan(0);
    // Both workers trained students.
    for (const worker of distillWorkers) expect(worker.output()).toMatch(/train job \w+: done/);
    expect(accuracies(parallel)).toEqual(accuracies(sequential));
    // Each row's time is its own job's, not the time it queued behind another student.
    for (const row of parallel.rows) expect(row.wallSeconds).toBeLessThan(parallel.seconds);
  }, 240_000);
});

describe('four students in one process with --concurrency 2', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concurrency-spec-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('trains two students at once and ends where --concurrency 1 ends, to the digit', async () => {
    const run = async (concurrency: number) => {
      const stamps: Stamp[] = [];
      const result = await runPipelineHere(spec(), {
        store: new FileSystemStore(join(dir, `store-${concurrency}`)), backend: process.env['SSL_DISTILL_BACKEND'], concurrency,
        progress: (event) => stamps.push({ stage: event.stage, at: Date.now() }), log: () => {},
      });
      return { result, overlapping: overlappingStudents(stamps) };
    };
    const one = await run(1);
    const two = await run(2);
    console.log(`[concurrency] in process: --concurrency 1 ${one.result.seconds.toFixed(1)} s, --concurrency 2 ${two.result.seconds.toFixed(1)} s; overlapping: ${two.overlapping.join(', ')}`);
    expect(one.overlapping).toEqual([]);
    expect(two.overlapping.length).toBeGreaterThan(0);
    expect(accuracies(two.result)).toEqual(accuracies(one.result));
  }, 240_000);
});
