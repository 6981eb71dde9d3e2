// The semantics every Bus implementation must have; memory-bus.spec.ts and nats-bus.spec.ts run it.
import { distill } from '@ssl-distill/proto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Bus, DeadLetter, WorkQueueDefinition } from './bus.js';
import { DistillBus, DistillSubjects } from './distill-bus.js';
import { NoRespondersError, PermanentError, RemoteHandlerError, RequestTimeoutError, RetryableError, UnknownWorkQueueError } from './errors.js';
import type { Logger } from './logger.js';
import { recordingLogger, uniqueSuffix } from './testing.js';

export interface BusContractHarness {
  /** A new client of the server (or broker) the suite shares, like one more process. */
  connect(workQueues: readonly WorkQueueDefinition[], logger: Logger): Promise<Bus>;
  /** Removes the suite's streams from a shared server. */
  cleanup(streams: readonly string[]): Promise<void>;
}

const ACK_WAIT_MS = 1_000;
const text = new TextEncoder();
const bytes = (value: string) => text.encode(value);
const str = (payload: Uint8Array) => new TextDecoder().decode(payload);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Runs the Bus contract against the implementation `harness()` gives (called inside tests). */
export function describeBusContract(name: string, harness: () => BusContractHarness): void {
  describe(`${name} bus contract`, () => {
    const suffix = uniqueSuffix();
    const prefix = `t${suffix}`;
    const work: WorkQueueDefinition = { stream: `T${suffix}_WORK`, subjects: [`${prefix}.work.>`], storage: 'memory' };
    const subjects = new DistillSubjects(`${prefix}.distill.v1`);
    const workQueues = [work, ...subjects.workQueues('memory')];
    const clients: Bus[] = [];
    const gates: { open(): void }[] = [];
    let testNumber = 0;

    async function client(logger: Logger = recordingLogger()): Promise<Bus> {
      const bus = await harness().connect(workQueues, logger);
      clients.push(bus);
      return bus;
    }

    /** A subject and durable of the test's own. */
    function queueNames() {
      testNumber += 1;
      return { subject: `${prefix}.work.t${testNumber}`, durable: `d${testNumber}` };
    }

    function heldGate() {
      const held = gate();
      gates.push(held);
      return held;
    }

    afterEach(async () => {
      await Promise.all(clients.splice(0).map((bus) => bus.close()));
      gates.splice(0).forEach((held) => held.open());
    });
    afterAll(async () => harness().cleanup(workQueues.map((queue) => queue.stream)));

    describe('work queues', () => {
      it('acks a handled message: it is not delivered again', async () => {
        const bus = await client();
        const { subject, durable } = queueNames();
        const seen: string[] = [];
        await bus.consume(subject, durable, async (payload, context) => void seen.push(`${str(payload)}#${context.deliveryCount}`), {
          ackWaitMs: ACK_WAIT_MS,
        });
        expect(await bus.enqueue(subject, bytes('job-1'))).toEqual({ duplicate: false });
        await waitFor(() => seen.length === 1, 'the delivery');
        await sleep(ACK_WAIT_MS + 300);
        expect(seen).toEqual(['job-1#1']);
      });

      it('redelivers a message not settled within ackWait', async () => {
        const bus = await client();
        const { subject, durable } = queueNames();
        const stuck = heldGate();
        const deliveries: { count: number; at: number }[] = [];
        await bus.consume(
          subject,
          durable,
          async (_payload, context) => {
            deliveries.push({ count: context.deliveryCount, at: Date.now() });
            if (context.deliveryCount === 1) await stuck.promise;
          },
          { ackWaitMs: ACK_WAIT_MS, concurrency: 2 },
        );
        await bus.enqueue(subject, bytes('job'));
        await waitFor(() => deliveries.length === 2, 'the redelivery');
        // Usually [1, 2]; on an overloaded machine nats-server can take the first delivery for one lost to
        // an expired pull request and roll its count back, so the redelivery may say 1 again.
        expect(deliveries[0]!.count).toBe(1);
        expect([1, 2]).toContain(deliveries[1]!.count);
        expect(deliveries[1]!.at - deliveries[0]!.at).toBeGreaterThanOrEqual(ACK_WAIT_MS - 100);
      });

      it('redelivers after the delay a RetryableError asks for', async () => {
        const bus = await client();
        const { subject, durable } = queueNames();
        const deliveries: { count: number; at: number }[] = [];
        await bus.consume(subject, durable, async (_payload, context) => {
          deliveries.push({ count: context.deliveryCount, at: Date.now() });
          if (context.deliveryCount === 1) throw new RetryableError('store unavailable', 400);
        });
        await bus.enqueue(subject, bytes('job'));
        await waitFor(() => deliveries.length === 2, 'the redelivery');
        expect(deliveries.map((delivery) => delivery.count)).toEqual([1, 2]);
        expect(deliveries[1]!.at - deliveries[0]!.at).toBeGreaterThanOrEqual(350);
      });

      it('drops a message failing maxDeliver times and reports it as a dead letter', async () => {
        const bus = await client();
        const { subject, durable } = queueNames();
        const counts: number[] = [];
        const letters: DeadLetter[] = [];
        await bus.consume(
          subject,
          durable,
          async (_payload, context) => {
            counts.push(context.deliveryCount);
            throw new Error('out of memory');
          },
          { maxDeliver: 3, retryDelayMs: 0, onDeadLetter: (letter) => letters.push(letter) },
        );
        await bus.enqueue(subject, bytes('doomed'));
        await waitFor(() => letters.length === 1, 'the dead letter');
        await sleep(500);
        expect(counts).toEqual([1, 2, 3]);
        expect(letters).toHaveLength(1);
        expect(letters[0]).toMatchObject({ subject, deliveryCount: 3 });
        expect(letters[0]!.reason).toContain('out of memory');
        expect(str(letters[0]!.payload)).toBe('doomed');
      });

      it('drops a message whose every delivery ran past ackWait', async () => {
        const bus = await client();
        const { subject, durable } = queueNames();
        const stuck = heldGate();
        const counts: number[] = [];
        const letters: DeadLetter[] = [];
        await bus.consume(
          subject,
          durable,
          async (_payload, context) => {
            counts.push(context.deliveryCount);
            await stuck.promise;
          },
          { ackWaitMs: ACK_WAIT_MS, maxDeliver: 2, concurrency: 3, onDeadLetter: (letter) => letters.push(letter) },
        );
        await bus.enqueue(subject, bytes('hangs'));
        // Usually [1, 2]; an overloaded nats-server may roll a delivery's count back (see the
        // redelivery test) and deliver once more, so: from 1, never decreasing, ending at 2.
        await waitFor(() => letters.length === 1, 'the dead letter', 30_000);
        expect(counts[0]).toBe(1);
        expect(counts.at(-1)).toBe(2);
        expect(counts.every((count, i) => i === 0 || count >= counts[i - 1]!)).toBe(true);
        expect(letters[0]!.reason).toContain('not settled within 2 deliveries');
      });

      it('terminates a message on PermanentError without redelivering it', async () => {
        const bus = await client();
        const { subject, durable } = queueNames();
        const counts: number[] = [];
        const letters: DeadLetter[] = [];
        await bus.consume(
          subject,
          durable,
          async (_payload, context) => {
            counts.push(context.deliveryCount);
            throw new PermanentError('unknown method "sneed"');
          },
          { ackWaitMs: ACK_WAIT_MS, onDeadLetter: (letter) => letters.push(letter) },
        );
        await bus.enqueue(subject, bytes('bad-config'));
        await waitFor(() => letters.length === 1, 'the dead letter');
        await sleep(ACK_WAIT_MS + 300);
        expect(counts).toEqual([1]);
        expect(letters[0]!.reason).toContain('unknown method "sneed"');
      });

      it('drops a message whose msgId was seen within the duplicate window', async () => {
        const bus = await client();
        const { subject, durable } = queueNames();
        expect(await bus.enqueue(subject, bytes('first'), { msgId: 'job-7.1' })).toEqual({ duplicate: false });
        expect(await bus.enqueue(subject, bytes('again'), { msgId: 'job-7.1' })).toEqual({ duplicate: true });
        expect(await bus.enqueue(subject, bytes('retry'), { msgId: 'job-7.2' })).toEqual({ duplicate: false });
        const seen: string[] = [];
        await bus.consume(subject, durable, async (payload) => void seen.push(str(payload)));
        await waitFor(() => seen.length === 2, 'both messages');
        await sleep(200);
        expect(seen).toEqual(['first', 'retry']);
      });

      it('keeps a slow job that calls working() from being redelivered', async () => {
        const bus = await client();
        const { subject, durable } = queueNames();
        const counts: number[] = [];
        let finished = false;
        await bus.consume(
          subject,
          durable,
          async (_payload, context) => {
            counts.push(context.deliveryCount);
            for (let step = 0; step < 6; step++) {
              await sleep(ACK_WAIT_MS / 3);
              context.working();
            }
            finished = true;
          },
          { ackWaitMs: ACK_WAIT_MS, concurrency: 2 },
        );
        await bus.enqueue(subject, bytes('long job'));
        await waitFor(() => finished, 'the job', 10_000);
        await sleep(ACK_WAIT_MS + 300);
        expect(counts).toEqual([1]);
      });

      it('delivers each message to one of the processes sharing a durable consumer', async () => {
        const [first, second] = [await client(), await client()];
        const { subject, durable } = queueNames();
        const seen: string[] = [];
        for (const bus of [first, second]) await bus.consume(subject, durable, async (payload) => void seen.push(str(payload)));
        const sent = Array.from({ length: 10 }, (_, i) => `job-${i}`);
        for (const job of sent) await first.enqueue(subject, bytes(job));
        await waitFor(() => seen.length === sent.length, 'every job');
        await sleep(300);
        expect([...seen].sort()).toEqual([...sent].sort());
      });

      it('drain lets the running job finish and acks it', async () => {
        const worker = await client();
        const { subject, durable } = queueNames();
        let started = false;
        let abortedWhileRunning = false;
        let finished = false;
        await worker.consume(
          subject,
          durable,
          async (_payload, context) => {
            started = true;
            await sleep(500);
            abortedWhileRunning = context.signal.aborted;
            finished = true;
          },
          { ackWaitMs: ACK_WAIT_MS },
        );
        await worker.enqueue(subject, bytes('job'));
        await waitFor(() => started, 'the job to start');
        await worker.drain({ timeoutMs: 5_000 });
        expect(finished).toBe(true);
        expect(abortedWhileRunning).toBe(true);

        const successor = await client();
        const redelivered: number[] = [];
        await successor.consume(subject, durable, async (_payload, context) => void redelivered.push(context.deliveryCount), {
          ackWaitMs: ACK_WAIT_MS,
        });
        await sleep(ACK_WAIT_MS + 300);
        expect(redelivered).toEqual([]);
      });

      it('drain hands a job still running at its timeout back at once', async () => {
        const longAckWaitMs = 5 * ACK_WAIT_MS;
        const worker = await client();
        const { subject, durable } = queueNames();
        const stuck = heldGate();
        let started = false;
        await worker.consume(
          subject,
          durable,
          async () => {
            started = true;
            await stuck.promise;
          },
          { ackWaitMs: longAckWaitMs },
        );
        await worker.enqueue(subject, bytes('job'));
        await waitFor(() => started, 'the job to start');
        const successor = await client();
        const redelivered: number[] = [];
        await successor.consume(subject, durable, async (_payload, context) => void redelivered.push(context.deliveryCount), {
          ackWaitMs: longAckWaitMs,
        });
        const drainStarted = Date.now();
        await worker.drain({ timeoutMs: 200 });
        await waitFor(() => redelivered.length === 1, 'the handed-back job');
        expect(redelivered).toEqual([2]);
        expect(Date.now() - drainStarted).toBeLessThan(longAckWaitMs / 2);
      });

      it('rejects a durable consumer reused for another subject, naming both', async () => {
        const bus = await client();
        const { subject, durable } = queueNames();
        await bus.consume(subject, durable, async () => {});
        await expect(bus.consume(`${subject}b`, durable, async () => {})).rejects.toThrow(
          `durable consumer "${durable}" already consumes "${subject}", not "${subject}b"`,
        );
      });

      it('rejects subjects no work queue covers and invalid names, naming them', async () => {
        const bus = await client();
        const outside = `${prefix}.elsewhere.jobs`;
        await expect(bus.enqueue(outside, bytes('x'))).rejects.toThrow(UnknownWorkQueueError);
        await expect(bus.enqueue(outside, bytes('x'))).rejects.toThrow(outside);
        await expect(bus.consume(outside, 'd', async () => {})).rejects.toThrow(outside);
        await expect(bus.consume(`${prefix}.work.x`, 'bad.durable', async () => {})).rejects.toThrow(/durable consumer "bad.durable"/);
        await expect(bus.enqueue(`${prefix}.work.*`, bytes('x'))).rejects.toThrow(/wildcards/);
      });
    });

    describe('request-reply', () => {
      it('balances requests over a queue group and returns each reply to its requester', async () => {
        const subject = `${prefix}.rpc.balance`;
        const served = new Map<string, number>();
        for (const responder of ['a', 'b']) {
          const bus = await client();
          await bus.respond(subject, 'workers', async (payload) => {
            served.set(responder, (served.get(responder) ?? 0) + 1);
            return bytes(`${str(payload)}:${responder}`);
          });
        }
        const requester = await client();
        const replies = await Promise.all(
          Array.from({ length: 20 }, (_, i) => requester.request(subject, bytes(`req-${i}`), { timeoutMs: 5_000 })),
        );
        replies.forEach((reply, i) => expect(str(reply)).toMatch(new RegExp(`^req-${i}:[ab]$`)));
        expect((served.get('a') ?? 0) + (served.get('b') ?? 0)).toBe(20);
        expect(served.get('a')).toBeGreaterThan(0);
        expect(served.get('b')).toBeGreaterThan(0);
      });

      it('reports a failing responder, no responders and a timeout', async () => {
        const bus = await client();
        await bus.respond(`${prefix}.rpc.fails`, 'workers', async () => {
          throw new Error('bad batch:\nindex 9 out of range');
        });
        await bus.respond(`${prefix}.rpc.slow`, 'workers', async (payload) => {
          await sleep(500);
          return payload;
        });
        const failure = bus.request(`${prefix}.rpc.fails`, bytes('x'), { timeoutMs: 5_000 });
        await expect(failure).rejects.toThrow(RemoteHandlerError);
        await expect(failure).rejects.toThrow(/bad batch: index 9 out of range/);
        await expect(bus.request(`${prefix}.rpc.nobody`, bytes('x'), { timeoutMs: 5_000 })).rejects.toThrow(NoRespondersError);
        await expect(bus.request(`${prefix}.rpc.slow`, bytes('x'), { timeoutMs: 100 })).rejects.toThrow(RequestTimeoutError);
      });
    });

    describe('pub/sub', () => {
      it('broadcasts to every subscriber whose pattern matches', async () => {
        const [subscriber, publisher] = [await client(), await client()];
        const everything: string[] = [];
        const jobOne: string[] = [];
        await subscriber.subscribe(`${prefix}.progress.*`, (payload, subject) => void everything.push(`${subject}=${str(payload)}`));
        await subscriber.subscribe(`${prefix}.progress.job1`, (payload) => void jobOne.push(str(payload)));
        publisher.publish(`${prefix}.progress.job1`, bytes('10%'));
        publisher.publish(`${prefix}.progress.job2`, bytes('20%'));
        await waitFor(() => everything.length === 2, 'both events');
        await sleep(100);
        expect(everything).toEqual([`${prefix}.progress.job1=10%`, `${prefix}.progress.job2=20%`]);
        expect(jobOne).toEqual(['10%']);
      });
    });

    describe('DistillBus (typed layer)', () => {
      it('runs a submitted job once per attempt', async () => {
        const typed = new DistillBus(await client(), subjects);
        const runs: string[] = [];
        expect(await typed.submitJob('train', { jobId: 'job-1', runId: 'run-1', method: 'seed', attempt: { number: 1 } })).toEqual({
          duplicate: false,
        });
        expect(await typed.submitJob('train', { jobId: 'job-1', runId: 'run-1', method: 'seed', attempt: { number: 1 } })).toEqual({
          duplicate: true,
        });
        await typed.submitJob('train', { jobId: 'job-1', runId: 'run-1', method: 'seed', attempt: { number: 2 } });
        await typed.consumeJobs('train', async (job) => void runs.push(`${job.runId}/${job.method}/${job.attempt?.number}`));
        await waitFor(() => runs.length === 2, 'both attempts');
        await sleep(200);
        expect(runs).toEqual(['run-1/seed/1', 'run-1/seed/2']);
      });

      it('terminates and logs malformed and wrong-version jobs, and keeps consuming', async () => {
        const logger = recordingLogger();
        const bus = await client(logger);
        const typed = new DistillBus(bus, subjects, logger);
        const subject = subjects.job('extract');
        await bus.enqueue(subject, Uint8Array.of(0x0a, 0xff, 0xff));
        await bus.enqueue(subject, distill.v1.ExtractJob.encode({ schemaVersion: 2, jobId: 'future' }).finish());
        await typed.submitJob('extract', { jobId: 'job-ok', teacherId: 't1' });
        const handled: string[] = [];
        await typed.consumeJobs('extract', async (job) => void handled.push(job.jobId), { ackWaitMs: ACK_WAIT_MS });
        await waitFor(() => handled.length === 1, 'the valid job');
        const dropped = logger.entries.filter((entry) => entry.level === 'error');
        expect(dropped).toHaveLength(2);
        for (const entry of dropped) expect(String(entry.fields['reason'])).toContain('malformed distill.v1.ExtractJob');
        expect(String(dropped[1]!.fields['reason'])).toContain('schemaVersion 2');
        await sleep(ACK_WAIT_MS + 300);
        expect(handled).toEqual(['job-ok']);
      });

      it('carries job results to subscribers, keeps the latest per job for a later reader, once per msgId', async () => {
        const worker = new DistillBus(await client(), subjects);
        const cli = new DistillBus(await client(), subjects);
        const seen: string[] = [];
        await cli.subscribeResults((result) => void seen.push(`${result.jobId}:${result.status}:${result.error}`));
        expect(await cli.lastResult('job-r1')).toBeNull();
        const failed = { jobId: 'job-r1', kind: 'train', status: distill.v1.JobStatus.JOB_STATUS_FAILED, error: 'S3 refused the key', attempt: 1 };
        expect(await worker.publishResult(failed)).toEqual({ duplicate: false });
        expect(await worker.publishResult(failed)).toEqual({ duplicate: true });
        await worker.publishResult({ jobId: 'job-r2', kind: 'eval', status: distill.v1.JobStatus.JOB_STATUS_SUCCEEDED, resultJson: '{"a":1}' });
        await waitFor(() => seen.includes('job-r2:2:'), 'both results');
        // Subscribers see every publish, a duplicate too (only the stream drops it), so they de-duplicate.
        expect([...new Set(seen)]).toEqual(['job-r1:3:S3 refused the key', 'job-r2:2:']);
        // A reader that came later (a restarted CLI) finds the newest result of each job.
        await worker.publishResult({ ...failed, status: distill.v1.JobStatus.JOB_STATUS_SUCCEEDED, error: '', resultJson: '{"ok":true}', attempt: 2 });
        const reader = new DistillBus(await client(), subjects);
        expect(await reader.lastResult('job-r1')).toMatchObject({ status: distill.v1.JobStatus.JOB_STATUS_SUCCEEDED, resultJson: '{"ok":true}', attempt: 2 });
        expect((await reader.lastResult('job-r2'))?.resultJson).toBe('{"a":1}');
        await expect(reader.bus.consume(subjects.result('job-r1'), 'nope', async () => {})).rejects.toThrow(/cannot be consumed/);
        await expect(reader.bus.last(subjects.job('train'))).rejects.toThrow(/is a work queue/);
      });

      it('carries worker status', async () => {
        const worker = new DistillBus(await client(), subjects);
        const cli = new DistillBus(await client(), subjects);
        const seen: string[] = [];
        await cli.subscribeWorkerStatus((status) => void seen.push(`${status.worker} ${status.kinds.join(',')} ready=${status.ready} ${status.problem}`));
        worker.publishWorkerStatus({ worker: 'distill pid 1', kinds: ['train'], ready: false, problem: 'store: access denied' });
        await waitFor(() => seen.length === 1, 'the status');
        expect(seen).toEqual(['distill pid 1 train ready=false store: access denied']);
      });

      it('serves view batches and carries progress events', async () => {
        const worker = new DistillBus(await client(), subjects);
        const cli = new DistillBus(await client(), subjects);
        await worker.serveViews(async (request) => {
          const { start = 0, count = 0 } = request.range ?? {};
          return {
            datasetId: request.datasetId,
            planId: request.plan?.planId,
            epoch: request.epoch,
            sampleIndices: Array.from({ length: count ?? 0 }, (_, i) => (start ?? 0) + i),
            shape: [count ?? 0, 1, 1, 1],
            data: new Uint8Array(4 * (count ?? 0)),
          };
        });
        const reply = await cli.requestViews(
          { datasetId: 'ds', plan: { planId: 'fixed', fixed: {} }, range: { start: 8, count: 3 }, epoch: 1 },
          { timeoutMs: 5_000 },
        );
        expect(reply).toMatchObject({ datasetId: 'ds', planId: 'fixed', epoch: 1, sampleIndices: [8, 9, 10], shape: [3, 1, 1, 1] });
        await expect(cli.requestViews({ datasetId: 'ds', epoch: 'x' as unknown as number })).rejects.toThrow(/epoch: integer expected/);

        const events: string[] = [];
        await cli.subscribeProgress('job-9', (event) => void events.push(`${event.step}/${event.total} loss=${event.loss}`));
        worker.publishProgress({ jobId: 'job-9', stage: 'train', step: 5, total: 10, loss: 0.25 });
        await waitFor(() => events.length === 1, 'the progress event');
        expect(events).toEqual(['5/10 loss=0.25']);
      });
    });
  });
}
