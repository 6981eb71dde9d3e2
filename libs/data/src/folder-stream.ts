// Image folders read with sharp (libvips): decoding, colour conversion and resizing run on libuv's
// worker threads inside sharp, `concurrency` images at a time, so the JS thread only reads files and
// assembles shards. Nothing holds more than one range of decoded images.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { luminanceAt, rngFromInts } from '@ssl-distill/augment';
import sharp from 'sharp';
import { DatasetFileError } from './dataset.js';
import type { ImageBatch, ImageStream, SkippedFile } from './image-stream.js';

export interface FolderStreamOptions {
  /** Shorter side resized to `size`, then the centre `size` x `size` crop (ImageNet preprocessing). Without it every image must share one size. */
  size?: number;
  /** Output channels; default 1 when every image is stored gray (libvips 'b-w'), else 3. Alpha is dropped, CMYK converted to sRGB. */
  channels?: 1 | 3;
  /** Keep the first `limit` images of the (shuffled) order. */
  limit?: number;
  /** Leave out files that are empty, unreadable as images or corrupt, and report them, instead of failing. */
  skipBad?: boolean;
  /** Images decoded at once; default the machine's parallelism. */
  concurrency?: number;
}

/** The folder's images, their order and the fingerprint that names the import. */
export interface FolderStream extends ImageStream {
  /** Hex sha256 over the options, the decoder's version and every used file's relative path and bytes. */
  readonly fingerprint: string;
  /** Files the scan already left out (skipBad): empty, or not an image. */
  readonly scanSkipped: SkippedFile[];
  /** The image files in stored order (position i is files[i]). */
  readonly files: readonly string[];
}

// Files are stored in a fixed shuffled order, not class by class: a shard (and a window of shards
// that training shuffles within) then mixes every class, as a shuffle of the whole set would.
const FOLDER_ORDER_SEED = 0x0f01de75;

async function listDirectory(dir: string): Promise<{ dirs: string[]; files: string[] }> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new DatasetFileError(dir, `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const visible = entries.filter((entry) => !entry.name.startsWith('.'));
  const names = (keep: (entry: (typeof visible)[number]) => boolean) => visible.filter(keep).map((entry) => entry.name).sort();
  // A symlink counts as a file: one that points nowhere fails to read, naming itself.
  return { dirs: names((entry) => entry.isDirectory()), files: names((entry) => entry.isFile() || entry.isSymbolicLink()) };
}

/** Lists `dir`: a class per subfolder (labels in sorted order), or, with no subfolders, a flat unlabeled folder. */
async function listImages(dir: string): Promise<{ classNames: string[]; entries: { file: string; label: number }[] }> {
  const top = await listDirectory(dir);
  if (top.dirs.length === 0) {
    if (top.files.length === 0) throw new DatasetFileError(dir, 'folder has no images (and no class subfolders)');
    return { classNames: [], entries: top.files.map((name) => ({ file: join(dir, name), label: -1 })) };
  }
  const entries = [];
  for (const [label, className] of top.dirs.entries()) {
    const classDir = join(dir, className);
    const { files } = await listDirectory(classDir);
    if (files.length === 0) throw new DatasetFileError(classDir, 'class folder has no images');
    entries.push(...files.map((name) => ({ file: join(classDir, name), label })));
  }
  return { classNames: top.dirs, entries };
}

async function readImageFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new DatasetFileError(file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Why `bytes` cannot be imported, or undefined with its header's size and whether it is stored gray. */
async function inspect(bytes: Buffer): Promise<{ fault: string } | { height: number; width: number; gray: boolean }> {
  if (bytes.length === 0) return { fault: 'empty file (0 bytes)' };
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height) return { fault: 'not an image (no dimensions)' };
    return { height: meta.height, width: meta.width, gray: meta.space === 'b-w' || (meta.channels ?? 3) <= 2 };
  } catch (error) {
    return { fault: `not a readable image (${(error as Error).message})` };
  }
}

/**
 * Decodes one image to exactly height x width x channels uint8 bytes: sRGB (CMYK and gray
 * converted, alpha dropped), and for one channel the ITU-R 601 luma of that, as the in-memory
 * folder reader and PIL's convert('L') compute it (libvips' own 'b-w' is CIE lightness instead).
 * Truncated or corrupt data fails (sharp's default failOn 'warning'), never a half-grey image.
 */
export async function decodeImage(bytes: Buffer, height: number, width: number, channels: 1 | 3, resize: boolean): Promise<Uint8Array> {
  let image = sharp(bytes);
  if (resize) image = image.resize({ width, height, fit: 'cover', position: 'centre' });
  const { data, info } = await image.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height || info.channels !== 3) {
    throw new Error(`decoded to ${info.height}x${info.width}x${info.channels}, expected ${height}x${width}x3`);
  }
  if (channels === 3) return data;
  const gray = new Uint8Array(height * width);
  for (let p = 0; p < gray.length; p++) gray[p] = Math.round(luminanceAt(data, 3 * p, 3));
  return gray;
}

async function mapConcurrent<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * Scans `dir` (reads every file once: hashes it, checks its header) and returns a stream that
 * decodes any range of it. Errors name the file; with skipBad, bad files are left out and listed.
 */
export async function openImageFolder(dir: string, options: FolderStreamOptions = {}): Promise<FolderStream> {
  const concurrency = options.concurrency ?? availableParallelism();
  const { classNames, entries } = await listImages(dir);
  const scanSkipped: SkippedFile[] = [];
  const hash = createHash('sha256').update(JSON.stringify({ reader: 'folder', sharp: sharp.versions, size: options.size ?? null, channels: options.channels ?? null, classNames }));
  const kept: { file: string; label: number }[] = [];
  let first: { file: string; height: number; width: number } | undefined;
  let allGray = true;
  // Scan in chunks: headers are checked concurrently, hashed in order, never more than a chunk in memory.
  for (let start = 0; start < entries.length; start += concurrency * 4) {
    const chunk = entries.slice(start, start + concurrency * 4);
    const scanned = await mapConcurrent(chunk, concurrency, async (entry) => {
      const bytes = await readImageFile(entry.file);
      return { entry, bytes, info: await inspect(bytes) };
    });
    for (const { entry, bytes, info } of scanned) {
      if ('fault' in info) {
        if (!options.skipBad) throw new DatasetFileError(entry.file, `${info.fault}; pass skipBad (--skip-bad) to import the other files`);
        scanSkipped.push({ file: entry.file, reason: info.fault });
        continue;
      }
      if (options.size === undefined) {
        first ??= { file: entry.file, ...info };
        if (info.height !== first.height || info.width !== first.width) {
          throw new DatasetFileError(entry.file, `is ${info.height}x${info.width} but ${first.file} is ${first.height}x${first.width}; set size to resize`);
        }
      }
      allGray &&= info.gray;
      const name = relative(dir, entry.file);
      hash.update(`${name}\0${bytes.length}\0`).update(bytes);
      kept.push(entry);
    }
  }
  if (kept.length === 0) throw new DatasetFileError(dir, `no importable images (${scanSkipped.length} bad files skipped)`);
  const order = rngFromInts([FOLDER_ORDER_SEED, kept.length]).permutation(kept.length);
  const ordered = order.map((i) => kept[i]!).slice(0, options.limit ?? kept.length);
  const height = options.size ?? first!.height;
  const width = options.size ?? first!.width;
  const channels = options.channels ?? (allGray ? 1 : 3);
  const imageBytes = height * width * channels;
  return {
    count: ordered.length,
    height,
    width,
    channels,
    classNames,
    fingerprint: hash.update(`limit=${ordered.length}`).digest('hex'),
    scanSkipped,
    files: ordered.map((entry) => entry.file),
    async read(start: number, end: number): Promise<ImageBatch> {
      const range = ordered.slice(start, end);
      const decoded = await mapConcurrent(range, concurrency, async (entry) => {
        try {
          return await decodeImage(await readImageFile(entry.file), height, width, channels, options.size !== undefined);
        } catch (error) {
          const reason = error instanceof DatasetFileError ? error.fault : `cannot decode (${(error as Error).message})`;
          if (!options.skipBad) throw new DatasetFileError(entry.file, reason);
          return { file: entry.file, reason };
        }
      });
      const good = decoded.filter((item): item is Uint8Array => item instanceof Uint8Array);
      const images = new Uint8Array(good.length * imageBytes);
      const labels = new Int32Array(good.length);
      let n = 0;
      decoded.forEach((item, i) => {
        if (!(item instanceof Uint8Array)) return;
        images.set(item, n * imageBytes);
        labels[n++] = range[i]!.label;
      });
      return { images, labels, count: good.length, skipped: decoded.filter((item): item is SkippedFile => !(item instanceof Uint8Array)) };
    },
  };
}
