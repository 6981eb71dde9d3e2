// The one-shot stage commands the Kubernetes Jobs run (deploy/base/apps): `teacher extract` as an
// Indexed Job of 3 pods sharing every extract job, then `distill train`, then `evaluate eval`, each a
// separate process over one S3 store, each reusing what the previous stage left there.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSystemStore, openStore, sha256Hex, type ObjectStore } from '@ssl-distill/store';
import { startTestS3, type TestS3 } from '@ssl-distill/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeatureManifest, type FeatureManifest } from '@ssl-distill/data-access';
import type { PipelineResult } from '../src/jobs.js';
import { parsePipeline } from '@ssl-distill/spec';
import { extractShareOf, runPipelineHere } from '../src/workers.js';
import { APPS, killChildren, s3Env, spawnApp, TINY_YAML } from './helpers.js';

// Two epochs of two views: four feature slots (one shard each) for three pods to share.
const YAML = TINY_YAML.replace('aug: { kind: replay, epochs: 1, views: 2, preset: simclr }', 'aug: { kind: replay, epochs: 2, views: 2, preset: simclr }');
const SLOTS = 4;
const IMAGES = 128;

let s3: TestS3;
let store: ObjectStore;
let env: Record<string, string>;
let dir: string;
let file: string;

beforeAll(async () => {
  s3 = await startTestS3();
  const bucket = s3.bucketConfig();
  store = openStore({ kind: 's3', ...bucket });
  env = { ...s3Env(bucket), SSL_DISTILL_BACKEND: process.env['SSL_DISTILL_BACKEND'] ?? '' };
  dir = await mkdtemp(join(tmpdir(), 'stage-jobs-'));
  file = join(dir, 'pipeline.yaml');
  await writeFile(file, YAML);
}, 60_000);

afterAll(async () => {
  await killChildren('/tmp/stage-jobs-spec.log');
  await s3?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs an app's one-shot command to its exit; returns its exit code, its --json result and its output. */
async function runCommand(app: keyof typeof APPS, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawnApp(`${app} ${args[0]} ${extraEnv['JOB_COMPLETION_INDEX'] ?? ''}`, APPS[app], args, { ...env, ...extraEnv });
  const code = await child.exit();
  const line = child.output().split('\n').find((l) => l.startsWith('{"type":"result"'));
  return { code, output: child.output(), result: line ? (JSON.parse(line) as PipelineResult) : undefined };
}

async function onlyManifest(target: ObjectStore): Promise<FeatureManifest> {
  const keys = (await target.list('features/')).filter((key) => key.endsWith('manifest.pb'));
  expect(keys).toHaveLength(1);
  const [, teacherId, datasetId, planId] = keys[0]!.split('/');
  return (await readFeatureManifest(target, { teacherId: teacherId!, datasetId: datasetId!, planId: planId! }))!;
}

describe('stage Jobs: teacher extract (indexed), distill train, evaluate eval', () => {
  let shares: Awaited<ReturnType<typeof runCommand>>[];

  it('three extract pods share the slots: each computed once, the manifest lists every shard with its checksum', async () => {
    shares = await Promise.all([0, 1, 2].map((index) => runCommand('teacher', ['extract', file, '--shard-count', '3', '--json'], { JOB_COMPLETION_INDEX: String(index) })));
    for (const share of shares) expect(share.code, share.output.slice(-2000)).toBe(0);
    // Slots are dealt by ordinal modulo 3: pod 0 gets slots 0 and 3, pods 1 and 2 one each.
    const computed = shares.map((s) => s.result!.extracts.reduce((sum, e) => sum + e.teacherImages, 0));
    console.log(`[stage-jobs] teacher forward passes per extract pod: ${computed.join(' / ')}`);
    expect(computed).toEqual([2 * IMAGES, IMAGES, IMAGES]);
    // The pretrain ran once, in pod 0; the others waited for its result in the store.
    const pretrained = shares.map((s) => /"stage":"teacher big"/.test(s.output));
    expect(pretrained).toEqual([true, false, false]);

    const manifest = await onlyManifest(store);
    expect(manifest.shards).toHaveLength(SLOTS);
    expect(manifest.shards.reduce((sum, ref) => sum + ref.count, 0)).toBe(SLOTS * IMAGES);
    for (const ref of manifest.shards) expect(sha256Hex(await store.getVerified(ref.key!))).toBe(ref.sha256);
    expect(new Set(manifest.shards.map((ref) => `${ref.epoch}/${ref.view}`)).size).toBe(SLOTS);
  }, 240_000);

  it('the shared cache is bit for bit the one a single process extracts', async () => {
    const local = new FileSystemStore(join(dir, 'single'));
    await runPipelineHere(parsePipeline(YAML, 'single.yaml'), { store: local, until: 'extract', progress: () => {}, log: () => {} });
    const single = await onlyManifest(local);
    const shared = await onlyManifest(store);
    expect(shared.teacherId).toBe(single.teacherId);
    expect(shared.shards.map((ref) => ref.sha256)).toEqual(single.shards.map((ref) => ref.sha256));
  }, 120_000);

  it('distill train reuses the cache (0 teacher forward passes) and trains without evaluating', async () => {
    const train = await runCommand('distill', ['train', file, '--json']);
    expect(train.code, train.output.slice(-2000)).toBe(0);
    expect(train.output).not.toMatch(/"stage":"teacher big"/); // the pretrain's result was reused
    expect(train.output).toMatch(/"stage":"student small"/);
    expect(train.result!.extracts).toEqual([expect.objectContaining({ cached: true, teacherImages: 0 })]);
    const student = train.result!.rows.find((r) => r.name === 'small')!;
    expect(student.knnTop1).toBeUndefined();
    expect(await store.exists(`runs/${student.runId}/model/model.json`)).toBe(true);
    expect(await store.exists(`runs/${student.runId}/report.json`)).toBe(false);
  }, 120_000);

  it('evaluate eval probes every run without training again; k-NN well above chance', async () => {
    const evaluation = await runCommand('evaluate', ['eval', file, '--json']);
    expect(evaluation.code, evaluation.output.slice(-2000)).toBe(0);
    expect(evaluation.output).not.toMatch(/"stage":"(student small|teacher big)"/); // no training: the jobs' results were reused
    for (const row of evaluation.result!.rows) {
      console.log(`[stage-jobs] ${row.role} ${row.name}: k-NN top-1 ${(row.knnTop1! * 100).toFixed(2)}%`);
      expect(row.knnTop1!).toBeGreaterThan(0.5); // 4 classes: chance is 0.25
      expect(await store.exists(`runs/${row.runId}/report.html`)).toBe(true);
    }
  }, 120_000);

  it('bad input: a missing file or a share out of range exits non-zero with the reason', async () => {
    const missing = await runCommand('teacher', ['extract', join(dir, 'absent.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/cannot read pipeline file/);
    expect(() => extractShareOf({ shardCount: '3' }, { JOB_COMPLETION_INDEX: '3' })).toThrow(/shard index 3 is not below --shard-count 3/);
    expect(() => extractShareOf({ shardCount: '0' }, {})).toThrow(/at least 1/);
    expect(() => extractShareOf({ shardCount: 'two' }, {})).toThrow(/non-negative integer/);
    expect(extractShareOf({ shardCount: '4', shardIndex: '1' }, { JOB_COMPLETION_INDEX: '3' })).toEqual({ count: 4, index: 1 });
    expect(extractShareOf({}, { JOB_COMPLETION_INDEX: '2' })).toBeUndefined(); // one share: the whole job
  }, 60_000);
});
