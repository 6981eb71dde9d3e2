import type { Message, MessageInit, MessageTypeName } from './messages.js';

/**
 * Every job kind, declared once: the message its work queue (distill.v1.jobs.{kind}, one stream
 * each) carries and the app whose workers consume it. The bus's subjects and streams, the apps'
 * workers, and the deploy contract's consumers and NATS permissions (tools/src/deploy) derive from
 * this table; a new kind is a row here, its message in proto/, and its stage in the pipeline.
 */
export const JOB_TABLE = {
  import: { message: 'ImportJob', app: 'ingest' },
  pretrain: { message: 'PretrainJob', app: 'teacher' },
  extract: { message: 'ExtractJob', app: 'teacher' },
  train: { message: 'TrainJob', app: 'distill' },
  eval: { message: 'EvalJob', app: 'evaluate' },
} as const satisfies Record<string, { message: MessageTypeName; app: string }>;

export type JobKind = keyof typeof JOB_TABLE;
export const JOB_KINDS = Object.keys(JOB_TABLE) as JobKind[];
export type WorkerApp = (typeof JOB_TABLE)[JobKind]['app'];

/** The message type carried by each kind's work queue. */
export const jobMessageTypes = Object.fromEntries(JOB_KINDS.map((kind) => [kind, JOB_TABLE[kind].message])) as { [K in JobKind]: (typeof JOB_TABLE)[K]['message'] };

/** The job kinds app `app`'s workers consume. */
export const jobKindsOf = (app: string): JobKind[] => JOB_KINDS.filter((kind) => JOB_TABLE[kind].app === app);

export type JobMessage<K extends JobKind> = Message<(typeof jobMessageTypes)[K]>;
export type JobMessageInit<K extends JobKind> = MessageInit<(typeof jobMessageTypes)[K]>;
