// A run that diverges stops at the first non-finite loss with an error naming the step and epoch,
// and leaves nothing behind as a result: no job result, no training history, no report.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPipeline } from '@ssl-distill/spec';
import { runPipelineHere } from '../src/workers.js';
import { TrainingDivergedError } from '@ssl-distill/stages';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'divergence-spec-'));
  await initBackend({ log: () => {} });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const pipeline = (lr: number) => readPipeline({
  name: 'diverge',
  datasets: { train: { source: 'synthetic', count: 64, height: 8, width: 8, channels: 1, classes: 4, seed: 1 } },
  plans: { plain: { kind: 'fixed' } },
  teachers: {
    mlp: {
      model: { kind: 'mlp', inputShape: [8, 8, 1], hidden: [32], outDim: 16 }, method: 'supervised', dataset: 'train', plan: 'plain',
      epochs: 3, batchSize: 16, optimizer: { name: 'sgd', lr, momentum: 0.9, schedule: 'constant' },
    },
  },
  evaluate: { train: 'train', test: 'train', linear: false },
}, 'diverge.yaml');

describe('a diverging run', () => {
  it('supervised MLP at lr 1000: stops at the first non-finite loss, names the step and epoch, stores no result', async () => {
    const store = new FileSystemStore(join(dir, 'store'));
    const logged: string[] = [];
    const before = tf.memory().numTensors;
    const failure = await runPipelineHere(pipeline(1000), { store, progress: () => {}, log: (m) => logged.push(m) }).then(() => undefined, (error: unknown) => error as Error);
    expect(failure?.message).toMatch(/supervised diverged: (loss is NaN|loss is Infinity|the \w+ weights are not finite) at step \d+ of 12 \(epoch [1-3]\).*learning rate below 1000/);
    // Permanent: the worker recorded the error on its first delivery instead of retrying.
    const errors = (await store.list('jobs/')).filter((key) => key.endsWith('/error.json'));
    expect(errors).toHaveLength(1);
    const recorded = JSON.parse(new TextDecoder().decode(await store.getVerified(errors[0]!))) as { message: string };
    expect(recorded.message).toContain('diverged');
    // Nothing with NaN is kept as a result: only the import's result; no history, model or report.
    const results = (await store.list('jobs/')).filter((key) => key.endsWith('/result.json'));
    expect(results).toHaveLength(1);
    expect(JSON.parse(new TextDecoder().decode(await store.getVerified(results[0]!)))).toMatchObject({ count: 64 });
    const runs = await store.list('runs/');
    expect(runs.filter((key) => /training\.json|report\.|model\//.test(key))).toEqual([]);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  }, 60_000);

  it('the same run at lr 0.01 trains (the check does not fire on a healthy run)', async () => {
    const store = new FileSystemStore(join(dir, 'healthy'));
    const result = await runPipelineHere(pipeline(0.01), { store, progress: () => {}, log: () => {} });
    expect(result.rows[0]!.knnTop1).toBeGreaterThan(0.25);
  }, 60_000);

  it('a method config the method rejects is a config error, recorded on the first delivery (never retried)', async () => {
    const store = new FileSystemStore(join(dir, 'bad-config'));
    const spec = pipeline(0.01);
    spec.teachers['mlp']!.methodConfig = { noSuchField: 1 };
    const failure = await runPipelineHere(spec, { store, progress: () => {}, log: () => {} }).then(() => undefined, (error: unknown) => error as Error);
    expect(failure?.message).toMatch(/teachers\.mlp: .*noSuchField/);
    const errors = (await store.list('jobs/')).filter((key) => key.endsWith('/error.json'));
    expect(errors).toHaveLength(1);
    const recorded = JSON.parse(new TextDecoder().decode(await store.getVerified(errors[0]!))) as { failure: { kind: string; field: string; jobKind: string } };
    expect(recorded.failure).toMatchObject({ kind: 'config', field: 'teachers.mlp', jobKind: 'pretrain' });
  }, 60_000);

  it('the error says what to change', () => {
    const error = new TrainingDivergedError({ method: 'seed', step: 7, total: 40, epoch: 2, what: 'loss is NaN', learningRate: 0.1 });
    expect(error.message).toBe('seed diverged: loss is NaN at step 7 of 40 (epoch 2); training stopped, nothing was recorded. Try a learning rate below 0.1 (optimizer.lr), a warmup or a smaller batch');
  });
});
