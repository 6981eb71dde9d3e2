// A dataset larger than a reader's shard budget through the real stages: pretrain, extract, train
// and evaluate read it by shard in windows, and the reader never holds more than its budget.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@ssl-distill/runtime';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetReader, DEFAULT_RESIDENT_SHARDS, importDataset, LocalViewSource } from '@ssl-distill/data-access';
import { parsePipeline } from '@ssl-distill/spec';
import { runEvaluate, runExtract, runPretrain, runStudent, viewPlanOf, type StageContext } from '../src/stages.js';
import { TINY_YAML } from '@ssl-distill/spec/testing';

let dir: string;
let ctx: StageContext;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sharded-spec-'));
  const store = new FileSystemStore(dir);
  const backend = await initBackend({ backend: process.env['SSL_DISTILL_BACKEND'] as never, log: () => {} });
  ctx = { store, views: new LocalViewSource(store), progress: () => {}, backend, log: () => {} };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a dataset of more shards than the reader holds', () => {
  it('pretrains, extracts, distills and evaluates within the shard budget', async () => {
    // 20 shards of 16 images: more than the 8 a reader holds, so training takes the windowed order.
    const { datasetId, manifest } = await importDataset({ source: 'synthetic', count: 320, height: 28, width: 28, channels: 1, classes: 4, seed: 1 }, ctx.store, { shardSize: 16 });
    const { datasetId: testId } = await importDataset({ source: 'synthetic', count: 64, height: 28, width: 28, channels: 1, classes: 4, seed: 2 }, ctx.store);
    expect(manifest.shards.length).toBeGreaterThan(DEFAULT_RESIDENT_SHARDS);
    const spec = parsePipeline(TINY_YAML, 'tiny.yaml');
    const plan = spec.plans['aug']!;
    const { teacherId } = await runPretrain(ctx, 'sharded-teacher', 'big', spec.teachers['big']!, plan, datasetId);
    const extract = await runExtract(ctx, 'sharded-extract', teacherId, datasetId, viewPlanOf(plan));
    expect(extract.teacherImages).toBe(2 * 320);
    const { runId } = await runStudent(ctx, 'sharded-student', 'small', spec.students['small']!, plan, datasetId, teacherId);
    const report = await runEvaluate(ctx, 'sharded-eval', { runId, name: 'small', role: 'student', method: 'seed', model: {}, seed: 3, trainId: datasetId, testId, spec: spec.evaluate! });
    expect(report.history.at(-1)!.loss).toBeGreaterThan(0);
    expect(report.probes.knn!.top1).toBeGreaterThan(0.25); // 4 classes: above chance
    const reader = await datasetReader(ctx.store, datasetId);
    expect(reader.peakResident).toBe(DEFAULT_RESIDENT_SHARDS);
    expect(reader.residentShards).toBeLessThanOrEqual(DEFAULT_RESIDENT_SHARDS);
  });
});
