export { distill } from '@ssl-distill/proto/generated';
export {
  SCHEMA_VERSION,
  MalformedMessageError,
  decodeMessage,
  encodeMessage,
  messageTypes,
  type Message,
  type MessageInit,
  type MessageTypeName,
} from './messages.js';
export { bytesToFloat32, float32ToBytes } from './float32.js';
export { JOB_KINDS, JOB_TABLE, jobKindsOf, jobMessageTypes, type JobKind, type JobMessage, type JobMessageInit, type WorkerApp } from './jobs.js';
