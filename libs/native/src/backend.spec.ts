import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { NativeBackend } from './backend.js';
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

  describe('pool limit', () => {
    const megabyte = (1 << 20) / Float32Array.BYTES_PER_ELEMENT; // in floats
    // A backend of its own with a 1 MB floor, driven through the calls kernels and the engine make.
    const poolOf = () => new NativeBackend(backend.addon, 1 << 20);
    const live = (pool: NativeBackend, floats: number) => {
      const values = pool.outputBuffer(floats);
      return { values, dataId: pool.write(values, [floats], 'float32') };
    };

    it('keeps as many free bytes as the tensors ever needed at once, above its floor', () => {
      const pool = poolOf();
      const tensors = [1, 2, 3].map(() => live(pool, megabyte));
      tensors.forEach(({ dataId }) => pool.disposeData(dataId));
      const reused = [1, 2, 3].map(() => pool.outputBuffer(megabyte));
      expect(new Set(reused)).toEqual(new Set(tensors.map(({ values }) => values)));
    });

    it('drops free buffers of other sizes rather than hold more than that high-water mark', () => {
      const pool = poolOf();
      const first = [1, 2, 3].map(() => live(pool, megabyte));
      first.forEach(({ dataId }) => pool.disposeData(dataId));
      // Three live buffers of another size: with the three free ones they would be twice the peak.
      const second = [1, 2, 3].map(() => live(pool, megabyte + 1));
      second.forEach(({ dataId }) => pool.disposeData(dataId));
      expect(first.map(({ values }) => values)).not.toContain(pool.outputBuffer(megabyte));
      expect(second.map(({ values }) => values)).toContain(pool.outputBuffer(megabyte + 1));
    });
  });
});
