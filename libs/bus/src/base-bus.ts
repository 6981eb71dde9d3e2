import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  type Bus,
  type ConsumeOptions,
  type DrainOptions,
  type EnqueueOptions,
  type EnqueueResult,
  type MessageListener,
  type RequestHandler,
  type RequestOptions,
  type Subscription,
  type WorkHandler,
  type WorkQueueDefinition,
} from './bus.js';
import { ConsumerLoop, resolveConsumeOptions, type PullSource, type ResolvedConsumeOptions } from './consumer-loop.js';
import { BusClosedError } from './errors.js';
import { errorMessage, type Logger } from './logger.js';
import { checkName, checkPattern, checkSubject, checkWorkQueues, workQueueFor } from './subjects.js';

/** What a responder sends back: a reply, or the message of the error its handler threw. */
export type ResponderOutcome = { reply: Uint8Array } | { error: string };
export type ResponderFunction = (payload: Uint8Array) => Promise<ResponderOutcome>;

/**
 * Argument checking, bookkeeping and shutdown shared by the transports, which implement only
 * the primitives below.
 */
export abstract class BaseBus implements Bus {
  private closed = false;
  private readonly consumers = new Set<ConsumerLoop>();
  private readonly subscriptions = new Set<Subscription>();
  protected readonly workQueues: readonly WorkQueueDefinition[];

  constructor(
    workQueues: readonly WorkQueueDefinition[],
    protected readonly logger: Logger,
  ) {
    this.workQueues = checkWorkQueues(workQueues);
  }

  abstract readonly maxPayload: number;
  protected abstract enqueueTo(queue: WorkQueueDefinition, subject: string, payload: Uint8Array, msgId?: string): Promise<EnqueueResult>;
  protected abstract openPullSource(
    queue: WorkQueueDefinition,
    subject: string,
    durable: string,
    options: ResolvedConsumeOptions,
  ): Promise<PullSource>;
  protected abstract lastOf(queue: WorkQueueDefinition, subject: string): Promise<Uint8Array | null>;
  protected abstract sendRequest(subject: string, payload: Uint8Array, timeoutMs: number): Promise<Uint8Array>;
  protected abstract openResponder(subject: string, queueGroup: string, respond: ResponderFunction): Promise<Subscription>;
  protected abstract send(subject: string, payload: Uint8Array): void;
  protected abstract openSubscription(pattern: string, listener: MessageListener): Promise<Subscription>;
  /** Releases the transport; `graceful`: flush what was sent first. */
  protected abstract shutdown(graceful: boolean): Promise<void>;

  protected checkOpen(): void {
    if (this.closed) throw new BusClosedError('the bus is closed');
  }

  async enqueue(subject: string, payload: Uint8Array, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    this.checkOpen();
    checkSubject(subject);
    if (options.msgId === '') throw new TypeError(`msgId for subject "${subject}" must not be empty`);
    return this.enqueueTo(workQueueFor(this.workQueues, subject), subject, payload, options.msgId);
  }

  async consume(subject: string, durable: string, handler: WorkHandler, options?: ConsumeOptions): Promise<ConsumerLoop> {
    this.checkOpen();
    checkSubject(subject);
    checkName(durable, 'durable consumer');
    const resolved = resolveConsumeOptions(options);
    const queue = workQueueFor(this.workQueues, subject);
    if (queue.retention === 'limits') throw new TypeError(`stream "${queue.stream}" of subject "${subject}" keeps messages for readers: it cannot be consumed`);
    const source = await this.openPullSource(queue, subject, durable, resolved);
    const loop: ConsumerLoop = new ConsumerLoop(source, handler, resolved, this.logger, () => this.consumers.delete(loop));
    this.consumers.add(loop);
    return loop;
  }

  async last(subject: string): Promise<Uint8Array | null> {
    this.checkOpen();
    checkSubject(subject);
    const queue = workQueueFor(this.workQueues, subject);
    if (queue.retention !== 'limits') throw new TypeError(`stream "${queue.stream}" of subject "${subject}" is a work queue: only a 'limits' stream keeps messages to read back`);
    return this.lastOf(queue, subject);
  }

  async request(subject: string, payload: Uint8Array, options: RequestOptions = {}): Promise<Uint8Array> {
    this.checkOpen();
    return this.sendRequest(checkSubject(subject), payload, options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  }

  async respond(subject: string, queueGroup: string, handler: RequestHandler): Promise<Subscription> {
    this.checkOpen();
    checkSubject(subject);
    checkName(queueGroup, 'queue group');
    return this.track(
      await this.openResponder(subject, queueGroup, async (payload) => {
        try {
          return { reply: await handler(payload, subject) };
        } catch (error) {
          this.logger.warn('bus: request handler failed', { subject, error: errorMessage(error) });
          // One line: NATS carries it in a header.
          return { error: errorMessage(error).replace(/\s*[\r\n]+\s*/g, ' ') };
        }
      }),
    );
  }

  publish(subject: string, payload: Uint8Array): void {
    this.checkOpen();
    this.send(checkSubject(subject), payload);
  }

  async subscribe(pattern: string, listener: MessageListener): Promise<Subscription> {
    this.checkOpen();
    checkPattern(pattern);
    return this.track(
      await this.openSubscription(pattern, async (payload, subject) => {
        try {
          await listener(payload, subject);
        } catch (error) {
          this.logger.warn('bus: subscriber failed', { subject, error: errorMessage(error) });
        }
      }),
    );
  }

  private track(subscription: Subscription): Subscription {
    this.subscriptions.add(subscription);
    return {
      unsubscribe: async () => {
        this.subscriptions.delete(subscription);
        await subscription.unsubscribe();
      },
    };
  }

  async drain(options: DrainOptions = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop(options)));
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
    await this.shutdown(true);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const consumer of [...this.consumers]) consumer.abandon();
    await this.shutdown(false);
  }
}
