import type * as tf from '@tensorflow/tfjs';
import { projectionHead, resolveBackboneSpec, type ResolvedBackboneSpec } from '@ssl-distill/models';
import type { ConfigReader } from './config.js';
import { readOptimizerConfig, readScheduleConfig, type OptimizerFactory } from './optim/config.js';
import type { LearningRateSchedule } from './optim/schedules.js';

/** Fields every method config has. */
export interface CommonConfig {
  /** The (student / online) backbone: a models BackboneSpec (architecture or preset). */
  backbone: ResolvedBackboneSpec;
  /** Default `{ type: 'sgd', momentum: 0.9 }` (no weight decay). */
  optimizer: OptimizerFactory;
  /** Default `{ type: 'constant', learningRate: 0.05 }`. */
  schedule: LearningRateSchedule;
  /** Seeds heads and queues (the backbone has its own seed in its spec). Default 0. */
  seed: number;
}

export function readCommonConfig(reader: ConfigReader): CommonConfig {
  const backbone = resolveBackboneSpec(reader.raw('backbone'), reader.name('backbone'));
  const optimizer = readOptimizerConfig(reader.object('optimizer'));
  const schedule = readScheduleConfig(reader.object('schedule'));
  return { backbone, optimizer, schedule, seed: reader.number('seed', 0, { integer: true, min: 0, max: 0xffffffff }) };
}

/** A projection head's shape; hiddenDim defaults to the width it reads (known once the backbone is built). */
export interface HeadShape {
  hiddenDim?: number;
  outDim: number;
  layers: number;
}

/** Reads `{ hiddenDim?, outDim?, layers? }`; `outDim` may be fixed by the method (e.g. the teacher's width). */
export function readHeadShape(reader: ConfigReader, defaults: { outDim?: number; layers: number }, fixedOutDim?: number): HeadShape {
  const hiddenDim = reader.has('hiddenDim') ? reader.positiveInteger('hiddenDim') : undefined;
  const outDim = fixedOutDim ?? reader.positiveInteger('outDim', defaults.outDim);
  const layers = reader.positiveInteger('layers', defaults.layers);
  reader.finish();
  return { ...(hiddenDim !== undefined && { hiddenDim }), outDim, layers };
}

/** A projection head (Linear-BN-ReLU x (layers - 1), then Linear) from inDim to shape.outDim. */
export function buildProjection(shape: HeadShape, inDim: number, name: string, seed: number): tf.LayersModel {
  return projectionHead({ inDim, hiddenDim: shape.hiddenDim ?? inDim, outDim: shape.outDim, layers: shape.layers, name, seed });
}

/** EMA momentum in [0, 1). */
export function readMomentum(reader: ConfigReader, fallback: number): number {
  return reader.number('momentum', fallback, { min: 0, below: 1 });
}

/**
 * Seed for the method's `index`-th EmbeddingQueue. Never 0: tfjs's random ops treat seed 0 as
 * "unseeded" (Math.random), which would make the initial queue differ between runs.
 */
export function queueSeed(seed: number, index: number): number {
  return seed + index + 1;
}
