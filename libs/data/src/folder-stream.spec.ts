import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { openImageFolder } from './folder-stream.js';

const root = mkdtempSync(join(tmpdir(), 'ssl-data-folder-stream-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Rgb = [number, number, number];

/** Raw RGB(A) pixels of a height x width image whose pixel (y, x) is `pixel(y, x)`. */
function raw(height: number, width: number, channels: number, pixel: (y: number, x: number) => number[]): Buffer {
  const data = Buffer.alloc(height * width * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(y, x), (y * width + x) * channels);
  return data;
}

const solid = (height: number, width: number, rgb: Rgb) => sharp(raw(height, width, 3, () => rgb), { raw: { width, height, channels: 3 } });
const png = (height: number, width: number, rgb: Rgb) => solid(height, width, rgb).png().toBuffer();
const grayPng = (height: number, width: number, value: number) => solid(height, width, [value, value, value]).toColourspace('b-w').png().toBuffer();

let dirCount = 0;
async function folder(files: Record<string, Buffer | string | Promise<Buffer>>): Promise<string> {
  const dir = join(root, String(dirCount++));
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), await content);
  }
  return dir;
}

async function readAll(dir: string, options: Parameters<typeof openImageFolder>[1] = {}) {
  const stream = await openImageFolder(dir, options);
  return { stream, batch: await stream.read(0, stream.count) };
}

describe('openImageFolder', () => {
  it('decodes PNG, JPEG, WebP, CMYK and alpha images to RGB, a class per subfolder, in a fixed shuffled order', async () => {
    const dir = await folder({
      'a/red.png': png(4, 4, [255, 0, 0]),
      'a/green.jpg': solid(4, 4, [0, 255, 0]).jpeg({ quality: 100 }).toBuffer(),
      'b/blue.webp': solid(4, 4, [0, 0, 255]).webp({ lossless: true }).toBuffer(),
      'b/cmyk.jpg': solid(4, 4, [200, 100, 50]).toColourspace('cmyk').jpeg({ quality: 100 }).toBuffer(),
      'b/alpha.png': sharp(raw(4, 4, 4, () => [10, 20, 30, 0]), { raw: { width: 4, height: 4, channels: 4 } }).png().toBuffer(),
    });
    const { stream, batch } = await readAll(dir);
    expect([stream.count, stream.height, stream.width, stream.channels, stream.classNames]).toEqual([5, 4, 4, 3, ['a', 'b']]);
    const expected: Record<string, { label: number; rgb: Rgb; tolerance: number }> = {
      'red.png': { label: 0, rgb: [255, 0, 0], tolerance: 0 },
      'green.jpg': { label: 0, rgb: [0, 255, 0], tolerance: 2 },
      'blue.webp': { label: 1, rgb: [0, 0, 255], tolerance: 0 },
      // CMYK goes through an ICC round trip: near, not exact.
      'cmyk.jpg': { label: 1, rgb: [200, 100, 50], tolerance: 40 },
      // Alpha is dropped, not composited: a fully transparent pixel keeps its colour.
      'alpha.png': { label: 1, rgb: [10, 20, 30], tolerance: 0 },
    };
    expect(stream.files.map((file) => file.slice(dir.length + 1)).sort()).toEqual(['a/green.jpg', 'a/red.png', 'b/alpha.png', 'b/blue.webp', 'b/cmyk.jpg']);
    stream.files.forEach((file, i) => {
      const want = expected[file.split('/').at(-1)!]!;
      expect(batch.labels[i]).toBe(want.label);
      const pixel = Array.from(batch.images.subarray(i * 48 + 5 * 3, i * 48 + 5 * 3 + 3));
      pixel.forEach((value, c) => expect(Math.abs(value - want.rgb[c]!)).toBeLessThanOrEqual(want.tolerance));
    });
    // The same folder opens to the same order and fingerprint; a changed byte changes the fingerprint.
    const again = await openImageFolder(dir);
    expect(again.files).toEqual(stream.files);
    expect(again.fingerprint).toBe(stream.fingerprint);
    writeFileSync(join(dir, 'a/red.png'), await png(4, 4, [254, 0, 0]));
    expect((await openImageFolder(dir)).fingerprint).not.toBe(stream.fingerprint);
  });

  it('resizes the shorter side to size and keeps the centre crop, whatever the input size', async () => {
    // 40 tall, 20 wide: red top quarter, green middle half, blue bottom quarter. Shorter side 20 -> 10
    // makes it 20 tall; the centre 10 rows are the green middle.
    const bands = (y: number): Rgb => (y < 10 ? [255, 0, 0] : y < 30 ? [0, 255, 0] : [0, 0, 255]);
    const tall = sharp(raw(40, 20, 3, (y) => bands(y)), { raw: { width: 20, height: 40, channels: 3 } }).png().toBuffer();
    const wide = sharp(raw(20, 40, 3, (_y, x) => bands(x)), { raw: { width: 40, height: 20, channels: 3 } }).png().toBuffer();
    const dir = await folder({ 'tall.png': tall, 'wide.png': wide, 'small.png': png(3, 5, [0, 255, 0]) });
    const { stream, batch } = await readAll(dir, { size: 10 });
    expect([stream.count, stream.height, stream.width, stream.channels, stream.classNames]).toEqual([3, 10, 10, 3, []]);
    expect(Array.from(batch.labels)).toEqual([-1, -1, -1]);
    for (let i = 0; i < 3; i++) {
      const centre = Array.from(batch.images.subarray(i * 300 + (5 * 10 + 5) * 3, i * 300 + (5 * 10 + 5) * 3 + 3));
      expect(centre).toEqual([0, 255, 0]);
    }
  });

  it('keeps one channel when every image is stored gray, and converts to the channels asked for', async () => {
    const dir = await folder({ 'x/a.png': grayPng(3, 3, 40), 'x/b.png': grayPng(3, 3, 200) });
    const gray = await readAll(dir);
    expect(gray.stream.channels).toBe(1);
    expect(Array.from(gray.batch.images).sort((a, b) => a - b)).toEqual([...new Array(9).fill(40), ...new Array(9).fill(200)]);
    const rgb = await readAll(dir, { channels: 3 });
    expect(rgb.stream.channels).toBe(3);
    expect(rgb.batch.images.length).toBe(2 * 27);
    const colour = await readAll(await folder({ 'x/a.png': png(3, 3, [255, 0, 0]) }), { channels: 1 });
    expect(colour.stream.channels).toBe(1);
    expect(colour.batch.images[0]).toBe(76); // ITU-R 601 luma of pure red: round(0.299 * 255)
  });

  it('requires one size when none is given, naming the odd file', async () => {
    const dir = await folder({ 'a.png': png(4, 4, [1, 2, 3]), 'b.png': png(4, 5, [1, 2, 3]) });
    await expect(openImageFolder(dir)).rejects.toThrow(/b\.png: is 4x5 but .*a\.png is 4x4; set size/);
  });
});

describe('openImageFolder on bad input', () => {
  const good = () => png(4, 4, [9, 9, 9]);

  /** A PNG cut short: its header passes the scan, its decode fails. */
  const truncatedPng = async () => {
    const noisy = raw(32, 32, 3, (y, x) => [(y * 37 + x * 11) % 251, (x * 53) % 251, (y * 7) % 251]);
    const whole = await sharp(noisy, { raw: { width: 32, height: 32, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    return whole.subarray(0, whole.length - 200);
  };

  it('fails on a zero-byte, a non-image or a truncated file, naming it', async () => {
    await expect(openImageFolder(await folder({ 'c/ok.png': good(), 'c/empty.png': '' }))).rejects.toThrow(/c\/empty\.png: empty file \(0 bytes\)/);
    await expect(openImageFolder(await folder({ 'c/ok.png': good(), 'c/notes.jpg': 'not an image' }))).rejects.toThrow(/c\/notes\.jpg: not a readable image/);
    const jpeg = await solid(32, 32, [50, 60, 70]).jpeg().toBuffer();
    await expect(openImageFolder(await folder({ 'c/ok.png': good(), 'c/cut.jpg': jpeg.subarray(0, jpeg.length / 2) }))).rejects.toThrow(/c\/cut\.jpg: not a readable image/);
    const stream = await openImageFolder(await folder({ 'c/ok.png': good(), 'c/cut.png': truncatedPng() }), { size: 8 });
    await expect(stream.read(0, stream.count)).rejects.toThrow(/c\/cut\.png: cannot decode/);
  });

  it('with skipBad imports the rest and lists what it left out', async () => {
    const jpeg = await solid(32, 32, [50, 60, 70]).jpeg().toBuffer();
    const dir = await folder({ 'c/ok.png': good(), 'c/empty.png': '', 'c/notes.jpg': 'text', 'c/cut.png': truncatedPng(), 'd/fine.jpg': jpeg });
    const { stream, batch } = await readAll(dir, { size: 8, skipBad: true });
    expect(stream.scanSkipped.map((bad) => bad.file.slice(dir.length + 1)).sort()).toEqual(['c/empty.png', 'c/notes.jpg']);
    expect(stream.count).toBe(3);
    expect(batch.count).toBe(2);
    expect(batch.skipped.map((bad) => bad.file.slice(dir.length + 1))).toEqual(['c/cut.png']);
    expect(Array.from(batch.labels).sort()).toEqual([0, 1]);
    expect(batch.images.length).toBe(2 * 8 * 8 * 3);
  });

  it('fails clearly on an empty folder, an empty class folder and a file it cannot read', async () => {
    await expect(openImageFolder(await folder({}))).rejects.toThrow(/folder has no images/);
    const emptyClass = await folder({ 'a/x.png': good() });
    mkdirSync(join(emptyClass, 'b'));
    await expect(openImageFolder(emptyClass)).rejects.toThrow(/\/b: class folder has no images/);
    const dangling = await folder({ 'a/x.png': good() });
    symlinkSync(join(dangling, 'nowhere.png'), join(dangling, 'a/gone.png'));
    await expect(openImageFolder(dangling)).rejects.toThrow(/a\/gone\.png: cannot read the file \(ENOENT\)/);
    await expect(openImageFolder(join(root, 'missing'))).rejects.toThrow(/missing: cannot read the folder \(ENOENT\)/);
  });
});
