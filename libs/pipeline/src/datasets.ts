// Datasets in the store: datasets/{datasetId}/shard-{k}.pb (DatasetShard) and, written last,
// datasets/{datasetId}/manifest.pb listing every shard with its sha256. The id is a hash of the
// content (dimensions, class names, pixels, labels), so importing the same data twice finds the
// manifest and writes nothing, whatever the source path or shard size.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertDataset,
  loadCifar10,
  loadCifar100,
  loadIdxDataset,
  loadImageFolder,
  subset,
  syntheticDataset,
  DatasetFileError,
  type Dataset,
} from '@ssl-distill/data';
import { PermanentError } from '@ssl-distill/bus';
import { decodeMessage, encodeMessage, MalformedMessageError, type Message } from '@ssl-distill/proto';
import { CorruptObjectError, datasetManifestKey, datasetShardKey, sha256Hex, type ObjectStore } from '@ssl-distill/store';
import { ProgressTracker, type ProgressSink } from './progress.js';
import { datasetSchema } from './pipeline-schema.js';
import type { DatasetSource } from './schema.js';
import { ConfigError } from './validate.js';

export const DEFAULT_SHARD_SIZE = 10_000;

export type DatasetManifest = Message<'DatasetManifest'>;

export interface ImportOptions {
  /** Images per shard. */
  shardSize?: number;
  /** Receives one event per written shard. */
  progress?: ProgressSink;
  /** Names the import in progress events. */
  jobId?: string;
}

export interface ImportResult {
  datasetId: string;
  manifest: DatasetManifest;
  /** False when the store already held this dataset and nothing was written. */
  written: boolean;
}

/** Where a dataset came from, for the manifest's `source` field and logs. */
export function describeSource(source: DatasetSource): string {
  switch (source.source) {
    case 'synthetic':
      return `synthetic:${source.count}x${source.height}x${source.width}x${source.channels},classes=${source.classes},seed=${source.seed}`;
    case 'folder':
      return `folder:${source.path}`;
    default:
      return `${source.source}:${source.path} (${source.split})`;
  }
}

/** Reads the raw files (or generates the synthetic images) named by `source`. */
export function readDatasetSource(source: DatasetSource): Dataset {
  switch (source.source) {
    case 'idx':
      return loadIdxDataset(source.path, { split: source.split, names: source.names, limit: source.limit });
    case 'cifar':
      // CIFAR-100's binary version is one {split}.bin; CIFAR-10's is data_batch_N.bin / test_batch.bin.
      return existsSync(join(source.path, `${source.split}.bin`))
        ? loadCifar100(source.path, { split: source.split, limit: source.limit })
        : loadCifar10(source.path, { split: source.split, limit: source.limit });
    case 'folder': {
      const dataset = loadImageFolder(source.path, source.size === undefined ? {} : { size: { height: source.size, width: source.size } });
      return source.limit === undefined ? dataset : subset(dataset, source.limit);
    }
    case 'synthetic':
      return syntheticDataset(source);
  }
}

/**
 * A DatasetSource from loose fields (CLI flags, an ImportJob), validated by the pipeline file's
 * own rules so every entry point accepts the same sources. `where` names the input in errors.
 */
export function parseDatasetSource(fields: Record<string, unknown>, where: string): DatasetSource {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  try {
    return datasetSchema.parse(defined);
  } catch (error) {
    throw error instanceof ConfigError ? error.in(where) : error;
  }
}

function imageBytes(dataset: Pick<Dataset, 'height' | 'width' | 'channels'>): number {
  return dataset.height * dataset.width * dataset.channels;
}

/** First 16 hex digits of sha256 over the dimensions, class names, pixels and labels. */
export function datasetContentId(dataset: Dataset): string {
  const header = JSON.stringify({ count: dataset.count, height: dataset.height, width: dataset.width, channels: dataset.channels, classNames: dataset.classNames });
  const labels = new Uint8Array(dataset.labels.buffer, dataset.labels.byteOffset, dataset.labels.byteLength);
  return createHash('sha256').update(header).update(dataset.images).update(labels).digest('hex').slice(0, 16);
}

/** Decodes a stored message; bytes that are no valid message are a corrupt object at `key`. */
function decodeStored<N extends 'DatasetManifest' | 'DatasetShard'>(typeName: N, key: string, bytes: Uint8Array): Message<N> {
  try {
    return decodeMessage(typeName, bytes);
  } catch (error) {
    if (error instanceof MalformedMessageError) throw new CorruptObjectError(key, error.message);
    throw error;
  }
}

async function readManifest(store: ObjectStore, datasetId: string): Promise<DatasetManifest> {
  const key = datasetManifestKey(datasetId);
  const manifest = decodeStored('DatasetManifest', key, await store.get(key));
  if (manifest.datasetId !== datasetId) {
    throw new CorruptObjectError(key, `manifest names dataset "${manifest.datasetId}", expected "${datasetId}"`);
  }
  return manifest;
}

/** Writes `dataset` as shards then its manifest; returns the existing manifest when the content is already stored. */
export async function storeDataset(dataset: Dataset, source: string, store: ObjectStore, options: ImportOptions = {}): Promise<ImportResult> {
  const shardSize = options.shardSize ?? DEFAULT_SHARD_SIZE;
  if (!Number.isInteger(shardSize) || shardSize < 1) throw new RangeError(`shardSize must be a positive integer, got ${shardSize}`);
  assertDataset(dataset, source);
  const datasetId = datasetContentId(dataset);
  if (await store.exists(datasetManifestKey(datasetId))) {
    return { datasetId, manifest: await readManifest(store, datasetId), written: false };
  }
  const shardCount = Math.ceil(dataset.count / shardSize);
  const tracker = options.progress && new ProgressTracker(options.jobId ?? `import-${datasetId}`, 'import', shardCount, options.progress);
  const size = imageBytes(dataset);
  const shards = [];
  for (let index = 0; index < shardCount; index++) {
    const firstSample = index * shardSize;
    const count = Math.min(shardSize, dataset.count - firstSample);
    const key = datasetShardKey(datasetId, index);
    const bytes = encodeMessage('DatasetShard', {
      datasetId, index, firstSample, count, height: dataset.height, width: dataset.width, channels: dataset.channels,
      images: dataset.images.subarray(firstSample * size, (firstSample + count) * size),
      labels: Array.from(dataset.labels.subarray(firstSample, firstSample + count)),
    });
    shards.push({ index, key, count, firstSample, sha256: await store.putVerified(key, bytes) });
    tracker?.tick(index + 1, { images: count });
  }
  const manifest = encodeMessage('DatasetManifest', {
    datasetId, source, count: dataset.count, height: dataset.height, width: dataset.width, channels: dataset.channels,
    classNames: dataset.classNames, shards,
  });
  // Last: the dataset exists for readers only once this manifest, with every checksum, is written.
  await store.putVerified(datasetManifestKey(datasetId), manifest);
  tracker?.finish(datasetId);
  return { datasetId, manifest: decodeMessage('DatasetManifest', manifest), written: true };
}

/** Reads `source` with libs/data and stores it (see storeDataset). */
export async function importDataset(source: DatasetSource, store: ObjectStore, options: ImportOptions = {}): Promise<ImportResult> {
  return storeDataset(readDatasetSource(source), describeSource(source), store, options);
}

async function readShardsInto(store: ObjectStore, manifest: DatasetManifest, dataset: Dataset): Promise<void> {
  const size = imageBytes(dataset);
  let covered = 0;
  for (const ref of manifest.shards) {
    const key = ref.key ?? '';
    const bytes = await store.get(key);
    const actual = sha256Hex(bytes);
    if (actual !== ref.sha256) throw new CorruptObjectError(key, `content sha256 ${actual} does not match the manifest's ${ref.sha256}`);
    const shard = decodeStored('DatasetShard', key, bytes);
    const first = ref.firstSample ?? 0;
    const expected = { datasetId: manifest.datasetId, index: ref.index ?? 0, firstSample: first, count: ref.count ?? 0, height: dataset.height, width: dataset.width, channels: dataset.channels };
    for (const [field, value] of Object.entries(expected)) {
      const found = shard[field as keyof typeof expected];
      if (found !== value) throw new CorruptObjectError(key, `shard ${field} is ${found}, the manifest says ${value}`);
    }
    if (first !== covered || shard.images.length !== shard.count * size || shard.labels.length !== shard.count) {
      throw new CorruptObjectError(key, `shard does not hold samples [${covered}, ${covered + shard.count}) with ${size} bytes each and one label per image`);
    }
    dataset.images.set(shard.images, first * size);
    dataset.labels.set(shard.labels, first);
    covered += shard.count;
  }
  if (covered !== dataset.count) throw new CorruptObjectError(datasetManifestKey(manifest.datasetId), `shards hold ${covered} images, the manifest says ${dataset.count}`);
}

async function readDataset(store: ObjectStore, datasetId: string): Promise<Dataset> {
  const manifest = await readManifest(store, datasetId);
  const dataset: Dataset = {
    images: new Uint8Array(manifest.count * manifest.height * manifest.width * manifest.channels),
    labels: new Int32Array(manifest.count),
    count: manifest.count,
    height: manifest.height,
    width: manifest.width,
    channels: manifest.channels,
    classNames: manifest.classNames,
  };
  await readShardsInto(store, manifest, dataset);
  assertDataset(dataset, datasetManifestKey(datasetId));
  return dataset;
}

// Every stage of a local run reads the same few datasets; keep the latest ones decoded.
const CACHED_DATASETS = 4;
const cache = new WeakMap<ObjectStore, Map<string, Promise<Dataset>>>();

/**
 * The dataset `datasetId`, every shard checked against the manifest's sha256 (CorruptObjectError
 * names the key). Cached per store; callers must not modify the returned arrays.
 */
export function loadDataset(store: ObjectStore, datasetId: string): Promise<Dataset> {
  let entries = cache.get(store);
  if (!entries) cache.set(store, (entries = new Map()));
  const cached = entries.get(datasetId);
  if (cached) {
    // Re-insert: Map iteration order is the eviction order (least recently used first).
    entries.delete(datasetId);
    entries.set(datasetId, cached);
    return cached;
  }
  const loading = readDataset(store, datasetId);
  entries.set(datasetId, loading);
  loading.catch(() => {
    if (entries.get(datasetId) === loading) entries.delete(datasetId);
  });
  for (const oldest of entries.keys()) {
    if (entries.size <= CACHED_DATASETS) break;
    entries.delete(oldest);
  }
  return loading;
}

/** ImportJob.format values and the DatasetSource each names (the proto comment's reader names included). */
const IMPORT_FORMATS: Record<string, DatasetSource['source']> = {
  idx: 'idx', cifar: 'cifar', cifar10: 'cifar', cifar100: 'cifar', folder: 'folder', 'image-folder': 'folder', synthetic: 'synthetic',
};

/** The DatasetSource an ImportJob names; ConfigError (naming the job and field) when it names none. */
export function importJobSource(job: Message<'ImportJob'>): DatasetSource {
  const where = `ImportJob ${job.jobId}`;
  const source = IMPORT_FORMATS[job.format];
  if (!source) throw new ConfigError('format', `expected one of ${Object.keys(IMPORT_FORMATS).join(', ')}, got '${job.format}'`, where);
  let options: Record<string, unknown> = {};
  if (job.configJson) {
    try {
      options = JSON.parse(job.configJson) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError('config_json', `not JSON: ${(error as Error).message}`, where);
    }
    if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new ConfigError('config_json', 'expected a JSON object', where);
  }
  return parseDatasetSource({
    ...options,
    source,
    path: job.sourceUri ? job.sourceUri.replace(/^file:\/\//, '') : undefined,
    split: job.split || undefined,
    limit: job.limit || undefined,
  }, where);
}

/**
 * Runs one ImportJob: a job that can never succeed (bad fields, missing or malformed files) is a
 * PermanentError, so the bus terminates it instead of redelivering; other errors are retried.
 */
export async function runImportJob(job: Message<'ImportJob'>, store: ObjectStore, progress?: ProgressSink): Promise<ImportResult> {
  try {
    return await importDataset(importJobSource(job), store, { shardSize: job.shardSize || undefined, jobId: job.jobId, progress });
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof DatasetFileError || error instanceof RangeError)) throw error;
    progress?.({ jobId: job.jobId, stage: 'import', state: 'failed', step: 0, total: 0, message: error.message });
    throw new PermanentError(`ImportJob ${job.jobId}: ${error.message}`, { cause: error });
  }
}
