import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeBatch, expectExactResume, expectStepContract, initTrainingBackend, makeBatch, TINY_MLP, TINY_RESNET } from '../test/helpers.js';
import { Byol } from './byol.js';
import type { TrainableMethod } from './method.js';
import { MocoV2 } from './mocov2.js';
import { SimClr } from './simclr.js';

beforeAll(async () => {
  await initTrainingBackend();
});

const batch = makeBatch({ views: 2, seed: 1 });
const otherBatches = [2, 3, 4].map((seed) => makeBatch({ views: 2, seed }));
afterAll(() => [batch, ...otherBatches].forEach(disposeBatch));

const optimizer = { type: 'sgd', momentum: 0.9, weightDecay: 1e-4 };
const schedule = { type: 'cosine', baseLearningRate: 0.05, totalSteps: 20, warmupSteps: 2 };

/** First trainable weight of `target` against `online`: after a step, target = m * before + (1 - m) * online. */
function expectEma(method: TrainableMethod, onlineRole: string, targetRole: string, momentum: number): void {
  const models = method.allModels();
  const read = (role: string) => models[role]!.trainableWeights[0]!.read().dataSync().slice();
  const targetBefore = read(targetRole);
  method.step(batch);
  const online = read(onlineRole);
  const target = read(targetRole);
  let checked = 0;
  for (let i = 0; i < target.length; i++) {
    expect(target[i]).toBeCloseTo(momentum * targetBefore[i]! + (1 - momentum) * online[i]!, 6);
    if (Math.abs(target[i]! - online[i]!) > 1e-6) checked++;
  }
  expect(checked, 'target differs from online (so the check is not trivial)').toBeGreaterThan(0);
}

describe('SimCLR', () => {
  const create = () => SimClr.create({ backbone: TINY_RESNET, projector: { outDim: 8 }, optimizer, schedule });

  it('steps: finite loss, weights move, no leaks, loss falls', () => {
    const method = create();
    expectStepContract(method, batch);
    method.dispose();
  });

  it('resumes from a checkpoint bit for bit', () => {
    expectExactResume(create, [batch, ...otherBatches], 2);
  });
});

describe('MoCo-v2', () => {
  const create = () =>
    MocoV2.create({ backbone: TINY_MLP, projector: { outDim: 8 }, queueSize: 32, momentum: 0.9, temperature: 0.2, optimizer, schedule });

  it('steps: finite loss, weights move, no leaks, loss falls', () => {
    const method = create();
    expectStepContract(method, batch);
    method.dispose();
  });

  it('updates the key encoder by EMA and enqueues the keys', () => {
    const method = create();
    expectEma(method, 'backbone', 'keyBackbone', 0.9);
    expectEma(method, 'projector', 'keyProjector', 0.9);
    // Two steps of 8 keys into a queue of 32.
    expect(Array.from(method.getState()['queues/keys/pointer']!)).toEqual([16]);
    expect(Object.keys(method.trainableModels())).toEqual(['backbone', 'projector']);
    method.dispose();
  });

  it('resumes from a checkpoint bit for bit (queue and key encoder included)', () => {
    expectExactResume(create, [batch, ...otherBatches], 3);
  });
});

describe('BYOL', () => {
  const create = () =>
    Byol.create({ backbone: TINY_RESNET, projector: { outDim: 8, hiddenDim: 16 }, momentum: 0.9, optimizer, schedule });

  it('steps: finite loss, weights move, no leaks, loss falls', () => {
    const method = create();
    expectStepContract(method, batch);
    method.dispose();
  });

  it('updates the target by EMA of the online backbone and projector only', () => {
    const method = create();
    expectEma(method, 'backbone', 'targetBackbone', 0.9);
    expectEma(method, 'projector', 'targetProjector', 0.9);
    expect(Object.keys(method.allModels())).toEqual(['backbone', 'projector', 'predictor', 'targetBackbone', 'targetProjector']);
    method.dispose();
  });

  it('resumes from a checkpoint bit for bit', () => {
    expectExactResume(create, [batch, ...otherBatches], 1);
  });

  it('disposes every tensor it made', () => {
    const before = tf.memory().numTensors;
    const method = create();
    method.step(batch);
    method.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
