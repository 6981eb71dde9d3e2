// Datasets in the store: datasets/{datasetId}/shard-{k}.pb (DatasetShard) and, written last,
// datasets/{datasetId}/manifest.pb listing every shard with its sha256. The id is a hash of the
// content (dimensions, class names, pixels, labels), so importing the same data twice finds the
// manifest and writes nothing, whatever the source path or shard size.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertDataset,
  datasetStream,
  loadCifar10,
  loadCifar100,
  loadIdxDataset,
  openImageFolder,
  syntheticDataset,
  DatasetFileError,
  type Dataset,
  type ImageBatch,
  type ImageStream,
  type SkippedFile,
} from '@ssl-distill/data';
import { PermanentError } from '@ssl-distill/bus';
import { decodeMessage, encodeMessage, MalformedMessageError, type Message } from '@ssl-distill/proto';
import { CorruptObjectError, datasetManifestKey, datasetShardKey, NotFoundError, sha256Hex, type ObjectStore } from '@ssl-distill/store';
import { ProgressTracker, type ProgressSink } from '@ssl-distill/service';
import { readIntact } from './read-intact.js';
import { datasetSchema, type DatasetSource, ConfigError } from '@ssl-distill/spec';

export const DEFAULT_SHARD_SIZE = 10_000;
/**
 * Upper bound on the pixel bytes of one shard: a 28x28 or 32x32x3 dataset keeps 10k images a shard
 * (7.8 / 30.7 MB), a 224x224x3 one gets 222. Readers hold a few shards, so this bounds their memory.
 */
export const MAX_SHARD_BYTES = 32 * 1024 * 1024;

export type DatasetManifest = Message<'DatasetManifest'>;

export interface ImportOptions {
  /** Images per shard (lowered to fit MAX_SHARD_BYTES). */
  shardSize?: number;
  /** Receives one event per written shard. */
  progress?: ProgressSink;
  /** Names the import in progress events. */
  jobId?: string;
  /** Says which stored objects were missing or damaged and are being rewritten. */
  log?: (message: string) => void;
}

export interface ImportResult {
  datasetId: string;
  manifest: DatasetManifest;
  /** False when the store already held this dataset and nothing was written. */
  written: boolean;
  /** Files left out by skipBad (empty otherwise); also stored at datasets/{id}/skipped.json. */
  skipped: SkippedFile[];
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

/** Reads the raw files (or generates the synthetic images) of an in-memory source. */
export function readDatasetSource(source: Exclude<DatasetSource, { source: 'folder' }>): Dataset {
  switch (source.source) {
    case 'idx':
      return loadIdxDataset(source.path, { split: source.split, names: source.names, limit: source.limit });
    case 'cifar':
      // CIFAR-100's binary version is one {split}.bin; CIFAR-10's is data_batch_N.bin / test_batch.bin.
      return existsSync(join(source.path, `${source.split}.bin`))
        ? loadCifar100(source.path, { split: source.split, limit: source.limit })
        : loadCifar10(source.path, { split: source.split, limit: source.limit });
    case 'synthetic':
      return syntheticDataset(source);
  }
}

/** A source opened for import: its images as a stream, and the content id it gets. */
export interface OpenedSource {
  stream: ImageStream;
  datasetId: string;
  /** Files the folder scan already left out (skipBad). */
  skipped: SkippedFile[];
}

/**
 * Opens `source` for a streaming import. IDX, CIFAR and synthetic sets are small by nature and read
 * whole; their id hashes their pixels (the same id as ever). An image folder is scanned once (file
 * bytes hashed, headers checked) and decoded a shard at a time; its id hashes the files and options.
 */
export async function openDatasetSource(source: DatasetSource): Promise<OpenedSource> {
  if (source.source !== 'folder') {
    const dataset = readDatasetSource(source);
    assertDataset(dataset, describeSource(source));
    return { stream: datasetStream(dataset), datasetId: datasetContentId(dataset), skipped: [] };
  }
  const folder = await openImageFolder(source.path, { size: source.size, channels: source.channels, limit: source.limit, skipBad: source.skipBad });
  return { stream: folder, datasetId: folder.fingerprint.slice(0, 16), skipped: folder.scanSkipped };
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

// Node refuses a single hash update() of 2 GiB or more; feed the pixels a slice at a time.
const HASH_SLICE = 64 * 1024 * 1024;

/** First 16 hex digits of sha256 over the dimensions, class names, pixels and labels. */
export function datasetContentId(dataset: Dataset): string {
  const header = JSON.stringify({ count: dataset.count, height: dataset.height, width: dataset.width, channels: dataset.channels, classNames: dataset.classNames });
  const labels = new Uint8Array(dataset.labels.buffer, dataset.labels.byteOffset, dataset.labels.byteLength);
  const hash = createHash('sha256').update(header);
  for (let offset = 0; offset < dataset.images.length; offset += HASH_SLICE) hash.update(dataset.images.subarray(offset, offset + HASH_SLICE));
  return hash.update(labels).digest('hex').slice(0, 16);
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

export async function readManifest(store: ObjectStore, datasetId: string): Promise<DatasetManifest> {
  const key = datasetManifestKey(datasetId);
  const manifest = decodeStored('DatasetManifest', key, await store.get(key));
  if (manifest.datasetId !== datasetId) {
    throw new CorruptObjectError(key, `manifest names dataset "${manifest.datasetId}", expected "${datasetId}"`);
  }
  return manifest;
}

/** The stored manifest, or undefined when it is missing or damaged (then the import rewrites it). */
async function readIntactManifest(store: ObjectStore, datasetId: string): Promise<DatasetManifest | undefined> {
  try {
    const key = datasetManifestKey(datasetId);
    await store.getVerified(key);
    return await readManifest(store, datasetId);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof CorruptObjectError) return undefined;
    throw error;
  }
}

/**
 * What is wrong with a stored dataset: its manifest missing or damaged, or shards it lists missing
 * or not matching their checksums. Empty when every object is there and verifies.
 */
export async function datasetProblems(store: ObjectStore, datasetId: string): Promise<string[]> {
  const manifest = await readIntactManifest(store, datasetId);
  if (!manifest) return [`dataset manifest ${datasetManifestKey(datasetId)} missing or corrupt`];
  const problems: string[] = [];
  for (const ref of manifest.shards) {
    const read = await readIntact(store, ref.key ?? '', ref.sha256 ?? '');
    if ('problem' in read) problems.push(`dataset shard ${read.problem}`);
  }
  return problems;
}

/** Images per shard: `shardSize`, lowered so that a shard's pixels stay within MAX_SHARD_BYTES. */
export function boundedShardSize(shardSize: number, bytesPerImage: number): number {
  if (!Number.isInteger(shardSize) || shardSize < 1) throw new RangeError(`shardSize must be a positive integer, got ${shardSize}`);
  return Math.max(1, Math.min(shardSize, Math.floor(MAX_SHARD_BYTES / bytesPerImage)));
}

const skippedKey = (datasetId: string, index?: number) => `datasets/${datasetId}/skipped${index === undefined ? '' : `-${index}`}.json`;

/** A shard already written by an earlier (interrupted) import of the same id, if it is intact and where it belongs. */
async function writtenShard(store: ObjectStore, key: string, expected: { datasetId: string; index: number; firstSample: number }): Promise<{ sha256: string; count: number } | undefined> {
  if (!(await store.exists(key))) return undefined;
  try {
    const bytes = await store.getVerified(key);
    const shard = decodeStored('DatasetShard', key, bytes);
    const intact = shard.datasetId === expected.datasetId && shard.index === expected.index && shard.firstSample === expected.firstSample && shard.labels.length === shard.count;
    return intact ? { sha256: sha256Hex(bytes), count: shard.count } : undefined;
  } catch (error) {
    if (error instanceof CorruptObjectError) return undefined; // rewritten below
    throw error;
  }
}

/**
 * Writes the stream as shards, then its manifest. Shards go in order, one in memory at a time; a
 * shard an interrupted import already wrote (checksum intact) is kept, so a rerun continues where
 * the other stopped. Returns the existing manifest when the content is already stored.
 */
export async function storeStream(opened: OpenedSource, source: string, store: ObjectStore, options: ImportOptions = {}): Promise<ImportResult> {
  const { stream, datasetId } = opened;
  const perShard = boundedShardSize(options.shardSize ?? DEFAULT_SHARD_SIZE, imageBytes(stream));
  const stored = await readIntactManifest(store, datasetId);
  if (stored) {
    const problems = await datasetProblems(store, datasetId);
    if (problems.length === 0) {
      const skipped = (await store.exists(skippedKey(datasetId))) ? (JSON.parse(new TextDecoder().decode(await store.getVerified(skippedKey(datasetId)))) as SkippedFile[]) : [];
      return { datasetId, manifest: stored, written: false, skipped };
    }
    // Rewritten shard by shard below: intact shards are kept, missing or damaged ones re-read from the source.
    options.log?.(`${problems.join('; ')}: re-importing from ${source}`);
  } else if ((await store.list(`datasets/${datasetId}/`)).length > 0) {
    options.log?.(`dataset manifest ${datasetManifestKey(datasetId)} missing or corrupt: re-importing from ${source}`);
  }
  const shardCount = Math.ceil(stream.count / perShard);
  const tracker = options.progress && new ProgressTracker(options.jobId ?? `import-${datasetId}`, 'import', shardCount, options.progress);
  const { height, width, channels } = stream;
  const shards = [];
  const skipped = [...opened.skipped];
  const range = (index: number) => [index * perShard, Math.min(stream.count, (index + 1) * perShard)] as const;
  // The next shard decodes while this one is encoded and written: two shards in memory at most.
  let next: { index: number; batch: Promise<ImageBatch> } | undefined;
  const readShard = (index: number) => {
    const batch = next?.index === index ? next.batch : stream.read(...range(index));
    next = undefined;
    return batch;
  };
  const prefetch = (index: number) => {
    if (index >= shardCount) return;
    next = { index, batch: stream.read(...range(index)) };
    next.batch.catch(() => {}); // its error surfaces when the loop awaits it
  };
  let firstSample = 0;
  for (let index = 0; index < shardCount; index++) {
    const key = datasetShardKey(datasetId, index);
    const [start, end] = range(index);
    let written = await writtenShard(store, key, { datasetId, index, firstSample });
    if (written) {
      if (written.count < end - start) skipped.push(...(JSON.parse(new TextDecoder().decode(await store.getVerified(skippedKey(datasetId, index)))) as SkippedFile[]));
    } else {
      const reading = readShard(index);
      if (!(await store.exists(datasetShardKey(datasetId, index + 1)))) prefetch(index + 1);
      const batch = await reading;
      // The skipped files of a shard are stored before it, so a rerun that keeps the shard keeps them too.
      if (batch.skipped.length > 0) await store.putVerified(skippedKey(datasetId, index), new TextEncoder().encode(JSON.stringify(batch.skipped)));
      const bytes = encodeMessage('DatasetShard', {
        datasetId, index, firstSample, count: batch.count, height, width, channels, images: batch.images, labels: Array.from(batch.labels),
      });
      written = { sha256: await store.putVerified(key, bytes), count: batch.count };
      skipped.push(...batch.skipped);
    }
    shards.push({ index, key, count: written.count, firstSample, sha256: written.sha256 });
    firstSample += written.count;
    tracker?.tick(index + 1, { images: written.count });
  }
  if (firstSample === 0) throw new DatasetFileError(source, `no image could be imported (${skipped.length} bad files skipped)`);
  if (skipped.length > 0) await store.putVerified(skippedKey(datasetId), new TextEncoder().encode(JSON.stringify(skipped)));
  const manifest = encodeMessage('DatasetManifest', {
    datasetId, source, count: firstSample, height, width, channels, classNames: stream.classNames, shards,
  });
  // Last: the dataset exists for readers only once this manifest, with every checksum, is written.
  await store.putVerified(datasetManifestKey(datasetId), manifest);
  tracker?.finish(skipped.length > 0 ? `${datasetId} (${skipped.length} bad files skipped)` : datasetId);
  return { datasetId, manifest: decodeMessage('DatasetManifest', manifest), written: true, skipped };
}

/** Writes an in-memory dataset (see storeStream). */
export async function storeDataset(dataset: Dataset, source: string, store: ObjectStore, options: ImportOptions = {}): Promise<ImportResult> {
  assertDataset(dataset, source);
  return storeStream({ stream: datasetStream(dataset), datasetId: datasetContentId(dataset), skipped: [] }, source, store, options);
}

/** Reads `source` with libs/data, a shard at a time, and stores it (see storeStream). */
export async function importDataset(source: DatasetSource, store: ObjectStore, options: ImportOptions = {}): Promise<ImportResult> {
  return storeStream(await openDatasetSource(source), describeSource(source), store, options);
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
export async function runImportJob(job: Message<'ImportJob'>, store: ObjectStore, progress?: ProgressSink, log?: (message: string) => void): Promise<ImportResult> {
  try {
    return await importDataset(importJobSource(job), store, { shardSize: job.shardSize || undefined, jobId: job.jobId, progress, log });
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof DatasetFileError || error instanceof RangeError)) throw error;
    progress?.({ jobId: job.jobId, stage: 'import', state: 'failed', step: 0, total: 0, message: error.message });
    throw new PermanentError(`ImportJob ${job.jobId}: ${error.message}`, { cause: error });
  }
}
