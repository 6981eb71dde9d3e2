// The training loop every method shares: seeded batch order, views replayed from the plan, teacher
// features gathered from the cache, checkpoints that resume bit for bit.
import * as tf from '@tensorflow/tfjs';
import { planShape, type ViewPlan } from '@ssl-distill/augment';
import type { TrainableMethod } from '@ssl-distill/methods';
import type { EpochRecord } from '@ssl-distill/report';
import type { ObjectStore } from '@ssl-distill/store';
import { decodeNamedArrays, encodeNamedArrays } from './bundle.js';
import { yieldToEventLoop } from './event-loop.js';
import { shardedEpochOrder, type DatasetReader } from './dataset-reader.js';
import type { FeatureReader } from './features.js';
import type { ViewSource } from './views.js';

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
  /** After each step: global step, total steps, images in the step, loss. */
  onStep?: (step: number, total: number, images: number, loss: number) => void;
  /** After each epoch, e.g. a k-NN probe on a subset for the accuracy curve. */
  onEpoch?: (epoch: number, method: TrainableMethod) => Promise<number | undefined>;
  signal?: AbortSignal;
}

export interface TrainingResult {
  history: EpochRecord[];
  steps: number;
  resumedFromStep: number;
  seconds: number;
}

interface LatestCheckpoint {
  step: number;
  key: string;
  history: EpochRecord[];
  epochLossSum: number;
}

export function stepsPerEpoch(sampleCount: number, batchSize: number): number {
  // Drop the last partial batch: batch-norm statistics and contrastive losses need full batches.
  return Math.max(1, Math.floor(sampleCount / batchSize));
}

export async function train(options: TrainingOptions): Promise<TrainingResult> {
  const { method, dataset, plan, batchSize } = options;
  const started = performance.now();
  const perEpoch = stepsPerEpoch(dataset.count, batchSize);
  const total = perEpoch * options.epochs;
  const needs = method.needs;
  const { epochs: planEpochs, views: planViews } = planShape(plan);
  if (needs.views > planViews) throw new Error(`${method.name} needs ${needs.views} views per sample; view plan has ${planViews} (set views: ${needs.views})`);
  if ((needs.teacherDim || needs.teacherClasses) && !options.features) throw new Error(`${method.name} needs teacher features; none were given`);

  let history: EpochRecord[] = [];
  let step = 0;
  let epochLossSum = 0;
  const latestKey = options.checkpoint && `${options.checkpoint.prefix}latest.json`;
  if (options.resume && options.checkpoint && latestKey && (await options.checkpoint.store.exists(latestKey))) {
    const latest = JSON.parse(new TextDecoder().decode(await options.checkpoint.store.getVerified(latestKey))) as LatestCheckpoint;
    method.setState(decodeNamedArrays(await options.checkpoint.store.getVerified(latest.key), latest.key));
    ({ step, history, epochLossSum } = latest);
  }
  const resumedFromStep = step;

  const saveCheckpoint = async () => {
    if (!options.checkpoint || !latestKey) return;
    const key = `${options.checkpoint.prefix}step-${step}/state.bin`;
    await options.checkpoint.store.putVerified(key, encodeNamedArrays(method.getState()));
    const latest: LatestCheckpoint = { step, key, history, epochLossSum };
    await options.checkpoint.store.putVerified(latestKey, new TextEncoder().encode(JSON.stringify(latest)));
  };

  while (step < total) {
    options.signal?.throwIfAborted();
    const epoch = Math.floor(step / perEpoch);
    const inEpoch = step % perEpoch;
    const order = shardedEpochOrder(dataset.shards, options.seed, epoch);
    const indices = order.slice(inEpoch * batchSize, (inEpoch + 1) * batchSize);
    // Training epochs beyond the plan's replay its epochs in turn.
    const planEpoch = epoch % planEpochs;
    const loss = await runStep(options, indices, planEpoch, needs);
    epochLossSum += loss;
    step += 1;
    options.onStep?.(step, total, indices.length, loss);
    await yieldToEventLoop();
    const epochDone = step % perEpoch === 0;
    if (epochDone) {
      const knnTop1 = await options.onEpoch?.(epoch, method);
      history = [...history, { epoch: epoch + 1, loss: epochLossSum / perEpoch, ...(knnTop1 !== undefined && { knnTop1 }) }];
      epochLossSum = 0;
    }
    if (options.checkpoint && (step % options.checkpoint.everySteps === 0 || epochDone)) await saveCheckpoint();
  }
  return { history, steps: step, resumedFromStep, seconds: (performance.now() - started) / 1000 };
}

async function runStep(options: TrainingOptions, indices: number[], planEpoch: number, needs: TrainableMethod['needs']): Promise<number> {
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
      }).loss;
    } finally {
      labels?.dispose();
    }
  } finally {
    tf.dispose([...viewTensors, ...teacherEmbeddings, ...teacherLogits]);
  }
}
