// The submitting side of jobs over the bus: submit a job unless the store already holds its result,
// then wait for its JobResult message (no polling). While a job waits, the tracker says what for
// ("no `train` worker has taken job ... for 30 s"), and it stops waiting, with the reason, when no
// worker of the job's kind can take it or when a running job passes its deadline.
import type { DistillBus, Subscription } from '@ssl-distill/bus';
import { distill, type JobKind, type JobMessageInit, type Message } from '@ssl-distill/proto';
import type { ObjectStore } from '@ssl-distill/store';
import type { FailureLine } from '@ssl-distill/stages';
import { resultKey, verifiedResult, type JobInputs } from './outputs.js';
import { WORKER_STATUS_EVERY_MS } from './worker-presence.js';

export { resultKey };
export const errorKey = (jobId: string) => `jobs/${jobId}/error.json`;

const decode = <T>(bytes: Uint8Array): T => JSON.parse(new TextDecoder().decode(bytes)) as T;

/** The app whose `worker` command consumes each job kind, for the hint in a "no worker" error. */
const WORKER_APP: Record<JobKind, string> = { import: 'ingest', pretrain: 'teacher', extract: 'teacher', train: 'distill', eval: 'evaluate' };

export class JobFailedError extends Error {
  /** `detail`: what the worker knew of the failure (its kind, the file and field at fault). */
  constructor(readonly jobId: string, readonly kind: string, reason: string, readonly detail?: Partial<FailureLine>) {
    super(`${kind} job ${jobId} failed: ${reason}`);
    this.name = 'JobFailedError';
  }
}

/** Waits for a job's result (or error) in the store, for tools and tests that submit jobs themselves. */
export async function waitForResult<T>(store: ObjectStore, kind: string, jobId: string, options: { pollMs?: number; signal?: AbortSignal } = {}): Promise<T> {
  for (;;) {
    options.signal?.throwIfAborted();
    if (await store.exists(resultKey(jobId))) return decode<T>(await store.getVerified(resultKey(jobId)));
    if (await store.exists(errorKey(jobId))) {
      const recorded = decode<{ message: string; failure?: Partial<FailureLine> }>(await store.getVerified(errorKey(jobId)));
      throw new JobFailedError(jobId, kind, recorded.message, recorded.failure);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

/** No worker of a job's kind is there to take it (none runs, or none is ready). */
export class NoWorkerError extends Error {
  override readonly name = 'NoWorkerError';
}

export interface JobWatchOptions {
  log: (message: string) => void;
  /** Say that a job is still not taken after this long, and again as often. Default 30 s. */
  noticeEveryMs?: number;
  /** Stop waiting for a job when no ready worker of its kind has been there for this long. Default 30 s. */
  noWorkerMs?: number;
  /** Keep waiting when no worker of a kind is there (saying so every noticeEveryMs). */
  waitForWorkers?: boolean;
  /** A job still running this long after a worker took it fails. Default 24 h. */
  jobTimeoutMs?: number;
  /** How often waiting jobs are looked at. Default 1 s. */
  tickMs?: number;
}

/** What a job gave back: the result, and the job's own time on its worker (0 when it came from the store). */
export interface JobOutcome<T> {
  value: T;
  seconds: number;
  stored: boolean;
}

interface Pending {
  kind: JobKind;
  jobId: string;
  inputs: JobInputs;
  attempt: number;
  /** Since when no worker has shown it runs the job (its submission, or when its worker went quiet). */
  waitingSince: number;
  takenAt?: number;
  lastAliveAt?: number;
  worker?: string;
  lastNoticeAt: number;
  noWorkerSince?: number;
  settle(outcome: { value: unknown; seconds: number } | { error: Error }): void;
}

interface SeenWorker {
  status: Message<'WorkerStatus'>;
  seenAt: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class JobTracker {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Map<string, Promise<JobOutcome<unknown>>>();
  private readonly workers = new Map<string, SeenWorker>();
  private subscriptions: Subscription[] = [];
  private timer?: NodeJS.Timeout;
  private storePoll?: NodeJS.Timeout;
  /** A worker that has said nothing for this long is gone; so is a job no worker lists for as long. */
  private readonly liveMs = 3 * WORKER_STATUS_EVERY_MS;

  private constructor(
    private readonly bus: DistillBus,
    private readonly store: ObjectStore,
    private readonly watch: JobWatchOptions | undefined,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Subscribes to results, progress and worker status; `watch` turns on notices and deadlines.
   * `storePollMs`: also look for results in the store this often, for a process that shares the
   * store but not the bus with the workers (a share of an Indexed Job waiting for share 0).
   */
  static async open(bus: DistillBus, store: ObjectStore, options: { watch?: JobWatchOptions; storePollMs?: number; log?: (message: string) => void } = {}): Promise<JobTracker> {
    const { watch, storePollMs } = options;
    const tracker = new JobTracker(bus, store, watch, options.log ?? (() => {}));
    tracker.subscriptions = await Promise.all([
      bus.subscribeResults((result) => tracker.onResult(result)),
      bus.subscribeProgress(undefined, (event) => tracker.onAlive(event.jobId)),
      bus.subscribeWorkerStatus((status) => tracker.onStatus(status)),
    ]);
    if (watch) tracker.timer = setInterval(() => void tracker.tick(), watch.tickMs ?? 1_000);
    if (storePollMs) tracker.storePoll = setInterval(() => void tracker.pollStore(), storePollMs);
    return tracker;
  }

  /** Submits a job (once per tracker) unless the store holds its result, and waits for that result. */
  run<T>(kind: JobKind, job: { jobId: string } & Record<string, unknown>): Promise<JobOutcome<T>> {
    let outcome = this.running.get(job.jobId);
    if (!outcome) {
      outcome = this.submitAndWait(kind, job);
      this.running.set(job.jobId, outcome);
    }
    return outcome as Promise<JobOutcome<T>>;
  }

  /** Stops watching; jobs still waiting fail with `reason`. */
  async close(reason = 'the pipeline stopped'): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.storePoll);
    for (const pending of [...this.pending.values()]) pending.settle({ error: new Error(`${pending.kind} job ${pending.jobId}: ${reason}`) });
    await Promise.all(this.subscriptions.splice(0).map((subscription) => subscription.unsubscribe()));
  }

  private async submitAndWait(kind: JobKind, job: { jobId: string } & Record<string, unknown>): Promise<JobOutcome<unknown>> {
    const { jobId } = job;
    const inputs = job as JobInputs;
    const stored = await this.readStored(kind, jobId, inputs);
    if (stored) return stored;
    // A result whose outputs went missing must not answer the wait (a store poll would find it).
    await this.store.delete(resultKey(jobId));
    // The store is the record of success; the results stream only numbers this attempt after the last
    // one sent, so a failed job (or one whose result left the store) runs again.
    const last = await this.bus.lastResult(jobId);
    const attempt = last ? Math.max(1, last.attempt) + 1 : 1;
    if (await this.store.exists(errorKey(jobId))) await this.store.delete(errorKey(jobId));
    const now = Date.now();
    const result = new Promise<{ value: unknown; seconds: number }>((resolve, reject) => {
      this.pending.set(jobId, {
        kind, jobId, inputs, attempt, waitingSince: now, lastNoticeAt: now,
        settle: (outcome) => {
          if (this.pending.get(jobId)?.attempt !== attempt) return;
          this.pending.delete(jobId);
          if ('error' in outcome) reject(outcome.error);
          else resolve(outcome);
        },
      });
    });
    try {
      await this.bus.submitJob(kind, { ...job, attempt: { number: attempt, submittedAtMs: now, previousError: last?.error ?? '' } } as JobMessageInit<typeof kind>);
    } catch (error) {
      this.pending.get(jobId)?.settle({ error: error as Error });
    }
    return { ...(await result), stored: false };
  }

  /** The job's result from the store, when it and every output it names verify. */
  private async readStored(kind: JobKind, jobId: string, inputs: JobInputs): Promise<JobOutcome<unknown> | undefined> {
    const value = await verifiedResult(this.store, kind, jobId, inputs, this.log);
    return value === undefined ? undefined : { value, seconds: 0, stored: true };
  }

  private async pollStore(): Promise<void> {
    for (const pending of [...this.pending.values()]) {
      const stored = await this.readStored(pending.kind, pending.jobId, pending.inputs).catch(() => undefined);
      if (stored) pending.settle(stored);
    }
  }

  private onResult(result: Message<'JobResult'>): void {
    const pending = this.pending.get(result.jobId);
    if (!pending) return;
    if (result.status === distill.v1.JobStatus.JOB_STATUS_SUCCEEDED) {
      pending.settle({ value: JSON.parse(result.resultJson), seconds: result.seconds });
    } else if (result.status === distill.v1.JobStatus.JOB_STATUS_FAILED && result.attempt >= pending.attempt) {
      const detail = result.resultJson ? (JSON.parse(result.resultJson) as Partial<FailureLine>) : undefined;
      pending.settle({ error: new JobFailedError(result.jobId, pending.kind, `${result.error} (on ${result.worker}, delivery ${result.delivery})`, detail) });
    }
  }

  private onAlive(jobId: string, worker?: string): void {
    const pending = this.pending.get(jobId);
    if (!pending) return;
    const now = Date.now();
    pending.takenAt ??= now;
    pending.lastAliveAt = now;
    if (worker) pending.worker = worker;
  }

  private onStatus(status: Message<'WorkerStatus'>): void {
    this.workers.set(status.worker, { status, seenAt: Date.now() });
    for (const jobId of status.jobIds) this.onAlive(jobId, status.worker);
  }

  /** What the workers of `kind` are doing, for a notice or an error. */
  private describeWorkers(kind: JobKind): { ready: number; running: number; text: string } {
    const ofKind = [...this.workers.values()].map((seen) => seen.status).filter((status) => status.kinds.includes(kind));
    const ready = ofKind.filter((status) => status.ready);
    if (ofKind.length === 0) return { ready: 0, running: 0, text: `no \`${kind}\` worker is running (none has reported for ${this.liveMs / 1000} s)` };
    if (ready.length === 0) {
      const problems = ofKind.map((status) => `${status.worker}: ${status.problem.replace(/\.+$/, '')}`).join('; ');
      return { ready: 0, running: ofKind.length, text: `${plural(ofKind.length, `\`${kind}\` worker`)} running, none ready: ${problems}` };
    }
    const busy = ready.reduce((sum, status) => sum + status.jobIds.length, 0);
    return { ready: ready.length, running: ofKind.length, text: `${plural(ready.length, `\`${kind}\` worker`)} ready, running ${plural(busy, 'job')}` };
  }

  private async tick(): Promise<void> {
    const watch = this.watch!;
    const now = Date.now();
    for (const [name, seen] of this.workers) if (now - seen.seenAt > this.liveMs) this.workers.delete(name);
    const noticeEveryMs = watch.noticeEveryMs ?? 30_000;
    for (const pending of [...this.pending.values()]) {
      const { kind, jobId } = pending;
      if (pending.takenAt !== undefined && now - pending.takenAt > (watch.jobTimeoutMs ?? 24 * 3600_000)) {
        pending.settle({ error: new JobFailedError(jobId, kind, `still running on ${pending.worker ?? 'its worker'} ${Math.round((now - pending.takenAt) / 1000)} s after it was taken (the job timeout)`) });
        continue;
      }
      if (pending.lastAliveAt !== undefined && now - pending.lastAliveAt < this.liveMs) {
        pending.waitingSince = now;
        pending.noWorkerSince = undefined;
        continue;
      }
      const workers = this.describeWorkers(kind);
      if (workers.ready === 0) {
        pending.noWorkerSince ??= now;
        if (!watch.waitForWorkers && now - pending.noWorkerSince >= (watch.noWorkerMs ?? 30_000)) {
          const remedy = workers.running > 0 ? 'Fix its configuration' : `Start one (\`${WORKER_APP[kind]} worker\`)`;
          pending.settle({ error: new NoWorkerError(`${kind} job ${jobId} cannot run: ${workers.text}. ${remedy}, or pass --wait-for-workers to keep waiting`) });
          continue;
        }
      } else {
        pending.noWorkerSince = undefined;
      }
      if (now - pending.waitingSince >= noticeEveryMs && now - pending.lastNoticeAt >= noticeEveryMs) {
        pending.lastNoticeAt = now;
        watch.log(`no \`${kind}\` worker has taken job ${jobId} for ${Math.round((now - pending.waitingSince) / 1000)} s: ${workers.text}`);
        // A result whose message was missed (a reconnect) is still found in the store.
        const stored = await this.readStored(kind, jobId, pending.inputs).catch(() => undefined);
        if (stored) pending.settle(stored);
      }
    }
  }
}
