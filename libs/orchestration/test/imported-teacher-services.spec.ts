// An imported ONNX teacher over NATS + S3: the model is read from another S3 bucket, copied into the
// store by the submitter, and run by a teacher worker process (onnxruntime, --threads 1); distill
// workers train embedding and logit students from the features it extracted once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDistillBus, type DistillBus } from '@ssl-distill/bus';
import { recordingLogger, spawnNatsServer, type TestNats } from '@ssl-distill/bus/testing';
import { S3Store, type ObjectStore } from '@ssl-distill/store';
import { startTestS3, type TestS3 } from '@ssl-distill/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, startJobWorkers } from '../src/jobs.js';
import { parsePipeline } from '@ssl-distill/spec';
import { LocalViewSource } from '@ssl-distill/data-access';
import { APPS, killChildren, s3Env, spawnApp, startWorker, type Child } from './helpers.js';
import { importedYaml, student, TEACHER_FIXTURE } from './imported-teacher-helpers.js';

let nats: TestNats;
let s3: TestS3;
let bus: DistillBus;
let store: S3Store;
let workers: Child[] = [];

beforeAll(async () => {
  [nats, s3] = await Promise.all([spawnNatsServer(), startTestS3()]);
  const bucket = s3.bucketConfig();
  store = new S3Store(bucket);
  const env = { NATS_URL: nats.url, ...s3Env(bucket) };
  bus = await openDistillBus({ url: nats.url, name: 'imported-teacher-services', logger: recordingLogger() });
  // As in services.spec.ts: the import consumer runs here (apps/ingest records no job results yet).
  await startJobWorkers(['import'], {
    bus, store: store as ObjectStore, progress: () => {}, log: () => {},
    context: (progress, heartbeat, signal) => ({ store, views: new LocalViewSource(store), progress, backend: 'n/a', log: () => {}, heartbeat, signal }),
  });
  const teacher = spawnApp('teacher', APPS.teacher, ['worker', '--health-port', '0', '--threads', '1', '--ep', 'cpu'], env);
  await teacher.waitFor(/consuming .* jobs on backend/, 60_000);
  workers = [teacher, await startWorker('distill', env)];
}, 90_000);

afterAll(async () => {
  await killChildren('/tmp/imported-teacher-services-workers.log');
  await bus?.close();
  await Promise.all([nats?.stop(), s3?.stop()]);
});

describe('an imported teacher on worker processes over NATS + S3', () => {
  it('reads the model from s3://, extracts on the teacher worker once, trains SEED and HKD students on the distill worker', async () => {
    await store.inBucket('models').put('resnet/resnet-nchw.onnx', new Uint8Array(readFileSync(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'))));
    const spec = parsePipeline(importedYaml('s3://models/resnet/resnet-nchw.onnx', {
      seed: student('seed', ', methodConfig: { queueSize: 64 }'),
      hkd: student('hkd'),
    }), 'imported-s3.yaml');
    const result = await runPipeline(spec, bus, store);
    const teacherId = result.importedTeachers[0]!.teacherId;
    expect(await store.exists(`teachers/${teacherId}/model.onnx`)).toBe(true);
    expect(result.extracts).toEqual([
      expect.objectContaining({ student: 'seed', cached: false, teacherImages: 192 }),
      expect.objectContaining({ student: 'hkd', cached: true, teacherImages: 0 }),
    ]);
    expect(result.rows.map((r) => r.name)).toEqual(['seed', 'hkd']);
    const [teacherLog, distillLog] = workers.map((w) => w.output());
    expect(teacherLog).toMatch(/extract job \w+: done/);
    expect(distillLog!.match(/train job \w+: done/g)).toHaveLength(2);
    for (const row of result.rows) {
      const training = JSON.parse(new TextDecoder().decode(await store.getVerified(`runs/${row.runId}/training.json`))) as { history: { loss: number }[]; teacherId: string };
      expect(training.teacherId).toBe(teacherId);
      expect(training.history.every((step) => Number.isFinite(step.loss))).toBe(true);
    }
  }, 180_000);
});
