// The teacher feature cache: a teacher's embeddings (and logits) for every view of a view plan,
// computed once and replayed by every student. Shards first, manifest last: a cache is complete
// only when its manifest lists every shard with its checksum.
import { DEFAULT_NORMALIZATION, planId, planShape, type ViewBatch, type ViewPlan } from '@ssl-distill/augment';
import type { TeacherFeatures } from '@ssl-distill/models';
import { decodeMessage, encodeMessage, type Message } from '@ssl-distill/proto';
import { featureManifestKey, featureShardKey, sha256Hex, type FeatureCacheId, type ObjectStore } from '@ssl-distill/store';
import { yieldToEventLoop } from './event-loop.js';
import type { ViewSource } from './views.js';

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
  shardSize?: number;
  /** Called after each batch (progress, bus heartbeats); `samples` done out of `total`. */
  onBatch?: (done: number, total: number, images: number) => void;
  signal?: AbortSignal;
  /**
   * One worker's share of the cache (a pod of an Indexed Job): only the (epoch, view, shard) slots
   * whose ordinal is `index` modulo `count` are computed here. Whoever finds every slot in the store
   * after its share writes the manifest, so the last pod to finish completes the cache.
   */
  share?: { count: number; index: number };
}

export interface ExtractResult {
  /** Undefined only for a share that left slots to other workers (the cache is not complete yet). */
  manifest?: FeatureManifest;
  /** True when the complete cache already existed and nothing was computed. */
  cached: boolean;
  /** Images the teacher ran on in this call (0 when everything came from the cache). */
  teacherImages: number;
}

export function featureCacheId(teacherId: string, datasetId: string, plan: ViewPlan): FeatureCacheId {
  return { teacherId, datasetId, planId: planId(plan) };
}

export async function readFeatureManifest(store: ObjectStore, cache: FeatureCacheId): Promise<FeatureManifest | undefined> {
  const key = featureManifestKey(cache);
  if (!(await store.exists(key))) return undefined;
  return decodeMessage('FeatureManifest', await store.getVerified(key));
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
  const existing = await readFeatureManifest(store, cache);
  if (existing) return { manifest: existing, cached: true, teacherImages: 0 };

  const { epochs, views } = planShape(plan);
  const shardSize = options.shardSize ?? 10_000;
  const batchSize = options.batchSize ?? 256;
  const shardsPerView = Math.ceil(sampleCount / shardSize);
  const total = epochs * views * sampleCount;
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
        const start = shard * shardSize;
        const count = Math.min(shardSize, sampleCount - start);
        const ordinal = epoch * views * shardsPerView + index;
        if (options.share && ordinal % options.share.count !== options.share.index) {
          othersShare.push(key);
          continue;
        }
        let bytes: Uint8Array;
        if (await store.exists(key)) {
          bytes = await store.getVerified(key);
          const message = decodeMessage('FeatureShard', bytes);
          embeddingDim = message.embeddingDim;
          logitsDim = message.logitsDim;
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
    const assembled = await extractFeatures({ ...options, share: undefined, onBatch: undefined });
    return { ...assembled, teacherImages };
  }
  const manifest = { teacherId: cache.teacherId, datasetId: cache.datasetId, planId: cache.planId, embeddingDim, logitsDim, sampleCount, shards: refs };
  const bytes = encodeMessage('FeatureManifest', manifest);
  await store.putVerified(featureManifestKey(cache), bytes);
  return { manifest: decodeMessage('FeatureManifest', bytes), cached: false, teacherImages };
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

/** Every cached (epoch, view) of a teacher, as dense [sampleCount, dim] tables in sample order. */
export interface FeatureTable {
  manifest: FeatureManifest;
  embeddingDim: number;
  logitsDim: number;
  embeddings(epoch: number, view: number): Float32Array;
  logits(epoch: number, view: number): Float32Array | undefined;
}

/** The key of one cached (epoch, view) slot in a FeatureTable's maps. */
const slotKey = (epoch: number | null | undefined, view: number | null | undefined) => `${epoch ?? 0}/${view ?? 0}`;

export async function loadFeatures(store: ObjectStore, cache: FeatureCacheId): Promise<FeatureTable> {
  const manifest = await readFeatureManifest(store, cache);
  if (!manifest) throw new Error(`no complete teacher feature cache at ${featureManifestKey(cache)} (run the extract stage first)`);
  const { embeddingDim, logitsDim, sampleCount } = manifest;
  const embeddings = new Map<string, Float32Array>();
  const logits = new Map<string, Float32Array>();
  for (const ref of manifest.shards) {
    const key = ref.key ?? '';
    const bytes = await store.getVerified(key);
    if (sha256Hex(bytes) !== ref.sha256) throw new Error(`feature shard ${key} differs from its manifest checksum`);
    const shard = decodeMessage('FeatureShard', bytes);
    const slot = slotKey(ref.epoch, ref.view);
    if (!embeddings.has(slot)) embeddings.set(slot, new Float32Array(sampleCount * embeddingDim));
    const start = shard.sampleIndices[0] ?? 0;
    embeddings.get(slot)!.set(bytesToFloats(shard.embeddings), start * embeddingDim);
    if (logitsDim > 0) {
      if (!logits.has(slot)) logits.set(slot, new Float32Array(sampleCount * logitsDim));
      logits.get(slot)!.set(bytesToFloats(shard.logits), start * logitsDim);
    }
  }
  const table = (map: Map<string, Float32Array>, epoch: number, view: number) => {
    const found = map.get(slotKey(epoch, view));
    if (!found) throw new Error(`teacher feature cache ${featureManifestKey(cache)} has no epoch ${epoch} view ${view}`);
    return found;
  };
  return {
    manifest, embeddingDim, logitsDim,
    embeddings: (epoch, view) => table(embeddings, epoch, view),
    logits: (epoch, view) => (logitsDim > 0 ? table(logits, epoch, view) : undefined),
  };
}

/**
 * The same cache with the mean embedding (over every cached epoch, view and sample) subtracted:
 * what is left is how samples differ, not the component they all share. Logits are unchanged.
 */
export function centerFeatures(table: FeatureTable): FeatureTable {
  const { embeddingDim: dim } = table;
  const slots = new Map(table.manifest.shards.map((ref) => [slotKey(ref.epoch, ref.view), table.embeddings(ref.epoch ?? 0, ref.view ?? 0)]));
  const mean = new Float64Array(dim);
  let rows = 0;
  for (const values of slots.values()) {
    for (let i = 0; i < values.length; i++) mean[i % dim]! += values[i]!;
    rows += values.length / dim;
  }
  for (let d = 0; d < dim; d++) mean[d]! /= Math.max(1, rows);
  const centered = new Map([...slots].map(([slot, values]) => [slot, values.map((value, i) => value - mean[i % dim]!)]));
  return { ...table, embeddings: (epoch, view) => centered.get(slotKey(epoch, view)) ?? table.embeddings(epoch, view) };
}
