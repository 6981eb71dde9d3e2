import {
  AckPolicy,
  DeliverPolicy,
  ErrorCode,
  RetentionPolicy,
  StorageType,
  connect,
  headers,
  nanos,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import { DEFAULT_DUPLICATE_WINDOW_MS, type EnqueueResult, type MessageListener, type Subscription, type WorkQueueDefinition } from './bus.js';
import { BaseBus, type ResponderFunction } from './base-bus.js';
import type { PullSource, PulledMessage, ResolvedConsumeOptions } from './consumer-loop.js';
import { NoRespondersError, RemoteHandlerError, RequestTimeoutError } from './errors.js';
import { errorMessage, stderrLogger, type Logger } from './logger.js';

/** Reply header carrying a responder's error message (the reply body is then empty). */
const ERROR_HEADER = 'Distill-Error';

export interface NatsBusConfig {
  /** e.g. "nats://127.0.0.1:4222"; several for a cluster. */
  servers: string | string[];
  user?: string;
  password?: string;
  token?: string;
  /** Connection name shown by the server's monitoring. */
  name?: string;
  workQueues: readonly WorkQueueDefinition[];
  logger?: Logger;
  /**
   * How long one pull request waits for a message (JetStream minimum 1 s). Also bounds how long
   * a drain waits for an idle pull to end. Default 5 s.
   */
  pullExpiresMs?: number;
}

/** The servers with any password in them masked, for logs. */
export function redactServers(servers: string | string[]): string[] {
  return [servers].flat().map((server) => server.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@'));
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Tries of one JetStream API call that fails transiently (below); waits 0.25, 0.5, 1, 2 s between them. */
const JETSTREAM_API_ATTEMPTS = 5;
const JETSTREAM_API_BACKOFF_MS = 250;

/**
 * No reply in time, or JetStream not answering (503): what a JetStream API call sees while the
 * connection is re-established or a restarted server's JetStream is still recovering.
 */
function isTransient(error: unknown): boolean {
  const code = errorCode(error);
  return code === ErrorCode.Timeout || code === ErrorCode.JetStreamNotEnabled;
}

/** NATS' default max_payload, used until the server's INFO says otherwise. */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

/** Bus over NATS: JetStream work-queue streams, core request-reply and pub/sub. */
export class NatsBus extends BaseBus {
  private readonly streams = new Map<string, Promise<void>>();
  private readonly pullExpiresMs: number;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly jetstream: JetStreamClient,
    private readonly manager: JetStreamManager,
    config: NatsBusConfig,
    logger: Logger,
  ) {
    super(config.workQueues, logger);
    this.pullExpiresMs = config.pullExpiresMs ?? 5_000;
  }

  get maxPayload(): number {
    return this.connection.info?.max_payload ?? DEFAULT_MAX_PAYLOAD;
  }

  static async connect(config: NatsBusConfig): Promise<NatsBus> {
    const logger = config.logger ?? stderrLogger;
    const connection = await connect({
      servers: config.servers,
      user: config.user,
      pass: config.password,
      token: config.token,
      name: config.name,
      maxReconnectAttempts: -1,
    });
    logger.info('bus: connected to NATS', { servers: redactServers(config.servers), name: config.name });
    const manager = await connection.jetstreamManager();
    return new NatsBus(connection, connection.jetstream(), manager, config, logger);
  }

  /** Runs a JetStream API call, trying it again (bounded, with backoff) while it fails transiently. */
  private async withRetry<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!isTransient(error) || attempt >= JETSTREAM_API_ATTEMPTS || this.connection.isClosed()) throw error;
        const delayMs = JETSTREAM_API_BACKOFF_MS * 2 ** (attempt - 1);
        this.logger.warn('bus: JetStream request failed, retrying', { what, attempt, delayMs, error: errorMessage(error) });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /** Creates the work queue's stream, or updates its subjects and duplicate window; once per stream. */
  private ensureStream(queue: WorkQueueDefinition): Promise<void> {
    let ready = this.streams.get(queue.stream);
    if (!ready) {
      ready = this.withRetry(`stream ${queue.stream}`, () => this.createOrUpdateStream(queue));
      this.streams.set(queue.stream, ready);
      ready.catch(() => this.streams.delete(queue.stream));
    }
    return ready;
  }

  private async createOrUpdateStream(queue: WorkQueueDefinition): Promise<void> {
    const limits = queue.retention === 'limits';
    const mutable = {
      subjects: [...queue.subjects],
      duplicate_window: nanos(queue.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
      ...(limits && { max_msgs_per_subject: queue.maxMessagesPerSubject ?? 1 }),
      ...(queue.maxAgeMs !== undefined && { max_age: nanos(queue.maxAgeMs) }),
    };
    try {
      await this.manager.streams.info(queue.stream);
    } catch (error) {
      if (errorCode(error) !== '404') throw error;
      await this.manager.streams.add({
        name: queue.stream,
        retention: limits ? RetentionPolicy.Limits : RetentionPolicy.Workqueue,
        storage: queue.storage === 'memory' ? StorageType.Memory : StorageType.File,
        ...mutable,
      });
      return;
    }
    await this.manager.streams.update(queue.stream, mutable);
  }

  protected async enqueueTo(queue: WorkQueueDefinition, subject: string, payload: Uint8Array, msgId?: string): Promise<EnqueueResult> {
    await this.ensureStream(queue);
    const publish = () => this.jetstream.publish(subject, payload, msgId === undefined ? {} : { msgID: msgId });
    // Only a publish with a msgId is retried: the stream drops a second copy within its duplicate window.
    const ack = await (msgId === undefined ? publish() : this.withRetry(`publish ${subject}`, publish));
    return { duplicate: ack.duplicate };
  }

  protected async lastOf(queue: WorkQueueDefinition, subject: string): Promise<Uint8Array | null> {
    await this.ensureStream(queue);
    try {
      const message = await this.withRetry(`last message on ${subject}`, () => this.manager.streams.getMessage(queue.stream, { last_by_subj: subject }));
      return message.data;
    } catch (error) {
      if (errorCode(error) === '404') return null;
      throw error;
    }
  }

  protected async openPullSource(
    queue: WorkQueueDefinition,
    subject: string,
    durable: string,
    options: ResolvedConsumeOptions,
  ): Promise<PullSource> {
    await this.ensureStream(queue);
    await this.withRetry(`consumer ${queue.stream}/${durable}`, () => this.createOrUpdateConsumer(queue, subject, durable, options));
    const consumer = await this.withRetry(`consumer ${queue.stream}/${durable}`, () => this.jetstream.consumers.get(queue.stream, durable));
    return {
      // One message per pull: a prefetched job would sit unprocessed while its ack wait runs out.
      next: async () => {
        // bind: the consumer was just ensured; no consumer-info request on every pull.
        const message = await consumer.next({ expires: this.pullExpiresMs, bind: true });
        return message && pulled(message);
      },
      // A pending pull cannot be withdrawn: it ends within pullExpiresMs.
      interrupt: () => {},
    };
  }

  private async createOrUpdateConsumer(queue: WorkQueueDefinition, subject: string, durable: string, options: ResolvedConsumeOptions): Promise<void> {
    const config = {
      ack_wait: nanos(options.ackWaitMs),
      // One delivery more than the handler gets, so the loop can drop a message whose earlier
      // deliveries were never settled instead of it staying in the stream for good.
      max_deliver: options.maxDeliver + 1,
    };
    try {
      const existing = await this.manager.consumers.info(queue.stream, durable);
      if (existing.config.filter_subject !== subject) {
        throw new Error(`durable consumer "${durable}" already consumes "${existing.config.filter_subject}", not "${subject}"`);
      }
      await this.manager.consumers.update(queue.stream, durable, config);
    } catch (error) {
      if (errorCode(error) !== '404') throw error;
      await this.manager.consumers.add(queue.stream, {
        durable_name: durable,
        filter_subject: subject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ...config,
      });
    }
  }

  protected async sendRequest(subject: string, payload: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    let reply;
    try {
      reply = await this.connection.request(subject, payload, { timeout: timeoutMs });
    } catch (error) {
      if (errorCode(error) === ErrorCode.NoResponders) throw new NoRespondersError(subject);
      if (errorCode(error) === ErrorCode.Timeout) throw new RequestTimeoutError(subject, timeoutMs);
      throw error;
    }
    if (reply.headers?.has(ERROR_HEADER)) throw new RemoteHandlerError(subject, reply.headers.get(ERROR_HEADER));
    return reply.data;
  }

  protected async openResponder(subject: string, queueGroup: string, respond: ResponderFunction): Promise<Subscription> {
    const subscription = this.connection.subscribe(subject, {
      queue: queueGroup,
      callback: (error, message) => {
        if (error) return this.logger.warn('bus: responder subscription failed', { subject, error: error.message });
        void respond(message.data)
          .then((outcome) => {
            if ('reply' in outcome) return message.respond(outcome.reply);
            const errorHeaders = headers();
            errorHeaders.set(ERROR_HEADER, outcome.error);
            return message.respond(new Uint8Array(0), { headers: errorHeaders });
          })
          .catch((error: unknown) => this.logger.warn('bus: could not send a reply', { subject, error: errorMessage(error) }));
      },
    });
    await this.connection.flush(); // the server knows the interest before this resolves
    return { unsubscribe: async () => subscription.drain() };
  }

  protected send(subject: string, payload: Uint8Array): void {
    this.connection.publish(subject, payload);
  }

  protected async openSubscription(pattern: string, listener: MessageListener): Promise<Subscription> {
    const subscription = this.connection.subscribe(pattern, {
      callback: (error, message) => {
        if (error) return this.logger.warn('bus: subscription failed', { pattern, error: error.message });
        void listener(message.data, message.subject);
      },
    });
    await this.connection.flush();
    return { unsubscribe: async () => subscription.drain() };
  }

  protected async shutdown(graceful: boolean): Promise<void> {
    if (graceful) await this.connection.drain();
    else await this.connection.close();
  }
}

function pulled(message: JsMsg): PulledMessage {
  return {
    payload: message.data,
    subject: message.subject,
    deliveryCount: message.info.deliveryCount,
    ack: () => message.ack(),
    nak: (delayMs) => message.nak(delayMs),
    // The reason goes to the dead-letter log; servers before 2.10 do not accept "+TERM <reason>".
    term: () => message.term(),
    working: () => message.working(),
  };
}
