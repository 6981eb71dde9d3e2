// The training loop every method shares: seeded batch order, views replayed from the plan, teacher
// features gathered from the cache, checkpoints that resume bit for bit.
import * as tf from '@tensorflow/tfjs';
import { planShape, type ViewPlan } from '@ssl-distill/augment';
import type { StepResult, TrainableMethod } from '@ssl-distill/methods';
import type { EpochRecord } from '@ssl-distill/report';
import { CorruptObjectError, NotFoundError, type ObjectStore } from '@ssl-distill/store';
import { decodeNamedArrays, encodeNamedArrays } from './bundle.js';
import { nonFiniteModel, TrainingDivergedError } from './divergence.js';
import { yieldToEventLoop } from '@ssl-distill/runtime';
import { shardedEpochOrder, type DatasetReader, type FeatureReader, type ViewSource } from '@ssl-distill/data-access';

export interface TrainingOptions {
  method: TrainableMethod;
  datasetId: string;
  /** The training set, read a window of shards at a time. */
  dataset: DatasetReader;
  plan: ViewPlan;
  views: ViewSource;
  /** The teacher's cached outputs under the same plan (distillation methods). */
  features?: FeatureReader;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Where checkpoints go (runs/{runId}/checkpoints/) and how often; omitted: no checkpoints. */
  checkpoint?: { store: ObjectStore; prefix: string; everySteps: number };
  /** Continue from the latest checkpoint under checkpoint.prefix when there is one. */
  resume?: boolean;
  /** Where training says what it did about a checkpoint it could not use. */
  log?: (message: string) => void;
  /** After each step: global step, total steps, images in the step, loss. */
  onStep?: (step: number, total: number, images: number, loss: number) => void;
  /** After each epoch, e.g. a k-NN probe on a subset for the accuracy curve. */
  onEpoch?: (epoch: number, method: TrainableMethod) => Promise<number | undefined>;
  signal?: AbortSignal;
}

/** Every step's loss and learning rate, in step order (the report's per-step curves). */
export interface StepTrace {
  loss: number[];
  learningRate: number[];
}

export interface TrainingResult {
  history: EpochRecord[];
  trace: StepTrace;
  steps: number;
  resumedFromStep: number;
  /** Training time over every run of this training (a resumed run adds to its checkpoint's). */
  seconds: number;
  /** When the last step finished (ISO 8601); a resumed run with nothing left keeps its checkpoint's. */
  finishedAt: string;
}

interface LatestCheckpoint {
  step: number;
  key: string;
  history: EpochRecord[];
  epochLossSum: number;
  /** Absent in checkpoints written before they were recorded. */
  trace?: StepTrace;
  seconds?: number;
  epochSeconds?: number;
  at?: string;
}

/** The latest checkpoint, restored into `method`; undefined (training starts over) when there is none or it cannot be read. */
async function restoreLatest(store: ObjectStore, latestKey: string, method: TrainableMethod, log: (message: string) => void): Promise<LatestCheckpoint | undefined> {
  if (!(await store.exists(latestKey))) return undefined;
  let latest: LatestCheckpoint;
  let state;
  try {
    latest = JSON.parse(new TextDecoder().decode(await store.getVerified(latestKey))) as LatestCheckpoint;
    state = decodeNamedArrays(await store.getVerified(latest.key), latest.key);
  } catch (error) {
    // A checkpoint is derived: a missing or damaged one is recomputed by training again.
    if (!(error instanceof NotFoundError || error instanceof CorruptObjectError || error instanceof SyntaxError || error instanceof RangeError)) throw error;
    log(`checkpoint ${latestKey} cannot be read (${error.message}): training from step 0`);
    return undefined;
  }
  method.setState(state);
  return latest;
}

export function stepsPerEpoch(sampleCount: number, batchSize: number): number {
  // Drop the last partial batch: batch-norm statistics and contrastive losses need full batches.
  return Math.max(1, Math.floor(sampleCount / batchSize));
}

export async function train(options: TrainingOptions): Promise<TrainingResult> {
  const { method, dataset, plan, batchSize } = options;
  const perEpoch = stepsPerEpoch(dataset.count, batchSize);
  const total = perEpoch * options.epochs;
  const needs = method.needs;
  const { epochs: planEpochs, views: planViews } = planShape(plan);
  if (needs.views > planViews) throw new Error(`${method.name} needs ${needs.views} views per sample; view plan has ${planViews} (set views: ${needs.views})`);
  if ((needs.teacherDim || needs.teacherClasses) && !options.features) throw new Error(`${method.name} needs teacher features; none were given`);

  let history: EpochRecord[] = [];
  let step = 0;
  let epochLossSum = 0;
  let trace: StepTrace = { loss: [], learningRate: [] };
  // Seconds of earlier runs (from the checkpoint) and of this epoch's steps before this run.
  let secondsBefore = 0;
  let epochSecondsBefore = 0;
  const latestKey = options.checkpoint && `${options.checkpoint.prefix}latest.json`;
  const latest = options.resume && options.checkpoint && latestKey ? await restoreLatest(options.checkpoint.store, latestKey, method, options.log ?? (() => {})) : undefined;
  if (latest) {
    ({ step, history, epochLossSum } = latest);
    trace = latest.trace ?? trace;
    secondsBefore = latest.seconds ?? 0;
    epochSecondsBefore = latest.epochSeconds ?? 0;
  }
  const resumedFromStep = step;
  const clock = performance.now();
  let epochClock = clock;
  // Read once per step, so the last checkpoint and the result carry the same number; a run with
  // nothing left to do reports its checkpoint's time unchanged, so re-running it rewrites nothing.
  let seconds = secondsBefore;
  let at = latest?.at ?? new Date().toISOString();
  const epochSeconds = () => epochSecondsBefore + (performance.now() - epochClock) / 1000;

  const saveCheckpoint = async () => {
    if (!options.checkpoint || !latestKey) return;
    const key = `${options.checkpoint.prefix}step-${step}/state.bin`;
    await options.checkpoint.store.putVerified(key, encodeNamedArrays(method.getState()));
    const record: LatestCheckpoint = { step, key, history, epochLossSum, trace, seconds, at, epochSeconds: step % perEpoch === 0 ? 0 : epochSeconds() };
    await options.checkpoint.store.putVerified(latestKey, new TextEncoder().encode(JSON.stringify(record)));
  };

  // The epoch's sample order, made once per epoch: it permutes the whole set (0.1 s at 126k images).
  let order: { epoch: number; samples: number[] } | undefined;
  while (step < total) {
    options.signal?.throwIfAborted();
    const epoch = Math.floor(step / perEpoch);
    const inEpoch = step % perEpoch;
    if (order?.epoch !== epoch) order = { epoch, samples: shardedEpochOrder(dataset.shards, options.seed, epoch) };
    const indices = order.samples.slice(inEpoch * batchSize, (inEpoch + 1) * batchSize);
    // Training epochs beyond the plan's replay its epochs in turn.
    const planEpoch = epoch % planEpochs;
    const { loss, learningRate } = await runStep(options, indices, planEpoch, needs);
    // Stop at the first non-finite loss: every later step, probe and checkpoint would carry NaN.
    if (!Number.isFinite(loss)) throw new TrainingDivergedError({ method: method.name, step: step + 1, total, epoch: epoch + 1, what: `loss is ${loss}`, learningRate });
    epochLossSum += loss;
    trace.loss.push(loss);
    trace.learningRate.push(learningRate);
    step += 1;
    options.onStep?.(step, total, indices.length, loss);
    await yieldToEventLoop();
    const epochDone = step % perEpoch === 0;
    if (epochDone) {
      // The last update of an epoch can break the weights while its loss (taken before it) was finite.
      const broken = nonFiniteModel(method.trainableModels());
      if (broken) throw new TrainingDivergedError({ method: method.name, step, total, epoch: epoch + 1, what: `the ${broken} weights are not finite`, learningRate });
      // Throughput counts training steps only, not the per-epoch probe.
      const imagesPerSecond = (perEpoch * batchSize) / Math.max(epochSeconds(), 1e-9);
      const knnTop1 = await options.onEpoch?.(epoch, method);
      history = [...history, { epoch: epoch + 1, loss: epochLossSum / perEpoch, imagesPerSecond, ...(knnTop1 !== undefined && { knnTop1 }) }];
      epochLossSum = 0;
      epochSecondsBefore = 0;
      epochClock = performance.now();
    }
    seconds = secondsBefore + (performance.now() - clock) / 1000;
    at = new Date().toISOString();
    if (options.checkpoint && (step % options.checkpoint.everySteps === 0 || epochDone)) await saveCheckpoint();
  }
  return { history, trace, steps: step, resumedFromStep, seconds, finishedAt: at };
}

async function runStep(options: TrainingOptions, indices: number[], planEpoch: number, needs: TrainableMethod['needs']): Promise<StepResult> {
  const { dataset, features } = options;
  const viewTensors: tf.Tensor[] = [];
  const teacherEmbeddings: tf.Tensor[] = [];
  const teacherLogits: tf.Tensor[] = [];
  try {
    for (let view = 0; view < needs.views; view++) {
      const batch = await options.views.render(options.datasetId, options.plan, indices, planEpoch, view);
      viewTensors.push(tf.tensor4d(batch.data, batch.shape));
      if (needs.teacherDim && features) teacherEmbeddings.push(tf.tensor2d(await features.rows('embeddings', planEpoch, view, indices), [indices.length, features.embeddingDim]));
      if (needs.teacherClasses && features) {
        if (features.logitsDim === 0) throw new Error(`${options.method.name} needs teacher logits; the teacher has no classifier`);
        teacherLogits.push(tf.tensor2d(await features.rows('logits', planEpoch, view, indices), [indices.length, features.logitsDim]));
      }
    }
    const labels = needs.labels ? tf.tensor1d(await dataset.labelsOf(indices), 'int32') : undefined;
    try {
      return options.method.step({
        views: viewTensors,
        ...(teacherEmbeddings.length > 0 && { teacherEmbeddings }),
        ...(teacherLogits.length > 0 && { teacherLogits }),
        ...(labels && { labels }),
      });
    } finally {
      labels?.dispose();
    }
  } finally {
    tf.dispose([...viewTensors, ...teacherEmbeddings, ...teacherLogits]);
  }
}
