import * as tf from '@tensorflow/tfjs';
import type { EmbeddingQueue } from '@ssl-distill/losses';
import { checkBatch } from './batch.js';
import type { BatchNeeds, MethodBatch, StepResult, TrainableMethod } from './method.js';
import { trainableVariables } from './networks.js';
import type { OptimizerFactory } from './optim/config.js';
import type { Optimizer } from './optim/optimizer.js';
import type { LearningRateSchedule } from './optim/schedules.js';
import { addPrefixed, readArray, underPrefix, type NamedArrays } from './optim/state.js';
import { queueRestorer, queueState } from './queue-state.js';

/** Tensors computed without gradient before the loss (EMA targets, keys); disposed after the step. */
export type Prepared = Record<string, tf.Tensor>;

export interface LossTerms {
  total: tf.Scalar;
  /** Named (weighted) terms of `total`, reported per step. */
  parts?: Record<string, tf.Scalar>;
}

/** Everything a method is made of, built from a validated config. */
export interface MethodSetup {
  name: string;
  encoder: tf.LayersModel;
  /** Models the optimizer updates, by role (each model once: a model sharing layers is listed once). */
  trainable: Record<string, tf.LayersModel>;
  /** Models checkpointed but not optimized (EMA targets), by role. */
  momentumTargets?: Record<string, tf.LayersModel>;
  queues?: Record<string, EmbeddingQueue>;
  optimizer: OptimizerFactory;
  schedule: LearningRateSchedule;
  needs: BatchNeeds;
}

/**
 * The step every method shares: check the batch, compute targets without gradient (`prepare`),
 * differentiate `lossTerms` with respect to the trainable models' variables, apply the optimizer at
 * the scheduled learning rate, then update EMA targets and queues (`afterUpdate`). Every tensor the
 * step creates is disposed before it returns. Also owns checkpoint state and disposal.
 */
export abstract class GradientMethod implements TrainableMethod {
  readonly name: string;
  readonly encoder: tf.LayersModel;
  private readonly trainable: Record<string, tf.LayersModel>;
  private readonly momentumTargets: Record<string, tf.LayersModel>;
  protected readonly queues: Record<string, EmbeddingQueue>;
  private readonly variables: tf.Variable[];
  private readonly optimizer: Optimizer;
  private readonly schedule: LearningRateSchedule;
  readonly needs: BatchNeeds;
  private readonly inputShape: number[];
  private steps = 0;

  protected constructor(setup: MethodSetup) {
    this.name = setup.name;
    this.encoder = setup.encoder;
    this.trainable = setup.trainable;
    this.momentumTargets = setup.momentumTargets ?? {};
    this.queues = setup.queues ?? {};
    this.schedule = setup.schedule;
    this.needs = setup.needs;
    this.inputShape = setup.encoder.inputs[0]!.shape.slice(1) as number[];
    this.variables = [...new Set(Object.values(this.trainable).flatMap(trainableVariables))];
    this.optimizer = setup.optimizer(this.variables);
  }

  get stepCount(): number {
    return this.steps;
  }

  /** Targets that must not receive gradient, computed before the loss. Runs inside a tidy. */
  protected prepare(_batch: MethodBatch): Prepared {
    return {};
  }

  /** The loss of the batch; runs inside the gradient tape. */
  protected abstract lossTerms(batch: MethodBatch, prepared: Prepared): LossTerms;

  /** After the optimizer update: EMA targets, queues. Runs inside a tidy. */
  protected afterUpdate(_batch: MethodBatch, _prepared: Prepared): void {}

  step(batch: MethodBatch): StepResult {
    checkBatch(this.name, batch, this.needs, this.inputShape);
    const learningRate = this.schedule(this.steps);
    const prepared = tf.tidy(() => this.prepare(batch));
    let parts: Record<string, tf.Scalar> = {};
    try {
      const { value, grads } = tf.variableGrads(() => {
        const terms = this.lossTerms(batch, prepared);
        // Kept past the tape's scope so their values can be reported; disposed below.
        parts = Object.fromEntries(Object.entries(terms.parts ?? {}).map(([name, part]) => [name, tf.keep(part)]));
        return terms.total;
      }, this.variables);
      try {
        this.optimizer.applyGradients(
          this.variables.map((variable) => grads[variable.name]),
          learningRate,
        );
        tf.tidy(() => this.afterUpdate(batch, prepared));
        this.steps += 1;
        return {
          loss: value.dataSync()[0]!,
          parts: Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part.dataSync()[0]!])),
          learningRate,
        };
      } finally {
        tf.dispose([value, grads]);
      }
    } finally {
      tf.dispose([prepared, parts]);
    }
  }

  trainableModels(): Record<string, tf.LayersModel> {
    return { ...this.trainable };
  }

  allModels(): Record<string, tf.LayersModel> {
    return { ...this.trainable, ...this.momentumTargets };
  }

  getState(): NamedArrays {
    const state: NamedArrays = { step: new Float32Array([this.steps]) };
    for (const [role, model] of Object.entries(this.allModels())) {
      model.weights.forEach((weight, i) => (state[`models/${role}/${i}`] = (weight.read().dataSync() as Float32Array).slice()));
    }
    addPrefixed(state, 'optimizer', this.optimizer.getState());
    for (const [name, queue] of Object.entries(this.queues)) addPrefixed(state, `queues/${name}`, queueState(queue));
    return state;
  }

  setState(state: NamedArrays): void {
    const expectedKeys = new Set(Object.keys(this.getState()));
    const unexpected = Object.keys(state).filter((key) => !expectedKeys.has(key));
    if (unexpected.length > 0) {
      throw new Error(`${this.name}: state has unexpected entries ${unexpected.slice(0, 5).map((k) => `'${k}'`).join(', ')}`);
    }
    const weights = Object.entries(this.allModels()).flatMap(([role, model]) =>
      model.weights.map((weight, i) => ({
        weight,
        values: readArray(state, `models/${role}/${i}`, weight.shape.reduce<number>((a, b) => a * b!, 1), `${role} weight '${weight.originalName}' [${weight.shape}]`),
      })),
    );
    const steps = readArray(state, 'step', 1, 'steps taken')[0]!;
    const queueRestores = Object.entries(this.queues).map(([name, queue]) =>
      queueRestorer(queue, underPrefix(state, `queues/${name}`), `queue '${name}'`),
    );
    // Everything is checked above; the optimizer checks its own entries before writing any.
    this.optimizer.setState(underPrefix(state, 'optimizer'));
    for (const restore of queueRestores) restore();
    tf.tidy(() => weights.forEach(({ weight, values }) => weight.write(tf.tensor(values, weight.shape as number[]))));
    this.steps = steps;
  }

  dispose(): void {
    this.optimizer.dispose();
    for (const model of Object.values(this.allModels())) model.dispose();
    for (const queue of Object.values(this.queues)) queue.dispose();
  }
}
