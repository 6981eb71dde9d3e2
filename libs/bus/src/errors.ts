/** Thrown by a work handler: the job may succeed later, so the message is redelivered (nak). */
export class RetryableError extends Error {
  override readonly name = 'RetryableError';

  /** `delayMs`: how long the bus waits before redelivering. */
  constructor(
    message: string,
    readonly delayMs = 0,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Thrown by a work handler: the job can never succeed, so the message is dropped (term). */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
}

/** A request found nobody subscribed to its subject. */
export class NoRespondersError extends Error {
  override readonly name = 'NoRespondersError';

  constructor(readonly subject: string) {
    super(`no responders on subject "${subject}"`);
  }
}

/** A request got no reply in time. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';

  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
  ) {
    super(`request on subject "${subject}" got no reply within ${timeoutMs} ms`);
  }
}

/** The responder's handler threw; `message` is its error message. */
export class RemoteHandlerError extends Error {
  override readonly name = 'RemoteHandlerError';

  constructor(
    readonly subject: string,
    readonly remoteMessage: string,
  ) {
    super(`responder on subject "${subject}" failed: ${remoteMessage}`);
  }
}

/** No configured work queue covers the subject. */
export class UnknownWorkQueueError extends Error {
  override readonly name = 'UnknownWorkQueueError';

  constructor(readonly subject: string) {
    super(`no work queue covers subject "${subject}"`);
  }
}

/** An operation on a bus that was closed or is draining. */
export class BusClosedError extends Error {
  override readonly name = 'BusClosedError';
}
