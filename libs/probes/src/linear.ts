import * as tf from '@tensorflow/tfjs';
import { AdamWOptimizer, SgdOptimizer } from '@ssl-distill/methods/optim';
import { checkTrainTest, type FeatureSet } from './features.js';
import { confusionMatrix, rankRowsInto, type ConfusionMatrix } from './metrics.js';
import { seededRandom, shuffledIndices } from '@ssl-distill/augment';

export interface LinearProbeOptions {
  /** Passes over the train set (default 30). */
  epochs?: number;
  /** Default 256. */
  batchSize?: number;
  /** Default 'adam'. */
  optimizer?: 'adam' | 'sgd';
  /** Default 1e-3 for adam, 0.1 for sgd. */
  learningRate?: number;
  /** SGD momentum (default 0.9); ignored by adam. */
  momentum?: number;
  /** Weight decay of W, not of the bias (default 0): L2 for sgd, decoupled (AdamW) for adam. */
  weightDecay?: number;
  /** Seeds the mini-batch shuffling (default 0). */
  seed?: number;
  /** Default: largest label + 1. */
  numClasses?: number;
}

export interface LinearProbeResult {
  top1: number;
  top5: number;
  predictions: Int32Array;
  numClasses: number;
  confusion: ConfusionMatrix;
  /** Mean training cross-entropy per epoch. */
  epochLosses: number[];
}

/**
 * Softmax regression on frozen features standardised with the train set's per-dimension mean and
 * std. Weights start at zero and batches are shuffled from `seed`, so runs are reproducible.
 */
export function linearProbe(train: FeatureSet, test: FeatureSet, options: LinearProbeOptions = {}): LinearProbeResult {
  const numClasses = checkTrainTest(train, test, options.numClasses);
  const epochs = options.epochs ?? 30;
  const batchSize = options.batchSize ?? 256;
  const optimizerName = options.optimizer ?? 'adam';
  const weightDecay = options.weightDecay ?? 0;
  if (!Number.isInteger(epochs) || epochs <= 0) throw new Error(`epochs must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  if (optimizerName !== 'adam' && optimizerName !== 'sgd') {
    throw new Error(`optimizer must be 'adam' or 'sgd', got '${String(optimizerName)}'`);
  }

  const { mean, std } = featureStatistics(train);
  const dim = train.dim;
  const rows = train.labels.length;
  const trainFeatures = tf.tensor2d(standardise(train.features, mean, std), [rows, dim]);
  const trainLabels = tf.tensor1d(train.labels, 'int32');
  const weights = tf.tidy(() => tf.variable(tf.zeros([dim, numClasses])));
  const bias = tf.tidy(() => tf.variable(tf.zeros([numClasses])));
  const learningRate = options.learningRate ?? (optimizerName === 'adam' ? 1e-3 : 0.1);
  const optimizer =
    optimizerName === 'adam'
      ? new AdamWOptimizer([weights, bias], { weightDecay })
      : new SgdOptimizer([weights, bias], { weightDecay, momentum: options.momentum ?? 0.9 });
  const random = seededRandom(options.seed ?? 0);
  const epochLosses: number[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = shuffledIndices(rows, random);
      let lossSum = 0;
      for (let start = 0; start < rows; start += batchSize) {
        const batch = tf.tensor1d(order.subarray(start, Math.min(start + batchSize, rows)), 'int32');
        const { value: cost, grads } = tf.variableGrads(() => {
          const logits = tf.add(tf.matMul(tf.gather(trainFeatures, batch), weights), bias);
          const targets = tf.oneHot(tf.gather(trainLabels, batch), numClasses);
          return tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;
        }, [weights, bias]);
        optimizer.applyGradients([grads[weights.name], grads[bias.name]], learningRate);
        tf.dispose(grads);
        lossSum += cost.dataSync()[0]! * batch.shape[0];
        tf.dispose([cost, batch]);
      }
      epochLosses.push(lossSum / rows);
    }
    const testFeatures = standardise(test.features, mean, std);
    const predictions = new Int32Array(test.labels.length);
    let top1Hits = 0;
    let top5Hits = 0;
    for (let start = 0; start < test.labels.length; start += batchSize) {
      const end = Math.min(start + batchSize, test.labels.length);
      const logits = tf.tidy(() =>
        tf.add(tf.matMul(tf.tensor2d(testFeatures.subarray(start * dim, end * dim), [end - start, dim]), weights), bias),
      );
      const scores = logits.dataSync();
      logits.dispose();
      const hits = rankRowsInto(scores, numClasses, test.labels.subarray(start, end), predictions.subarray(start, end));
      top1Hits += hits.top1;
      top5Hits += hits.top5;
    }
    return {
      top1: top1Hits / test.labels.length,
      top5: top5Hits / test.labels.length,
      predictions,
      numClasses,
      confusion: confusionMatrix(test.labels, predictions, numClasses),
      epochLosses,
    };
  } finally {
    tf.dispose([trainFeatures, trainLabels, weights, bias]);
    optimizer.dispose();
  }
}

/** Per-dimension mean and std of the train features (std 1 where a dimension is constant). */
export function featureStatistics(set: FeatureSet): { mean: Float64Array; std: Float64Array } {
  const rows = set.labels.length;
  const mean = new Float64Array(set.dim);
  const std = new Float64Array(set.dim);
  for (let i = 0; i < set.features.length; i++) mean[i % set.dim]! += set.features[i]!;
  for (let d = 0; d < set.dim; d++) mean[d]! /= rows;
  for (let i = 0; i < set.features.length; i++) std[i % set.dim]! += (set.features[i]! - mean[i % set.dim]!) ** 2;
  for (let d = 0; d < set.dim; d++) std[d] = Math.sqrt(std[d]! / rows) || 1;
  return { mean, std };
}

function standardise(features: Float32Array, mean: Float64Array, std: Float64Array): Float32Array {
  const out = new Float32Array(features.length);
  for (let i = 0; i < features.length; i++) out[i] = (features[i]! - mean[i % mean.length]!) / std[i % std.length]!;
  return out;
}
