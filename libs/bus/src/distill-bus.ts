import {
  JOB_KINDS,
  MalformedMessageError,
  decodeMessage,
  encodeMessage,
  jobMessageTypes,
  type JobKind,
  type JobMessage,
  type JobMessageInit,
  type Message,
  type MessageInit,
  type MessageTypeName,
} from '@ssl-distill/proto';
import type {
  Bus,
  ConsumeOptions,
  DeliveryContext,
  DrainOptions,
  EnqueueResult,
  RequestOptions,
  Subscription,
  WorkConsumer,
  WorkQueueDefinition,
} from './bus.js';
import { PermanentError } from './errors.js';
import { errorMessage, stderrLogger, type Logger } from './logger.js';
import { checkSubject, checkToken } from './subjects.js';

export const DEFAULT_SUBJECT_PREFIX = 'distill.v1';
export const DEFAULT_VIEWS_QUEUE_GROUP = 'augment-workers';

/** The subjects and work-queue streams of the pipeline, under a prefix (tests use their own). */
export class DistillSubjects {
  constructor(readonly prefix = DEFAULT_SUBJECT_PREFIX) {
    checkSubject(prefix, 'subject prefix');
  }

  /** {prefix}.jobs.{kind}: work queue of one job kind. */
  job(kind: JobKind): string {
    if (!JOB_KINDS.includes(kind)) throw new TypeError(`unknown job kind "${kind}" (known: ${JOB_KINDS.join(', ')})`);
    return `${this.prefix}.jobs.${kind}`;
  }

  /** {prefix}.views.request: view batches, request-reply to a queue group of augment workers. */
  get viewsRequest(): string {
    return `${this.prefix}.views.request`;
  }

  /** {prefix}.progress.{jobId}: progress events of one job. */
  progress(jobId: string): string {
    return `${this.prefix}.progress.${checkToken(jobId, 'jobId')}`;
  }

  /** Matches the progress of every job. */
  get allProgress(): string {
    return `${this.prefix}.progress.*`;
  }

  /** {prefix}.results.{jobId}: the outcome of one job (JobResult). */
  result(jobId: string): string {
    return `${this.prefix}.results.${checkToken(jobId, 'jobId')}`;
  }

  /** Matches the results of every job. */
  get allResults(): string {
    return `${this.prefix}.results.*`;
  }

  /** {prefix}.workers.status: every worker's WorkerStatus. */
  get workerStatus(): string {
    return `${this.prefix}.workers.status`;
  }

  /**
   * One stream per job kind, e.g. DISTILL_V1_JOBS_TRAIN for distill.v1.jobs.train, and
   * DISTILL_V1_RESULTS keeping each job's latest result for a week.
   */
  workQueues(storage: WorkQueueDefinition['storage'] = 'file'): WorkQueueDefinition[] {
    const base = this.prefix.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    return [
      ...JOB_KINDS.map((kind) => ({ stream: `${base}_JOBS_${kind.toUpperCase()}`, subjects: [this.job(kind)], storage })),
      { stream: `${base}_RESULTS`, subjects: [this.allResults], storage, retention: 'limits', maxMessagesPerSubject: 1, maxAgeMs: RESULTS_MAX_AGE_MS },
    ];
  }
}

/** How long the results stream keeps a job's result (the store keeps it for good). */
export const RESULTS_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface ConsumeJobsOptions extends ConsumeOptions {
  /** Durable consumer shared by every worker of the kind. Default "{kind}-workers". */
  durable?: string;
}

function decodeOrThrowPermanent<N extends MessageTypeName>(typeName: N, payload: Uint8Array): Message<N> {
  try {
    return decodeMessage(typeName, payload);
  } catch (error) {
    // A malformed message never becomes valid: terminate it instead of redelivering.
    if (error instanceof MalformedMessageError) throw new PermanentError(error.message, { cause: error });
    throw error;
  }
}

/** The pipeline's messages over a Bus: protobuf encoding, verification and subjects in one place. */
export class DistillBus {
  constructor(
    readonly bus: Bus,
    readonly subjects = new DistillSubjects(),
    private readonly logger: Logger = stderrLogger,
  ) {}

  /**
   * Enqueues a job. Its msgId is "{jobId}.{attempt}", so submitting the same attempt twice
   * (a retried CLI call) runs it once, while a new attempt runs again.
   */
  submitJob<K extends JobKind>(kind: K, job: JobMessageInit<K>): Promise<EnqueueResult> {
    const typeName = jobMessageTypes[kind];
    if (!job.jobId) throw new TypeError(`${typeName}.jobId is required to submit a job`);
    const payload = encodeMessage(typeName, job as MessageInit<typeof typeName>);
    return this.bus.enqueue(this.subjects.job(kind), payload, { msgId: `${job.jobId}.${job.attempt?.number ?? 1}` });
  }

  /** Runs `handler` on each job of `kind`; malformed or wrong-version messages are terminated and logged. */
  consumeJobs<K extends JobKind>(
    kind: K,
    handler: (job: JobMessage<K>, context: DeliveryContext) => Promise<void>,
    options: ConsumeJobsOptions = {},
  ): Promise<WorkConsumer> {
    const { durable = `${kind}-workers`, ...consumeOptions } = options;
    return this.bus.consume(
      this.subjects.job(kind),
      durable,
      (payload, context) => handler(decodeOrThrowPermanent(jobMessageTypes[kind], payload) as JobMessage<K>, context),
      consumeOptions,
    );
  }

  /** The largest message the transport carries: a view batch reply must fit it. */
  get maxPayload(): number {
    return this.bus.maxPayload;
  }

  /** Asks one augment worker for a batch of views. */
  async requestViews(request: MessageInit<'ViewBatchRequest'>, options?: RequestOptions): Promise<Message<'ViewBatchReply'>> {
    const reply = await this.bus.request(this.subjects.viewsRequest, encodeMessage('ViewBatchRequest', request), options);
    return decodeMessage('ViewBatchReply', reply);
  }

  /** Serves view batches as one member of `queueGroup`; a malformed request fails at the requester. */
  serveViews(
    handler: (request: Message<'ViewBatchRequest'>) => Promise<MessageInit<'ViewBatchReply'>>,
    queueGroup = DEFAULT_VIEWS_QUEUE_GROUP,
  ): Promise<Subscription> {
    return this.bus.respond(this.subjects.viewsRequest, queueGroup, async (payload) =>
      encodeMessage('ViewBatchReply', await handler(decodeMessage('ViewBatchRequest', payload))),
    );
  }

  publishProgress(event: MessageInit<'ProgressEvent'>): void {
    if (!event.jobId) throw new TypeError('ProgressEvent.jobId is required to publish progress');
    this.bus.publish(this.subjects.progress(event.jobId), encodeMessage('ProgressEvent', event));
  }

  /** Progress of one job, or of every job when `jobId` is undefined. Malformed events are logged and skipped. */
  subscribeProgress(jobId: string | undefined, listener: (event: Message<'ProgressEvent'>) => void): Promise<Subscription> {
    const pattern = jobId === undefined ? this.subjects.allProgress : this.subjects.progress(jobId);
    return this.subscribeDecoded(pattern, 'ProgressEvent', listener);
  }

  /**
   * Sends a job's outcome on {prefix}.results.{jobId}, stored (the latest per job) and
   * de-duplicated by "{jobId}.{attempt}.{status}", so a retried send is kept once.
   */
  publishResult(result: MessageInit<'JobResult'>): Promise<EnqueueResult> {
    if (!result.jobId) throw new TypeError('JobResult.jobId is required to publish a result');
    return this.bus.enqueue(this.subjects.result(result.jobId), encodeMessage('JobResult', result), {
      msgId: `${result.jobId}.${result.attempt ?? 1}.${result.status ?? 0}`,
    });
  }

  /** The latest stored result of a job (a restarted submitter's view), or null. */
  async lastResult(jobId: string): Promise<Message<'JobResult'> | null> {
    const payload = await this.bus.last(this.subjects.result(jobId));
    return payload && decodeMessage('JobResult', payload);
  }

  /** Results of every job as they are published. Malformed ones are logged and skipped. */
  subscribeResults(listener: (result: Message<'JobResult'>) => void): Promise<Subscription> {
    return this.subscribeDecoded(this.subjects.allResults, 'JobResult', listener);
  }

  publishWorkerStatus(status: MessageInit<'WorkerStatus'>): void {
    this.bus.publish(this.subjects.workerStatus, encodeMessage('WorkerStatus', status));
  }

  subscribeWorkerStatus(listener: (status: Message<'WorkerStatus'>) => void): Promise<Subscription> {
    return this.subscribeDecoded(this.subjects.workerStatus, 'WorkerStatus', listener);
  }

  private subscribeDecoded<N extends MessageTypeName>(pattern: string, typeName: N, listener: (message: Message<N>) => void): Promise<Subscription> {
    return this.bus.subscribe(pattern, (payload, subject) => {
      let message: Message<N>;
      try {
        message = decodeMessage(typeName, payload);
      } catch (error) {
        this.logger.warn(`bus: dropped a malformed ${typeName}`, { subject, error: errorMessage(error) });
        return;
      }
      listener(message);
    });
  }

  drain(options?: DrainOptions): Promise<void> {
    return this.bus.drain(options);
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}
