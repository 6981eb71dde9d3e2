import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { mean, squaredDistance, unit, type Matrix } from '../test/reference.js';
import { expectGradientMatchesFiniteDifferences, expectNoTensorLeak, gradientValues, scalarValue } from '../test/tf-checks.js';
import { tripletKdLoss, TRIPLET_KD_DEFAULTS } from './triplet-kd.js';

// Chosen so the hinge is clearly active for (anchor 0, negative 1) and clearly inactive elsewhere.
const student: Matrix = [[1, 0.2], [0.6, 1], [-1, -0.5]];
const teacher: Matrix = [[1, 0.5], [0.2, 1], [-0.8, -1]];

function hinge(s: Matrix, t: Matrix, anchor: number, negative: number, margin: number): number {
  return Math.max(0, margin + squaredDistance(t[anchor]!, s[anchor]!) - squaredDistance(t[anchor]!, s[negative]!));
}
const allPairs = [[0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]];

describe('tripletKdLoss', () => {
  let teacherTensor: tf.Tensor2D;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    teacherTensor = tf.tensor2d(teacher);
  });

  it('averages the hinge over all anchor != negative pairs of unit vectors by default', () => {
    const s = student.map(unit);
    const t = teacher.map(unit);
    const hinges = allPairs.map(([a, n]) => hinge(s, t, a!, n!, TRIPLET_KD_DEFAULTS.margin));
    expect(hinges.filter((h) => h > 0)).toHaveLength(1);
    expect(scalarValue(() => tripletKdLoss(tf.tensor2d(student), teacherTensor))).toBeCloseTo(mean(hinges), 5);
  });

  it('uses the given (anchor, negative) pairs, margin and normalisation', () => {
    const s = student.map(unit);
    const t = teacher.map(unit);
    const pairs = tf.tensor2d([[0, 1], [1, 0]], [2, 2], 'int32');
    expect(scalarValue(() => tripletKdLoss(tf.tensor2d(student), teacherTensor, pairs))).toBeCloseTo(mean([hinge(s, t, 0, 1, 1), hinge(s, t, 1, 0, 1)]), 5);
    const raw = allPairs.map(([a, n]) => hinge(student, teacher, a!, n!, 2));
    expect(scalarValue(() => tripletKdLoss(tf.tensor2d(student), teacherTensor, undefined, { margin: 2, normalize: false }))).toBeCloseTo(mean(raw), 5);
  });

  it('has the finite-difference gradient w.r.t. the student and none w.r.t. the teacher', () => {
    expectGradientMatchesFiniteDifferences((x) => tripletKdLoss(x, teacherTensor), student);
    expectGradientMatchesFiniteDifferences((x) => tripletKdLoss(x, teacherTensor, undefined, { margin: 2, normalize: false }), student);
    expect(gradientValues((t) => tripletKdLoss(tf.tensor2d(student), t), teacherTensor).every((g) => g === 0)).toBe(true);
  });

  it('leaks no tensors', () => {
    const studentTensor = tf.tensor2d(student);
    expectNoTensorLeak(() => tripletKdLoss(studentTensor, teacherTensor));
    expectNoTensorLeak(() => tf.grad((x) => tripletKdLoss(x, teacherTensor))(studentTensor));
  });

  it('names the argument on bad input', () => {
    const studentTensor = tf.tensor2d(student);
    expect(() => tripletKdLoss(studentTensor, teacherTensor, tf.tensor2d([[0, 1]]))).toThrow(
      'tripletKdLoss: pairs must be int32 [P, 2] (anchor, negative), got float32 [1, 2]',
    );
    expect(() => tripletKdLoss(studentTensor, tf.zeros([3, 3]))).toThrow('student [3, 2] and teacher [3, 3] must have the same shape');
    expect(() => tripletKdLoss(tf.zeros([1, 2]), tf.zeros([1, 2]))).toThrow('needs at least 2 rows');
  });
});
