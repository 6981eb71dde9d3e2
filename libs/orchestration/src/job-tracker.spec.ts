// The submitting side on the in-memory bus, with hand-driven workers: results and failures arrive as
// messages, a stored result is reused without a submission, a failed job runs again as the next
// attempt, and a job nobody takes is reported (and given up on) with what the workers said.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DistillBus, MemoryBroker, MemoryBus, DistillSubjects } from '@ssl-distill/bus';
import { recordingLogger } from '@ssl-distill/bus/testing';
import { distill, type JobMessage } from '@ssl-distill/proto';
import { FileSystemStore } from '@ssl-distill/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobFailedError, JobTracker, NoWorkerError, resultKey } from './job-tracker.js';
import { WorkerPresence } from './worker-presence.js';

const { JOB_STATUS_SUCCEEDED: SUCCEEDED, JOB_STATUS_FAILED: FAILED } = distill.v1.JobStatus;

let dir: string;
let store: FileSystemStore;
let broker: MemoryBroker;
const opened: DistillBus[] = [];
const trackers: JobTracker[] = [];

const client = () => {
  const subjects = new DistillSubjects();
  const bus = new DistillBus(new MemoryBus({ broker, workQueues: subjects.workQueues(), logger: recordingLogger() }), subjects, recordingLogger());
  opened.push(bus);
  return bus;
};
const track = async (...args: Parameters<typeof JobTracker.open>) => {
  const tracker = await JobTracker.open(...args);
  trackers.push(tracker);
  return tracker;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'job-tracker-spec-'));
  store = new FileSystemStore(dir);
  broker = new MemoryBroker();
});
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((tracker) => tracker.close()));
  await Promise.all(opened.splice(0).map((bus) => bus.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('JobTracker', () => {
  it('returns the result a worker sends, with its time; a stored result is reused without a submission', async () => {
    const worker = client();
    const taken: JobMessage<'eval'>[] = [];
    await worker.consumeJobs('eval', async (job) => {
      taken.push(job);
      await worker.publishResult({ jobId: job.jobId, kind: 'eval', status: SUCCEEDED, resultJson: '{"top1":0.75}', attempt: job.attempt?.number, seconds: 2.5 });
    });
    const tracker = await track(client(), store);
    expect(await tracker.run('eval', { jobId: 'job-a', runId: 'r' })).toEqual({ value: { top1: 0.75 }, seconds: 2.5, stored: false });
    expect(taken.map((job) => [job.jobId, job.attempt?.number])).toEqual([['job-a', 1]]);

    // A stored result counts only while the outputs it names verify: an eval job's report files.
    for (const file of ['report.json', 'report.html']) await store.putVerified(`runs/r/${file}`, new TextEncoder().encode(file));
    await store.putVerified(resultKey('job-b'), new TextEncoder().encode('{"top1":0.5,"runId":"r"}'));
    expect(await (await track(client(), store)).run('eval', { jobId: 'job-b', runId: 'r' })).toEqual({ value: { top1: 0.5, runId: 'r' }, seconds: 0, stored: true });
    expect(taken).toHaveLength(1);
  });

  it("fails with the worker's message; submitted again, the job runs as the next attempt", async () => {
    const worker = client();
    const attempts: number[] = [];
    await worker.consumeJobs('train', async (job) => {
      attempts.push(job.attempt!.number!);
      if (job.attempt!.number === 1) {
        await worker.publishResult({ jobId: job.jobId, kind: 'train', status: FAILED, error: 'S3: AccessDenied', worker: 'distill pid 7 on a', attempt: 1, delivery: 3 });
      } else {
        await worker.publishResult({ jobId: job.jobId, kind: 'train', status: SUCCEEDED, resultJson: '{"runId":"x"}', attempt: job.attempt!.number });
      }
    });
    const failure = await (await track(client(), store)).run('train', { jobId: 'job-c' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(JobFailedError);
    expect((failure as Error).message).toBe('train job job-c failed: S3: AccessDenied (on distill pid 7 on a, delivery 3)');
    // A restarted submitter learns the failed attempt from the results stream and sends attempt 2.
    expect((await (await track(client(), store)).run('train', { jobId: 'job-c' })).value).toEqual({ runId: 'x' });
    expect(attempts).toEqual([1, 2]);
  });

  it('says what a job waits for, and stops when no ready worker of its kind is there, naming their problems', async () => {
    const notices: string[] = [];
    const presence = new WorkerPresence(client(), 'distill pid 9 on b', ['train'], 1, 100).start();
    presence.setProblem('store s3://k@h/b failed a write and read check: InvalidAccessKeyId.');
    const tracker = await track(client(), store, { watch: { log: (m) => notices.push(m), tickMs: 50, noticeEveryMs: 200, noWorkerMs: 500 } });
    const started = Date.now();
    const stopped = await tracker.run('train', { jobId: 'job-d' }).catch((error: unknown) => error);
    presence.stop();
    expect(stopped).toBeInstanceOf(NoWorkerError);
    expect((stopped as Error).message).toBe('train job job-d cannot run: 1 `train` worker running, none ready: distill pid 9 on b: store s3://k@h/b failed a write and read check: InvalidAccessKeyId. Fix its configuration, or pass --wait-for-workers to keep waiting');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(notices[0]).toMatch(/^no `train` worker has taken job job-d for 0 s: 1 `train` worker running, none ready: distill pid 9 on b/);
  });

  it('keeps waiting, past noWorkerMs, while a worker says it runs the job, until its result', async () => {
    const worker = client();
    const presence = new WorkerPresence(worker, 'distill pid 10 on c', ['train'], 1, 100).start();
    presence.setProblem('');
    const tracker = await track(client(), store, { watch: { log: () => {}, tickMs: 50, noticeEveryMs: 100, noWorkerMs: 100 } });
    await worker.consumeJobs('train', async (job) => {
      presence.jobStarted(job.jobId);
      await new Promise((resolve) => setTimeout(resolve, 600)); // longer than noWorkerMs: busy, not missing
      presence.jobEnded(job.jobId);
      await worker.publishResult({ jobId: job.jobId, kind: 'train', status: SUCCEEDED, resultJson: '{"runId":"y"}', attempt: 1, seconds: 0.6 });
    });
    expect((await tracker.run('train', { jobId: 'job-e' })).value).toEqual({ runId: 'y' });
    presence.stop();
  });
});
