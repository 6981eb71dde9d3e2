import { describe, expect, it } from 'vitest';
import { imageAt, subset } from './dataset.js';
import { syntheticDataset } from './synthetic.js';

/** Accuracy of a nearest-class-mean classifier fitted on `train`, measured on `test`. */
function nearestCentroidAccuracy(trainCount: number, seed: number): number {
  const options = { height: 28, width: 28, channels: 1, classes: 10, seed };
  const all = syntheticDataset({ ...options, count: trainCount + 500 });
  const train = subset(all, trainCount);
  const test = subset(
    all,
    Array.from({ length: 500 }, (_, i) => trainCount + i),
  );
  const size = 28 * 28;
  const centroids = Array.from({ length: 10 }, () => new Float64Array(size));
  const counts = new Array<number>(10).fill(0);
  for (let n = 0; n < train.count; n++) {
    const image = imageAt(train, n).data;
    const centroid = centroids[train.labels[n]];
    for (let i = 0; i < size; i++) centroid[i] += image[i];
    counts[train.labels[n]]++;
  }
  centroids.forEach((centroid, k) => centroid.forEach((v, i) => (centroid[i] = v / counts[k])));
  let correct = 0;
  for (let n = 0; n < test.count; n++) {
    const image = imageAt(test, n).data;
    const distances = centroids.map((centroid) => centroid.reduce((sum, v, i) => sum + (v - image[i]) ** 2, 0));
    if (distances.indexOf(Math.min(...distances)) === test.labels[n]) correct++;
  }
  return correct / test.count;
}

describe('syntheticDataset', () => {
  it('is reproducible from its seed and balanced over classes', () => {
    const options = { count: 40, height: 12, width: 10, channels: 3, classes: 4, seed: 5 };
    const a = syntheticDataset(options);
    expect(syntheticDataset(options).images).toEqual(a.images);
    expect(syntheticDataset({ ...options, seed: 6 }).images).not.toEqual(a.images);
    expect(a.images.length).toBe(40 * 12 * 10 * 3);
    const histogram = [0, 0, 0, 0];
    for (const label of a.labels) histogram[label]++;
    expect(histogram).toEqual([10, 10, 10, 10]);
    expect(a.classNames).toEqual(['bar-0deg', 'bar-45deg', 'bar-90deg', 'bar-135deg']);
  });

  it('draws the class bar: a horizontal bar lights the centre row, not the corners', () => {
    const ds = syntheticDataset({ count: 1, height: 28, width: 28, channels: 1, classes: 2, seed: 1 });
    const image = imageAt(ds, 0).data;
    // Label 0 is a horizontal bar within 15% of the centre: some row near the middle is bright all along.
    const rowMeans = Array.from({ length: 28 }, (_, y) => image.subarray(y * 28, (y + 1) * 28).reduce((s, v) => s + v, 0) / 28);
    expect(Math.max(...rowMeans.slice(9, 19))).toBeGreaterThan(150);
    expect(Math.min(rowMeans[0], rowMeans[27])).toBeLessThan(70);
  });

  it('is learnable: nearest class mean reaches over 60% on 10 classes (chance 10%)', () => {
    expect(nearestCentroidAccuracy(1000, 11)).toBeGreaterThan(0.6);
  });

  it('rejects bad sizes, naming the option', () => {
    expect(() => syntheticDataset({ count: 4, height: 0, width: 4, channels: 1, classes: 2, seed: 0 })).toThrow(/height must be an integer >= 1/);
  });
});
