import * as tf from '@tensorflow/tfjs';
import { checkTrainTest, type FeatureSet } from './features.js';
import { rankRowsInto } from './metrics.js';

export interface KnnOptions {
  /** Neighbours that vote (default 200, capped at the train size). */
  k?: number;
  /** Vote weight of a neighbour with cosine similarity s is exp(s / temperature) (default 0.07). */
  temperature?: number;
  /** Default: largest label + 1. */
  numClasses?: number;
  /** Test rows per similarity matmul (default 256). */
  testBatchSize?: number;
  /** Train rows per similarity matmul (default: about 16M similarities per matmul); results are identical for any size. */
  trainChunkSize?: number;
  /** Return the k nearest train rows of the first this-many test rows (default 0). */
  neighboursForFirst?: number;
}

export interface KnnNeighbours {
  /** Test rows covered (the first `rows` of the test set) and neighbours per row. */
  rows: number;
  k: number;
  /** Train row indices, `[rows, k]` row-major, most similar first. */
  indices: Int32Array;
  /** Their cosine similarities, same layout. */
  similarities: Float32Array;
}

export interface KnnResult {
  top1: number;
  top5: number;
  predictions: Int32Array;
  numClasses: number;
  neighbours?: KnnNeighbours;
}

const SIMILARITIES_PER_CHUNK = 1 << 24;

interface TrainChunk {
  offset: number;
  normalised: tf.Tensor2D;
}

/**
 * Weighted k-NN classifier on frozen features (InstDisc / SEED protocol): cosine similarity between
 * L2-normalised test and train features, the k most similar train rows vote for their class with
 * weight exp(s / T); prediction is the class with the largest vote. Ties in similarity go to the
 * lower train index.
 *
 * The similarity matmuls run on the tf backend, chunk by chunk; the top-k selection runs over the
 * downloaded rows in plain typed-array code (a bounded heap per test row, fed chunk after chunk),
 * because some backends' TopK kernels are much slower than this.
 */
export function knnProbe(train: FeatureSet, test: FeatureSet, options: KnnOptions = {}): KnnResult {
  const numClasses = checkTrainTest(train, test, options.numClasses);
  const trainRows = train.labels.length;
  const testRows = test.labels.length;
  const k = Math.min(positiveInteger('k', options.k ?? 200), trainRows);
  const temperature = options.temperature ?? 0.07;
  if (!(temperature > 0)) throw new Error(`temperature must be > 0, got ${temperature}`);
  const testBatchSize = positiveInteger('testBatchSize', options.testBatchSize ?? 256);
  const trainChunkSize = positiveInteger(
    'trainChunkSize',
    options.trainChunkSize ?? Math.max(1, Math.floor(SIMILARITIES_PER_CHUNK / testBatchSize)),
  );
  const neighbourRows = Math.min(options.neighboursForFirst ?? 0, testRows);
  const neighbours: KnnNeighbours | undefined =
    neighbourRows > 0
      ? { rows: neighbourRows, k, indices: new Int32Array(neighbourRows * k), similarities: new Float32Array(neighbourRows * k) }
      : undefined;

  const chunks = normalisedChunks(train, trainChunkSize);
  const predictions = new Int32Array(testRows);
  let top1Hits = 0;
  let top5Hits = 0;
  try {
    for (let start = 0; start < testRows; start += testBatchSize) {
      const end = Math.min(start + testBatchSize, testRows);
      const { similarities, indices } = nearestNeighbours(test, start, end, chunks, k);
      const votes = weightedVotes(similarities, indices, train.labels, k, numClasses, temperature);
      const hits = rankRowsInto(votes, numClasses, test.labels.subarray(start, end), predictions.subarray(start, end));
      top1Hits += hits.top1;
      top5Hits += hits.top5;
      if (neighbours && start < neighbourRows) {
        const count = (Math.min(end, neighbourRows) - start) * k;
        neighbours.indices.set(indices.subarray(0, count), start * k);
        neighbours.similarities.set(similarities.subarray(0, count), start * k);
      }
    }
  } finally {
    tf.dispose(chunks.map((chunk) => chunk.normalised));
  }
  return { top1: top1Hits / testRows, top5: top5Hits / testRows, predictions, numClasses, ...(neighbours && { neighbours }) };
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}

function l2Normalise(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.div(x, tf.maximum(tf.norm(x, 2, 1, true), 1e-12)));
}

function rowsTensor(set: FeatureSet, start: number, end: number): tf.Tensor2D {
  return tf.tensor2d(set.features.subarray(start * set.dim, end * set.dim), [end - start, set.dim]);
}

function normalisedChunks(train: FeatureSet, chunkSize: number): TrainChunk[] {
  const chunks: TrainChunk[] = [];
  for (let offset = 0; offset < train.labels.length; offset += chunkSize) {
    const end = Math.min(offset + chunkSize, train.labels.length);
    chunks.push({ offset, normalised: tf.tidy(() => l2Normalise(rowsTensor(train, offset, end))) });
  }
  return chunks;
}

/** The k most similar train rows of test rows [start, end), most similar first: `[rows, k]` each. */
function nearestNeighbours(
  test: FeatureSet,
  start: number,
  end: number,
  chunks: TrainChunk[],
  k: number,
): { similarities: Float32Array; indices: Int32Array } {
  const rows = end - start;
  const heaps = Array.from({ length: rows }, () => new BoundedTopK(k));
  const queries = tf.tidy(() => l2Normalise(rowsTensor(test, start, end)));
  try {
    for (const chunk of chunks) {
      const chunkRows = chunk.normalised.shape[0];
      const product = tf.tidy(() => tf.matMul(queries, chunk.normalised, false, true));
      const similarities = product.dataSync() as Float32Array;
      product.dispose();
      for (let row = 0; row < rows; row++) {
        const heap = heaps[row]!;
        const offset = row * chunkRows;
        for (let j = 0; j < chunkRows; j++) heap.offer(similarities[offset + j]!, chunk.offset + j);
      }
    }
  } finally {
    queries.dispose();
  }
  const similarities = new Float32Array(rows * k);
  const indices = new Int32Array(rows * k);
  heaps.forEach((heap, row) => heap.writeSorted(similarities.subarray(row * k), indices.subarray(row * k)));
  return { similarities, indices };
}

/**
 * The k largest (value, index) pairs offered so far, as a min-heap whose root is the weakest kept
 * pair. Indices must be offered in increasing order; then "the lower index wins a tie" means an
 * equal value never displaces a kept one, and among equal kept values the larger index is weaker.
 */
class BoundedTopK {
  private readonly values: Float32Array;
  private readonly indices: Int32Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.values = new Float32Array(capacity);
    this.indices = new Int32Array(capacity);
  }

  offer(value: number, index: number): void {
    if (this.size < this.capacity) {
      this.values[this.size] = value;
      this.indices[this.size] = index;
      this.siftUp(this.size++);
    } else if (value > this.values[0]!) {
      this.values[0] = value;
      this.indices[0] = index;
      this.siftDown(0);
    }
  }

  /** Writes the kept pairs by decreasing value (increasing index on ties). */
  writeSorted(values: Float32Array, indices: Int32Array): void {
    const order = Array.from({ length: this.size }, (_, i) => i).sort(
      (a, b) => this.values[b]! - this.values[a]! || this.indices[a]! - this.indices[b]!,
    );
    order.forEach((slot, rank) => {
      values[rank] = this.values[slot]!;
      indices[rank] = this.indices[slot]!;
    });
  }

  /** Whether slot a holds a weaker pair than slot b. */
  private weaker(a: number, b: number): boolean {
    const difference = this.values[a]! - this.values[b]!;
    return difference < 0 || (difference === 0 && this.indices[a]! > this.indices[b]!);
  }

  private swap(a: number, b: number): void {
    const value = this.values[a]!;
    this.values[a] = this.values[b]!;
    this.values[b] = value;
    const index = this.indices[a]!;
    this.indices[a] = this.indices[b]!;
    this.indices[b] = index;
  }

  private siftUp(slot: number): void {
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!this.weaker(slot, parent)) return;
      this.swap(slot, parent);
      slot = parent;
    }
  }

  private siftDown(slot: number): void {
    for (;;) {
      const left = 2 * slot + 1;
      const right = left + 1;
      let weakest = slot;
      if (left < this.size && this.weaker(left, weakest)) weakest = left;
      if (right < this.size && this.weaker(right, weakest)) weakest = right;
      if (weakest === slot) return;
      this.swap(slot, weakest);
      slot = weakest;
    }
  }
}

/** Per row, the sum of exp(s / T) over neighbours of each class: `[rows, numClasses]`. */
function weightedVotes(
  similarities: Float32Array,
  indices: Int32Array,
  trainLabels: Int32Array,
  k: number,
  numClasses: number,
  temperature: number,
): Float64Array {
  const rows = similarities.length / k;
  const votes = new Float64Array(rows * numClasses);
  for (let row = 0; row < rows; row++) {
    for (let j = row * k; j < (row + 1) * k; j++) {
      votes[row * numClasses + trainLabels[indices[j]!]!]! += Math.exp(similarities[j]! / temperature);
    }
  }
  return votes;
}
