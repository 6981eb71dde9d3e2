import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect, nanos } from 'nats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, WorkQueueDefinition } from './bus.js';
import { DistillSubjects } from './distill-bus.js';
import { NatsBus } from './nats-bus.js';
import { openDistillBus } from './open-bus.js';
import { deleteStreams, recordingLogger, startTestNats, uniqueSuffix, type TestNats } from './testing.js';

const suffix = uniqueSuffix();
const workQueue: WorkQueueDefinition = { stream: `J${suffix}_WORK`, subjects: [`j${suffix}.work.>`], duplicateWindowMs: 60_000 };
const subjects = new DistillSubjects(`j${suffix}.distill.v1`);
const streams = [workQueue.stream, ...subjects.workQueues().map((queue) => queue.stream)];
const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));
const jobWorker = fileURLToPath(new URL('./fixtures/job-worker.ts', import.meta.url));

let nats: TestNats;
const buses: Bus[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  nats = await startTestNats();
});
afterEach(async () => {
  children.splice(0).forEach((child) => child.kill('SIGKILL'));
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});
afterAll(async () => {
  if (!nats) return;
  await deleteStreams(nats.url, streams);
  await nats.stop();
});

/** Runs fixtures/job-worker.ts in a child process (jobMs -1: its jobs never finish). */
function startWorker(subject: string, durable: string, ackWaitMs: number, jobMs: number) {
  const args = [jobWorker, nats.url, JSON.stringify(workQueue), subject, durable, String(ackWaitMs), String(jobMs)];
  const child = spawn(process.execPath, ['--conditions=@ssl-distill/source', '--import', 'tsx', ...args], {
    cwd: workspaceRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

async function natsBus(): Promise<NatsBus> {
  const bus = await NatsBus.connect({ servers: nats.url, workQueues: [workQueue], logger: recordingLogger(), pullExpiresMs: 1_000 });
  buses.push(bus);
  return bus;
}

describe('NatsBus on JetStream', () => {
  it('creates a file-backed work-queue stream and an explicit-ack durable consumer', async () => {
    const bus = await natsBus();
    await bus.consume(`j${suffix}.work.config`, 'config-workers', async () => {}, { ackWaitMs: 2_000, maxDeliver: 4 });
    const connection = await connect({ servers: nats.url });
    try {
      const manager = await connection.jetstreamManager();
      const stream = await manager.streams.info(workQueue.stream);
      expect(stream.config).toMatchObject({
        retention: 'workqueue',
        storage: 'file',
        subjects: workQueue.subjects,
        duplicate_window: nanos(60_000),
      });
      const consumer = await manager.consumers.info(workQueue.stream, 'config-workers');
      expect(consumer.config).toMatchObject({
        ack_policy: 'explicit',
        ack_wait: nanos(2_000),
        max_deliver: 5, // one beyond maxDeliver, so the consumer loop can drop a never-settled message
        filter_subject: `j${suffix}.work.config`,
      });
    } finally {
      await connection.close();
    }
  });

  it('redelivers the job of a worker killed with SIGKILL to another worker', async () => {
    const ackWaitMs = 1_500;
    const subject = `j${suffix}.work.crash`;
    const bus = await natsBus();
    await bus.enqueue(subject, new TextEncoder().encode('extract-42'));
    const worker = startWorker(subject, 'crash-workers', ackWaitMs, -1);
    await expect.poll(worker.output, { timeout: 15_000, interval: 50 }).toContain('started extract-42 delivery 1');
    const killedAt = Date.now();
    worker.child.kill('SIGKILL');
    expect(await worker.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const redelivered: { job: string; delivery: number; at: number }[] = [];
    await bus.consume(
      subject,
      'crash-workers',
      async (payload, context) =>
        void redelivered.push({ job: new TextDecoder().decode(payload), delivery: context.deliveryCount, at: Date.now() }),
      { ackWaitMs },
    );
    await expect.poll(() => redelivered.length, { timeout: 10_000, interval: 50 }).toBe(1);
    expect(redelivered[0]).toMatchObject({ job: 'extract-42', delivery: 2 });
    // Redelivered when the ack wait of the killed worker's delivery ran out, not later.
    expect(redelivered[0]!.at - killedAt).toBeLessThan(ackWaitMs + 3_000);
  });

  it('lets a worker stopped with SIGTERM finish its job, ack it and exit 0', async () => {
    const ackWaitMs = 1_000;
    const subject = `j${suffix}.work.shutdown`;
    const bus = await natsBus();
    await bus.enqueue(subject, new TextEncoder().encode('train-7'));
    const worker = startWorker(subject, 'shutdown-workers', ackWaitMs, 1_500);
    await expect.poll(worker.output, { timeout: 15_000, interval: 50 }).toContain('started train-7 delivery 1');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('finished train-7');

    const redelivered: string[] = [];
    await bus.consume(subject, 'shutdown-workers', async (payload) => void redelivered.push(new TextDecoder().decode(payload)), { ackWaitMs });
    await new Promise((resolve) => setTimeout(resolve, ackWaitMs + 500));
    expect(redelivered).toEqual([]);
  });
});

describe('openDistillBus', () => {
  it('connects with credentials from the URL and never logs the password', async () => {
    const logger = recordingLogger();
    const url = nats.url.replace('nats://', 'nats://alice:s3cret%21@');
    const typed = await openDistillBus({ url, name: 'credentials-test', subjects, logger });
    buses.push(typed.bus);
    const runs: string[] = [];
    await typed.consumeJobs('eval', async (job) => void runs.push(job.runId));
    await typed.submitJob('eval', { jobId: 'job-1', runId: 'run-1' });
    await expect.poll(() => runs, { timeout: 10_000, interval: 50 }).toEqual(['run-1']);
    const logged = JSON.stringify(logger.entries);
    expect(logged).toContain('credentials-test');
    expect(logged).not.toContain('s3cret');
  });

  it('defaults to the in-memory bus and rejects other URL schemes, naming them', async () => {
    const typed = await openDistillBus({ subjects, logger: recordingLogger() });
    buses.push(typed.bus);
    const runs: string[] = [];
    await typed.consumeJobs('import', async (job) => void runs.push(job.sourceUri));
    await typed.submitJob('import', { jobId: 'job-2', sourceUri: '/data/mnist' });
    await expect.poll(() => runs, { timeout: 5_000, interval: 20 }).toEqual(['/data/mnist']);
    await expect(openDistillBus({ url: 'http://127.0.0.1:4222' })).rejects.toThrow(/"http:\/\/127.0.0.1:4222" must be "memory" or nats:\/\//);
  });
});
