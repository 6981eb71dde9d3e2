import { renderBatch } from '@ssl-distill/augment';
import { imageAt, type Dataset } from '@ssl-distill/data';
import { knnProbe, type FeatureSet, type KnnOptions, type KnnResult } from '@ssl-distill/probes';

/**
 * Every image's pixels as one feature row, rendered exactly as the evaluate stage renders a probe's
 * input (the fixed, un-augmented plan): the floor a learned embedding has to clear under the same probe.
 */
export function pixelFeatures(dataset: Dataset): FeatureSet {
  const samples = Array.from({ length: dataset.count }, (_, sample) => sample);
  // renderBatch is what the pipeline's renderViews runs on each chunk of a stored dataset's shards.
  const { data, shape } = renderBatch((sample) => imageAt(dataset, sample), { kind: 'fixed' }, samples.map((sample) => ({ sample, epoch: 0, view: 0 })));
  return { features: data, labels: dataset.labels, dim: shape[1] * shape[2] * shape[3] };
}

/** k-NN probe (cosine, weighted vote) on raw pixels: the "no model at all" row of a results table. */
export function pixelKnn(train: Dataset, test: Dataset, options: KnnOptions = {}): KnnResult {
  return knnProbe(pixelFeatures(train), pixelFeatures(test), options);
}
