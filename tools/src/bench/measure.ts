// The timed loops, run inside a child process whose tfjs backend is already chosen.
import * as tf from '@tensorflow/tfjs';
import { buildBackbone, linearClassifier } from '@ssl-distill/models';
import { knnProbe, type FeatureSet } from '@ssl-distill/probes';
import type { CellJob, Measurement, Throughput } from './protocol.js';
import { isModelRow, MODEL_ROWS, type KnnSettings, type ModelRowId } from './rows.js';
import { seededRandom } from '@ssl-distill/augment';

const NUM_CLASSES = 10;
const LEARNING_RATE = 0.01;
const MOMENTUM = 0.9;

/** `onStep` is called after every finished step, warm-up ones included. */
export function measureRow(job: CellJob, onStep: () => void): Measurement {
  return isModelRow(job.row) ? measureModelRow(job.row, job, onStep) : measureKnnRow(job.knn, onStep);
}

type StepCounts = Pick<CellJob, 'batch' | 'steps' | 'warmup'>;

/**
 * Forward (inference mode) and training throughput of a backbone with a linear 10-way head, on one
 * fixed random batch: the numbers are compute only, no data loading.
 */
function measureModelRow(row: ModelRowId, counts: StepCounts, onStep: () => void): Measurement {
  const { preset, inputShape } = MODEL_ROWS[row];
  const { model: backbone, embedDim } = buildBackbone({ preset, inputShape, seed: 1 });
  const head = linearClassifier({ inDim: embedDim, numClasses: NUM_CLASSES, seed: 2 });
  const trainable = [...backbone.trainableWeights, ...head.trainableWeights].map((weight) => weight.read() as tf.Variable);
  const optimizer: tf.Optimizer = tf.train.momentum(LEARNING_RATE, MOMENTUM);
  const images = tf.randomNormal([counts.batch, ...inputShape], 0, 1, 'float32', 3);
  const labels = tf.tidy(() => tf.oneHot(tf.randomUniform([counts.batch], 0, NUM_CLASSES, 'int32', 4), NUM_CLASSES));
  const logits = (training: boolean) => head.apply(backbone.apply(images, { training }), { training }) as tf.Tensor;
  try {
    const forward = timeSteps('forward', counts, onStep, () => {
      const output = tf.tidy(() => logits(false));
      output.dataSync(); // waits for the result on any backend
      output.dispose();
    });
    const train = timeSteps('train', counts, onStep, () => {
      const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, logits(true)) as tf.Scalar, trainable);
      optimizer.applyGradients(grads);
      value.dataSync();
      tf.dispose([value, grads]);
    });
    return { kind: 'model', batch: counts.batch, forward, train };
  } finally {
    tf.dispose([images, labels]);
    optimizer.dispose();
    backbone.dispose();
    head.dispose();
  }
}

/** Times `steps` calls of `step` after `warmup` untimed ones, and fails if the timed calls leave tensors behind. */
function timeSteps(phase: string, { batch, steps, warmup }: StepCounts, onStep: () => void, step: () => void): Throughput {
  for (let i = 0; i < warmup; i++) {
    step();
    onStep();
  }
  const tensorsBefore = tf.memory().numTensors;
  let timed = 0;
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    step();
    timed += performance.now() - start;
    onStep(); // outside the timed span
  }
  const seconds = timed / 1000;
  assertNoLeak(`${phase} loop`, tensorsBefore);
  return { steps, seconds, imagesPerSecond: (batch * steps) / seconds };
}

function assertNoLeak(what: string, tensorsBefore: number): void {
  const leaked = tf.memory().numTensors - tensorsBefore;
  if (leaked !== 0) throw new Error(`${what} leaked ${leaked} tensors: its timing would not be honest`);
}

/** One full probe on random features, after a small untimed probe that sets up the kernels. */
function measureKnnRow(settings: KnnSettings, onStep: () => void): Measurement {
  const random = seededRandom(5);
  const train = randomFeatures(settings.trainRows, settings.dim, random);
  const test = randomFeatures(settings.testRows, settings.dim, random);
  const options = { k: settings.k, temperature: settings.temperature, numClasses: NUM_CLASSES };
  knnProbe(train, firstRows(test, Math.min(256, settings.testRows)), options);
  onStep();
  const tensorsBefore = tf.memory().numTensors;
  const start = performance.now();
  knnProbe(train, test, options);
  const seconds = (performance.now() - start) / 1000;
  assertNoLeak('k-NN probe', tensorsBefore);
  return { kind: 'knn', seconds };
}

function randomFeatures(rows: number, dim: number, random: () => number): FeatureSet {
  const features = Float32Array.from({ length: rows * dim }, () => random() * 2 - 1);
  const labels = Int32Array.from({ length: rows }, () => Math.floor(random() * NUM_CLASSES));
  return { features, labels, dim };
}

function firstRows(set: FeatureSet, rows: number): FeatureSet {
  return { features: set.features.subarray(0, rows * set.dim), labels: set.labels.subarray(0, rows), dim: set.dim };
}

