import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import type { NativeBackend } from './backend.js';
import { nativeDisabled, requireNativeBackend } from './testing/compare.js';

describe.skipIf(nativeDisabled)('NativeBackend output buffers', () => {
  let backend: NativeBackend;
  const valuesOf = (t: tf.Tensor) => backend.data.get(t.dataId).values as Float32Array;

  beforeAll(async () => {
    await requireNativeBackend();
    await tf.setBackend('native');
    backend = tf.backend() as NativeBackend;
  });

  it('reuses the buffer of a disposed native result', () => {
    const x = tf.fill([64, 64], 2);
    const first = tf.square(x);
    const buffer = valuesOf(first).buffer;
    first.dispose();
    const second = tf.square(x);
    expect(valuesOf(second).buffer).toBe(buffer);
    expect(second.dataSync().every((v) => v === 4)).toBe(true);
    tf.dispose([x, second]);
  });

  it('gives a smaller result the start of a free buffer up to twice its size, and no smaller one', () => {
    const [big, smaller, tooSmall] = [tf.fill([64, 61], 2), tf.fill([50, 61], 3), tf.fill([20, 61], 5)];
    const first = tf.square(big);
    const buffer = valuesOf(first).buffer;
    first.dispose();
    const second = tf.square(smaller);
    expect(valuesOf(second).buffer).toBe(buffer);
    expect(second.shape).toEqual([50, 61]);
    // Read through the backend, not dataSync(), so the buffer goes back to the pool.
    expect(valuesOf(second).length).toBe(50 * 61);
    expect(valuesOf(second).every((v) => v === 9)).toBe(true);
    // A reader gets an array of its own: its .buffer holds its values and nothing after them.
    const read = tf.clone(second);
    expect(read.dataSync().buffer.byteLength).toBe(50 * 61 * 4);
    expect(valuesOf(read).buffer).toBe(buffer);
    read.dispose();
    second.dispose();
    const third = tf.square(tooSmall);
    expect(valuesOf(third).buffer).not.toBe(buffer);
    expect(third.dataSync().every((v) => v === 25)).toBe(true);
    tf.dispose([big, smaller, tooSmall, third]);
  });

  it('never reuses a buffer that a reader was given', () => {
    const x = tf.fill([64, 64], 3);
    const read = tf.square(x);
    const values = read.dataSync();
    read.dispose();
    tf.dispose([tf.neg(x), tf.neg(x)]);
    expect(values.every((v) => v === 9)).toBe(true);
    x.dispose();
  });

  it('never reuses a buffer while a view of it (a slice) is alive', () => {
    const x = tf.fill([4096], 5);
    const whole = tf.square(x);
    const slice = whole.slice([0], [1024]); // a subarray of whole's buffer
    expect(valuesOf(slice).buffer).toBe(valuesOf(whole).buffer);
    whole.dispose();
    const other = tf.neg(x);
    expect(valuesOf(other).buffer).not.toBe(valuesOf(slice).buffer);
    expect(Array.from(valuesOf(slice)).every((v) => v === 25)).toBe(true);
    tf.dispose([x, slice, other]);
  });
});
