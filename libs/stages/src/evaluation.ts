// Frozen-feature evaluation: embed the un-augmented train and test images with a backbone, then the
// k-NN probe (cosine, weighted vote) and the linear probe, a confusion matrix and a neighbour grid.
import * as tf from '@tensorflow/tfjs';
import { withStageOutputs } from '@ssl-distill/models';
import { confusionMatrix, knnProbe, linearProbe, rankScores, type FeatureSet } from '@ssl-distill/probes';
import type { ConfusionSummary, NeighbourGrid, ProbeSummaries } from '@ssl-distill/report';
import type { ObjectStore } from '@ssl-distill/store';
import { loadModel, saveModel, type DatasetInfo, type DatasetReader, type ViewSource } from '@ssl-distill/data-access';
import { firstNonFinite, NonFiniteValuesError } from './divergence.js';
import type { EvaluateSpec } from '@ssl-distill/spec';

const FIXED_PLAN = { kind: 'fixed' } as const;
/**
 * Images a forward pass embeds at once: the batch the training stages use, so the native backend's
 * buffer pool serves it from the buffers a training step left (twice that needs buffers of twice
 * the size, which the README's first command paid for with 0.2 GB more peak RSS). Each image's
 * embedding does not depend on the batch it is in.
 */
const EMBED_BATCH = 256;

/** Embeds the first `limit` images (default all) in index order; labels come a batch at a time with them. */
export async function embedDataset(encoder: tf.LayersModel, datasetId: string, dataset: DatasetReader, views: ViewSource, options: { limit?: number; batchSize?: number } = {}): Promise<FeatureSet> {
  const count = Math.min(options.limit ?? dataset.count, dataset.count);
  const batchSize = options.batchSize ?? EMBED_BATCH;
  let dim = 0;
  const parts: Float32Array[] = [];
  const labels = new Int32Array(count);
  for (let start = 0; start < count; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, count - start) }, (_, i) => start + i);
    const batch = await views.render(datasetId, FIXED_PLAN, indices, 0, 0);
    labels.set(await dataset.labelsOf(indices), start);
    const features = tf.tidy(() => encoder.apply(tf.tensor4d(batch.data, batch.shape), { training: false }) as tf.Tensor2D);
    dim = features.shape[1];
    parts.push((await features.data()) as Float32Array);
    features.dispose();
  }
  const features = new Float32Array(count * dim);
  parts.reduce((offset, part) => (features.set(part, offset), offset + part.length), 0);
  // A probe over NaN features "finds" neighbours all the same (NaN compares false), so stop here.
  const bad = firstNonFinite(features);
  if (bad >= 0) throw new NonFiniteValuesError(`the embedding of image ${Math.floor(bad / dim)} of dataset ${datasetId} is ${features[bad]}: the model's weights are not finite (retrain it with a lower learning rate)`);
  return { features, labels, dim };
}

export interface ProbeOutcome {
  probes: ProbeSummaries;
  confusion: ConfusionSummary;
  neighbours: NeighbourGrid;
}

const GRID_QUERIES = 8;
const GRID_NEIGHBOURS = 8;

/** A dataset as the probes see it: its shape and names, and the pixels of an image (for the neighbour grid). */
export type ProbedDataset = DatasetInfo & Pick<DatasetReader, 'pixels'>;

export async function runProbes(train: FeatureSet, test: FeatureSet, trainData: ProbedDataset, testData: ProbedDataset, spec: EvaluateSpec, seed: number): Promise<ProbeOutcome> {
  const numClasses = trainData.classNames.length;
  const knn = knnProbe(train, test, { k: spec.knn.k, temperature: spec.knn.temperature, numClasses, neighboursForFirst: GRID_QUERIES });
  const linear = spec.linear ? linearProbe(train, test, { ...spec.linear, learningRate: spec.linear.lr, numClasses, seed }) : undefined;
  const predictions = linear?.predictions ?? knn.predictions;
  const { counts } = linear?.confusion ?? confusionMatrix(test.labels, predictions, numClasses);
  const matrix = Array.from({ length: numClasses }, (_, truth) => Array.from(counts.subarray(truth * numClasses, (truth + 1) * numClasses)));
  const grid = knn.neighbours!;
  const neighbourCount = Math.min(GRID_NEIGHBOURS, grid.k);
  const queries = [];
  for (let q = 0; q < grid.rows; q++) {
    const neighbours = [];
    for (let j = 0; j < neighbourCount; j++) {
      const index = grid.indices[q * grid.k + j]!;
      neighbours.push({ pixels: await trainData.pixels(index), label: train.labels[index]!, similarity: grid.similarities[q * grid.k + j]! });
    }
    queries.push({ pixels: await testData.pixels(q), label: test.labels[q]!, predicted: knn.predictions[q]!, neighbours });
  }
  return {
    probes: {
      knn: { top1: knn.top1, top5: knn.top5, k: spec.knn.k, temperature: spec.knn.temperature },
      ...(linear && spec.linear && { linear: { top1: linear.top1, top5: linear.top5, epochs: spec.linear.epochs } }),
    },
    confusion: { classNames: trainData.classNames, matrix },
    neighbours: { height: testData.height, width: testData.width, channels: testData.channels, queries },
  };
}

/** At most this many train and test images in the per-epoch quick k-NN. */
export const QUICK_KNN_LIMITS = { train: 5000, test: 1000 } as const;

/** The subsets quickKnn really uses on these datasets (the report's chart title names them). */
export function quickKnnSizes(trainCount: number, testCount: number, limits = QUICK_KNN_LIMITS): { trainImages: number; testImages: number } {
  return { trainImages: Math.min(limits.train, trainCount), testImages: Math.min(limits.test, testCount) };
}

/** A quick k-NN top-1 on subsets, for the per-epoch accuracy curve. */
export async function quickKnn(encoder: tf.LayersModel, views: ViewSource, train: { id: string; data: DatasetReader }, test: { id: string; data: DatasetReader }, limits: { train: number; test: number } = QUICK_KNN_LIMITS): Promise<number> {
  const trainSet = await embedDataset(encoder, train.id, train.data, views, { limit: limits.train });
  const testSet = await embedDataset(encoder, test.id, test.data, views, { limit: limits.test });
  return knnProbe(trainSet, testSet, { numClasses: train.data.classNames.length }).top1;
}

/** Test accuracy of a network's own classification head(s) (no probe trained on top). */
export interface ClassifierSummary {
  top1: number;
  top5: number;
}

/**
 * The probes of a report plus, where the network has them, its own heads' test accuracy:
 * `classifier` (the classifier a supervised / KD run trained) and `heads` (self-distillation's
 * per-stage heads, shallow to deep). report.json and the eval job's result carry them.
 */
export interface PipelineProbes extends ProbeSummaries {
  classifier?: ClassifierSummary;
  heads?: ClassifierSummary[];
}

function accuracyOf(logits: Float32Array, numClasses: number, labels: Int32Array): ClassifierSummary {
  const { top1, top5 } = rankScores(logits, numClasses, labels);
  return { top1, top5 };
}

/** The run's classifier applied to the (already embedded) backbone features of the test set. */
export function classifierAccuracy(classifier: tf.LayersModel, test: FeatureSet, numClasses: number, batchSize = 2048): ClassifierSummary {
  const count = test.labels.length;
  const logits = new Float32Array(count * numClasses);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const part = tf.tidy(() => {
      const features = tf.tensor2d(test.features.subarray(start * test.dim, (start + n) * test.dim), [n, test.dim]);
      return classifier.apply(features, { training: false }) as tf.Tensor2D;
    });
    logits.set(part.dataSync(), start * numClasses);
    part.dispose();
  }
  return accuracyOf(logits, numClasses, test.labels);
}

/** Self-distillation's per-stage heads are trainable models `head1`, `head2`, ... of the method. */
const STAGE_HEAD = /^head(\d+)$/;

/** Saves a run's per-stage heads (if its method has any) under {prefix}heads/{i}/ (i from 1). */
export async function saveStageHeads(store: ObjectStore, prefix: string, models: Record<string, tf.LayersModel>): Promise<number> {
  const heads = Object.entries(models).filter(([role]) => STAGE_HEAD.test(role));
  for (const [role, model] of heads) await saveModel(store, `${prefix}heads/${STAGE_HEAD.exec(role)![1]}/`, model);
  return heads.length;
}

/** The per-stage heads saved by saveStageHeads, shallow to deep (empty when the run has none). */
export async function loadStageHeads(store: ObjectStore, prefix: string): Promise<tf.LayersModel[]> {
  const heads: tf.LayersModel[] = [];
  while (await store.exists(`${prefix}heads/${heads.length + 1}/model.json`)) heads.push(await loadModel(store, `${prefix}heads/${heads.length + 1}/`));
  return heads;
}

/**
 * Test accuracy of each per-stage head: head i reads stage i's output of the backbone
 * (withStageOutputs) and gives [features, logits]; un-augmented test images, inference mode.
 */
export async function stageHeadAccuracies(backbone: tf.LayersModel, heads: readonly tf.LayersModel[], datasetId: string, dataset: Pick<DatasetInfo, 'count' | 'classNames'> & { labels: Int32Array }, views: ViewSource, batchSize = 512): Promise<ClassifierSummary[]> {
  const numClasses = dataset.classNames.length;
  const stages = withStageOutputs(backbone); // shares the backbone's layers and weights
  const logits = heads.map(() => new Float32Array(dataset.count * numClasses));
  for (let start = 0; start < dataset.count; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, dataset.count - start) }, (_, i) => start + i);
    const batch = await views.render(datasetId, FIXED_PLAN, indices, 0, 0);
    const parts = tf.tidy(() => {
      const [, ...stageOutputs] = stages.apply(tf.tensor4d(batch.data, batch.shape), { training: false }) as tf.Tensor[];
      return heads.map((head, i) => (head.apply(stageOutputs[i]!, { training: false }) as tf.Tensor[])[1]!);
    });
    parts.forEach((part, i) => logits[i]!.set(part.dataSync(), start * numClasses));
    tf.dispose(parts);
  }
  return logits.map((table) => accuracyOf(table, numClasses, dataset.labels));
}
