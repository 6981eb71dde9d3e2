import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { cosine, logSigmoid, mean, type Matrix } from '../test/reference.js';
import { expectGradientMatchesFiniteDifferences, expectNoTensorLeak, gradientValues, scalarValue } from '../test/tf-checks.js';
import { binaryContrastiveLoss, BINARY_CONTRASTIVE_DEFAULTS } from './binary-contrastive.js';

const student: Matrix = [[1, 2], [-1, 0.5], [0.3, -1]];
const teacher: Matrix = [[1.5, 1], [-0.5, 1], [1, -0.8]];
const queue: Matrix = [[1, 0], [0, 1], [-1, -1], [0.5, -2]];

/** -log sigmoid(positive / tau) - mean over negatives of log(1 - sigmoid(negative / tau)), batch mean. */
function referenceBinaryNce(negativesOf: (i: number) => Matrix, temperature: number): number {
  return mean(
    student.map((s, i) => {
      const negatives = negativesOf(i).map((t) => Math.log(1 - Math.exp(logSigmoid(cosine(s, t) / temperature))));
      return -logSigmoid(cosine(s, teacher[i]!) / temperature) - mean(negatives);
    }),
  );
}
const otherTeachers = (i: number) => teacher.filter((_, j) => j !== i);

describe('binaryContrastiveLoss', () => {
  let teacherTensor: tf.Tensor2D;
  let queueTensor: tf.Tensor2D;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    teacherTensor = tf.tensor2d(teacher);
    queueTensor = tf.tensor2d(queue);
  });

  it('matches the hand-computed binary NCE with in-batch negatives', () => {
    const expected = referenceBinaryNce(otherTeachers, BINARY_CONTRASTIVE_DEFAULTS.temperature);
    expect(scalarValue(() => binaryContrastiveLoss(tf.tensor2d(student), teacherTensor))).toBeCloseTo(expected, 4);
    expect(scalarValue(() => binaryContrastiveLoss(tf.tensor2d(student), teacherTensor, undefined, { temperature: 0.5 }))).toBeCloseTo(
      referenceBinaryNce(otherTeachers, 0.5),
      5,
    );
  });

  it('matches the hand-computed binary NCE with queue negatives', () => {
    const expected = referenceBinaryNce(() => queue, 0.5);
    expect(scalarValue(() => binaryContrastiveLoss(tf.tensor2d(student), teacherTensor, queueTensor, { temperature: 0.5 }))).toBeCloseTo(expected, 5);
  });

  it('has the finite-difference gradient w.r.t. the student and none w.r.t. teacher or queue', () => {
    const options = { temperature: 0.5 };
    expectGradientMatchesFiniteDifferences((x) => binaryContrastiveLoss(x, teacherTensor, undefined, options), student);
    expectGradientMatchesFiniteDifferences((x) => binaryContrastiveLoss(x, teacherTensor, queueTensor, options), student);
    const studentTensor = tf.tensor2d(student);
    expect(gradientValues((t) => binaryContrastiveLoss(studentTensor, t), teacherTensor).every((g) => g === 0)).toBe(true);
    expect(gradientValues((q) => binaryContrastiveLoss(studentTensor, teacherTensor, q), queueTensor).every((g) => g === 0)).toBe(true);
  });

  it('leaks no tensors', () => {
    const studentTensor = tf.tensor2d(student);
    expectNoTensorLeak(() => binaryContrastiveLoss(studentTensor, teacherTensor));
    expectNoTensorLeak(() => binaryContrastiveLoss(studentTensor, teacherTensor, queueTensor));
    expectNoTensorLeak(() => tf.grad((x) => binaryContrastiveLoss(x, teacherTensor, queueTensor))(studentTensor));
  });

  it('names the argument on bad input', () => {
    expect(() => binaryContrastiveLoss(tf.tensor2d([[1, 2]]), tf.tensor2d([[1, 0]]))).toThrow(
      'binaryContrastiveLoss: student [1, 2] needs at least 2 rows (without a queue the negatives are the other samples)',
    );
    expect(() => binaryContrastiveLoss(tf.tensor2d(student), teacherTensor, tf.zeros([4, 3]))).toThrow('queue [4, 3] must have 2 columns like student [3, 2]');
  });
});
