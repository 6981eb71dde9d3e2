// Datasets read by shard: a reader holds at most `budget` decoded shards (least recently used goes
// first), so what a process holds is a function of the budget and the shard size, never of the
// dataset's size. The training loop, the view renderer, the evaluation and the view workers all
// read through one reader per (store, dataset).
import type { HwcImage } from '@ssl-distill/augment';
import { rngFromInts } from '@ssl-distill/augment';
import type { Dataset } from '@ssl-distill/data';
import { decodeMessage, MalformedMessageError, type Message } from '@ssl-distill/proto';
import { CorruptObjectError, datasetManifestKey, sha256Hex, type ObjectStore } from '@ssl-distill/store';
import { readManifest, type DatasetManifest } from './datasets.js';
import { ShardCache } from './shard-cache.js';

/** Shards a reader holds by default: 8 x 32 MiB at most (MAX_SHARD_BYTES), and the training order's window. */
export const DEFAULT_RESIDENT_SHARDS = 8;

/** What a stored dataset is, without its pixels. */
export interface DatasetInfo {
  datasetId: string;
  count: number;
  height: number;
  width: number;
  channels: number;
  /** Empty for an unlabeled dataset (every label -1). */
  classNames: string[];
}

/** A contiguous run of samples: one shard's. */
export interface SampleRange {
  firstSample: number;
  count: number;
}

interface ResidentShard extends SampleRange {
  images: Uint8Array;
  labels: Int32Array;
}

/** The samples of one chunk of a gather, with their shards in memory. */
export interface ResidentSamples {
  /** The chunk's samples, in the order asked. */
  indices: number[];
  imageAt(sample: number): HwcImage;
  labelAt(sample: number): number;
}

export class DatasetReader implements DatasetInfo {
  readonly datasetId: string;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly classNames: string[];
  readonly shards: readonly SampleRange[];
  private readonly resident: ShardCache<number, ResidentShard>;
  private labelTable?: Promise<Int32Array>;
  /** Shard reads so far (a re-read after an eviction counts again). */
  shardReads = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly manifest: DatasetManifest,
    readonly budget = DEFAULT_RESIDENT_SHARDS,
  ) {
    this.resident = new ShardCache(budget);
    ({ datasetId: this.datasetId, count: this.count, height: this.height, width: this.width, channels: this.channels } = manifest);
    this.classNames = manifest.classNames;
    let covered = 0;
    this.shards = manifest.shards.map((ref) => {
      const range = { firstSample: ref.firstSample ?? 0, count: ref.count ?? 0 };
      if (range.firstSample !== covered) throw new CorruptObjectError(datasetManifestKey(this.datasetId), `shard ${ref.index} starts at sample ${range.firstSample}, expected ${covered}`);
      covered += range.count;
      return range;
    });
    if (covered !== this.count) throw new CorruptObjectError(datasetManifestKey(this.datasetId), `shards hold ${covered} images, the manifest says ${this.count}`);
  }

  static async open(store: ObjectStore, datasetId: string, budget?: number): Promise<DatasetReader> {
    return new DatasetReader(store, await readManifest(store, datasetId), budget);
  }

  /** Shards held now. */
  get residentShards(): number {
    return this.resident.size;
  }

  /** The most shards resident at once. */
  get peakResident(): number {
    return this.resident.peak;
  }

  /** The shard holding `sample` (binary search over the shards' first samples). */
  shardOf(sample: number): number {
    if (!Number.isInteger(sample) || sample < 0 || sample >= this.count) throw new RangeError(`image index ${sample} is outside the dataset's ${this.count} images`);
    let low = 0;
    let high = this.shards.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.shards[mid]!.firstSample <= sample) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private shard(index: number): Promise<ResidentShard> {
    return this.resident.get(index, () => this.readShard(index));
  }

  private async readShard(index: number): Promise<ResidentShard> {
    this.shardReads += 1;
    const ref = this.manifest.shards[index]!;
    const key = ref.key ?? '';
    const bytes = await this.store.get(key);
    const actual = sha256Hex(bytes);
    if (actual !== ref.sha256) throw new CorruptObjectError(key, `content sha256 ${actual} does not match the manifest's ${ref.sha256}`);
    let shard: Message<'DatasetShard'>;
    try {
      shard = decodeMessage('DatasetShard', bytes);
    } catch (error) {
      if (error instanceof MalformedMessageError) throw new CorruptObjectError(key, error.message);
      throw error;
    }
    const { firstSample, count } = this.shards[index]!;
    const expected = { datasetId: this.datasetId, index: ref.index ?? 0, firstSample, count, height: this.height, width: this.width, channels: this.channels };
    for (const [field, value] of Object.entries(expected)) {
      const found = shard[field as keyof typeof expected];
      if (found !== value) throw new CorruptObjectError(key, `shard ${field} is ${found}, the manifest says ${value}`);
    }
    const size = this.height * this.width * this.channels;
    if (shard.images.length !== count * size || shard.labels.length !== count) {
      throw new CorruptObjectError(key, `shard does not hold samples [${firstSample}, ${firstSample + count}) with ${size} bytes each and one label per image`);
    }
    return { firstSample, count, images: shard.images, labels: Int32Array.from(shard.labels) };
  }

  /**
   * Calls `use` on `indices` in order, a chunk at a time: each chunk's shards (at most `budget`)
   * are in memory while `use` runs on it. Returns what each call returned, in order.
   */
  async gather<T>(indices: ArrayLike<number>, use: (chunk: ResidentSamples) => T): Promise<T[]> {
    const results: T[] = [];
    const size = this.height * this.width * this.channels;
    let start = 0;
    while (start < indices.length) {
      const wanted = new Set<number>();
      let end = start;
      for (; end < indices.length; end++) {
        const shard = this.shardOf(indices[end]!);
        if (!wanted.has(shard) && wanted.size === this.budget) break;
        wanted.add(shard);
      }
      const loaded = new Map<number, ResidentShard>();
      for (const index of wanted) loaded.set(index, await this.shard(index));
      const residentOf = (sample: number) => loaded.get(this.shardOf(sample)) ?? fail(sample);
      const fail = (sample: number): never => {
        throw new RangeError(`sample ${sample} is not among the chunk's samples`);
      };
      results.push(use({
        indices: Array.from({ length: end - start }, (_, i) => indices[start + i]!),
        imageAt: (sample) => {
          const shard = residentOf(sample);
          const offset = (sample - shard.firstSample) * size;
          return { data: shard.images.subarray(offset, offset + size), height: this.height, width: this.width, channels: this.channels };
        },
        labelAt: (sample) => {
          const shard = residentOf(sample);
          return shard.labels[sample - shard.firstSample]!;
        },
      }));
      start = end;
    }
    return results;
  }

  /** The labels of `indices`, in order. */
  async labelsOf(indices: ArrayLike<number>): Promise<Int32Array> {
    const parts = await this.gather(indices, (chunk) => chunk.indices.map((sample) => chunk.labelAt(sample)));
    return Int32Array.from(parts.flat());
  }

  /** Every label (4 bytes a sample), read once through the shards and kept. */
  labels(): Promise<Int32Array> {
    this.labelTable ??= this.labelsOf(Array.from({ length: this.count }, (_, i) => i));
    return this.labelTable;
  }

  /** A copy of one image's pixels. */
  async pixels(sample: number): Promise<Uint8Array> {
    const [data] = await this.gather([sample], (chunk) => chunk.imageAt(sample).data.slice());
    return data!;
  }
}

/**
 * The whole dataset in memory, read through a reader (every shard checked against the manifest's
 * sha256; CorruptObjectError names the key). For small sets and tests; stages read by shard.
 */
export async function loadDataset(store: ObjectStore, datasetId: string): Promise<Dataset> {
  const reader = await datasetReader(store, datasetId);
  const size = reader.height * reader.width * reader.channels;
  const images = new Uint8Array(reader.count * size);
  const all = Array.from({ length: reader.count }, (_, i) => i);
  await reader.gather(all, (chunk) => chunk.indices.forEach((sample) => images.set(chunk.imageAt(sample).data, sample * size)));
  const { count, height, width, channels, classNames } = reader;
  return { images, labels: await reader.labels(), count, height, width, channels, classNames };
}

const readers = new WeakMap<ObjectStore, Map<string, Promise<DatasetReader>>>();
// A local run reads a few datasets (train, test, maybe a teacher's): keep their readers, each within its budget.
const CACHED_READERS = 4;

/** The reader of `datasetId` in `store`, shared by every user in this process (one shard budget per dataset). */
export function datasetReader(store: ObjectStore, datasetId: string): Promise<DatasetReader> {
  let entries = readers.get(store);
  if (!entries) readers.set(store, (entries = new Map()));
  const cached = entries.get(datasetId);
  if (cached) {
    entries.delete(datasetId);
    entries.set(datasetId, cached);
    return cached;
  }
  const opening = DatasetReader.open(store, datasetId);
  entries.set(datasetId, opening);
  opening.catch(() => {
    if (entries.get(datasetId) === opening) entries.delete(datasetId);
  });
  for (const oldest of entries.keys()) {
    if (entries.size <= CACHED_READERS) break;
    entries.delete(oldest);
  }
  return opening;
}

/** The sample order of training epoch `epoch` over all samples: a permutation seeded by (seed, epoch), the same in every process. */
export function epochOrder(sampleCount: number, seed: number, epoch: number): number[] {
  return rngFromInts([seed, epoch, 0x5eed]).permutation(sampleCount);
}

/**
 * The sample order of epoch `epoch` over a sharded dataset. When every shard fits in `window`
 * (a reader's budget) it is epochOrder, the permutation of the whole set. Beyond that the shards
 * are shuffled, and the samples of each run of `window` consecutive shuffled shards are shuffled
 * together: a batch draws from `window` random shards instead of the whole set, so a reader holding
 * `window` shards reads each shard once per epoch.
 */
export function shardedEpochOrder(shards: readonly SampleRange[], seed: number, epoch: number, window = DEFAULT_RESIDENT_SHARDS): number[] {
  const total = shards.reduce((sum, shard) => sum + shard.count, 0);
  if (shards.length <= window) return epochOrder(total, seed, epoch);
  const rng = rngFromInts([seed, epoch, 0x5eed, shards.length, window]);
  const shardOrder = rng.permutation(shards.length);
  const order: number[] = [];
  for (let start = 0; start < shardOrder.length; start += window) {
    const samples = shardOrder.slice(start, start + window).flatMap((k) => Array.from({ length: shards[k]!.count }, (_, i) => shards[k]!.firstSample + i));
    for (const i of rng.permutation(samples.length)) order.push(samples[i]!);
  }
  return order;
}
