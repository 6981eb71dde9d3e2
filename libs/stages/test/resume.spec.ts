// A trainer stopped mid-run resumes from its last checkpoint (runs/{runId}/checkpoints/) and ends
// with the same weights, bit for bit, as a run that was never stopped: a teacher (SimCLR) and a
// SEED student (whose queue is part of the checkpoint). And long stages do not hold the event loop:
// between two steps (training) or two batches (extraction), callbacks queued with setImmediate —
// in-process bus deliveries of progress events, NATS heartbeats, signal handlers — get their turn.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@ssl-distill/runtime';
import { FileSystemStore, sha256Hex } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset, LocalViewSource } from '@ssl-distill/data-access';
import { parsePipeline, type PipelineSpec } from '@ssl-distill/spec';
import { runExtract, runPretrain, runStudent, viewPlanOf, type StageContext } from '../src/stages.js';
import { TINY_YAML } from '@ssl-distill/spec/testing';

let dir: string;
let store: FileSystemStore;
let backend: string;
let datasetId: string;
let spec: PipelineSpec;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resume-spec-'));
  store = new FileSystemStore(dir);
  backend = await initBackend({ backend: process.env['SSL_DISTILL_BACKEND'] as never, log: () => {} });
  ({ datasetId } = await importDataset({ source: 'synthetic', count: 128, height: 28, width: 28, channels: 1, classes: 4, seed: 1 }, store, {}));
  // 4 steps per epoch, 2 epochs, a checkpoint every 3 steps (and at each epoch's end).
  spec = parsePipeline(TINY_YAML.replace(/epochs: 1, batchSize: 32/g, 'epochs: 2, batchSize: 32, checkpointEvery: 3'), 'resume.yaml');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function context(log: string[] = [], stopAfterSteps?: number): StageContext & { abort: AbortController } {
  const abort = new AbortController();
  let steps = 0;
  return {
    store, views: new LocalViewSource(store), progress: () => {}, backend, log: (m) => log.push(m), signal: abort.signal, abort,
    heartbeat: () => {
      steps += 1;
      if (stopAfterSteps !== undefined && steps >= stopAfterSteps) abort.abort(new Error(`killed after step ${steps}`));
    },
  };
}

/** Every file of a saved model, by name, with its sha256. */
async function modelDigest(runId: string): Promise<Record<string, string>> {
  const keys = await store.list(`runs/${runId}/model/`);
  expect(keys.length).toBeGreaterThan(0);
  const digest: Record<string, string> = {};
  for (const key of keys) digest[key.slice(`runs/${runId}/model/`.length)] = sha256Hex(await store.get(key));
  return digest;
}

describe('kill the trainer mid-run, then resume', () => {
  let teacherId: string;

  it('teacher: resumed weights equal the uninterrupted run, bit for bit', async () => {
    const t = spec.teachers['big']!;
    const plan = spec.plans['aug']!;
    ({ teacherId } = await runPretrain(context(), 'straight', 'big', t, plan, datasetId));
    await expect(runPretrain(context([], 5), 'stopped', 'big', t, plan, datasetId)).rejects.toThrow(/killed after step 5/);
    const checkpoints = await store.list('runs/stopped/checkpoints/');
    const log: string[] = [];
    const resumed = await runPretrain(context(log), 'stopped', 'big', t, plan, datasetId);
    console.log(`[resume] teacher killed after step 5 of 8; checkpoints kept: ${checkpoints.length}; ${log.join('; ')}`);
    expect(log.join('\n')).toMatch(/resumed from checkpoint at step 4/);
    expect(resumed.teacherId).toBe(teacherId); // the id is a hash of the weights
    expect(await modelDigest('stopped')).toEqual(await modelDigest('straight'));
  }, 60_000);

  it('SEED student: resumed weights and queue equal the uninterrupted run, bit for bit', async () => {
    const s = spec.students['small']!;
    const plan = spec.plans['aug']!;
    await runExtract(context(), 'extract', teacherId, datasetId, viewPlanOf(plan));
    await runStudent(context(), 'straight-student', 'small', s, plan, datasetId, teacherId);
    await expect(runStudent(context([], 7), 'stopped-student', 'small', s, plan, datasetId, teacherId)).rejects.toThrow(/killed after step 7/);
    const log: string[] = [];
    await runStudent(context(log), 'stopped-student', 'small', s, plan, datasetId, teacherId);
    console.log(`[resume] student killed after step 7 of 8; ${log.join('; ')}`);
    expect(log.join('\n')).toMatch(/resumed from checkpoint at step 6/);
    expect(await modelDigest('stopped-student')).toEqual(await modelDigest('straight-student'));
    // The final checkpoints (full method state: weights, optimizer, queue) match byte for byte too.
    const state = async (runId: string) => sha256Hex(await store.get(`runs/${runId}/checkpoints/step-8/state.bin`));
    expect(await state('stopped-student')).toBe(await state('straight-student'));
  }, 60_000);
});

/** A stage context whose heartbeat (called after every step / batch) counts the callbacks queued at the previous heartbeat that have not run yet. */
function probingContext(): StageContext & { heartbeats: () => number; starved: () => number } {
  let heartbeats = 0;
  let starved = 0;
  let pending = false;
  return {
    ...context(),
    heartbeat: () => {
      heartbeats += 1;
      if (pending) starved += 1;
      pending = true;
      setImmediate(() => (pending = false));
    },
    heartbeats: () => heartbeats,
    starved: () => starved,
  };
}

describe('stages give the event loop a turn', () => {
  it('between training steps and between extraction batches', async () => {
    const pretrain = probingContext();
    const { teacherId } = await runPretrain(pretrain, 'event-loop-pretrain', 'big', spec.teachers['big']!, spec.plans['aug']!, datasetId);
    expect(pretrain.heartbeats()).toBe(8); // 128 images / batch 32, two epochs
    expect(pretrain.starved()).toBe(0);

    // Views of its own (another plan seed): the teacher is the one the tests above extracted.
    const extract = probingContext();
    await runExtract(extract, 'event-loop-extract', teacherId, datasetId, viewPlanOf({ ...spec.plans['aug']!, seed: 99 }), { batchSize: 16 });
    expect(extract.heartbeats()).toBe(16); // 1 epoch x 2 views x 128 images / batch 16
    expect(extract.starved()).toBe(0);
  }, 60_000);
});
