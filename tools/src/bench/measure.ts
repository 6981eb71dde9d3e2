// The timed loops, run inside a child process whose tfjs backend is already chosen.
import * as tf from '@tensorflow/tfjs';
import { buildBackbone, countParams, linearClassifier } from '@ssl-distill/models';
import { knnProbe, type FeatureSet } from '@ssl-distill/probes';
import { renderBatch, seededRandom, type HwcImage, type ViewPlan } from '@ssl-distill/augment';
import type { CellJob, KernelTime, Measurement, StepProfile, Throughput } from './protocol.js';
import { AUGMENT_ROWS, isAugmentRow, isModelRow, metricsOf, MODEL_ROWS, type AugmentRowId, type KnnSettings, type ModelRowId } from './rows.js';

const NUM_CLASSES = 10;
const LEARNING_RATE = 0.01;
const MOMENTUM = 0.9;

/** `onStep` is called after every finished step, warm-up ones included. */
export async function measureRow(job: CellJob, onStep: () => void): Promise<Measurement> {
  if (isModelRow(job.row)) return measureModelRow(job.row, job, onStep);
  if (isAugmentRow(job.row)) return measureAugmentRow(job.row, onStep);
  return measureKnnRow(job.knn, onStep);
}

type StepCounts = Pick<CellJob, 'batch' | 'steps' | 'warmup'>;

/**
 * Forward (inference mode) and training throughput of a backbone with a linear 10-way head, on one
 * fixed random batch: the numbers are compute only, no data loading.
 */
async function measureModelRow(row: ModelRowId, counts: StepCounts & { profile: boolean }, onStep: () => void): Promise<Measurement> {
  const { preset, inputShape } = MODEL_ROWS[row];
  const metrics = metricsOf(row);
  const { model: backbone, embedDim } = buildBackbone({ preset, inputShape, seed: 1 });
  const head = linearClassifier({ inDim: embedDim, numClasses: NUM_CLASSES, seed: 2 });
  const trainable = [...backbone.trainableWeights, ...head.trainableWeights].map((weight) => weight.read() as tf.Variable);
  const optimizer: tf.Optimizer = tf.train.momentum(LEARNING_RATE, MOMENTUM);
  const images = tf.randomNormal([counts.batch, ...inputShape], 0, 1, 'float32', 3);
  const labels = tf.tidy(() => tf.oneHot(tf.randomUniform([counts.batch], 0, NUM_CLASSES, 'int32', 4), NUM_CLASSES));
  const logits = (training: boolean) => head.apply(backbone.apply(images, { training }), { training }) as tf.Tensor;
  const steps = {
    forward: () => {
      const output = tf.tidy(() => logits(false));
      output.dataSync(); // waits for the result on any backend
      output.dispose();
    },
    train: () => {
      const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, logits(true)) as tf.Scalar, trainable);
      optimizer.applyGradients(grads);
      value.dataSync();
      tf.dispose([value, grads]);
    },
  };
  try {
    const forward = metrics.includes('forward') ? timeSteps('forward', counts, onStep, steps.forward) : undefined;
    const train = metrics.includes('train') ? timeSteps('train', counts, onStep, steps.train) : undefined;
    const profiled = metrics.includes('train') ? 'train' : 'forward';
    const profile = counts.profile ? await profileStep(profiled, steps[profiled]) : undefined;
    const params = countParams(backbone, 'trainable');
    return { kind: 'model', batch: counts.batch, ...(forward && { forward }), ...(train && { train }), params, ...(profile && { profile }) };
  } finally {
    tf.dispose([images, labels]);
    optimizer.dispose();
    backbone.dispose();
    head.dispose();
  }
}

/**
 * The kernels one step runs (tf.profile), summed per kernel name, slowest first, each with the
 * backend that ran it: the native backend inherits every kernel the addon lacks from the cpu
 * backend, so a kernel whose function is cpu's own is a JS fallback. tf.profile also lists ops
 * with a custom gradient (fusedConv2d__op, ...) whose time is that of the kernels they ran: those
 * have no registered kernel and are left out, so no time is counted twice.
 */
async function profileStep(phase: 'forward' | 'train', step: () => void): Promise<StepProfile> {
  const start = performance.now();
  const info = await tf.profile(step);
  const wallMs = performance.now() - start;
  const backend = tf.getBackend();
  const byKernel = new Map<string, KernelTime>();
  for (const kernel of info.kernels) {
    if (tf.getKernel(kernel.name, backend) === undefined) continue;
    const ms = typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
    const entry = byKernel.get(kernel.name) ?? { kernel: kernel.name, calls: 0, ms: 0, ranOn: kernelOrigin(kernel.name) };
    entry.calls++;
    entry.ms += ms;
    byKernel.set(kernel.name, entry);
  }
  return { phase, wallMs, kernels: [...byKernel.values()].sort((a, b) => b.ms - a.ms) };
}

function kernelOrigin(kernelName: string): string {
  const backend = tf.getBackend();
  if (backend !== 'native') return backend;
  const own = tf.getKernel(kernelName, backend);
  const cpu = tf.getKernel(kernelName, 'cpu');
  return cpu !== undefined && own?.kernelFunc === cpu.kernelFunc ? 'js (cpu fallback)' : 'native';
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

const SIMCLR_PLAN: ViewPlan = { kind: 'replay', epochs: 2 ** 20, seed: 1, preset: 'simclr', normalize: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } };
const AUGMENT_IMAGES = 16;
const AUGMENT_BATCH = 32;
const AUGMENT_MIN_CPU_SECONDS = 3;

/**
 * SimCLR views rendered and normalised into one float batch, per second of CPU time, from random
 * images of the view's own size (what tools/torch/bench.py times for torchvision).
 */
function measureAugmentRow(row: AugmentRowId, onStep: () => void): Measurement {
  const { side } = AUGMENT_ROWS[row];
  const random = seededRandom(side);
  const images: HwcImage[] = Array.from({ length: AUGMENT_IMAGES }, () => ({
    data: Uint8Array.from({ length: side * side * 3 }, () => Math.floor(random() * 256)),
    height: side,
    width: side,
    channels: 3,
  }));
  const out = new Float32Array(AUGMENT_BATCH * side * side * 3);
  let epoch = 0;
  const renderOne = () => {
    // Two views of each image, a new epoch (new random draws) every batch.
    const coordinates = Array.from({ length: AUGMENT_BATCH }, (_, i) => ({ sample: i % AUGMENT_IMAGES, epoch, view: Math.floor(i / AUGMENT_IMAGES) % 2 }));
    epoch++;
    renderBatch((sample) => images[sample]!, SIMCLR_PLAN, coordinates, out);
    onStep();
  };
  renderOne(); // warm-up: the JIT compiles the pixel loops
  const cpuStart = process.cpuUsage();
  let views = 0;
  let cpuSeconds = 0;
  while (cpuSeconds < AUGMENT_MIN_CPU_SECONDS) {
    renderOne();
    views += AUGMENT_BATCH;
    const used = process.cpuUsage(cpuStart);
    cpuSeconds = (used.user + used.system) / 1e6;
  }
  return { kind: 'augment', views, cpuSeconds, viewsPerCpuSecond: views / cpuSeconds };
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

