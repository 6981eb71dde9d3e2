import { DEFAULT_DUPLICATE_WINDOW_MS, type EnqueueResult, type MessageListener, type Subscription, type WorkQueueDefinition } from './bus.js';
import { BaseBus, type ResponderFunction } from './base-bus.js';
import type { PullSource, PulledMessage, ResolvedConsumeOptions } from './consumer-loop.js';
import { NoRespondersError, RemoteHandlerError, RequestTimeoutError } from './errors.js';
import { stderrLogger, type Logger } from './logger.js';
import { subjectMatches } from './subjects.js';

interface StoredMessage {
  readonly subject: string;
  readonly payload: Uint8Array;
  deliveries: number;
  /** Delivered and not settled yet. */
  pending: boolean;
  /** Not deliverable before this time (nak delay). */
  readyAt: number;
  timer?: NodeJS.Timeout;
}

interface Waiter {
  readonly client: MemoryBus;
  resolve(message: PulledMessage | null): void;
}

interface DurableState {
  readonly filter: string;
  options: ResolvedConsumeOptions;
  readonly waiters: Waiter[];
}

/** A work-queue stream: each message goes to one consumer and is removed once acked or terminated. */
class MemoryWorkQueue {
  private readonly messages: StoredMessage[] = [];
  private readonly recentIds = new Map<string, number>();
  readonly durables = new Map<string, DurableState>();

  constructor(readonly definition: WorkQueueDefinition) {}

  /** 'limits' retention: the newest messages of each subject, oldest first, with when they expire. */
  private readonly kept = new Map<string, { payload: Uint8Array; expiresAt: number }[]>();

  append(subject: string, payload: Uint8Array, msgId: string | undefined): EnqueueResult {
    const now = Date.now();
    for (const [id, expiresAt] of this.recentIds) if (expiresAt <= now) this.recentIds.delete(id);
    if (msgId !== undefined) {
      if (this.recentIds.has(msgId)) return { duplicate: true };
      this.recentIds.set(msgId, now + (this.definition.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS));
    }
    // Copied: the publisher may reuse its buffer, as it may with a network transport.
    const copy = new Uint8Array(payload);
    if (this.definition.retention === 'limits') {
      const kept = [...(this.kept.get(subject) ?? []), { payload: copy, expiresAt: now + (this.definition.maxAgeMs ?? Infinity) }];
      this.kept.set(subject, kept.slice(-(this.definition.maxMessagesPerSubject ?? 1)));
      return { duplicate: false };
    }
    this.messages.push({ subject, payload: copy, deliveries: 0, pending: false, readyAt: now });
    this.dispatch();
    return { duplicate: false };
  }

  last(subject: string): Uint8Array | null {
    const live = (this.kept.get(subject) ?? []).filter((message) => message.expiresAt > Date.now());
    return live.at(-1)?.payload ?? null;
  }

  durable(name: string, filter: string, options: ResolvedConsumeOptions): DurableState {
    const existing = this.durables.get(name);
    if (existing && existing.filter !== filter) {
      throw new Error(`durable consumer "${name}" already consumes "${existing.filter}", not "${filter}"`);
    }
    for (const [other, state] of this.durables) {
      if (other !== name && (subjectMatches(state.filter, filter) || subjectMatches(filter, state.filter))) {
        throw new Error(`work queue stream "${this.definition.stream}" already has consumer "${other}" on "${state.filter}"`);
      }
    }
    const state = existing ?? { filter, options, waiters: [] };
    state.options = options; // like a consumer config update on NATS
    this.durables.set(name, state);
    return state;
  }

  /** Hands ready messages to waiting pullers, oldest message first. */
  dispatch(): void {
    const now = Date.now();
    for (const message of this.messages) {
      if (message.pending) continue;
      if (message.readyAt > now) {
        this.schedule(message, message.readyAt - now, () => this.dispatch());
        continue;
      }
      const durable = [...this.durables.values()].find((state) => state.filter === message.subject && state.waiters.length > 0);
      // One delivery more than maxDeliver, like the NATS consumer, so the loop can drop it.
      if (!durable || message.deliveries > durable.options.maxDeliver) continue;
      this.deliver(message, durable, durable.waiters.shift()!);
    }
  }

  private deliver(message: StoredMessage, durable: DurableState, waiter: Waiter): void {
    message.deliveries += 1;
    message.pending = true;
    const delivery = message.deliveries;
    const isCurrent = () => waiter.client.isOpen() && message.pending && message.deliveries === delivery;
    const expire = () => this.release(message, 0);
    this.schedule(message, durable.options.ackWaitMs, expire);
    waiter.resolve({
      subject: message.subject,
      payload: message.payload,
      deliveryCount: delivery,
      // A late ack or term of an older delivery still settles the message, as on NATS.
      ack: () => waiter.client.isOpen() && this.remove(message),
      term: () => waiter.client.isOpen() && this.remove(message),
      nak: (delayMs) => isCurrent() && this.release(message, delayMs),
      working: () => isCurrent() && this.schedule(message, durable.options.ackWaitMs, expire),
    });
  }

  private schedule(message: StoredMessage, delayMs: number, action: () => void): void {
    clearTimeout(message.timer);
    message.timer = setTimeout(action, delayMs);
  }

  private release(message: StoredMessage, delayMs: number): void {
    clearTimeout(message.timer);
    message.pending = false;
    message.readyAt = Date.now() + delayMs;
    this.dispatch();
  }

  private remove(message: StoredMessage): void {
    const index = this.messages.indexOf(message);
    if (index < 0) return;
    clearTimeout(message.timer);
    this.messages.splice(index, 1);
  }

  /** Resolves the waiters of `client` (closing or stopping) with null. */
  interrupt(client: MemoryBus, durable: DurableState): void {
    for (const waiter of durable.waiters.filter((candidate) => candidate.client === client)) {
      durable.waiters.splice(durable.waiters.indexOf(waiter), 1);
      waiter.resolve(null);
    }
  }
}

interface Responder {
  readonly client: MemoryBus;
  readonly subject: string;
  readonly queueGroup: string;
  readonly respond: ResponderFunction;
}

interface Listener {
  readonly client: MemoryBus;
  readonly pattern: string;
  readonly listener: MessageListener;
}

/**
 * The in-process server that MemoryBus clients share, like processes sharing a NATS server.
 * Queue groups are served round-robin.
 */
export class MemoryBroker {
  private readonly queues = new Map<string, MemoryWorkQueue>();
  readonly responders: Responder[] = [];
  readonly listeners: Listener[] = [];
  private requestCounter = 0;

  queue(definition: WorkQueueDefinition): MemoryWorkQueue {
    let queue = this.queues.get(definition.stream);
    if (!queue) {
      queue = new MemoryWorkQueue(definition);
      this.queues.set(definition.stream, queue);
    }
    return queue;
  }

  pickResponders(subject: string): Responder[] {
    const groups = new Map<string, Responder[]>();
    for (const responder of this.responders) {
      if (!subjectMatches(responder.subject, subject)) continue;
      groups.set(responder.queueGroup, [...(groups.get(responder.queueGroup) ?? []), responder]);
    }
    const turn = this.requestCounter++;
    return [...groups.values()].map((members) => members[turn % members.length]!);
  }

  forget(client: MemoryBus): void {
    for (const list of [this.responders, this.listeners] as { client: MemoryBus }[][]) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i]!.client === client) list.splice(i, 1);
    }
    for (const queue of this.queues.values()) for (const durable of queue.durables.values()) queue.interrupt(client, durable);
  }
}

export interface MemoryBusConfig {
  /** Shared with other MemoryBus clients that should see the same queues; a private one by default. */
  broker?: MemoryBroker;
  workQueues: readonly WorkQueueDefinition[];
  logger?: Logger;
  /** Largest request or reply, as a NATS server's max_payload; default NATS' 1 MiB. */
  maxPayload?: number;
}

/** The embedded bus: one process, no server, the semantics of NatsBus. */
export class MemoryBus extends BaseBus {
  readonly broker: MemoryBroker;
  readonly maxPayload: number;
  private open = true;

  constructor(config: MemoryBusConfig) {
    super(config.workQueues, config.logger ?? stderrLogger);
    this.broker = config.broker ?? new MemoryBroker();
    this.maxPayload = config.maxPayload ?? 1024 * 1024;
  }

  isOpen(): boolean {
    return this.open;
  }

  protected async enqueueTo(queue: WorkQueueDefinition, subject: string, payload: Uint8Array, msgId?: string): Promise<EnqueueResult> {
    const result = this.broker.queue(queue).append(subject, payload, msgId);
    // Also to the subject's subscribers, as a JetStream publish on NATS (a duplicate too: only the stream drops it).
    this.send(subject, payload);
    return result;
  }

  protected async lastOf(queue: WorkQueueDefinition, subject: string): Promise<Uint8Array | null> {
    return this.broker.queue(queue).last(subject);
  }

  protected async openPullSource(
    definition: WorkQueueDefinition,
    subject: string,
    durableName: string,
    options: ResolvedConsumeOptions,
  ): Promise<PullSource> {
    const queue = this.broker.queue(definition);
    const durable = queue.durable(durableName, subject, options);
    return {
      // Waits as long as it takes: interrupt() ends the wait when the consumer stops.
      next: () =>
        new Promise<PulledMessage | null>((resolve) => {
          durable.waiters.push({ client: this, resolve });
          queue.dispatch();
        }),
      interrupt: () => queue.interrupt(this, durable),
    };
  }

  protected async sendRequest(subject: string, payload: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    // As a NATS server would: a message over max_payload is refused (NATS drops an oversized reply
    // and the requester times out; here the requester learns why at once).
    if (payload.length > this.maxPayload) throw new RangeError(`request of ${payload.length} bytes on ${subject} exceeds max_payload ${this.maxPayload}`);
    const responders = this.broker.pickResponders(subject);
    if (responders.length === 0) throw new NoRespondersError(subject);
    const request = new Uint8Array(payload);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimeoutError(subject, timeoutMs)), timeoutMs);
    });
    try {
      // The first answer wins, as with NATS request-reply.
      const outcome = await Promise.race([...responders.map((responder) => responder.respond(request)), timeout]);
      if ('error' in outcome) throw new RemoteHandlerError(subject, outcome.error);
      if (outcome.reply.length > this.maxPayload) throw new RemoteHandlerError(subject, `reply of ${outcome.reply.length} bytes exceeds max_payload ${this.maxPayload}`);
      return outcome.reply;
    } finally {
      clearTimeout(timer);
    }
  }

  protected async openResponder(subject: string, queueGroup: string, respond: ResponderFunction): Promise<Subscription> {
    return this.register(this.broker.responders, { client: this, subject, queueGroup, respond });
  }

  protected send(subject: string, payload: Uint8Array): void {
    const copy = new Uint8Array(payload);
    for (const { pattern, listener } of this.broker.listeners) {
      // Asynchronous like a network delivery: the publisher never runs subscriber code.
      if (subjectMatches(pattern, subject)) setImmediate(() => void listener(copy, subject));
    }
  }

  protected async openSubscription(pattern: string, listener: MessageListener): Promise<Subscription> {
    return this.register(this.broker.listeners, { client: this, pattern, listener });
  }

  private register<T>(list: T[], entry: T): Subscription {
    list.push(entry);
    return {
      unsubscribe: async () => {
        const index = list.indexOf(entry);
        if (index >= 0) list.splice(index, 1);
      },
    };
  }

  protected async shutdown(): Promise<void> {
    this.open = false;
    this.broker.forget(this);
  }
}
