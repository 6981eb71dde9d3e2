// A worker's presence on the bus: which job kinds it takes, whether it is ready (its store and bus
// checks passed), what keeps it from being ready, and which jobs it runs. Submitters read it to
// say what a job waits for, and to stop waiting when no worker of a kind can take it.
import { hostname } from 'node:os';
import { BusClosedError, type DistillBus } from '@ssl-distill/bus';
import type { JobKind } from '@ssl-distill/proto';

/** How often a worker says it is there; a submitter forgets a worker silent for 3 periods. */
export const WORKER_STATUS_EVERY_MS = 5_000;

/** "distill pid 4242 on host-a": how a worker names itself in statuses, results and errors. */
export function workerName(app: string): string {
  return `${app} pid ${process.pid} on ${hostname()}`;
}

export class WorkerPresence {
  private ready = false;
  private problem = '';
  private readonly jobs = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly bus: DistillBus,
    readonly worker: string,
    private readonly kinds: readonly JobKind[],
    private readonly concurrency = 1,
    private readonly everyMs = WORKER_STATUS_EVERY_MS,
  ) {}

  /** Publishes now and then every `everyMs` until stop(). */
  start(): this {
    this.publish();
    this.timer ??= setInterval(() => this.publish(), this.everyMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Ready (problem ''), or not ready because of `problem`. */
  setProblem(problem: string): void {
    this.ready = problem === '';
    this.problem = problem;
    this.publish();
  }

  jobStarted(jobId: string): void {
    this.jobs.add(jobId);
    this.publish();
  }

  jobEnded(jobId: string): void {
    this.jobs.delete(jobId);
    this.publish();
  }

  private publish(): void {
    try {
      this.bus.publishWorkerStatus({
        worker: this.worker, kinds: [...this.kinds], ready: this.ready, problem: this.problem,
        jobIds: [...this.jobs], concurrency: this.concurrency, timestampMs: Date.now(),
      });
    } catch (error) {
      // Closed: the worker is gone for submitters either way. Anything else: the next period retries.
      if (error instanceof BusClosedError) this.stop();
    }
  }
}
