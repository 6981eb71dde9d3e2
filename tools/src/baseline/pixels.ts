import { DEFAULT_NORMALIZATION } from '@ssl-distill/augment';
import type { Dataset } from '@ssl-distill/data';
import { knnProbe, type FeatureSet, type KnnOptions, type KnnResult } from '@ssl-distill/probes';

/**
 * The pixels of every image as a feature row, normalised as the default view plan normalises a
 * view ((x / 255 - 0.5) / 0.5): the floor a learned embedding has to clear under the same probe.
 */
export function pixelFeatures(dataset: Dataset): FeatureSet {
  const [mean] = DEFAULT_NORMALIZATION.mean as [number];
  const [std] = DEFAULT_NORMALIZATION.std as [number];
  const features = Float32Array.from(dataset.images, (byte) => (byte / 255 - mean) / std);
  return { features, labels: dataset.labels, dim: dataset.height * dataset.width * dataset.channels };
}

/** k-NN probe (cosine, weighted vote) on raw pixels: the "no model at all" row of a results table. */
export function pixelKnn(train: Dataset, test: Dataset, options: KnnOptions = {}): KnnResult {
  return knnProbe(pixelFeatures(train), pixelFeatures(test), options);
}
