import type * as tf from '@tensorflow/tfjs';
import { ConfigReader } from '../config.js';
import { AdamWOptimizer } from './adamw.js';
import type { Optimizer } from './optimizer.js';
import { constantSchedule, cosineSchedule, type LearningRateSchedule } from './schedules.js';
import { SgdOptimizer } from './sgd.js';

/** `{ type: 'sgd', momentum?, nesterov?, weightDecay? }` or `{ type: 'adamw', beta1?, beta2?, epsilon?, weightDecay? }`. */
export type OptimizerConfig =
  | { type: 'sgd'; momentum?: number; nesterov?: boolean; weightDecay?: number }
  | { type: 'adamw'; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number };

/** `{ type: 'constant', learningRate = 0.05 }` or `{ type: 'cosine', baseLearningRate, totalSteps, warmupSteps?, finalLearningRate? }`. */
export type ScheduleConfig =
  | { type: 'constant'; learningRate: number }
  | { type: 'cosine'; baseLearningRate: number; totalSteps: number; warmupSteps?: number; finalLearningRate?: number };

/** Builds an optimizer over the variables it is given; the config was validated when it was read. */
export type OptimizerFactory = (variables: readonly tf.Variable[]) => Optimizer;

/** Validates an optimizer config (type defaults to 'sgd') without creating any tensor. */
export function readOptimizerConfig(reader: ConfigReader): OptimizerFactory {
  const type = reader.oneOf('type', ['sgd', 'adamw'] as const, 'sgd');
  const weightDecay = reader.number('weightDecay', 0, { min: 0 });
  let factory: OptimizerFactory;
  if (type === 'sgd') {
    const options = {
      weightDecay,
      momentum: reader.number('momentum', 0.9, { min: 0, below: 1 }),
      nesterov: reader.boolean('nesterov', false),
    };
    factory = (variables) => new SgdOptimizer(variables, options);
  } else {
    const options = {
      weightDecay,
      beta1: reader.number('beta1', 0.9, { min: 0, below: 1 }),
      beta2: reader.number('beta2', 0.999, { min: 0, below: 1 }),
      epsilon: reader.number('epsilon', 1e-8, { above: 0 }),
    };
    factory = (variables) => new AdamWOptimizer(variables, options);
  }
  reader.finish();
  return factory;
}

/** Validates a schedule config (default: constant 0.05). */
export function readScheduleConfig(reader: ConfigReader): LearningRateSchedule {
  const type = reader.oneOf('type', ['constant', 'cosine'] as const, 'constant');
  const schedule =
    type === 'constant'
      ? constantSchedule(reader.number('learningRate', 0.05, { min: 0 }))
      : cosineSchedule({
          baseLearningRate: reader.number('baseLearningRate', undefined, { min: 0 }),
          totalSteps: reader.positiveInteger('totalSteps'),
          warmupSteps: reader.number('warmupSteps', 0, { integer: true, min: 0 }),
          finalLearningRate: reader.number('finalLearningRate', 0, { min: 0 }),
        });
  reader.finish();
  return schedule;
}

/** Builds an optimizer over `variables` from a config (`path` prefixes error messages). */
export function createOptimizer(config: unknown, variables: readonly tf.Variable[], path = 'optimizer'): Optimizer {
  return readOptimizerConfig(new ConfigReader(path, config))(variables);
}

export function createSchedule(config: unknown, path = 'schedule'): LearningRateSchedule {
  return readScheduleConfig(new ConfigReader(path, config));
}
