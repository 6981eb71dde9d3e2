import { InvalidKeyError } from './errors.js';

// Keys are '/'-separated segments that are valid file names everywhere and need no escaping
// in S3: no empty, '.' or '..' segments, and no leading '.' (reserved for the filesystem
// store's temporary files and checksum sidecars).
const SEGMENT = /^[A-Za-z0-9_=+-][A-Za-z0-9._=+-]*$/;
const MAX_KEY_LENGTH = 1024;

/** Returns `key` if it can name an object, else throws InvalidKeyError naming it. */
export function checkKey(key: string): string {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new InvalidKeyError(`key "${key}" must be 1 to ${MAX_KEY_LENGTH} characters`);
  }
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment)) {
      throw new InvalidKeyError(`key "${key}" has an invalid segment "${segment}" (allowed: ${SEGMENT}, separated by '/')`);
    }
  }
  return key;
}

/** A list prefix: a key, a key with a trailing '/', a partial last segment, or '' for everything. */
export function checkPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  const segments = prefix.split('/');
  const last = segments.pop()!;
  if (segments.length > 0) checkKey(segments.join('/'));
  if (last !== '' && !/^[A-Za-z0-9._=+-]+$/.test(last)) throw new InvalidKeyError(`list prefix "${prefix}" has invalid characters`);
  return prefix;
}

function id(value: string, name: string): string {
  if (value.includes('/') || !SEGMENT.test(value)) {
    throw new InvalidKeyError(`${name} "${value}" must be one key segment matching ${SEGMENT}`);
  }
  return value;
}

function index(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new InvalidKeyError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

// The layout of ARCHITECTURE.md ("Keys in the store").

export function datasetManifestKey(datasetId: string): string {
  return `datasets/${id(datasetId, 'datasetId')}/manifest.pb`;
}

export function datasetShardKey(datasetId: string, shard: number): string {
  return `datasets/${id(datasetId, 'datasetId')}/shard-${index(shard, 'shard')}.pb`;
}

export function teacherModelKey(teacherId: string): string {
  return `teachers/${id(teacherId, 'teacherId')}/model.json`;
}

export function teacherWeightsKey(teacherId: string): string {
  return `teachers/${id(teacherId, 'teacherId')}/weights.bin`;
}

export interface FeatureCacheId {
  teacherId: string;
  datasetId: string;
  planId: string;
}

/** features/{teacherId}/{datasetId}/{planId}/: one teacher's embeddings of one dataset under one view plan. */
export function featurePrefix({ teacherId, datasetId, planId }: FeatureCacheId): string {
  return `features/${id(teacherId, 'teacherId')}/${id(datasetId, 'datasetId')}/${id(planId, 'planId')}/`;
}

/** The FeatureManifest, written after every shard it lists. */
export function featureManifestKey(cache: FeatureCacheId): string {
  return `${featurePrefix(cache)}manifest.pb`;
}

export function featureShardKey(cache: FeatureCacheId, epoch: number, shard: number): string {
  return `${featurePrefix(cache)}e${index(epoch, 'epoch')}/shard-${index(shard, 'shard')}.pb`;
}

export function runPrefix(runId: string): string {
  return `runs/${id(runId, 'runId')}/`;
}

/** runs/{runId}/checkpoints/step-{step}/: the files of one checkpoint. */
export function checkpointPrefix(runId: string, step: number): string {
  return `${runPrefix(runId)}checkpoints/step-${index(step, 'step')}/`;
}

/** The Checkpoint message, written after the files it names. */
export function checkpointKey(runId: string, step: number): string {
  return `${checkpointPrefix(runId, step)}checkpoint.pb`;
}

/** A file of a checkpoint, e.g. "student/model.json" or "optimizer.bin". */
export function checkpointFileKey(runId: string, step: number, file: string): string {
  return checkKey(`${checkpointPrefix(runId, step)}${file}`);
}

export function reportJsonKey(runId: string): string {
  return `${runPrefix(runId)}report.json`;
}

export function reportHtmlKey(runId: string): string {
  return `${runPrefix(runId)}report.html`;
}
