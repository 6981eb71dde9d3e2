import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { cosine, mean, type Matrix } from '../test/reference.js';
import { expectGradientMatchesFiniteDifferences, expectNoTensorLeak, gradientValues, scalarValue } from '../test/tf-checks.js';
import { kasslLoss } from './kassl.js';

// Student extended-head outputs and teacher embeddings, both at the teacher's width 3.
const s1: Matrix = [[1, 2, 0.5], [-1, 0.5, 2]];
const s2: Matrix = [[0.5, 1, -1], [2, -0.5, 1]];
const t1: Matrix = [[2, 1, 1], [0.5, -1, 1.5]];
const t2: Matrix = [[-1, 1, 0.5], [1, 1, 1]];

const meanCos = (a: Matrix, b: Matrix) => mean(a.map((row, i) => cosine(row, b[i]!)));

describe('kasslLoss', () => {
  let teacher1: tf.Tensor2D;
  let teacher2: tf.Tensor2D;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    teacher1 = tf.tensor2d(t1);
    teacher2 = tf.tensor2d(t2);
  });

  it('is minus the cross-view mean cosine of student head and teacher', () => {
    const value = scalarValue(() => kasslLoss(tf.tensor2d(s1), tf.tensor2d(s2), teacher1, teacher2));
    expect(value).toBeCloseTo(-0.5 * (meanCos(s2, t1) + meanCos(s1, t2)), 5);
  });

  it('handles the no-augmentation variant (the same view passed twice)', () => {
    const student = tf.tensor2d(s1);
    expect(scalarValue(() => kasslLoss(student, student, teacher1, teacher1))).toBeCloseTo(-meanCos(s1, t1), 5);
    // The one tensor feeds both terms: its gradient is the sum over both uses.
    expectGradientMatchesFiniteDifferences((x) => kasslLoss(x, x, teacher1, teacher1), s1);
  });

  it('has the finite-difference gradient w.r.t. each student view and none w.r.t. the teacher', () => {
    const student1 = tf.tensor2d(s1);
    const student2 = tf.tensor2d(s2);
    expectGradientMatchesFiniteDifferences((x) => kasslLoss(x, student2, teacher1, teacher2), s1);
    expectGradientMatchesFiniteDifferences((x) => kasslLoss(student1, x, teacher1, teacher2), s2);
    expect(gradientValues((t) => kasslLoss(student1, student2, t, teacher2), teacher1).every((g) => g === 0)).toBe(true);
  });

  it('leaks no tensors', () => {
    const student1 = tf.tensor2d(s1);
    const student2 = tf.tensor2d(s2);
    expectNoTensorLeak(() => kasslLoss(student1, student2, teacher1, teacher2));
    expectNoTensorLeak(() => tf.grad((x) => kasslLoss(x, student2, teacher1, teacher2))(student1));
  });

  it('names the argument whose shape is wrong (student head not at the teacher width)', () => {
    expect(() => kasslLoss(tf.tensor2d(s1), tf.zeros([2, 2]), teacher1, teacher2)).toThrow(
      'kasslLoss: studentOnView1 [2, 3] and studentOnView2 [2, 2] must have the same shape',
    );
  });
});
