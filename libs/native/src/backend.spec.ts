import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { NativeBackend } from './backend.js';
import { CPU_TOLERANCE, nativeDisabled, normalizedError, randomValues, requireNativeBackend } from './testing/compare.js';

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

describe.skipIf(nativeDisabled)('NativeBackend deferred outputs', () => {
  let backend: NativeBackend;
  const shape = [3, 5, 7, 6];
  const channelValues = () => tf.tensor(randomValues(6, 2), [1, 1, 1, 6]);
  const full = () => tf.tensor(randomValues(tf.util.sizeFromShape(shape), 3), shape);

  beforeAll(async () => {
    await requireNativeBackend();
    await tf.setBackend('native');
    backend = tf.backend() as NativeBackend;
  });

  /** The same computation on the cpu backend, for the expected values. */
  async function onCpu(compute: () => tf.Tensor): Promise<Float32Array> {
    await tf.setBackend('cpu');
    const values = tf.tidy(() => Float32Array.from(compute().dataSync()));
    await tf.setBackend('native');
    return values;
  }

  it('reads a broadcast in binary kernels without writing it out, with the values of the written one', async () => {
    const compute = () => {
      const broadcast = tf.broadcastTo(channelValues(), shape);
      return tf.sub(tf.add(full(), broadcast), tf.mul(broadcast, tf.scalar(3)));
    };
    const expected = await onCpu(compute);
    const before = backend.numDataIds();
    const actual = tf.tidy(() => {
      const broadcast = tf.broadcastTo(channelValues(), shape);
      const sum = tf.add(full(), broadcast);
      const result = tf.sub(sum, tf.mul(broadcast, tf.scalar(3)));
      expect(backend.isDeferred(broadcast)).toBe(true);
      return Float32Array.from(result.dataSync());
    });
    expect(actual).toEqual(expected);
    expect(backend.numDataIds()).toBe(before);
  });

  it('computes a deferred output when anything reads it: dataSync, a cpu kernel, a reshape of it', async () => {
    const reads = (broadcast: tf.Tensor) => [
      broadcast,
      tf.cumsum(broadcast, 1), // a cpu kernel
      tf.add(tf.reshape(broadcast, [-1]), tf.reshape(full(), [-1])), // the reshape shares the data id under another shape
    ];
    await tf.setBackend('cpu');
    const expected = tf.tidy(() => reads(tf.broadcastTo(channelValues(), shape)).map((t) => Float32Array.from(t.dataSync())));
    await tf.setBackend('native');
    for (let read = 0; read < expected.length; read++) {
      const actual = tf.tidy(() => Float32Array.from(reads(tf.broadcastTo(channelValues(), shape))[read].dataSync()));
      expect(actual, `read ${read}`).toEqual(expected[read]);
    }
  });

  it('adds a large same-shape sum into the next add in one pass, rounding as two adds', async () => {
    const big = [4, 32, 32, 17]; // above the deferred-sum size, channels off the SIMD width
    const term = (seed: number, shape = big) => tf.tensor(randomValues(tf.util.sizeFromShape(shape), seed), shape);
    const chains: Array<[string, () => tf.Tensor]> = [
      ['a row of channels', () => tf.add(tf.add(term(6), term(7)), term(8, [1, 1, 1, 17]))],
      ['a broadcast of a row', () => tf.add(tf.add(term(6), term(7)), tf.broadcastTo(term(8, [1, 1, 1, 17]), big))],
      ['a full operand first', () => tf.add(term(8), tf.add(term(6), term(7)))],
      ['three adds', () => tf.add(tf.add(tf.add(term(6), term(7)), term(8)), term(9))],
      ['a sum read by another kernel', () => tf.relu(tf.add(term(6), term(7)))],
    ];
    for (const [name, compute] of chains) {
      const expected = await onCpu(compute);
      const before = backend.numDataIds();
      const actual = tf.tidy(() => Float32Array.from(compute().dataSync()));
      expect(actual, name).toEqual(expected);
      expect(backend.numDataIds(), name).toBe(before);
    }
    tf.tidy(() => {
      expect(backend.isDeferred(tf.add(term(6), term(7)))).toBe(true);
    });
  });

  it('computes from the data its inputs had: a variable assigned the sum of itself and one', () => {
    const big = [4, 32, 32, 17];
    const variable = tf.variable(tf.fill(big, 1));
    const next = tf.add(variable, tf.onesLike(variable)); // deferred, holding the variable's data
    variable.assign(next); // the variable now has next's data id
    expect(backend.isDeferred(variable)).toBe(true);
    expect(Array.from(new Set(variable.dataSync()))).toEqual([2]);
    tf.dispose([variable, next]);
  });

  it('never computes an unread output and releases what it held when disposed', () => {
    const before = backend.numDataIds();
    const dy = tf.tensor(randomValues(2 * 16 * 16 * 8, 4), [2, 16, 16, 8]);
    const filter = tf.tensor(randomValues(7 * 7 * 3 * 8, 5), [7, 7, 3, 8]);
    const imageGradient = tf.conv2dTranspose(dy, filter, [2, 32, 32, 3], 2, 'same');
    expect(backend.isDeferred(imageGradient)).toBe(true);
    tf.dispose([dy, filter]);
    expect(backend.numDataIds()).toBe(before + 3); // dy and filter are held while it may still be read
    imageGradient.dispose();
    expect(backend.numDataIds()).toBe(before);
  });

  it('a deferred convolution input gradient equals the cpu backend`s', async () => {
    const dyValues = randomValues(2 * 16 * 16 * 8, 4);
    const filterValues = randomValues(7 * 7 * 3 * 8, 5);
    const compute = () =>
      tf.conv2dTranspose(tf.tensor(dyValues, [2, 16, 16, 8]), tf.tensor(filterValues, [7, 7, 3, 8]), [2, 32, 32, 3], 2, 'same');
    const expected = await onCpu(compute);
    const actual = tf.tidy(() => Float32Array.from(compute().dataSync()));
    expect(normalizedError(actual, expected)).toBeLessThanOrEqual(CPU_TOLERANCE);
  });
});
