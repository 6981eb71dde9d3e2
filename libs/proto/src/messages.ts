import { distill } from '@ssl-distill/proto/generated';

/** Version written into, and required from, every top-level message of package distill.v1. */
export const SCHEMA_VERSION = 1;

const v1 = distill.v1;

/** The top-level messages: the ones encoded on their own, each with `schema_version = 1`. */
export const messageTypes = {
  DatasetManifest: v1.DatasetManifest,
  DatasetShard: v1.DatasetShard,
  ViewPlan: v1.ViewPlan,
  ViewBatchRequest: v1.ViewBatchRequest,
  ViewBatchReply: v1.ViewBatchReply,
  FeatureShard: v1.FeatureShard,
  FeatureManifest: v1.FeatureManifest,
  ImportJob: v1.ImportJob,
  PretrainJob: v1.PretrainJob,
  ExtractJob: v1.ExtractJob,
  TrainJob: v1.TrainJob,
  EvalJob: v1.EvalJob,
  ProgressEvent: v1.ProgressEvent,
  Checkpoint: v1.Checkpoint,
  Report: v1.Report,
  ErrorInfo: v1.ErrorInfo,
  JobResult: v1.JobResult,
  WorkerStatus: v1.WorkerStatus,
} as const;

export type MessageTypeName = keyof typeof messageTypes;
/** A decoded message (class instance: unset fields read as their proto3 defaults). */
export type Message<N extends MessageTypeName> = InstanceType<(typeof messageTypes)[N]>;
/** What `encodeMessage` accepts: the plain-object interface (every field optional). */
export type MessageInit<N extends MessageTypeName> = Parameters<(typeof messageTypes)[N]['encode']>[0];

/** Bytes or an object that are not a valid message of `typeName`; never worth retrying. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';

  constructor(
    readonly typeName: string,
    readonly reason: string,
  ) {
    super(`malformed distill.v1.${typeName}: ${reason}`);
  }
}

function messageType(typeName: MessageTypeName) {
  const type = messageTypes[typeName];
  if (!type) throw new TypeError(`unknown message type "${String(typeName)}"`);
  return type;
}

function checkVersion(typeName: string, version: number): void {
  if (version !== SCHEMA_VERSION) {
    throw new MalformedMessageError(
      typeName,
      `schemaVersion ${version} is not supported (this reader speaks ${SCHEMA_VERSION})`,
    );
  }
}

/**
 * Verifies `message` against its type and encodes it. schemaVersion defaults to
 * SCHEMA_VERSION; any other explicit value is rejected.
 */
export function encodeMessage<N extends MessageTypeName>(typeName: N, message: MessageInit<N>): Uint8Array {
  const type = messageType(typeName);
  checkVersion(typeName, message.schemaVersion ?? SCHEMA_VERSION);
  const versioned = { ...message, schemaVersion: SCHEMA_VERSION };
  const problem = type.verify(versioned);
  if (problem) throw new MalformedMessageError(typeName, problem);
  // Each generated encode takes its own interface; `versioned` was verified against it above.
  return (type.encode as (m: object) => { finish(): Uint8Array })(versioned).finish();
}

/** Decodes and verifies `bytes` as `typeName`, rejecting malformed bytes and other schema versions. */
export function decodeMessage<N extends MessageTypeName>(typeName: N, bytes: Uint8Array): Message<N> {
  const type = messageType(typeName);
  // protobufjs reads a Node Buffer with a reader that silently clamps a truncated string; a plain
  // Uint8Array view gets the bounds-checked reader, so truncated bytes are rejected.
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let message: Message<N>;
  try {
    message = type.decode(view) as Message<N>;
  } catch (error) {
    throw new MalformedMessageError(typeName, error instanceof Error ? error.message : String(error));
  }
  const problem = type.verify(message);
  if (problem) throw new MalformedMessageError(typeName, problem);
  checkVersion(typeName, message.schemaVersion);
  return message;
}
