import type { HwcImage } from '@ssl-distill/augment';

/** An in-memory labelled image dataset: N uint8 images in NHWC order, one label each. */
export interface Dataset {
  /** count * height * width * channels bytes, NHWC. */
  images: Uint8Array;
  labels: Int32Array;
  count: number;
  height: number;
  width: number;
  channels: number;
  /** classNames[label] names a class; every label is a valid index. */
  classNames: string[];
}

/** A malformed or missing dataset file; `file` names it and `fault` says what is wrong. */
export class DatasetFileError extends Error {
  constructor(
    readonly file: string,
    readonly fault: string,
  ) {
    super(`${file}: ${fault}`);
    this.name = 'DatasetFileError';
  }
}

/** Checks that the fields of a dataset agree with each other; `source` names it in errors. */
export function assertDataset(ds: Dataset, source = 'dataset'): void {
  for (const dim of ['height', 'width', 'channels'] as const) {
    if (!Number.isInteger(ds[dim]) || ds[dim] < 1) {
      throw new DatasetFileError(source, `${dim} must be a positive integer, got ${ds[dim]}`);
    }
  }
  if (!Number.isInteger(ds.count) || ds.count < 0) {
    throw new DatasetFileError(source, `count must be a non-negative integer, got ${ds.count}`);
  }
  const expected = ds.count * ds.height * ds.width * ds.channels;
  if (ds.images.length !== expected) {
    throw new DatasetFileError(
      source,
      `images hold ${ds.images.length} bytes, expected ${expected} (${ds.count}x${ds.height}x${ds.width}x${ds.channels})`,
    );
  }
  if (ds.labels.length !== ds.count) {
    throw new DatasetFileError(source, `${ds.labels.length} labels for ${ds.count} images`);
  }
  const firstBad = ds.labels.findIndex((label) => label < 0 || label >= ds.classNames.length);
  if (firstBad >= 0) {
    throw new DatasetFileError(
      source,
      `label ${ds.labels[firstBad]} of image ${firstBad} is outside the ${ds.classNames.length} class names`,
    );
  }
}

function checkIndex(ds: Dataset, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= ds.count) {
    throw new RangeError(`image index ${index} is outside the dataset's ${ds.count} images`);
  }
}

/** Image `index` as a view into the dataset's buffer (no copy). */
export function imageAt(ds: Dataset, index: number): HwcImage {
  checkIndex(ds, index);
  const size = ds.height * ds.width * ds.channels;
  return {
    data: ds.images.subarray(index * size, (index + 1) * size),
    height: ds.height,
    width: ds.width,
    channels: ds.channels,
  };
}

/** The images at `selection` (indices, in that order) or, for a number, the first `selection` images. */
export function subset(ds: Dataset, selection: ArrayLike<number> | number): Dataset {
  if (typeof selection === 'number') {
    if (!Number.isInteger(selection) || selection < 0) {
      throw new RangeError(`subset limit must be a non-negative integer, got ${selection}`);
    }
    const count = Math.min(selection, ds.count);
    const size = ds.height * ds.width * ds.channels;
    return { ...ds, images: ds.images.slice(0, count * size), labels: ds.labels.slice(0, count), count };
  }
  const count = selection.length;
  const size = ds.height * ds.width * ds.channels;
  const images = new Uint8Array(count * size);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const index = selection[i];
    checkIndex(ds, index);
    images.set(ds.images.subarray(index * size, (index + 1) * size), i * size);
    labels[i] = ds.labels[index];
  }
  return { ...ds, images, labels, count, classNames: [...ds.classNames] };
}

/** Names "0" .. "classes-1", for datasets whose files carry no class names. */
export function numberedClassNames(classes: number): string[] {
  return Array.from({ length: classes }, (_, k) => String(k));
}
