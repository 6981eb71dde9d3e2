import type * as tf from '@tensorflow/tfjs';
import { projectionHead, resolveBackboneSpec, type ResolvedBackboneSpec } from '@ssl-distill/models';
import { integer, number, object, optional, type ObjectSchema, type Shape } from '@ssl-distill/schema';
import type { ConfigReader } from './config.js';
import type { BatchNeeds } from './method.js';
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

/**
 * `{ hiddenDim?, outDim?, layers? }`; a method whose head must end at a given width (e.g. the
 * teacher's) leaves `outDim` out and passes the width to buildProjection.
 */
export function headSchema<D extends { outDim?: number; layers: number }>(defaults: D, description: string): ObjectSchema<{ hiddenDim?: number; layers: number } & (D extends { outDim: number } ? { outDim: number } : unknown), Shape> {
  return object({
    hiddenDim: optional(integer({ min: 1, description: 'hidden width (default: the width the head reads)' })),
    ...(defaults.outDim !== undefined && { outDim: integer({ min: 1, default: defaults.outDim, description: 'output width' }) }),
    layers: integer({ min: 1, default: defaults.layers, description: 'linear layers (Linear-BN-ReLU between them)' }),
  }, { optional: true, description }) as never;
}

/** A projection head (Linear-BN-ReLU x (layers - 1), then Linear) from inDim to shape.outDim. */
export function buildProjection(shape: HeadShape, inDim: number, name: string, seed: number): tf.LayersModel {
  return projectionHead({ inDim, hiddenDim: shape.hiddenDim ?? inDim, outDim: shape.outDim, layers: shape.layers, name, seed });
}

/** An EMA momentum in [0, 1). */
export const momentumSchema = (fallback: number) => number({ min: 0, below: 1, default: fallback, description: 'EMA momentum of the target network' });

/**
 * What a method's batches carry for a given config: declared once per method (its registry entry
 * reads it, so the pipeline can check a plan and a teacher at parse time) and turned into the
 * method's BatchNeeds (with the widths known once the teacher features are) by batchNeeds.
 */
export interface MethodNeeds {
  /** Views a sample (the plan must define at least as many). */
  views: number;
  teacherEmbeddings?: boolean;
  teacherLogits?: boolean;
  labels?: boolean;
}

export function batchNeeds(needs: MethodNeeds, widths: { teacherDim?: number; classes?: number }): BatchNeeds {
  return {
    views: needs.views,
    ...(needs.teacherEmbeddings && { teacherDim: widths.teacherDim }),
    ...(needs.teacherLogits && { teacherClasses: widths.classes }),
    ...(needs.labels && { labels: true }),
  };
}

/**
 * Seed for the method's `index`-th EmbeddingQueue. Never 0: tfjs's random ops treat seed 0 as
 * "unseeded" (Math.random), which would make the initial queue differ between runs.
 */
export function queueSeed(seed: number, index: number): number {
  return seed + index + 1;
}
