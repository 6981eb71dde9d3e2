// The training loop makes an epoch's sample order once, not at every step: the order permutes the
// whole dataset, so remaking it per step costs O(images) a step (0.1 s at 126k, 1.7 s at 1.28M).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@ssl-distill/runtime';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importDataset, LocalViewSource, shardedEpochOrder } from '@ssl-distill/data-access';
import { parsePipeline } from '@ssl-distill/spec';
import { TINY_YAML } from '@ssl-distill/spec/testing';
import { runPretrain, type StageContext } from '../src/stages.js';

vi.mock('@ssl-distill/data-access', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@ssl-distill/data-access')>();
  return { ...actual, shardedEpochOrder: vi.fn(actual.shardedEpochOrder) };
});

let dir: string;
let ctx: StageContext;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'epoch-order-spec-'));
  const store = new FileSystemStore(dir);
  const backend = await initBackend({ backend: process.env['SSL_DISTILL_BACKEND'] as never, log: () => {} });
  ctx = { store, views: new LocalViewSource(store), progress: () => {}, backend, log: () => {} };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the training loop', () => {
  it('orders each epoch once, whatever its number of steps', async () => {
    // 10 shards of 16 images (more than a reader's window, so the windowed order), batch 32: 5 steps an epoch.
    const { datasetId } = await importDataset({ source: 'synthetic', count: 160, height: 28, width: 28, channels: 1, classes: 4, seed: 1 }, ctx.store, { shardSize: 16 });
    const spec = parsePipeline(TINY_YAML, 'tiny.yaml');
    const steps: number[] = [];
    vi.mocked(shardedEpochOrder).mockClear();
    await runPretrain({ ...ctx, progress: (event) => event.state === 'running' && steps.push(event.step) }, 'order-teacher', 'big', { ...spec.teachers['big']!, epochs: 3 }, spec.plans['aug']!, datasetId);
    expect(vi.mocked(shardedEpochOrder).mock.calls.map(([, seed, epoch]) => [seed, epoch])).toEqual([[3, 0], [3, 1], [3, 2]]);
    expect(steps.at(-1)).toBe(15);
  });
});
