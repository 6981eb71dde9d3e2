import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { imageAt } from './dataset.js';
import { loadImageFolder } from './image-folder.js';

const root = mkdtempSync(join(tmpdir(), 'ssl-data-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Rgba = [number, number, number, number];

/** RGBA bytes of a height x width image whose pixel (y, x) is `pixel(y, x)`. */
function rgba(height: number, width: number, pixel: (y: number, x: number) => Rgba): Buffer {
  const data = Buffer.alloc(height * width * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(y, x), (y * width + x) * 4);
  return data;
}

function png(height: number, width: number, pixel: (y: number, x: number) => Rgba): Buffer {
  const image = new PNG({ width, height });
  image.data = rgba(height, width, pixel);
  return PNG.sync.write(image);
}

function jpg(height: number, width: number, pixel: (y: number, x: number) => Rgba): Buffer {
  return jpeg.encode({ data: rgba(height, width, pixel), width, height }, 100).data;
}

let dirCount = 0;
function folder(files: Record<string, Buffer | string>): string {
  const dir = join(root, String(dirCount++));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const gray = (v: number) => (): Rgba => [v, v, v, 255];

describe('loadImageFolder', () => {
  it('labels images by sorted subfolder, decodes PNG exactly and JPEG closely, drops alpha', () => {
    const dir = folder({
      'dog/b.png': png(2, 2, (y, x) => [10 * y, 20 * x, 200, x === 1 ? 0 : 255]),
      'cat/z.jpg': jpg(2, 2, () => [200, 40, 40, 255]),
      'cat/a.PNG': png(2, 2, gray(7)),
      'cat/notes.txt': 'ignored',
    });
    const ds = loadImageFolder(dir);
    expect(ds.classNames).toEqual(['cat', 'dog']);
    expect([...ds.labels]).toEqual([0, 0, 1]);
    expect([ds.count, ds.height, ds.width, ds.channels]).toEqual([3, 2, 2, 3]);
    expect([...imageAt(ds, 0).data]).toEqual(new Array(12).fill(7));
    const jpegPixels = [...imageAt(ds, 1).data];
    jpegPixels.forEach((value, i) => expect(Math.abs(value - [200, 40, 40][i % 3])).toBeLessThanOrEqual(3));
    expect([...imageAt(ds, 2).data]).toEqual([0, 0, 200, 0, 20, 200, 10, 0, 200, 10, 20, 200]);
  });

  it('gives 1 channel when every image is gray, and converts colour to luminance on request', () => {
    const grayDir = folder({ 'a/1.png': png(1, 2, (_, x) => [x * 90, x * 90, x * 90, 255]), 'b/1.png': png(1, 2, gray(33)) });
    const grayDs = loadImageFolder(grayDir);
    expect(grayDs.channels).toBe(1);
    expect([...grayDs.images]).toEqual([0, 90, 33, 33]);
    const colourDir = folder({ 'a/1.png': png(1, 1, () => [100, 50, 200, 255]) });
    expect([...loadImageFolder(colourDir, { channels: 1 }).images]).toEqual([Math.round(0.299 * 100 + 0.587 * 50 + 0.114 * 200)]);
    expect(loadImageFolder(grayDir, { channels: 3 }).images.length).toBe(4 * 3);
  });

  it('requires one size unless a size is given, then resizes bilinearly', () => {
    const dir = folder({ 'a/big.png': png(4, 4, gray(80)), 'a/small.png': png(1, 2, (_, x) => [x * 200, x * 200, x * 200, 255]) });
    expect(() => loadImageFolder(dir)).toThrow(`${join(dir, 'a/small.png')}: is 1x2 but ${join(dir, 'a/big.png')} is 4x4; pass a size to resize`);
    const ds = loadImageFolder(dir, { size: { height: 1, width: 4 } });
    expect([...imageAt(ds, 0).data]).toEqual([80, 80, 80, 80]);
    // 1x2 -> 1x4 samples at 0.25, 0.75, 1.25, 1.75 pixels: [0, 0.25, 0.75, 1] of the step.
    expect([...imageAt(ds, 1).data]).toEqual([0, 50, 150, 200]);
  });

  it('rejects corrupt images and empty class folders, naming them', () => {
    const corrupt = folder({ 'a/ok.png': png(1, 1, gray(1)), 'a/bad.png': Buffer.from('not a png at all') });
    expect(() => loadImageFolder(corrupt)).toThrow(new RegExp(`${join(corrupt, 'a/bad.png')}: cannot decode image`));
    const empty = folder({ 'a/ok.png': png(1, 1, gray(1)), 'b/readme.txt': 'x' });
    expect(() => loadImageFolder(empty)).toThrow(`${join(empty, 'b')}: class folder has no .png/.jpg/.jpeg images`);
  });
});
