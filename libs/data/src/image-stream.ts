import type { Dataset } from './dataset.js';

/** A file an import left out (skipBad), and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** Images [start, end) of a stream's positions, HWC uint8 back to back, one label each (-1: unlabeled). */
export interface ImageBatch {
  images: Uint8Array;
  labels: Int32Array;
  count: number;
  /** Positions of the range that were left out (skipBad); count + skipped.length = end - start. */
  skipped: SkippedFile[];
}

/**
 * A dataset read a range at a time, so an import never holds more than one shard of it: `count`
 * positions, each one image (or, when bad input is skipped, none). Reading a range twice gives
 * the same bytes, so an interrupted import can resume at any range boundary.
 */
export interface ImageStream {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** Empty for an unlabeled dataset (every label -1). */
  readonly classNames: string[];
  read(start: number, end: number): Promise<ImageBatch>;
}

/** A stream over a dataset already in memory (IDX, CIFAR and synthetic files are small by nature). */
export function datasetStream(dataset: Dataset): ImageStream {
  const size = dataset.height * dataset.width * dataset.channels;
  return {
    count: dataset.count,
    height: dataset.height,
    width: dataset.width,
    channels: dataset.channels,
    classNames: dataset.classNames,
    read: async (start, end) => ({
      images: dataset.images.subarray(start * size, end * size),
      labels: dataset.labels.subarray(start, end),
      count: end - start,
      skipped: [],
    }),
  };
}
