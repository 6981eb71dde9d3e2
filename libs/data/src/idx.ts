import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assertDataset, DatasetFileError, numberedClassNames, subset, type Dataset } from './dataset.js';
import { findFile, readMaybeGzipped } from './files.js';

/** Where Debian's dataset-fashion-mnist package installs the four gzipped IDX files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

export const MNIST_CLASSES = numberedClassNames(10);

export type Split = 'train' | 'test';

const IDX_UBYTE = 0x08;

/** A parsed IDX file of unsigned bytes: its dimensions and its data (a view, not a copy). */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/**
 * Parses IDX bytes (big-endian header: 0x00 0x00 type ndims, then ndims uint32 sizes, then data).
 * `allowedDims` lists the dimension counts the caller accepts (e.g. [3, 4] for images).
 */
export function parseIdx(bytes: Uint8Array, file: string, allowedDims?: readonly number[]): IdxArray {
  if (bytes.length < 4) throw new DatasetFileError(file, `truncated: ${bytes.length} bytes, no IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== IDX_UBYTE || bytes[3] === 0) {
    throw new DatasetFileError(file, `bad magic ${hex32(magic)}, expected 0x000008NN (unsigned-byte IDX, NN dims)`);
  }
  const ndims = bytes[3];
  if (allowedDims !== undefined && !allowedDims.includes(ndims)) {
    const expected = allowedDims.map((n) => hex32((IDX_UBYTE << 8) | n)).join(' or ');
    throw new DatasetFileError(file, `bad magic ${hex32(magic)}, expected ${expected}`);
  }
  const headerLength = 4 + 4 * ndims;
  if (bytes.length < headerLength) {
    throw new DatasetFileError(file, `truncated: header needs ${headerLength} bytes, file has ${bytes.length}`);
  }
  const dims = Array.from({ length: ndims }, (_, d) => view.getUint32(4 + 4 * d));
  const dataLength = dims.reduce((product, size) => product * size, 1);
  const available = bytes.length - headerLength;
  if (available < dataLength) {
    throw new DatasetFileError(file, `truncated: dims ${dims.join('x')} need ${dataLength} data bytes, found ${available}`);
  }
  if (available > dataLength) {
    throw new DatasetFileError(file, `${available - dataLength} bytes after the ${dims.join('x')} data`);
  }
  return { dims, data: bytes.subarray(headerLength) };
}

/** Encodes an unsigned-byte IDX file. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, (IDX_UBYTE << 8) | dims.length);
  dims.forEach((size, d) => view.setUint32(4 + 4 * d, size));
  const bytes = new Uint8Array(header.length + data.length);
  bytes.set(header);
  bytes.set(data, header.length);
  return bytes;
}

const SPLIT_PREFIX: Record<Split, string> = { train: 'train', test: 't10k' };

// Images are idx3 (N, H, W) for one channel; multi-channel datasets are written as idx4 (N, H, W, C).
function imageCandidates(dir: string, split: Split): string[] {
  const prefix = SPLIT_PREFIX[split];
  return ['idx3', 'idx4'].flatMap((kind) =>
    [`${prefix}-images-${kind}-ubyte`, `${prefix}-images.${kind}-ubyte`].flatMap((name) => [
      join(dir, `${name}.gz`),
      join(dir, name),
    ]),
  );
}

function labelCandidates(dir: string, split: Split): string[] {
  const prefix = SPLIT_PREFIX[split];
  return [`${prefix}-labels-idx1-ubyte`, `${prefix}-labels.idx1-ubyte`].flatMap((name) => [
    join(dir, `${name}.gz`),
    join(dir, name),
  ]);
}

export interface IdxLoadOptions {
  split: Split;
  /** Class names: a known set or an explicit list; default "0".."maxLabel". */
  names?: 'fashion-mnist' | 'mnist' | string[];
  /** Keep only the first `limit` images. */
  limit?: number;
}

function classNamesFor(names: IdxLoadOptions['names'], labels: Uint8Array): string[] {
  if (names === 'fashion-mnist') return [...FASHION_MNIST_CLASSES];
  if (names === 'mnist') return [...MNIST_CLASSES];
  if (names !== undefined) return [...names];
  return numberedClassNames(labels.reduce((max, label) => Math.max(max, label), 0) + 1);
}

/** Loads an MNIST-style split (train-* or t10k-* images and labels, gzipped or not) from `dir`. */
export function loadIdxDataset(dir: string, options: IdxLoadOptions): Dataset {
  const imageFile = findFile(imageCandidates(dir, options.split), `${options.split} images`);
  const labelFile = findFile(labelCandidates(dir, options.split), `${options.split} labels`);
  // Images are (N, H, W) or (N, H, W, C); labels are (N).
  const images = parseIdx(readMaybeGzipped(imageFile), imageFile, [3, 4]);
  const labels = parseIdx(readMaybeGzipped(labelFile), labelFile, [1]);
  const [count, height, width, channels = 1] = images.dims;
  if (height === 0 || width === 0 || channels === 0) {
    throw new DatasetFileError(imageFile, `image dims ${images.dims.join('x')} contain a zero`);
  }
  if (labels.dims[0] !== count) {
    throw new DatasetFileError(labelFile, `${labels.dims[0]} labels, but ${imageFile} has ${count} images`);
  }
  const dataset: Dataset = {
    images: images.data,
    labels: Int32Array.from(labels.data),
    count,
    height,
    width,
    channels,
    classNames: classNamesFor(options.names, labels.data),
  };
  assertDataset(dataset, labelFile);
  return options.limit === undefined ? dataset : subset(dataset, options.limit);
}

/** Writes a dataset as `{train,t10k}-{images,labels}` IDX files (gzipped by default); returns their paths. */
export function writeIdxDataset(
  dir: string,
  ds: Dataset,
  split: Split,
  options: { gzip?: boolean } = {},
): { imageFile: string; labelFile: string } {
  assertDataset(ds);
  const tooLarge = ds.labels.findIndex((label) => label > 255);
  if (tooLarge >= 0) throw new RangeError(`label ${ds.labels[tooLarge]} of image ${tooLarge} does not fit an IDX byte`);
  const gzip = options.gzip ?? true;
  const suffix = gzip ? '.gz' : '';
  const prefix = SPLIT_PREFIX[split];
  const imageDims = ds.channels === 1 ? [ds.count, ds.height, ds.width] : [ds.count, ds.height, ds.width, ds.channels];
  const imageFile = join(dir, `${prefix}-images-idx${imageDims.length}-ubyte${suffix}`);
  const labelFile = join(dir, `${prefix}-labels-idx1-ubyte${suffix}`);
  const pack = (bytes: Uint8Array): Uint8Array => (gzip ? gzipSync(bytes) : bytes);
  mkdirSync(dir, { recursive: true });
  writeFileSync(imageFile, pack(encodeIdx(imageDims, ds.images)));
  writeFileSync(labelFile, pack(encodeIdx([ds.count], Uint8Array.from(ds.labels))));
  return { imageFile, labelFile };
}
