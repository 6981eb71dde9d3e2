export type {
  Bus,
  ConsumeOptions,
  DeadLetter,
  DeliveryContext,
  DrainOptions,
  EnqueueOptions,
  EnqueueResult,
  MessageListener,
  RequestHandler,
  RequestOptions,
  Subscription,
  WorkConsumer,
  WorkHandler,
  WorkQueueDefinition,
} from './bus.js';
export {
  BusClosedError,
  NoRespondersError,
  PermanentError,
  RemoteHandlerError,
  RequestTimeoutError,
  RetryableError,
  UnknownWorkQueueError,
} from './errors.js';
export { stderrLogger, type LogFields, type Logger } from './logger.js';
export { MemoryBroker, MemoryBus, type MemoryBusConfig } from './memory-bus.js';
export { NatsBus, redactServers, type NatsBusConfig } from './nats-bus.js';
export {
  DEFAULT_SUBJECT_PREFIX,
  DEFAULT_VIEWS_QUEUE_GROUP,
  DistillBus,
  DistillSubjects,
  type ConsumeJobsOptions,
} from './distill-bus.js';
export { openDistillBus, type BusConnectionConfig } from './open-bus.js';
export { drainOnSignals, type DrainOnSignalsOptions } from './shutdown.js';
