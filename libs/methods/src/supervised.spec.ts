import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeBatch, expectExactResume, expectStepContract, initTrainingBackend, makeBatch, seededValues, TINY_MLP, TINY_RESNET } from '../test/helpers.js';
import { tripletKdLoss } from '@ssl-distill/losses';
import { allPairsTripletKd, Kd } from './kd.js';
import { createMethod } from './registry.js';
import { SelfDistillation } from './self-distillation.js';

beforeAll(async () => {
  await initTrainingBackend();
});

const classes = 4;
const teacherDim = 6;
const batch = makeBatch({ views: 1, teacherDim, classes, seed: 1 });
const otherBatches = [2, 3].map((seed) => makeBatch({ views: 1, teacherDim, classes, seed }));
afterAll(() => [batch, ...otherBatches].forEach(disposeBatch));

const optimizer = { type: 'sgd', momentum: 0.9, weightDecay: 5e-4 };
const schedule = { type: 'constant', learningRate: 0.05 };

describe('supervised and KD terms', () => {
  it.each([
    ['supervised', {}, ['crossEntropy']],
    ['hkd', {}, ['crossEntropy', 'hinton']],
    ['rkd', { teacherDim }, ['crossEntropy', 'rkd']],
    ['triplet-kd', { teacherDim }, ['crossEntropy', 'triplet']],
  ] as const)('%s: steps, no leaks, loss falls; parts sum to the loss', (name, extra, parts) => {
    const method = createMethod(name, { backbone: TINY_MLP, numClasses: classes, optimizer, schedule, ...extra });
    const first = method.step(batch);
    expect(Object.keys(first.parts).sort()).toEqual([...parts]);
    expect(first.loss).toBeCloseTo(Object.values(first.parts).reduce((a, b) => a + b, 0), 4);
    expectStepContract(method, batch);
    method.dispose();
  });

  it('triplet + HKD + RKD-DA combined by weights, with a projection to the teacher width; resumes exactly', () => {
    const create = () =>
      Kd.create({
        backbone: TINY_RESNET,
        numClasses: classes,
        teacherDim,
        crossEntropy: 0,
        hinton: { weight: 1, temperature: 4 },
        rkd: { weight: 0.1 },
        triplet: { weight: 1 },
        optimizer,
        schedule,
      });
    const method = create();
    expect(Object.keys(method.trainableModels())).toEqual(['backbone', 'classifier', 'tripletProjection']);
    expect(Object.keys(method.step(batch).parts).sort()).toEqual(['hinton', 'rkd', 'triplet']);
    method.dispose();
    expectExactResume(create, [batch, ...otherBatches], 1);
  });

  it('hkd with crossEntropy 1 - alpha equals the losses library hintonKdLoss with alpha (same first loss)', async () => {
    const { hintonKdLoss } = await import('@ssl-distill/losses');
    const method = createMethod('hkd', { backbone: TINY_MLP, numClasses: classes, optimizer, schedule });
    const { backbone, classifier } = method.trainableModels();
    const expected = tf.tidy(() => {
      const logits = classifier!.apply(backbone!.apply(batch.views[0]!, { training: true }), { training: true }) as tf.Tensor;
      return hintonKdLoss(logits, batch.teacherLogits![0]!, batch.labels, { alpha: 0.9, temperature: 4 }).dataSync()[0]!;
    });
    // The reference forward pass above moved the BN statistics but not the batch statistics the step uses.
    expect(method.step(batch).loss).toBeCloseTo(expected, 5);
    method.dispose();
  });

  it.each([true, false])('the dense triplet term equals the losses library tripletKdLoss, value and gradient (normalize %s)', (normalize) => {
    const options = { margin: 1, normalize };
    const student = tf.tensor2d(seededValues(7 * 5, 11), [7, 5]);
    const teacher = tf.tensor2d(seededValues(7 * 5, 12), [7, 5]);
    const ours = tf.valueAndGrad((s: tf.Tensor) => allPairsTripletKd(s, teacher, options))(student);
    const reference = tf.valueAndGrad((s: tf.Tensor) => tripletKdLoss(s, teacher, undefined, options))(student);
    expect(ours.value.dataSync()[0]).toBeCloseTo(reference.value.dataSync()[0]!, 5);
    expect(ours.value.dataSync()[0]).toBeGreaterThan(0);
    Array.from(ours.grad.dataSync()).forEach((g, i) => expect(g).toBeCloseTo(reference.grad.dataSync()[i]!, 5));
    tf.dispose([student, teacher, ours.value, ours.grad, reference.value, reference.grad]);
  });

  it('learns: cross-entropy on a separable synthetic set goes well above chance', () => {
    // Class c lights up quadrant c of an 8x8 image, under noise of the same amplitude.
    const images = (rows: number, seed: number) => {
      const noise = seededValues(rows * 64, seed);
      const labels = Int32Array.from({ length: rows }, (_, i) => (i * 5 + seed) % classes);
      const pixels = noise.map((value, index) => {
        const row = Math.floor(index / 64);
        const [y, x] = [Math.floor((index % 64) / 8), index % 8];
        const quadrant = (y < 4 ? 0 : 2) + (x < 4 ? 0 : 1);
        return value + (quadrant === labels[row] ? 1 : 0);
      });
      return { views: [tf.tensor4d(pixels, [rows, 8, 8, 1])], labels: tf.tensor1d(labels, 'int32') };
    };
    const method = createMethod('supervised', { backbone: TINY_MLP, numClasses: classes, optimizer, schedule: { type: 'constant', learningRate: 0.1 } });
    const trainBatches = [11, 12, 13, 14].map((seed) => images(32, seed));
    for (let epoch = 0; epoch < 5; epoch++) for (const trainBatch of trainBatches) method.step(trainBatch);
    const test = images(200, 99);
    const { backbone, classifier } = method.trainableModels();
    const accuracy = tf.tidy(() => {
      const predictions = tf.argMax(classifier!.predict(backbone!.predict(test.views[0]!) as tf.Tensor) as tf.Tensor, 1);
      return tf.mean(tf.cast(tf.equal(predictions, test.labels), 'float32')).dataSync()[0]!;
    });
    expect(accuracy).toBeGreaterThan(0.8);
    [...trainBatches, test].forEach((b) => tf.dispose([...b.views, b.labels]));
    method.dispose();
  });
});

describe('self-distillation', () => {
  const create = () => SelfDistillation.create({ backbone: TINY_RESNET, numClasses: classes, optimizer, schedule });

  it('has a head per stage; steps, no leaks, loss falls; resumes exactly', () => {
    const method = create();
    expect(Object.keys(method.trainableModels())).toEqual(['backbone', 'head1', 'head2']);
    // The shallow head's bottleneck maps stage 1 (4 channels) to stage 2's width (8).
    const head1 = method.trainableModels().head1!;
    expect(head1.outputs.map((output) => output.shape)).toEqual([[null, 8], [null, classes]]);
    expectStepContract(method, batch);
    method.dispose();
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
