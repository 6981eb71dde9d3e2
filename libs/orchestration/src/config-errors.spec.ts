// A config error is permanent: the worker records it after the first delivery and never retries it
// (a retry cannot fix a typo), naming the field.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDistillBus } from '@ssl-distill/bus';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importDataset, LocalViewSource } from '@ssl-distill/data-access';
import { JobFailedError, startJobWorkers, waitForResult } from './jobs.js';
import { parsePipeline } from '@ssl-distill/spec';
import { TINY_YAML } from '@ssl-distill/spec/testing';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'config-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('a train job whose methodConfig has a typo fails once, permanently, naming the field', async () => {
  const store = new FileSystemStore(join(dir, 'store'));
  const bus = await openDistillBus({ url: 'memory' });
  const log: string[] = [];
  try {
    await startJobWorkers(['train'], {
      bus, store, progress: () => {}, log: (message) => log.push(message), maxDeliver: 3,
      context: (progress, heartbeat, signal) => ({ store, views: new LocalViewSource(store), progress, backend: 'cpu', log: () => {}, heartbeat, signal }),
    });
    const { datasetId } = await importDataset({ source: 'synthetic', count: 16, height: 28, width: 28, channels: 1, classes: 4, seed: 1 }, store);
    const spec = parsePipeline(TINY_YAML);
    // Parsing rejects the typo; a job written by hand (or by an older CLI) reaches the worker with it.
    const student = { ...spec.teachers['big']!, teacher: '', methodConfig: { projector: { outDim: 16 }, temperatur: 0.1 } };
    const payload = { name: 'typo', spec: student, plan: spec.plans['aug'], curve: undefined };
    await bus.submitJob('train', { jobId: 'typo-job', runId: 'typo-job', teacherId: '', datasetId, method: 'simclr', epochs: 1, batchSize: 8, seed: 1, configJson: JSON.stringify(payload) });
    const failure = waitForResult(store, 'train', 'typo-job', { signal: AbortSignal.timeout(30_000), pollMs: 20 });
    await expect(failure).rejects.toThrow(JobFailedError);
    await expect(failure).rejects.toThrow('simclr.temperatur: unknown field (did you mean temperature?');
    expect(log.filter((line) => line.includes('typo-job: failed'))).toEqual([expect.stringContaining('failed (permanent)')]);
  } finally {
    await bus.close();
  }
});
