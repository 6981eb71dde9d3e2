import * as tf from '@tensorflow/tfjs';
import type { EmbeddingQueue } from '@ssl-distill/losses';
import { readArray, type NamedArrays } from './optim/state.js';

/** `contents` (row-major [K * D]) and `pointer` ([1]) of a queue. */
export function queueState(queue: EmbeddingQueue): NamedArrays {
  return {
    contents: (queue.tensor().dataSync() as Float32Array).slice(),
    pointer: new Float32Array([queue.pointer]),
  };
}

/**
 * Checks `queueState` output now and returns the function that applies it, so a caller can check
 * all of its state before changing any. EmbeddingQueue only offers enqueue: from write pointer p,
 * batch row r lands in slot (p + r) mod K and of a batch longer than K the last K rows win. So
 * enqueueing K + d rows, d = (saved pointer - p) mod K, with row r = saved row (p + r) mod K rewrites
 * every slot with its saved row and leaves the pointer at the saved one. The copy is exact.
 */
export function queueRestorer(queue: EmbeddingQueue, state: NamedArrays, what: string): () => void {
  const contents = readArray(state, 'contents', queue.size * queue.dim, `${what} rows [${queue.size}, ${queue.dim}]`);
  const pointer = readArray(state, 'pointer', 1, `${what} write pointer`)[0]!;
  if (!Number.isInteger(pointer) || pointer < 0 || pointer >= queue.size) {
    throw new Error(`${what} pointer must be an integer in [0, ${queue.size}), got ${pointer}`);
  }
  return () => {
    const shift = (pointer - queue.pointer + queue.size) % queue.size;
    const order = Int32Array.from({ length: queue.size + shift }, (_, row) => (queue.pointer + row) % queue.size);
    tf.tidy(() => queue.enqueue(tf.gather(tf.tensor2d(contents, [queue.size, queue.dim]), tf.tensor1d(order, 'int32'))));
  };
}
