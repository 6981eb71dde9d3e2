import {
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_DRAIN_TIMEOUT_MS,
  DEFAULT_MAX_DELIVER,
  DEFAULT_RETRY_DELAY_MS,
  type ConsumeOptions,
  type DeadLetter,
  type DeliveryContext,
  type DrainOptions,
  type WorkConsumer,
  type WorkHandler,
} from './bus.js';
import { PermanentError, RetryableError } from './errors.js';
import { errorMessage, type Logger } from './logger.js';

/** One delivery as a transport hands it over; settled exactly once by the loop. */
export interface PulledMessage {
  readonly payload: Uint8Array;
  readonly subject: string;
  readonly deliveryCount: number;
  ack(): void;
  nak(delayMs: number): void;
  term(reason: string): void;
  working(): void;
}

/** A transport's pull consumer. */
export interface PullSource {
  /** The next delivery, or null when none came in time or the source was interrupted. */
  next(): Promise<PulledMessage | null>;
  /** Cuts a waiting `next()` short, where the transport can. */
  interrupt(): void;
}

export type ResolvedConsumeOptions = Required<Omit<ConsumeOptions, 'onDeadLetter'>> & Pick<ConsumeOptions, 'onDeadLetter'>;

export function resolveConsumeOptions(options: ConsumeOptions = {}): ResolvedConsumeOptions {
  const resolved = {
    ackWaitMs: options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS,
    maxDeliver: options.maxDeliver ?? DEFAULT_MAX_DELIVER,
    retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    concurrency: options.concurrency ?? 1,
    onDeadLetter: options.onDeadLetter,
  };
  for (const key of ['ackWaitMs', 'maxDeliver', 'concurrency'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1) {
      throw new RangeError(`consume option ${key} must be a positive integer, got ${resolved[key]}`);
    }
  }
  if (!(resolved.retryDelayMs >= 0)) throw new RangeError(`consume option retryDelayMs must be >= 0, got ${resolved.retryDelayMs}`);
  return resolved;
}

type Settlement = { action: 'ack' } | { action: 'nak'; delayMs: number; error: unknown } | { action: 'term'; reason: string };

async function runHandler(
  handler: WorkHandler,
  message: PulledMessage,
  context: DeliveryContext,
  options: ResolvedConsumeOptions,
): Promise<Settlement> {
  // Deliveries past maxDeliver only happen when earlier ones were never settled (a worker
  // crashed or hung past its ack wait); the transport allows one more so it can be dropped here.
  if (message.deliveryCount > options.maxDeliver) {
    return { action: 'term', reason: `not settled within ${options.maxDeliver} deliveries` };
  }
  try {
    await handler(message.payload, context);
    return { action: 'ack' };
  } catch (error) {
    if (error instanceof PermanentError) return { action: 'term', reason: `permanent error: ${error.message}` };
    if (message.deliveryCount >= options.maxDeliver) {
      return { action: 'term', reason: `failed on delivery ${message.deliveryCount} of ${options.maxDeliver}: ${errorMessage(error)}` };
    }
    const delayMs = error instanceof RetryableError ? error.delayMs : options.retryDelayMs;
    return { action: 'nak', delayMs, error };
  }
}

/** Runs `concurrency` pull-handle-settle loops over a PullSource; shared by every Bus implementation. */
export class ConsumerLoop implements WorkConsumer {
  private stopping = false;
  /** Closed without draining: whatever handlers still return is no longer settled. */
  private abandoned = false;
  private readonly abort = new AbortController();
  /** Unsettled deliveries, each with the function that settles it once. */
  private readonly inFlight = new Map<PulledMessage, (settlement: Settlement) => void>();
  private stopped?: Promise<void>;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly source: PullSource,
    private readonly handler: WorkHandler,
    private readonly options: ResolvedConsumeOptions,
    private readonly logger: Logger,
    private readonly onStopped: () => void = () => {},
  ) {
    this.loops = Array.from({ length: options.concurrency }, () => this.run());
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let message: PulledMessage | null;
      try {
        message = await this.source.next();
      } catch (error) {
        if (this.stopping) break;
        this.logger.warn('bus: pulling failed, retrying', { error: errorMessage(error) });
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
        continue;
      }
      if (!message) continue;
      if (this.stopping) {
        // Pulled as a drain began: hand it back at once instead of starting a job.
        if (!this.abandoned) message.nak(0);
        break;
      }
      await this.process(message);
    }
  }

  private async process(message: PulledMessage): Promise<void> {
    let settled = false;
    const settle = (settlement: Settlement): void => {
      if (settled) return;
      settled = true;
      this.inFlight.delete(message);
      if (!this.abandoned) this.apply(message, settlement);
    };
    this.inFlight.set(message, settle);
    const context: DeliveryContext = {
      subject: message.subject,
      deliveryCount: message.deliveryCount,
      signal: this.abort.signal,
      working: () => {
        if (!settled) message.working();
      },
    };
    settle(await runHandler(this.handler, message, context, this.options));
  }

  private apply(message: PulledMessage, settlement: Settlement): void {
    const where = { subject: message.subject, deliveryCount: message.deliveryCount };
    switch (settlement.action) {
      case 'ack':
        message.ack();
        return;
      case 'nak':
        const error = errorMessage(settlement.error);
        this.logger.warn('bus: job failed, will be redelivered', { ...where, delayMs: settlement.delayMs, error });
        message.nak(settlement.delayMs);
        return;
      case 'term': {
        message.term(settlement.reason);
        const letter: DeadLetter = { ...where, payload: message.payload, reason: settlement.reason };
        if (this.options.onDeadLetter) this.options.onDeadLetter(letter);
        else this.logger.error('bus: message dropped (dead letter)', { ...where, reason: settlement.reason });
      }
    }
  }

  stop(options: DrainOptions = {}): Promise<void> {
    this.stopped ??= this.settleOrHandBack(options);
    return this.stopped;
  }

  /** Stops pulling without settling in-flight messages: they are redelivered after their ack wait. */
  abandon(): void {
    this.abandoned = true;
    this.stopPulling();
    this.onStopped();
  }

  private stopPulling(): void {
    this.stopping = true;
    this.abort.abort();
    this.source.interrupt();
  }

  private async settleOrHandBack(options: DrainOptions): Promise<void> {
    this.stopPulling();
    const timeoutMs = options.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([Promise.all(this.loops), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const error = new Error(`consumer stopped; job unfinished after ${timeoutMs} ms`);
      for (const settle of [...this.inFlight.values()]) settle({ action: 'nak', delayMs: 0, error });
    }
    this.onStopped();
  }
}
