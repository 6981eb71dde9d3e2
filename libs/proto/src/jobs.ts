import type { Message, MessageInit, MessageTypeName } from './messages.js';

/** The job kinds, one work queue each (distill.v1.jobs.{kind}). */
export const JOB_KINDS = ['import', 'pretrain', 'extract', 'train', 'eval'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** The message type carried by each kind's work queue. */
export const jobMessageTypes = {
  import: 'ImportJob',
  pretrain: 'PretrainJob',
  extract: 'ExtractJob',
  train: 'TrainJob',
  eval: 'EvalJob',
} as const satisfies Record<JobKind, MessageTypeName>;

export type JobMessage<K extends JobKind> = Message<(typeof jobMessageTypes)[K]>;
export type JobMessageInit<K extends JobKind> = MessageInit<(typeof jobMessageTypes)[K]>;
