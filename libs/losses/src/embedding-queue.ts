import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from './tensor-ops.js';
import { requireMatrix, requireSameWidth } from './validation.js';

/**
 * A FIFO ring of K embeddings [K, D] (the negatives / reference set of MoCo and SEED).
 *
 * Starts as K seeded random unit vectors (as MoCo/SEED start from normalised noise), so the same
 * seed always gives the same queue. `enqueue` writes a batch at the write pointer and advances it
 * modulo K: a batch that does not divide K wraps around, and a batch larger than K leaves only its
 * newest K rows. Rows are stored as given (not normalised): the losses normalise what they read.
 */
export class EmbeddingQueue {
  private contents: tf.Tensor2D;
  private writePosition = 0;
  private disposed = false;

  constructor(
    readonly size: number,
    readonly dim: number,
    seed = 0,
  ) {
    for (const [name, value] of [['size', size], ['dim', dim]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`EmbeddingQueue: ${name} must be a positive integer, got ${value}`);
    }
    // keep: a queue built inside a caller's tf.tidy must outlive that scope.
    this.contents = tf.keep(tf.tidy(() => l2Normalize(tf.randomNormal([size, dim], 0, 1, 'float32', seed))));
  }

  /** The current contents [K, D]. Owned by the queue: valid until the next enqueue or dispose. */
  tensor(): tf.Tensor2D {
    this.requireLive();
    return this.contents;
  }

  /** The slot the next enqueued row is written to. */
  get pointer(): number {
    return this.writePosition;
  }

  /** Writes `batch` [N, D] into the queue (copied; the caller still owns `batch`). */
  enqueue(batch: tf.Tensor): void {
    this.requireLive();
    requireMatrix('EmbeddingQueue.enqueue', 'batch', batch);
    requireSameWidth('EmbeddingQueue.enqueue', 'batch', batch, 'the queue', this.contents);
    const rows = batch.shape[0]!;
    // Row index into concat([contents, batch]) for every slot: slot s keeps old row s unless row r
    // of the batch lands on it; later rows overwrite earlier ones, which keeps the newest K.
    const source = Int32Array.from({ length: this.size }, (_, slot) => slot);
    for (let row = Math.max(0, rows - this.size); row < rows; row++) {
      source[(this.writePosition + row) % this.size] = this.size + row;
    }
    const next = tf.keep(
      tf.tidy(() => tf.gather(tf.concat([this.contents, batch as tf.Tensor2D]), tf.tensor1d(source, 'int32'))),
    );
    this.contents.dispose();
    this.contents = next;
    this.writePosition = (this.writePosition + rows) % this.size;
  }

  dispose(): void {
    if (this.disposed) return;
    this.contents.dispose();
    this.disposed = true;
  }

  private requireLive(): void {
    if (this.disposed) throw new Error('EmbeddingQueue: used after dispose()');
  }
}
