import { describe, expect, it } from 'vitest';
import { assertDataset, imageAt, subset, type Dataset } from './dataset.js';

// Three 1x2 two-channel images whose bytes count up, labels 0, 1, 0.
const tiny: Dataset = {
  images: Uint8Array.from({ length: 12 }, (_, i) => i),
  labels: Int32Array.from([0, 1, 0]),
  count: 3,
  height: 1,
  width: 2,
  channels: 2,
  classNames: ['a', 'b'],
};

describe('dataset helpers', () => {
  it('imageAt returns the image bytes without copying', () => {
    const image = imageAt(tiny, 1);
    expect([...image.data]).toEqual([4, 5, 6, 7]);
    expect(image.data.buffer).toBe(tiny.images.buffer);
    expect(() => imageAt(tiny, 3)).toThrow(/image index 3 is outside the dataset's 3 images/);
  });

  it('subset takes indices in order, or the first N', () => {
    const picked = subset(tiny, [2, 0]);
    expect([...picked.images]).toEqual([8, 9, 10, 11, 0, 1, 2, 3]);
    expect([...picked.labels]).toEqual([0, 0]);
    expect(picked.count).toBe(2);
    const first = subset(tiny, 2);
    expect([...first.images]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...first.labels]).toEqual([0, 1]);
    expect(subset(tiny, 10).count).toBe(3);
    expect(() => subset(tiny, [0, 5])).toThrow(/image index 5/);
  });

  it('assertDataset names the inconsistency', () => {
    expect(() => assertDataset({ ...tiny, labels: Int32Array.from([0, 1]) }, 'x')).toThrow('x: 2 labels for 3 images');
    expect(() => assertDataset({ ...tiny, labels: Int32Array.from([0, 2, 0]) }, 'x')).toThrow(/label 2 of image 1 is outside the 2 class names/);
    expect(() => assertDataset({ ...tiny, count: 4 }, 'x')).toThrow(/images hold 12 bytes, expected 16/);
  });
});
