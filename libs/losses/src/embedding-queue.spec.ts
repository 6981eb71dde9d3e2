import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { norm, type Matrix } from '../test/reference.js';
import { EmbeddingQueue } from './embedding-queue.js';

/** Row r of batch b is [b, r]: every enqueued row is recognisable. */
const batchRows = (batch: number, rows: number): Matrix => Array.from({ length: rows }, (_, row) => [batch, row]);

describe('EmbeddingQueue', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('starts as K seeded random unit vectors, reproducible from the seed', () => {
    const first = new EmbeddingQueue(6, 3, 7);
    const again = new EmbeddingQueue(6, 3, 7);
    const other = new EmbeddingQueue(6, 3, 8);
    const rows = first.tensor().arraySync();
    expect(first.tensor().shape).toEqual([6, 3]);
    for (const row of rows) expect(norm(row)).toBeCloseTo(1, 5);
    expect(again.tensor().arraySync()).toEqual(rows);
    expect(other.tensor().arraySync()).not.toEqual(rows);
    expect(first.pointer).toBe(0);
    [first, again, other].forEach((queue) => queue.dispose());
  });

  it('is a FIFO ring: wraps when N does not divide K and keeps the newest K when N > K', () => {
    const size = 5;
    const queue = new EmbeddingQueue(size, 2, 1);
    // Expected contents by replaying the writes one row at a time into a plain array.
    const expected: Matrix = queue.tensor().arraySync();
    let pointer = 0;
    const snapshots: Matrix[] = [];
    const batches = [2, 2, 2, 7, 5, 1];
    batches.forEach((rows, batch) => {
      const values = batchRows(batch, rows);
      const tensor = tf.tensor2d(values);
      queue.enqueue(tensor);
      tensor.dispose(); // the queue holds its own copy
      for (const row of values) {
        expected[pointer] = row;
        pointer = (pointer + 1) % size;
      }
      snapshots.push(queue.tensor().arraySync());
      expect(snapshots[batch]).toEqual(expected);
      expect(queue.pointer).toBe(pointer);
    });
    // Spelled out: the third 2-row batch wraps from slot 4 to slot 0 ...
    expect(snapshots[2]).toEqual([[2, 1], [0, 1], [1, 0], [1, 1], [2, 0]]);
    // ... and the 7-row batch, written from slot 1, leaves only its newest five rows.
    expect(snapshots[3]).toEqual([[3, 4], [3, 5], [3, 6], [3, 2], [3, 3]]);
    queue.dispose();
  });

  it('leaks no tensors, also when enqueued inside a tf.tidy', () => {
    const queue = new EmbeddingQueue(4, 2);
    const batch = tf.tensor2d(batchRows(1, 3));
    const before = tf.memory().numTensors;
    queue.enqueue(batch);
    tf.tidy(() => queue.enqueue(batch));
    expect(tf.memory().numTensors).toBe(before);
    expect(queue.tensor().arraySync()).toEqual([[1, 1], [1, 2], [1, 2], [1, 0]]);
    queue.dispose();
    batch.dispose();
    expect(tf.memory().numTensors).toBe(before - 2);
  });

  it('rejects bad sizes, batches of another width and use after dispose', () => {
    expect(() => new EmbeddingQueue(0, 2)).toThrow('EmbeddingQueue: size must be a positive integer, got 0');
    expect(() => new EmbeddingQueue(3, 1.5)).toThrow('EmbeddingQueue: dim must be a positive integer, got 1.5');
    const queue = new EmbeddingQueue(3, 2);
    expect(() => queue.enqueue(tf.zeros([2, 3]))).toThrow('EmbeddingQueue.enqueue: batch [2, 3] must have 2 columns like the queue [3, 2]');
    expect(() => queue.enqueue(tf.zeros([2]))).toThrow('EmbeddingQueue.enqueue: batch must be a 2-D tensor [N, D], got shape [2]');
    queue.dispose();
    expect(() => queue.tensor()).toThrow('EmbeddingQueue: used after dispose()');
  });
});
