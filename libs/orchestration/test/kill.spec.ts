// kill -9 a teacher worker in the middle of an extract job: the job is redelivered after its ack
// wait to the other worker, which reuses the shards already stored and writes the rest. Every
// feature shard is there exactly once and verifies; a corrupted one is then named when read.
// The same for a distill worker mid-train (the other resumes from the last checkpoint and ends with
// the weights of an uninterrupted run, bit for bit), an ingest worker mid-import and an evaluate
// worker mid-eval (one report, the probes of an uninterrupted evaluation).
import { openDistillBus, type DistillBus } from '@ssl-distill/bus';
import { recordingLogger, spawnNatsServer, type TestNats } from '@ssl-distill/bus/testing';
import { decodeMessage } from '@ssl-distill/proto';
import { initBackend } from '@ssl-distill/runtime';
import { datasetManifestKey, datasetShardKey, featureManifestKey, featureShardKey, openStore, sha256Hex, type ObjectStore } from '@ssl-distill/store';
import { startTestS3, type TestS3 } from '@ssl-distill/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, datasetContentId, importDataset, readDatasetSource, type DatasetManifest, featureCacheId, FeatureReader, readFeatureManifest, LocalViewSource, viewPlanToMessage } from '@ssl-distill/data-access';
import { resultKey, waitForResult } from '../src/jobs.js';
import { parsePipeline } from '@ssl-distill/spec';
import { runEvaluate, runExtract, runPretrain, runStudent, viewPlanOf, type EvaluateRequest, type StageContext } from '@ssl-distill/stages';
import { killChildren, s3Env, startWorker, TINY_YAML, until, type Child } from './helpers.js';

let nats: TestNats;
let s3: TestS3;
let bus: DistillBus;
let store: ObjectStore;
let env: Record<string, string>;

beforeAll(async () => {
  [nats, s3] = await Promise.all([spawnNatsServer(), startTestS3()]);
  const bucket = s3.bucketConfig();
  store = openStore({ kind: 's3', ...bucket });
  env = { NATS_URL: nats.url, ...s3Env(bucket), SSL_DISTILL_ACK_WAIT_MS: '3000' };
  bus = await openDistillBus({ url: nats.url, name: 'kill-spec', logger: recordingLogger() });
}, 60_000);

/** The stages run in this process (the reference runs, and what workers need done before a job). */
async function stageContextHere(): Promise<StageContext> {
  const backend = await initBackend({ backend: process.env['SSL_DISTILL_BACKEND'] as never, log: () => {} });
  return { store, views: new LocalViewSource(store), progress: () => {}, backend, log: () => {} };
}

afterAll(async () => {
  await killChildren('/tmp/kill-spec-workers.log');
  await bus?.close();
  await Promise.all([nats?.stop(), s3?.stop()]);
});

describe('a worker killed mid-extract', () => {
  it('is replaced by another worker; no feature shard lost or duplicated, each verifies', async () => {
    const spec = parsePipeline(TINY_YAML, 'tiny.yaml');
    const { datasetId } = await importDataset({ source: 'synthetic', count: 256, height: 28, width: 28, channels: 1, classes: 4, seed: 1 }, store, {});
    const ctx = await stageContextHere();
    const teacherSpec = { ...spec.teachers['big']!, epochs: 1 };
    const { teacherId } = await runPretrain(ctx, 'kill-teacher', 'big', teacherSpec, spec.plans['aug']!, datasetId);

    const plan = viewPlanOf({ kind: 'replay', epochs: 2, views: 2, preset: 'simclr', seed: 5 } as never);
    const cache = featureCacheId(teacherId, datasetId, plan);
    const prefix = featureManifestKey(cache).replace(/manifest\.pb$/, '');
    const shardSize = 8;
    const shardsPerView = 256 / shardSize;
    const expected = [0, 1].flatMap((epoch) => Array.from({ length: 2 * shardsPerView }, (_, index) => featureShardKey(cache, epoch, index))).sort();

    const workers: Child[] = await Promise.all([startWorker('teacher', env, 'teacher-a'), startWorker('teacher', env, 'teacher-b')]);
    const jobId = 'extract-kill-test';
    await bus.submitJob('extract', { jobId, teacherId, datasetId, plan: viewPlanToMessage(plan), batchSize: 8, shardSize });
    const victim = await until('a worker to start the extract', async () => workers.find((w) => /extract job extract-kill-test: started/.test(w.output())), 30_000, 20);
    const survivor = workers.find((w) => w !== victim)!;
    const before = await until('some shards', async () => {
      const keys = (await store.list(prefix)).length;
      return keys >= 10 && keys;
    }, 30_000, 20);
    victim.process.kill('SIGKILL');
    await victim.exited;
    const atKill = (await store.list(prefix)).length;
    const killedAt = Date.now();
    await waitForResult(store, 'extract', jobId);
    // The result records the cache; the survivor's log says how much of it it computed.
    await survivor.waitFor(/extract job extract-kill-test: \d+ teacher forward passes/, 10_000);
    const teacherImages = Number(/extract job extract-kill-test: (\d+) teacher forward passes/.exec(survivor.output())![1]);
    console.log(`[kill] ${victim.name} killed -9 with ${atKill} of ${expected.length} shards stored (${before} seen before the kill); ${survivor.name} finished ${((Date.now() - killedAt) / 1000).toFixed(1)} s later, computing ${teacherImages / shardSize} shards`);
    expect(survivor.output()).toMatch(/extract job extract-kill-test: started \(delivery 2\)/);
    expect(teacherImages).toBeLessThan(2 * 2 * 256); // the survivor reused what the victim stored
    expect(teacherImages).toBeGreaterThanOrEqual(2 * 2 * 256 - atKill * shardSize);

    // Exactly the expected keys: every shard once, plus the manifest; nothing else under the cache.
    const stored = await store.list(prefix);
    expect(stored).toEqual([...expected, featureManifestKey(cache)].sort());
    const manifest = (await readFeatureManifest(store, cache))!;
    expect(manifest.shards.map((s) => s.key).sort()).toEqual(expected);
    const seen = new Set<string>();
    for (const ref of manifest.shards) {
      const bytes = await store.getVerified(ref.key!);
      expect(sha256Hex(bytes)).toBe(ref.sha256);
      const shard = decodeMessage('FeatureShard', bytes);
      expect(shard.sampleIndices).toHaveLength(shardSize);
      for (const sample of shard.sampleIndices) seen.add(`${shard.epoch}/${shard.view}/${sample}`);
    }
    expect(seen.size).toBe(2 * 2 * 256); // each (epoch, view, sample) exactly once
    console.log(`[kill] ${manifest.shards.length} feature shards, all checksums verified, ${seen.size} (epoch, view, sample) rows, 0 lost, 0 duplicated`);
    expect(await store.exists(resultKey(jobId))).toBe(true);

    // A corrupted shard is detected when the cache is read, and named.
    const victimKey = expected[7]!;
    const good = await store.getVerified(victimKey);
    const bad = good.slice();
    bad[bad.length - 3] ^= 0xff;
    await store.put(victimKey, bad, { sha256: sha256Hex(bad) }); // consistent with itself, not with the manifest
    const reader = await FeatureReader.open(store, cache);
    const readEverything = async () => {
      for (const [epoch, view] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) for await (const shard of reader.scan(epoch, view)) expect(shard.count).toBe(shardSize);
    };
    await expect(readEverything()).rejects.toThrow(victimKey);
  }, 120_000);
});

/** Every file of a saved model, by name, with its sha256. */
async function modelDigest(runId: string): Promise<Record<string, string>> {
  const keys = await store.list(`runs/${runId}/model/`);
  expect(keys.some((k) => k.endsWith('weights.bin'))).toBe(true);
  const digest: Record<string, string> = {};
  for (const key of keys) digest[key.slice(`runs/${runId}/model/`.length)] = sha256Hex(await store.get(key));
  return digest;
}

describe('a worker killed mid-train', () => {
  it('is replaced by another worker that resumes from the checkpoint; the weights equal an uninterrupted run, bit for bit', async () => {
    const spec = parsePipeline(TINY_YAML, 'tiny.yaml');
    const { datasetId } = await importDataset({ source: 'synthetic', count: 128, height: 28, width: 28, channels: 1, classes: 4, seed: 1 }, store, {});
    const ctx = await stageContextHere();
    const plan = spec.plans['aug']!;
    const { teacherId } = await runPretrain(ctx, 'kill-train-teacher', 'big', { ...spec.teachers['big']!, epochs: 1 }, plan, datasetId);
    await runExtract(ctx, 'kill-train-extract', teacherId, datasetId, viewPlanOf(plan));
    // 4 steps per epoch, 4 epochs: 16 steps, a checkpoint every 2.
    const student = { ...spec.students['small']!, epochs: 4, checkpointEvery: 2 };
    const total = 16;

    const workers: Child[] = await Promise.all([startWorker('distill', env, 'distill-a'), startWorker('distill', env, 'distill-b')]);
    const jobId = 'train-kill-test';
    const latestKey = `runs/${jobId}/checkpoints/latest.json`;
    await bus.submitJob('train', {
      jobId, runId: jobId, teacherId, datasetId, method: student.method, epochs: student.epochs, batchSize: student.batchSize, seed: student.seed,
      configJson: JSON.stringify({ name: 'small', spec: student, plan }),
    } as never);
    const victim = await until('a worker to start the train job', async () => workers.find((w) => /train job train-kill-test: started/.test(w.output())), 30_000, 20);
    const survivor = workers.find((w) => w !== victim)!;
    await until('a checkpoint', () => store.exists(latestKey), 30_000, 10);
    victim.process.kill('SIGKILL');
    await victim.exited;
    const latestStep = async () => (JSON.parse(new TextDecoder().decode(await store.getVerified(latestKey))) as { step: number }).step;
    const atKill = await latestStep();
    expect(await store.exists(resultKey(jobId))).toBe(false);
    expect(atKill).toBeLessThan(total);
    const killedAt = Date.now();
    await waitForResult<{ runId: string }>(store, 'train', jobId);
    const seconds = (Date.now() - killedAt) / 1000;
    expect(survivor.output()).toMatch(/train job train-kill-test: started \(delivery 2\)/);
    const resumed = Number(/student small: resumed from checkpoint at step (\d+)/.exec(survivor.output())?.[1]);
    console.log(`[kill] ${victim.name} killed -9 after ${atKill} of ${total} steps checkpointed; ${survivor.name} resumed from checkpoint at step ${resumed} and finished ${seconds.toFixed(1)} s later`);
    expect(resumed).toBe(atKill);
    expect(await latestStep()).toBe(total);

    // The same job, uninterrupted, in this process: the same weights, bit for bit.
    await runStudent(ctx, 'train-kill-straight', 'small', student, plan, datasetId, teacherId);
    const killed = await modelDigest(jobId);
    expect(killed).toEqual(await modelDigest('train-kill-straight'));
    console.log(`[kill] ${Object.keys(killed).length} model files equal the uninterrupted run's (${Object.keys(killed).filter((k) => k.endsWith('weights.bin')).join(', ')})`);
  }, 120_000);
});

describe('a worker killed mid-import', () => {
  it('is replaced by another worker; the manifest lists every shard once, each verifies, the dataset equals its source', async () => {
    const source = { source: 'synthetic' as const, count: 8192, height: 28, width: 28, channels: 1, classes: 4, seed: 7 };
    const reference = readDatasetSource(source);
    const datasetId = datasetContentId(reference);
    const shardSize = 16;
    const shardCount = source.count / shardSize;
    const prefix = `datasets/${datasetId}/`;
    const expected = Array.from({ length: shardCount }, (_, index) => datasetShardKey(datasetId, index)).sort();

    const workers: Child[] = await Promise.all([startWorker('ingest', env, 'ingest-a'), startWorker('ingest', env, 'ingest-b')]);
    const jobId = 'import-kill-test';
    const { source: format, ...rest } = source;
    await bus.submitJob('import', { jobId, format, sourceUri: '', split: '', limit: 0, shardSize, configJson: JSON.stringify(rest) } as never);
    const victim = await until('a worker to start the import', async () => workers.find((w) => /import job import-kill-test: started/.test(w.output())), 30_000, 20);
    const survivor = workers.find((w) => w !== victim)!;
    await until('some shards', async () => (await store.list(prefix)).length >= 20, 30_000, 20);
    victim.process.kill('SIGKILL');
    await victim.exited;
    const atKill = (await store.list(prefix)).length;
    expect(await store.exists(datasetManifestKey(datasetId))).toBe(false);
    const killedAt = Date.now();
    const result = await waitForResult<{ datasetId: string; count: number }>(store, 'import', jobId);
    console.log(`[kill] ${victim.name} killed -9 with ${atKill} of ${shardCount} dataset shards stored; ${survivor.name} finished ${((Date.now() - killedAt) / 1000).toFixed(1)} s later`);
    expect(survivor.output()).toMatch(/import job import-kill-test: started \(delivery 2\)/);
    expect(result).toEqual({ datasetId, count: source.count, skipped: [] });

    expect(await store.list(prefix)).toEqual([...expected, datasetManifestKey(datasetId)].sort());
    const manifest = decodeMessage('DatasetManifest', await store.getVerified(datasetManifestKey(datasetId))) as DatasetManifest;
    const keys = manifest.shards.map((s) => s.key!);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(expected);
    for (const ref of manifest.shards) expect(sha256Hex(await store.get(ref.key!))).toBe(ref.sha256);
    const loaded = await loadDataset(store, datasetId);
    expect(Buffer.from(loaded.images).equals(Buffer.from(reference.images))).toBe(true);
    expect(Buffer.from(loaded.labels.buffer, loaded.labels.byteOffset, loaded.labels.byteLength).equals(Buffer.from(reference.labels.buffer, reference.labels.byteOffset, reference.labels.byteLength))).toBe(true);
    expect({ ...loaded, images: null, labels: null }).toEqual({ ...reference, images: null, labels: null });
    console.log(`[kill] ${manifest.shards.length} dataset shards, each listed once and verified; ${loaded.count} images equal the source byte for byte`);
  }, 120_000);
});

describe('a worker killed mid-eval', () => {
  it('is replaced by another worker; one report, its probes equal an uninterrupted evaluation', async () => {
    const spec = parsePipeline(TINY_YAML, 'tiny.yaml');
    const synthetic = { source: 'synthetic' as const, height: 28, width: 28, channels: 1, classes: 4 };
    const { datasetId: trainId } = await importDataset({ ...synthetic, count: 4096, seed: 21 }, store, {});
    const { datasetId: testId } = await importDataset({ ...synthetic, count: 1024, seed: 22 }, store, {});
    const ctx = await stageContextHere();
    const { runId } = await runPretrain(ctx, 'kill-eval-teacher', 'big', { ...spec.teachers['big']!, epochs: 1 }, spec.plans['aug']!, trainId);
    // Enough linear-probe epochs that the job is still running when its worker dies.
    const request: EvaluateRequest = {
      runId, name: 'big', role: 'teacher', method: 'simclr', model: spec.teachers['big']!.model, seed: 3, trainId, testId,
      spec: { ...spec.evaluate!, linear: { ...spec.evaluate!.linear!, epochs: 200 } },
    };
    const reportKeys = [`runs/${runId}/report.html`, `runs/${runId}/report.json`];

    const workers: Child[] = await Promise.all([startWorker('evaluate', env, 'evaluate-a'), startWorker('evaluate', env, 'evaluate-b')]);
    const jobId = 'eval-kill-test';
    await bus.submitJob('eval', { jobId, runId, trainDatasetId: trainId, testDatasetId: testId, probes: ['knn', 'linear'], configJson: JSON.stringify(request) });
    const victim = await until('a worker to start the eval job', async () => workers.find((w) => /eval job eval-kill-test: started/.test(w.output())), 30_000, 20);
    const survivor = workers.find((w) => w !== victim)!;
    await new Promise((r) => setTimeout(r, 300)); // into the job: model loaded, datasets being embedded or probed
    victim.process.kill('SIGKILL');
    await victim.exited;
    expect(await store.exists(resultKey(jobId))).toBe(false); // killed mid-job, not after it
    expect(await Promise.all(reportKeys.map((key) => store.exists(key)))).toEqual([false, false]);
    const killedAt = Date.now();
    const result = await waitForResult<{ runId: string; probes: { knn: { top1: number }; linear: { top1: number } } }>(store, 'eval', jobId);
    console.log(`[kill] ${victim.name} killed -9 mid-eval; ${survivor.name} finished ${((Date.now() - killedAt) / 1000).toFixed(1)} s later: k-NN ${(result.probes.knn.top1 * 100).toFixed(2)}%, linear ${(result.probes.linear.top1 * 100).toFixed(2)}%`);
    expect(survivor.output()).toMatch(/eval job eval-kill-test: started \(delivery 2\)/);
    expect((await store.list(`runs/${runId}/report`)).sort()).toEqual(reportKeys);

    // The same evaluation uninterrupted, in this process: the same probe results.
    const straight = await runEvaluate(ctx, 'eval-kill-straight', { ...request, runId });
    expect(result.probes.knn).toEqual(straight.probes.knn);
    expect(result.probes.linear).toEqual(straight.probes.linear);
  }, 180_000);
});
