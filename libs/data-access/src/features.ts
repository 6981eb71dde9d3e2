// The teacher feature cache: a teacher's embeddings (and logits) for every view of a view plan,
// computed once and replayed by every student. Shards first, manifest last: a cache is complete
// only when its manifest lists every shard with its checksum.
import { DEFAULT_NORMALIZATION, planId, planShape, type ViewBatch, type ViewPlan } from '@ssl-distill/augment';
import type { TeacherFeatures } from '@ssl-distill/models';
import { decodeMessage, encodeMessage, MalformedMessageError, type Message } from '@ssl-distill/proto';
import { featureManifestKey, featurePrefix, featureShardKey, sha256Hex, type FeatureCacheId, type ObjectStore } from '@ssl-distill/store';
import { yieldToEventLoop } from '@ssl-distill/runtime';
import type { ViewSource } from './views.js';
import { DEFAULT_RESIDENT_SHARDS, type SampleRange } from './dataset-reader.js';
import { readIntact } from './read-intact.js';
import { ShardCache } from './shard-cache.js';

export type FeatureManifest = Message<'FeatureManifest'>;

/**
 * Whatever computes a teacher's features: a network trained here (networkTeacher) or an imported
 * model (importedFeatureTeacher). Views arrive as the plan renders them (NHWC, its normalisation).
 */
export interface FeatureTeacher {
  embed(views: ViewBatch, plan: ViewPlan): Promise<TeacherFeatures>;
  dispose(): void;
}

/** An imported teacher re-encodes the plan's views by its own input fields. */
export function importedFeatureTeacher(teacher: { embed(views: ViewBatch, from: { mean: number[]; std: number[] }): Promise<TeacherFeatures>; dispose(): void }): FeatureTeacher {
  return {
    embed: (views, plan) => teacher.embed(views, plan.normalize ?? DEFAULT_NORMALIZATION),
    dispose: () => teacher.dispose(),
  };
}

export interface ExtractOptions {
  store: ObjectStore;
  teacher: FeatureTeacher;
  teacherId: string;
  datasetId: string;
  sampleCount: number;
  plan: ViewPlan;
  views: ViewSource;
  batchSize?: number;
  /** Samples per feature shard; default the dataset's own shards (`ranges`), or 10k. */
  shardSize?: number;
  /** The sample ranges of the feature shards (a reader's shards): training then reads both by the same windows. */
  ranges?: readonly SampleRange[];
  /** Called after each batch (progress, bus heartbeats); `samples` done out of `total`. */
  onBatch?: (done: number, total: number, images: number) => void;
  signal?: AbortSignal;
  /**
   * One worker's share of the cache (a pod of an Indexed Job): only the (epoch, view, shard) slots
   * whose ordinal is `index` modulo `count` are computed here. Whoever finds every slot in the store
   * after its share writes the manifest, so the last pod to finish completes the cache.
   */
  share?: { count: number; index: number };
  /** Says what was missing or damaged and is being recomputed. */
  log?: (message: string) => void;
}

export interface ExtractResult {
  /** Undefined only for a share that left slots to other workers (the cache is not complete yet). */
  manifest?: FeatureManifest;
  /** True when the complete cache already existed and nothing was computed. */
  cached: boolean;
  /** Images the teacher ran on in this call (0 when everything came from the cache). */
  teacherImages: number;
}

function uniformRanges(sampleCount: number, shardSize: number): SampleRange[] {
  if (!Number.isInteger(shardSize) || shardSize < 1) throw new RangeError(`feature shardSize must be a positive integer, got ${shardSize}`);
  return Array.from({ length: Math.ceil(sampleCount / shardSize) }, (_, k) => ({ firstSample: k * shardSize, count: Math.min(shardSize, sampleCount - k * shardSize) }));
}

/**
 * The mean embedding, summed in float64 row by row in the order shards are added (the manifest's
 * order: epoch, view, shard), so every process that computes it gets the same bits.
 */
class MeanAccumulator {
  private sum?: Float64Array;
  private rows = 0;

  add(embeddings: Float32Array, dim: number): void {
    const sum = (this.sum ??= new Float64Array(dim));
    for (let i = 0; i < embeddings.length; i++) sum[i % dim]! += embeddings[i]!;
    this.rows += embeddings.length / dim;
  }

  mean(): number[] {
    return Array.from(this.sum ?? [], (value) => value / Math.max(1, this.rows));
  }
}

export function featureCacheId(teacherId: string, datasetId: string, plan: ViewPlan): FeatureCacheId {
  return { teacherId, datasetId, planId: planId(plan) };
}

export async function readFeatureManifest(store: ObjectStore, cache: FeatureCacheId): Promise<FeatureManifest | undefined> {
  const key = featureManifestKey(cache);
  if (!(await store.exists(key))) return undefined;
  return decodeMessage('FeatureManifest', await store.getVerified(key));
}

/**
 * What is wrong with a feature cache: its manifest missing or unreadable, or shards it lists
 * missing or not matching their checksums. Empty when the cache is complete and verifies.
 */
export async function featureCacheProblems(store: ObjectStore, cache: FeatureCacheId): Promise<string[]> {
  const read = await readIntact(store, featureManifestKey(cache));
  if ('problem' in read) return [`feature manifest ${read.problem}`];
  let manifest: FeatureManifest;
  try {
    manifest = decodeMessage('FeatureManifest', read.bytes);
  } catch (error) {
    if (error instanceof MalformedMessageError) return [`feature manifest ${featureManifestKey(cache)} corrupt`];
    throw error;
  }
  const problems: string[] = [];
  for (const ref of manifest.shards) {
    const shard = await readIntact(store, ref.key ?? '', ref.sha256 ?? undefined);
    if ('problem' in shard) problems.push(`feature shard ${shard.problem}`);
  }
  return problems;
}

function floatBytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

function bytesToFloats(bytes: Uint8Array): Float32Array {
  // A copy, not bytes.slice(): on a Node Buffer that is a view whose .buffer starts elsewhere.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/**
 * Runs the teacher over every (epoch, view, shard) of the plan that is not cached yet. Idempotent:
 * shards already in the store (checksums verified) are reused, so a worker that dies mid-job loses
 * at most the shard it was writing, and the job's redelivery finishes the rest.
 */
export async function extractFeatures(options: ExtractOptions): Promise<ExtractResult> {
  const { store, plan, sampleCount } = options;
  const cache = featureCacheId(options.teacherId, options.datasetId, plan);
  const problems = await featureCacheProblems(store, cache);
  if (problems.length === 0) return { manifest: (await readFeatureManifest(store, cache))!, cached: true, teacherImages: 0 };
  // A fresh cache has nothing to repair; anything else missing or damaged is said, then recomputed.
  const fresh = problems.length === 1 && problems[0]!.endsWith(' missing') && (await store.list(featurePrefix(cache))).length === 0;
  if (!fresh && !options.share) options.log?.(`${problems.join('; ')}: re-extracting`);

  const { epochs, views } = planShape(plan);
  const batchSize = options.batchSize ?? 256;
  const ranges = options.shardSize === undefined && options.ranges ? options.ranges : uniformRanges(sampleCount, options.shardSize ?? 10_000);
  const shardsPerView = ranges.length;
  const total = epochs * views * sampleCount;
  const mean = new MeanAccumulator();
  const refs: Message<'FeatureManifest'>['shards'] = [];
  const othersShare: string[] = [];
  let done = 0;
  let teacherImages = 0;
  let embeddingDim = 0;
  let logitsDim = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let view = 0; view < views; view++) {
      for (let shard = 0; shard < shardsPerView; shard++) {
        options.signal?.throwIfAborted();
        const index = view * shardsPerView + shard;
        const key = featureShardKey(cache, epoch, index);
        const { firstSample: start, count } = ranges[shard]!;
        const ordinal = epoch * views * shardsPerView + index;
        if (options.share && ordinal % options.share.count !== options.share.index) {
          othersShare.push(key);
          continue;
        }
        let bytes: Uint8Array;
        const stored = await readIntact(store, key);
        const message = 'bytes' in stored ? decodeShard(stored.bytes) : undefined;
        if (message && 'bytes' in stored) {
          bytes = stored.bytes;
          embeddingDim = message.embeddingDim;
          logitsDim = message.logitsDim;
          mean.add(bytesToFloats(message.embeddings), embeddingDim);
          done += count;
          options.onBatch?.(done, total, 0);
        } else {
          const computed = await computeShard(options, epoch, view, start, count, batchSize, (n) => {
            done += n;
            options.onBatch?.(done, total, n);
          });
          teacherImages += count;
          embeddingDim = computed.embeddingDim;
          logitsDim = computed.logitsDim;
          mean.add(computed.embeddings, embeddingDim);
          bytes = encodeMessage('FeatureShard', {
            teacherId: cache.teacherId, datasetId: cache.datasetId, planId: cache.planId, epoch, view, index,
            sampleIndices: Array.from({ length: count }, (_, i) => start + i),
            embeddingDim, embeddings: floatBytes(computed.embeddings),
            logitsDim, logits: computed.logits ? floatBytes(computed.logits) : new Uint8Array(0),
          });
          await store.putVerified(key, bytes);
        }
        refs.push({ epoch, view, index, key, count, sha256: sha256Hex(bytes) });
      }
    }
  }
  if (othersShare.length > 0) {
    for (const key of othersShare) if (!(await store.exists(key))) return { cached: false, teacherImages };
    // Every slot is in the store: this pass only reads them back and writes the manifest.
    const assembled = await extractFeatures({ ...options, share: undefined, onBatch: undefined, log: undefined });
    return { ...assembled, teacherImages };
  }
  const manifest = { teacherId: cache.teacherId, datasetId: cache.datasetId, planId: cache.planId, embeddingDim, logitsDim, sampleCount, shards: refs, embeddingMean: mean.mean() };
  const bytes = encodeMessage('FeatureManifest', manifest);
  await store.putVerified(featureManifestKey(cache), bytes);
  return { manifest: decodeMessage('FeatureManifest', bytes), cached: false, teacherImages };
}

/** A stored feature shard, or undefined when its bytes are no shard (then it is recomputed). */
function decodeShard(bytes: Uint8Array): Message<'FeatureShard'> | undefined {
  try {
    return decodeMessage('FeatureShard', bytes);
  } catch (error) {
    if (error instanceof MalformedMessageError) return undefined;
    throw error;
  }
}

async function computeShard(options: ExtractOptions, epoch: number, view: number, start: number, count: number, batchSize: number, onImages: (n: number) => void) {
  const embeddingParts: Float32Array[] = [];
  const logitParts: Float32Array[] = [];
  let embeddingDim = 0;
  let logitsDim = 0;
  for (let offset = 0; offset < count; offset += batchSize) {
    const n = Math.min(batchSize, count - offset);
    const indices = Array.from({ length: n }, (_, i) => start + offset + i);
    const batch = await options.views.render(options.datasetId, options.plan, indices, epoch, view);
    const features = await options.teacher.embed(batch, options.plan);
    embeddingDim = features.embeddingDim;
    embeddingParts.push(features.embeddings);
    if (features.logits) {
      logitsDim = features.logitsDim;
      logitParts.push(features.logits);
    }
    onImages(n);
    await yieldToEventLoop();
  }
  return { embeddingDim, logitsDim, embeddings: concat(embeddingParts), logits: logitParts.length ? concat(logitParts) : undefined };
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Feature shards a reader holds by default: with dataset-aligned shards, the training window's. */
export const DEFAULT_RESIDENT_FEATURE_SHARDS = 2 * DEFAULT_RESIDENT_SHARDS;

interface ResidentFeatureShard extends SampleRange {
  embeddings: Float32Array;
  logits?: Float32Array;
}

/** The key of one cached (epoch, view) slot. */
const slotKey = (epoch: number | null | undefined, view: number | null | undefined) => `${epoch ?? 0}/${view ?? 0}`;

/**
 * A teacher's cached outputs read by shard: the rows of a batch are gathered from at most `budget`
 * decoded feature shards (least recently used goes first), never a whole (epoch, view) table.
 * Centred (centerTeacher), embeddings have the manifest's mean subtracted: what is left is how
 * samples differ, not the component they all share. Logits are never centred.
 */
export class FeatureReader {
  readonly embeddingDim: number;
  readonly logitsDim: number;
  private readonly slots = new Map<string, { range: SampleRange; ref: FeatureManifest['shards'][number] }[]>();
  private readonly resident: ShardCache<string, ResidentFeatureShard>;

  private constructor(
    private readonly store: ObjectStore,
    private readonly cache: FeatureCacheId,
    readonly manifest: FeatureManifest,
    private readonly centre: Float64Array | undefined,
    readonly budget: number,
  ) {
    this.resident = new ShardCache(budget);
    this.embeddingDim = manifest.embeddingDim;
    this.logitsDim = manifest.logitsDim;
    for (const ref of manifest.shards) {
      const slot = slotKey(ref.epoch, ref.view);
      if (!this.slots.has(slot)) this.slots.set(slot, []);
      this.slots.get(slot)!.push({ ref, range: { firstSample: 0, count: ref.count ?? 0 } });
    }
    // Shards of a slot hold consecutive samples in index order (extractFeatures writes them so).
    for (const shards of this.slots.values()) {
      shards.sort((a, b) => (a.ref.index ?? 0) - (b.ref.index ?? 0));
      shards.reduce((first, shard) => ((shard.range.firstSample = first), first + shard.range.count), 0);
    }
  }

  static async open(store: ObjectStore, cache: FeatureCacheId, options: { centred?: boolean; budget?: number } = {}): Promise<FeatureReader> {
    const manifest = await readFeatureManifest(store, cache);
    if (!manifest) throw new Error(`no complete teacher feature cache at ${featureManifestKey(cache)} (run the extract stage first)`);
    const budget = options.budget ?? DEFAULT_RESIDENT_FEATURE_SHARDS;
    if (!Number.isInteger(budget) || budget < 1) throw new RangeError(`feature shard budget must be a positive integer, got ${budget}`);
    let centre: Float64Array | undefined;
    if (options.centred) {
      const stored = manifest.embeddingMean ?? [];
      centre = stored.length === manifest.embeddingDim ? Float64Array.from(stored) : await scanMean(new FeatureReader(store, cache, manifest, undefined, budget));
    }
    return new FeatureReader(store, cache, manifest, centre, budget);
  }

  get residentShards(): number {
    return this.resident.size;
  }

  /** The most feature shards resident at once. */
  get peakResident(): number {
    return this.resident.peak;
  }

  private shardsOf(epoch: number, view: number) {
    const shards = this.slots.get(slotKey(epoch, view));
    if (!shards) throw new Error(`teacher feature cache ${featureManifestKey(this.cache)} has no epoch ${epoch} view ${view}`);
    return shards;
  }

  private shard(entry: { range: SampleRange; ref: FeatureManifest['shards'][number] }): Promise<ResidentFeatureShard> {
    const key = entry.ref.key ?? '';
    return this.resident.get(key, async () => {
      // One hash per read: the manifest's checksum is the content's (getVerified would hash it again).
      const bytes = await this.store.get(key);
      if (sha256Hex(bytes) !== entry.ref.sha256) throw new Error(`feature shard ${key} differs from its manifest checksum`);
      const shard = decodeMessage('FeatureShard', bytes);
      if ((shard.sampleIndices[0] ?? 0) !== entry.range.firstSample || shard.sampleIndices.length !== entry.range.count) {
        throw new Error(`feature shard ${key} holds samples from ${shard.sampleIndices[0]} (${shard.sampleIndices.length}), the manifest's order says ${entry.range.firstSample} (${entry.range.count})`);
      }
      return { ...entry.range, embeddings: bytesToFloats(shard.embeddings), logits: this.logitsDim > 0 ? bytesToFloats(shard.logits) : undefined };
    });
  }

  /** Every shard of epoch `epoch`, view `view`, in sample order (for scans). */
  async *scan(epoch: number, view: number): AsyncIterable<ResidentFeatureShard> {
    for (const entry of this.shardsOf(epoch, view)) yield await this.shard(entry);
  }

  /** Rows `indices` of epoch `epoch`, view `view`: [indices.length, dim] floats, in order. */
  async rows(which: 'embeddings' | 'logits', epoch: number, view: number, indices: readonly number[]): Promise<Float32Array> {
    const dim = which === 'embeddings' ? this.embeddingDim : this.logitsDim;
    if (dim === 0) throw new Error(`teacher feature cache ${featureManifestKey(this.cache)} has no ${which}`);
    const shards = this.shardsOf(epoch, view);
    const out = new Float32Array(indices.length * dim);
    const centre = which === 'embeddings' ? this.centre : undefined;
    for (let row = 0; row < indices.length; row++) {
      const sample = indices[row]!;
      const entry = findRange(shards, sample);
      const shard = await this.shard(entry);
      const table = which === 'embeddings' ? shard.embeddings : shard.logits!;
      const from = (sample - shard.firstSample) * dim;
      if (centre) for (let d = 0; d < dim; d++) out[row * dim + d] = table[from + d]! - centre[d]!;
      else out.set(table.subarray(from, from + dim), row * dim);
    }
    return out;
  }
}

function findRange<T extends { range: SampleRange }>(shards: readonly T[], sample: number): T {
  let low = 0;
  let high = shards.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (shards[mid]!.range.firstSample <= sample) low = mid;
    else high = mid - 1;
  }
  const found = shards[low]!;
  if (sample < found.range.firstSample || sample >= found.range.firstSample + found.range.count) throw new RangeError(`sample ${sample} is not in the teacher feature cache`);
  return found;
}

/** The mean of a cache written before manifests carried it: one pass over its shards in manifest order. */
async function scanMean(reader: FeatureReader): Promise<Float64Array> {
  const mean = new MeanAccumulator();
  const seen = new Set<string>();
  for (const ref of reader.manifest.shards) {
    const slot = slotKey(ref.epoch, ref.view);
    if (seen.has(slot)) continue;
    seen.add(slot);
    for await (const shard of reader.scan(ref.epoch ?? 0, ref.view ?? 0)) mean.add(shard.embeddings, reader.embeddingDim);
  }
  return Float64Array.from(mean.mean());
}
