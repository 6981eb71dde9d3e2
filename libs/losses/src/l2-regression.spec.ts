import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { mean, squaredDistance, unit, type Matrix } from '../test/reference.js';
import { expectGradientMatchesFiniteDifferences, expectNoTensorLeak, gradientValues, scalarValue } from '../test/tf-checks.js';
import { l2RegressionLoss } from './l2-regression.js';

const student: Matrix = [[1, 2, 0.5, -1], [-1, 0.5, 2, 0]];
const teacher: Matrix = [[2, 1, 1, 0], [0.5, -1, 1.5, 1]];

describe('l2RegressionLoss', () => {
  let teacherTensor: tf.Tensor2D;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    teacherTensor = tf.tensor2d(teacher);
  });

  it('is the batch mean of squared distances, optionally between unit vectors', () => {
    // Row 0: 1 + 1 + 0.25 + 1 = 3.25; row 1: 2.25 + 2.25 + 0.25 + 1 = 5.75; mean 4.5.
    expect(scalarValue(() => l2RegressionLoss(tf.tensor2d(student), teacherTensor))).toBeCloseTo(4.5, 5);
    const normalized = mean(student.map((row, i) => squaredDistance(unit(row), unit(teacher[i]!))));
    expect(scalarValue(() => l2RegressionLoss(tf.tensor2d(student), teacherTensor, { normalize: true }))).toBeCloseTo(normalized, 5);
  });

  it('sums over every feature axis of feature maps', () => {
    const maps = (m: Matrix) => tf.tensor4d(m.flat(), [2, 2, 1, 2]);
    expect(scalarValue(() => l2RegressionLoss(maps(student), maps(teacher)))).toBeCloseTo(4.5, 5);
  });

  it('has the finite-difference gradient w.r.t. the student and none w.r.t. the teacher', () => {
    expectGradientMatchesFiniteDifferences((x) => l2RegressionLoss(x, teacherTensor), student);
    expectGradientMatchesFiniteDifferences((x) => l2RegressionLoss(x, teacherTensor, { normalize: true }), student);
    expect(gradientValues((t) => l2RegressionLoss(tf.tensor2d(student), t), teacherTensor).every((g) => g === 0)).toBe(true);
  });

  it('leaks no tensors', () => {
    const studentTensor = tf.tensor2d(student);
    expectNoTensorLeak(() => l2RegressionLoss(studentTensor, teacherTensor, { normalize: true }));
    expectNoTensorLeak(() => tf.grad((x) => l2RegressionLoss(x, teacherTensor))(studentTensor));
  });

  it('names the argument and shapes on bad input', () => {
    expect(() => l2RegressionLoss(tf.tensor1d([1]), tf.tensor1d([1]))).toThrow('l2RegressionLoss: student must be a batch [N, ...features] of rank >= 2, got shape [1]');
    expect(() => l2RegressionLoss(tf.tensor2d(student), tf.zeros([2, 3]))).toThrow('student [2, 4] and teacher [2, 3] must have the same shape');
    expect(() => l2RegressionLoss(tf.tensor2d(student), teacherTensor, { normalize: 1 } as never)).toThrow('option normalize must be a boolean, got 1');
  });
});
