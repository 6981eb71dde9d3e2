import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertDataset, DatasetFileError, numberedClassNames, subset, type Dataset } from './dataset.js';
import { findFile, readMaybeGzipped, readNameList } from './files.js';
import type { Split } from './idx.js';

export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

const SIDE = 32;
const PLANE = SIDE * SIDE;
const PIXELS = 3 * PLANE;

interface RecordLayout {
  /** Label bytes before the pixels of each record. */
  labelBytes: number;
  /** Which of the label bytes is the label. */
  labelIndex: number;
  classes: number;
}

/** Decodes binary CIFAR records (label byte(s), then R, G and B 32x32 planes) into HWC images. */
function parseCifarFile(bytes: Uint8Array, file: string, layout: RecordLayout): { images: Uint8Array; labels: Int32Array } {
  const recordLength = layout.labelBytes + PIXELS;
  if (bytes.length === 0 || bytes.length % recordLength !== 0) {
    throw new DatasetFileError(
      file,
      `truncated or not CIFAR: ${bytes.length} bytes is not a positive multiple of the ${recordLength}-byte record`,
    );
  }
  const count = bytes.length / recordLength;
  const images = new Uint8Array(count * PIXELS);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const record = n * recordLength;
    const label = bytes[record + layout.labelIndex];
    if (label >= layout.classes) {
      throw new DatasetFileError(file, `record ${n} has label ${label}, but there are ${layout.classes} classes`);
    }
    labels[n] = label;
    const pixels = record + layout.labelBytes;
    const out = n * PIXELS;
    for (let p = 0; p < PLANE; p++) {
      images[out + 3 * p] = bytes[pixels + p];
      images[out + 3 * p + 1] = bytes[pixels + PLANE + p];
      images[out + 3 * p + 2] = bytes[pixels + 2 * PLANE + p];
    }
  }
  return { images, labels };
}

function loadCifarFiles(files: string[], layout: RecordLayout, classNames: string[], limit?: number): Dataset {
  const parts = files.map((file) => parseCifarFile(readMaybeGzipped(file), file, layout));
  const count = parts.reduce((total, part) => total + part.labels.length, 0);
  const images = new Uint8Array(count * PIXELS);
  const labels = new Int32Array(count);
  let offset = 0;
  for (const part of parts) {
    images.set(part.images, offset * PIXELS);
    labels.set(part.labels, offset);
    offset += part.labels.length;
  }
  const dataset: Dataset = { images, labels, count, height: SIDE, width: SIDE, channels: 3, classNames };
  assertDataset(dataset, files[0]);
  return limit === undefined ? dataset : subset(dataset, limit);
}

function namesFromFile(file: string, classes: number, fallback: string[]): string[] {
  if (!existsSync(file)) return fallback;
  const names = readNameList(file);
  if (names.length !== classes) {
    throw new DatasetFileError(file, `${names.length} class names, expected ${classes}`);
  }
  return names;
}

export interface CifarLoadOptions {
  split: Split;
  /** Keep only the first `limit` images. */
  limit?: number;
}

/** CIFAR-10 binary version: data_batch_{1..5}.bin (train) or test_batch.bin, names from batches.meta.txt. */
export function loadCifar10(dir: string, options: CifarLoadOptions): Dataset {
  let files: string[];
  if (options.split === 'test') {
    files = [findFile([join(dir, 'test_batch.bin')], 'CIFAR-10 test batch')];
  } else {
    const batches = existsSync(dir) ? readdirSync(dir).filter((name) => /^data_batch_\d+\.bin$/.test(name)) : [];
    if (batches.length === 0) throw new DatasetFileError(dir, 'no CIFAR-10 data_batch_N.bin files');
    const batchNumber = (name: string): number => Number(/\d+/.exec(name)?.[0]);
    files = batches.sort((a, b) => batchNumber(a) - batchNumber(b)).map((name) => join(dir, name));
  }
  const classNames = namesFromFile(join(dir, 'batches.meta.txt'), 10, [...CIFAR10_CLASSES]);
  return loadCifarFiles(files, { labelBytes: 1, labelIndex: 0, classes: 10 }, classNames, options.limit);
}

export interface Cifar100LoadOptions extends CifarLoadOptions {
  /** 'fine' (100 classes, default) or 'coarse' (20 superclasses). */
  labels?: 'fine' | 'coarse';
}

/** CIFAR-100 binary version: train.bin or test.bin (coarse, fine label bytes), names from *_label_names.txt. */
export function loadCifar100(dir: string, options: Cifar100LoadOptions): Dataset {
  const fine = (options.labels ?? 'fine') === 'fine';
  const classes = fine ? 100 : 20;
  const file = findFile([join(dir, `${options.split}.bin`)], `CIFAR-100 ${options.split}`);
  const namesFile = join(dir, fine ? 'fine_label_names.txt' : 'coarse_label_names.txt');
  const classNames = namesFromFile(namesFile, classes, numberedClassNames(classes));
  return loadCifarFiles([file], { labelBytes: 2, labelIndex: fine ? 1 : 0, classes }, classNames, options.limit);
}
