import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { dot, logSoftmax, mean, softmax, sum, unit, type Matrix } from '../test/reference.js';
import { expectGradientMatchesFiniteDifferences, expectNoTensorLeak, gradientValues, scalarValue } from '../test/tf-checks.js';
import { seedLoss, SEED_DEFAULTS } from './seed.js';

const student: Matrix = [[1, 2], [-1, 0.5]];
const teacher: Matrix = [[2, 1], [0.5, -1]];
const queue: Matrix = [[1, 0], [0, 1], [-1, -1]];

function referenceSeed(teacherTemperature: number, studentTemperature: number): number {
  const queueUnit = queue.map(unit);
  return mean(
    student.map((row, i) => {
      const s = unit(row);
      const t = unit(teacher[i]!);
      const teacherProbabilities = softmax([dot(t, t), ...queueUnit.map((q) => dot(t, q))].map((v) => v / teacherTemperature));
      const studentLogProbabilities = logSoftmax([dot(s, t), ...queueUnit.map((q) => dot(s, q))].map((v) => v / studentTemperature));
      return -sum(teacherProbabilities.map((p, j) => p * studentLogProbabilities[j]!));
    }),
  );
}

describe('seedLoss', () => {
  let teacherTensor: tf.Tensor2D;
  let queueTensor: tf.Tensor2D;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    teacherTensor = tf.tensor2d(teacher);
    queueTensor = tf.tensor2d(queue);
  });
  const lossOfStudent = (options = {}) => (x: tf.Tensor) => seedLoss(x, teacherTensor, queueTensor, options);

  it('matches the hand-computed soft cross-entropy at the default temperatures', () => {
    const value = scalarValue(() => lossOfStudent()(tf.tensor2d(student)));
    expect(value).toBeCloseTo(referenceSeed(SEED_DEFAULTS.teacherTemperature, SEED_DEFAULTS.studentTemperature), 4);
  });

  it('stays finite and exact with the official teacher temperature 1e-4', () => {
    const options = { teacherTemperature: 1e-4, studentTemperature: 0.2 };
    const expected = referenceSeed(1e-4, 0.2);
    expect(Number.isFinite(expected)).toBe(true);
    expect(scalarValue(() => lossOfStudent(options)(tf.tensor2d(student)))).toBeCloseTo(expected, 4);
    expect(gradientValues(lossOfStudent(options), tf.tensor2d(student)).every(Number.isFinite)).toBe(true);
  });

  it('has the finite-difference gradient w.r.t. the student', () => {
    expectGradientMatchesFiniteDifferences(lossOfStudent(), student);
    expectGradientMatchesFiniteDifferences(lossOfStudent({ teacherTemperature: 1e-4 }), student);
  });

  it('sends no gradient to the teacher or the queue', () => {
    const studentTensor = tf.tensor2d(student);
    expect(gradientValues((t) => seedLoss(studentTensor, t, queueTensor), teacherTensor)).toEqual([0, 0, 0, 0]);
    expect(gradientValues((q) => seedLoss(studentTensor, teacherTensor, q), queueTensor)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('leaks no tensors', () => {
    const studentTensor = tf.tensor2d(student);
    expectNoTensorLeak(() => lossOfStudent()(studentTensor));
    expectNoTensorLeak(() => tf.grad(lossOfStudent())(studentTensor));
    studentTensor.dispose();
  });

  it('names the argument and shapes on bad input', () => {
    const studentTensor = tf.tensor2d(student);
    expect(() => seedLoss(tf.tensor1d([1, 2]), teacherTensor, queueTensor)).toThrow('seedLoss: student must be a 2-D tensor [N, D], got shape [2]');
    expect(() => seedLoss(studentTensor, tf.zeros([2, 3]), queueTensor)).toThrow('seedLoss: student [2, 2] and teacher [2, 3] must have the same shape');
    expect(() => seedLoss(studentTensor, teacherTensor, tf.zeros([4, 3]))).toThrow('seedLoss: queue [4, 3] must have 2 columns like student [2, 2]');
    expect(() => seedLoss(studentTensor, teacherTensor, queueTensor, { teacherTemperature: 0 })).toThrow('teacherTemperature must be > 0');
    expect(() => seedLoss(studentTensor, teacherTensor, queueTensor, { temperature: 1 } as never)).toThrow("unknown option 'temperature'");
  });
});
