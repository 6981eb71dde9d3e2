import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeBatch, expectExactResume, expectStepContract, initTrainingBackend, makeBatch, maxAbsDiff, TINY_MLP, TINY_RESNET } from '../test/helpers.js';
import { Kassl } from './kassl.js';
import { L2Regression } from './l2-regression.js';
import { Seed } from './seed.js';

beforeAll(async () => {
  await initTrainingBackend();
});

const teacherDim = 12;
const batch = makeBatch({ views: 2, teacherDim, seed: 1 });
const otherBatches = [2, 3, 4].map((seed) => makeBatch({ views: 2, teacherDim, seed }));
afterAll(() => [batch, ...otherBatches].forEach(disposeBatch));

const optimizer = { type: 'sgd', momentum: 0.9, weightDecay: 1e-4 };
const schedule = { type: 'constant', learningRate: 0.05 };

describe('SEED', () => {
  const create = () => Seed.create({ backbone: TINY_RESNET, teacherDim, head: { hiddenDim: 16 }, queueSize: 32, optimizer, schedule });

  it('steps: finite loss, weights move, no leaks, loss falls', () => {
    const method = create();
    expectStepContract(method, batch);
    method.dispose();
  });

  it('enqueues the teacher embeddings of the step, unchanged, after the loss', () => {
    const method = create();
    const queueBefore = method.getState()['queues/teacher/contents']!;
    method.step(batch);
    const state = method.getState();
    expect(Array.from(state['queues/teacher/pointer']!)).toEqual([8]);
    const teacher = batch.teacherEmbeddings![0]!.dataSync();
    const contents = state['queues/teacher/contents']!;
    expect(Array.from(contents.subarray(0, 8 * teacherDim))).toEqual(Array.from(teacher));
    expect(Array.from(contents.subarray(8 * teacherDim))).toEqual(Array.from(queueBefore.subarray(8 * teacherDim)));
    method.dispose();
  });

  it('resumes from a checkpoint bit for bit', () => {
    expectExactResume(create, [batch, ...otherBatches], 2);
  });

  it('rejects teacher embeddings of the wrong width, naming the field', () => {
    const method = Seed.create({ backbone: TINY_MLP, teacherDim: 16, queueSize: 16 });
    expect(() => method.step(batch)).toThrow(/seed: batch\.teacherEmbeddings\[0\] has shape \[8, 12\], expected \[8, 16\]/);
    method.dispose();
  });
});

describe('SEED + MoCo-v2', () => {
  const create = () =>
    Seed.create(
      { backbone: TINY_MLP, teacherDim, queueSize: 32, mocoWeight: 0.5, moco: { projector: { outDim: 8 }, queueSize: 16, momentum: 0.9 }, optimizer, schedule },
      'seed-mocov2',
      true,
    );

  it('steps on the weighted sum of both losses', () => {
    const method = create();
    const result = method.step(batch);
    expect(Object.keys(result.parts).sort()).toEqual(['moco', 'seed']);
    expect(result.loss).toBeCloseTo(result.parts.seed! + result.parts.moco!, 5);
    expect(Object.keys(method.allModels())).toEqual(['backbone', 'head', 'mocoProjector', 'mocoKeyBackbone', 'mocoKeyProjector']);
    expectStepContract(method, batch);
    method.dispose();
  });

  it('resumes from a checkpoint bit for bit (both queues, key encoder)', () => {
    expectExactResume(create, [batch, ...otherBatches], 2);
  });
});

describe('KASSL', () => {
  it('two views: steps, no leaks, loss falls, resumes exactly', () => {
    const create = () => Kassl.create({ backbone: TINY_RESNET, teacherDim, optimizer, schedule });
    const method = create();
    expectStepContract(method, batch);
    method.dispose();
    expectExactResume(create, [batch, ...otherBatches], 2);
  });

  it('without augmentation: one view, loss = -mean cos(student, teacher) of that view', () => {
    const method = Kassl.create({ backbone: TINY_MLP, teacherDim, noAugmentation: true, optimizer, schedule });
    const singleView = { views: [batch.views[0]!], teacherEmbeddings: [batch.teacherEmbeddings![0]!] };
    const losses = expectStepContract(method, singleView);
    expect(losses.every((loss) => loss >= -1 && loss <= 1)).toBe(true);
    method.dispose();
  });

  it('teacher reduction: the projection learns only from its reconstruction term', () => {
    const config = { backbone: TINY_MLP, teacherDim, teacherReduction: { dim: 4 }, optimizer: { type: 'sgd', momentum: 0 }, schedule };
    const method = Kassl.create(config);
    const first = method.step(batch);
    expect(Object.keys(first.parts).sort()).toEqual(['kassl', 'reconstruction']);
    expect(first.loss).toBeCloseTo(first.parts.kassl! + first.parts.reconstruction!, 5);
    let last = first;
    for (let i = 0; i < 8; i++) last = method.step(batch);
    expect(last.parts.reconstruction!).toBeLessThan(first.parts.reconstruction!);
    method.dispose();

    // With the reconstruction weight at 0 the KASSL term alone must leave W untouched.
    const frozen = Kassl.create({ ...config, teacherReduction: { dim: 4, reconstructionWeight: 0 } });
    const kernel = () => frozen.trainableModels().teacherReduction!.weights[0]!.read().dataSync().slice() as Float32Array;
    const before = kernel();
    frozen.step(batch);
    frozen.step(batch);
    expect(maxAbsDiff(kernel(), before)).toBe(0);
    frozen.dispose();
  });
});

describe('L2 regression', () => {
  it('steps, no leaks, loss falls, resumes exactly', () => {
    const create = () => L2Regression.create({ backbone: TINY_MLP, teacherDim, optimizer, schedule });
    const method = create();
    expectStepContract(method, batch);
    method.dispose();
    expectExactResume(create, [batch, ...otherBatches], 1);
  });
});
