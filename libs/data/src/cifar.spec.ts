import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CIFAR10_CLASSES, loadCifar10, loadCifar100 } from './cifar.js';
import { imageAt } from './dataset.js';

const root = mkdtempSync(join(tmpdir(), 'ssl-data-cifar-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirCount = 0;
function freshDir(files: Record<string, Uint8Array | string>): string {
  const dir = join(root, String(dirCount++));
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** One CIFAR record: label bytes, then R, G, B planes where every plane value is `base + plane`. */
function record(labels: number[], base: number): number[] {
  const pixels: number[] = [];
  for (let plane = 0; plane < 3; plane++) {
    for (let p = 0; p < 1024; p++) pixels.push((base + plane + (p === 33 ? 100 : 0)) % 256);
  }
  return [...labels, ...pixels];
}

describe('CIFAR-10 reader', () => {
  it('converts CHW planes to HWC across sorted batches', () => {
    const dir = freshDir({
      'data_batch_2.bin': Uint8Array.from(record([7], 50)),
      'data_batch_1.bin': Uint8Array.from([...record([3], 10), ...record([0], 20)]),
    });
    const ds = loadCifar10(dir, { split: 'train' });
    expect([ds.count, ds.height, ds.width, ds.channels]).toEqual([3, 32, 32, 3]);
    expect([...ds.labels]).toEqual([3, 0, 7]);
    expect(ds.classNames).toEqual(CIFAR10_CLASSES);
    const first = imageAt(ds, 0).data;
    expect([...first.subarray(0, 3)]).toEqual([10, 11, 12]);
    // Plane index 33 is row 1, column 1: HWC offset (32 + 1) * 3.
    expect([...first.subarray(33 * 3, 33 * 3 + 3)]).toEqual([110, 111, 112]);
    expect([...imageAt(ds, 2).data.subarray(0, 3)]).toEqual([50, 51, 52]);
    expect(loadCifar10(dir, { split: 'train', limit: 2 }).count).toBe(2);
  });

  it('reads test_batch.bin and names from batches.meta.txt', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const dir = freshDir({ 'test_batch.bin': Uint8Array.from(record([9], 0)), 'batches.meta.txt': `${names.join('\n')}\n\n` });
    const ds = loadCifar10(dir, { split: 'test' });
    expect(ds.classNames).toEqual(names);
    expect([...ds.labels]).toEqual([9]);
  });

  it('rejects truncated files, out-of-range labels and wrong name lists, naming the file', () => {
    const truncated = freshDir({ 'test_batch.bin': Uint8Array.from(record([1], 0).slice(0, 3000)) });
    expect(() => loadCifar10(truncated, { split: 'test' })).toThrow(
      `${join(truncated, 'test_batch.bin')}: truncated or not CIFAR: 3000 bytes is not a positive multiple of the 3073-byte record`,
    );
    const badLabel = freshDir({ 'test_batch.bin': Uint8Array.from([...record([1], 0), ...record([12], 0)]) });
    expect(() => loadCifar10(badLabel, { split: 'test' })).toThrow(/test_batch\.bin: record 1 has label 12, but there are 10 classes/);
    const badNames = freshDir({ 'test_batch.bin': Uint8Array.from(record([1], 0)), 'batches.meta.txt': 'cat\ndog\n' });
    expect(() => loadCifar10(badNames, { split: 'test' })).toThrow(/batches\.meta\.txt: 2 class names, expected 10/);
    expect(() => loadCifar10(freshDir({}), { split: 'train' })).toThrow(/no CIFAR-10 data_batch_N\.bin files/);
  });
});

describe('CIFAR-100 reader', () => {
  it('picks the fine or coarse label byte and its names file', () => {
    const fineNames = Array.from({ length: 100 }, (_, k) => `fine${k}`);
    const dir = freshDir({
      'train.bin': Uint8Array.from([...record([4, 42], 0), ...record([19, 99], 5)]),
      'fine_label_names.txt': fineNames.join('\n'),
    });
    const fine = loadCifar100(dir, { split: 'train' });
    expect([...fine.labels]).toEqual([42, 99]);
    expect(fine.classNames[99]).toBe('fine99');
    expect([...imageAt(fine, 1).data.subarray(0, 3)]).toEqual([5, 6, 7]);
    const coarse = loadCifar100(dir, { split: 'train', labels: 'coarse' });
    expect([...coarse.labels]).toEqual([4, 19]);
    expect(coarse.classNames).toHaveLength(20);
    expect(coarse.classNames[4]).toBe('4');
  });

  it('rejects a record with a 3073-byte layout (CIFAR-10 file given as CIFAR-100)', () => {
    const dir = freshDir({ 'test.bin': Uint8Array.from(record([1], 0)) });
    expect(() => loadCifar100(dir, { split: 'test' })).toThrow(/test\.bin: truncated or not CIFAR: 3073 bytes .* 3074-byte record/);
  });
});
