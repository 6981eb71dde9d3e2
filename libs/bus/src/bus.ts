/**
 * The transport between stages. Payloads are opaque bytes; the typed layer (DistillBus) encodes
 * and verifies protobuf messages on top. NatsBus and MemoryBus implement the same semantics,
 * checked by one contract suite (bus.contract.ts).
 */
export interface Bus {
  /** The largest payload one message may carry (NATS: the server's max_payload, 1 MiB by default). */
  readonly maxPayload: number;

  /**
   * Appends a message to the work queue covering `subject`. A `msgId` already seen within the
   * queue's duplicate window is dropped and reported as `duplicate`.
   */
  enqueue(subject: string, payload: Uint8Array, options?: EnqueueOptions): Promise<EnqueueResult>;

  /**
   * Pulls messages on `subject` through the durable consumer `durable` (shared by every process
   * that consumes with that name) and runs `handler` on each. Handler outcome:
   * return = ack; RetryableError or any other error = nak (redelivered, at most `maxDeliver`
   * deliveries in all, then dropped as a dead letter); PermanentError = term (dropped as a dead
   * letter). A message not settled within `ackWaitMs` (see DeliveryContext.working) is redelivered.
   */
  consume(subject: string, durable: string, handler: WorkHandler, options?: ConsumeOptions): Promise<WorkConsumer>;

  /** Sends a request to one member of a queue group responding on `subject`; resolves with its reply. */
  request(subject: string, payload: Uint8Array, options?: RequestOptions): Promise<Uint8Array>;

  /**
   * Answers requests on `subject`; each request goes to one member of `queueGroup`. A thrown
   * error reaches the requester as RemoteHandlerError.
   */
  respond(subject: string, queueGroup: string, handler: RequestHandler): Promise<Subscription>;

  /**
   * The newest message stored on `subject` by a stream with 'limits' retention (see
   * WorkQueueDefinition.retention), or null when it holds none.
   */
  last(subject: string): Promise<Uint8Array | null>;

  /** Best-effort broadcast to current subscribers (no persistence, no ack). */
  publish(subject: string, payload: Uint8Array): void;

  /** Receives what is published on subjects matching `pattern` (`*` one token, `>` the rest). */
  subscribe(pattern: string, handler: MessageListener): Promise<Subscription>;

  /**
   * Graceful shutdown (SIGTERM): stops pulling, lets in-flight handlers finish for up to
   * `timeoutMs` then naks what is still running (so another worker picks it up at once),
   * stops responders and subscriptions, and closes the connection.
   */
  drain(options?: DrainOptions): Promise<void>;

  /** Closes at once: in-flight messages are redelivered after their ack wait. */
  close(): Promise<void>;
}

export interface EnqueueOptions {
  /** De-duplication id (Nats-Msg-Id). */
  msgId?: string;
}

export interface EnqueueResult {
  duplicate: boolean;
}

export interface ConsumeOptions {
  /** How long a delivery may stay unsettled (without `working()`) before redelivery. Default 30 s. */
  ackWaitMs?: number;
  /** Deliveries of one message before it is dropped as a dead letter. Default 5. */
  maxDeliver?: number;
  /** Delay before redelivering after an error that is not a RetryableError. Default 1 s. */
  retryDelayMs?: number;
  /** Handlers running at once in this process. Default 1. */
  concurrency?: number;
  /** Called for each dropped message; defaults to logging it. */
  onDeadLetter?: (letter: DeadLetter) => void;
}

export interface DeliveryContext {
  readonly subject: string;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  /** Aborted when the consumer starts draining: a long job may checkpoint and throw RetryableError. */
  readonly signal: AbortSignal;
  /** Restarts the ack-wait clock; call it more often than `ackWaitMs` during long jobs. */
  working(): void;
}

export type WorkHandler = (payload: Uint8Array, context: DeliveryContext) => Promise<void>;
export type RequestHandler = (payload: Uint8Array, subject: string) => Promise<Uint8Array>;
export type MessageListener = (payload: Uint8Array, subject: string) => void | Promise<void>;

export interface DeadLetter {
  subject: string;
  payload: Uint8Array;
  deliveryCount: number;
  reason: string;
}

export interface RequestOptions {
  /** Default 30 s. */
  timeoutMs?: number;
}

export interface DrainOptions {
  /** How long in-flight handlers may run before their messages are nak'ed. Default 30 s. */
  timeoutMs?: number;
}

export interface WorkConsumer {
  /** Stops pulling and settles in-flight messages, like Bus.drain for this consumer only. */
  stop(options?: DrainOptions): Promise<void>;
}

export interface Subscription {
  unsubscribe(): Promise<void>;
}

/**
 * A JetStream stream (NATS) or its in-memory equivalent: a work queue, or a log that readers look
 * up with Bus.last. Whatever is enqueued also reaches the subscribers of its subject, as on NATS.
 */
export interface WorkQueueDefinition {
  stream: string;
  /** Subjects it stores (wildcards allowed); queues must not overlap. */
  subjects: string[];
  /**
   * 'workqueue' (default): each message is consumed once, then removed. 'limits': messages stay
   * (bounded below) for Bus.last and subscribers; nothing consumes them.
   */
  retention?: 'workqueue' | 'limits';
  /** 'limits': how many of the newest messages each subject keeps. Default 1. */
  maxMessagesPerSubject?: number;
  /** How long a message is kept. Default: until consumed ('workqueue') or replaced ('limits'). */
  maxAgeMs?: number;
  /** Window for msgId de-duplication. Default 2 min. */
  duplicateWindowMs?: number;
  /** NATS storage: 'file' survives a server restart. Default 'file'. */
  storage?: 'file' | 'memory';
}

export const DEFAULT_ACK_WAIT_MS = 30_000;
export const DEFAULT_MAX_DELIVER = 5;
export const DEFAULT_RETRY_DELAY_MS = 1_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;
export const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;
