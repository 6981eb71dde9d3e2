// Long stages must not hold the event loop: between two steps (training) or two batches
// (extraction), callbacks queued with setImmediate — in-process bus deliveries of progress events,
// NATS heartbeats, signal handlers — get their turn.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@ssl-distill/runtime';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../src/datasets.js';
import { parsePipeline, type PipelineSpec } from '../src/schema.js';
import { runExtract, runPretrain, viewPlanOf, type StageContext } from '../src/stages.js';
import { LocalViewSource } from '../src/views.js';
import { TINY_YAML } from './helpers.js';

let dir: string;
let store: FileSystemStore;
let backend: string;
let datasetId: string;
let spec: PipelineSpec;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'event-loop-spec-'));
  store = new FileSystemStore(dir);
  backend = await initBackend({ backend: process.env['SSL_DISTILL_BACKEND'] as never, log: () => {} });
  ({ datasetId } = await importDataset({ source: 'synthetic', count: 128, height: 28, width: 28, channels: 1, classes: 4, seed: 1 }, store, {}));
  spec = parsePipeline(TINY_YAML, 'event-loop.yaml');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A stage context whose heartbeat (called after every step / batch) checks that the callback queued at the previous heartbeat ran. */
function probingContext(): StageContext & { heartbeats: () => number; starved: () => number } {
  let heartbeats = 0;
  let starved = 0;
  let pending = false;
  return {
    store, views: new LocalViewSource(store), progress: () => {}, backend, log: () => {},
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
    const { teacherId } = await runPretrain(pretrain, 'pretrain', 'big', spec.teachers['big']!, spec.plans['aug']!, datasetId);
    expect(pretrain.heartbeats()).toBe(4); // 128 images / batch 32, one epoch
    expect(pretrain.starved()).toBe(0);

    const extract = probingContext();
    await runExtract(extract, 'extract', teacherId, datasetId, viewPlanOf(spec.plans['aug']!), { batchSize: 16 });
    expect(extract.heartbeats()).toBe(16); // 1 epoch x 2 views x 128 images / batch 16
    expect(extract.starved()).toBe(0);
  }, 60_000);
});
