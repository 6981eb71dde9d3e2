import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { dot, huber, norm, subtract, sum, unit, type Matrix } from '../test/reference.js';
import { expectGradientMatchesFiniteDifferences, expectNoTensorLeak, gradientValues, scalarValue } from '../test/tf-checks.js';
import { rkdAngleLoss, rkdDistanceLoss, rkdLoss, RKD_DEFAULTS } from './rkd.js';

// Student width 2, teacher width 3: relations do not need matching widths. Chosen so that some
// angle differences exceed 1 (Huber's linear branch) and none sits near the kink.
const student: Matrix = [[1, 2], [-1, 0.5], [0.3, -1], [-1, -2]];
const teacher: Matrix = [[2, 1, 0], [0.5, -1, 1], [-1, 0.5, 0.5], [1, 1, 2]];
const n = student.length;

/** Pairwise distances divided by their mean over the off-diagonal pairs. */
function normalizedDistances(x: Matrix): Matrix {
  const distances = x.map((a) => x.map((b) => norm(subtract(a, b))));
  const meanDistance = sum(distances.flat()) / (n * (n - 1));
  return distances.map((row) => row.map((d) => d / meanDistance));
}

/** angles[a][b][c] = cos of the angle at x_a between x_b and x_c (0 when b or c is a). */
function angleCosines(x: Matrix): number[][][] {
  return x.map((a) =>
    x.map((b) =>
      x.map((c) => {
        const ab = subtract(b, a);
        const ac = subtract(c, a);
        return norm(ab) === 0 || norm(ac) === 0 ? 0 : dot(unit(ab), unit(ac));
      }),
    ),
  );
}

const huberMean = (a: number[], b: number[]) => sum(a.map((v, i) => huber(v - b[i]!))) / a.length;
const referenceDistance = () => huberMean(normalizedDistances(student).flat(), normalizedDistances(teacher).flat());
const referenceAngle = () => huberMean(angleCosines(student).flat(2), angleCosines(teacher).flat(2));

describe('RKD losses', () => {
  let teacherTensor: tf.Tensor2D;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    teacherTensor = tf.tensor2d(teacher);
  });

  it('rkdDistanceLoss matches the hand-computed Huber of mean-normalised distances', () => {
    expect(scalarValue(() => rkdDistanceLoss(tf.tensor2d(student), teacherTensor))).toBeCloseTo(referenceDistance(), 5);
    // Distances are relative: a scaled copy of the teacher's geometry costs nothing.
    const scaledTeacher = tf.mul(teacherTensor, 3);
    expect(scalarValue(() => rkdDistanceLoss(scaledTeacher, teacherTensor))).toBeCloseTo(0, 5);
  });

  it('rkdAngleLoss matches the hand-computed Huber of triplet angle cosines', () => {
    const angleDifferences = angleCosines(student).flat(2).map((v, i) => Math.abs(v - angleCosines(teacher).flat(2)[i]!));
    expect(Math.max(...angleDifferences)).toBeGreaterThan(1); // the linear branch is exercised
    expect(scalarValue(() => rkdAngleLoss(tf.tensor2d(student), teacherTensor))).toBeCloseTo(referenceAngle(), 5);
  });

  it('rkdLoss weighs distance and angle terms (25 and 50 by default)', () => {
    const expected = RKD_DEFAULTS.distanceWeight * referenceDistance() + RKD_DEFAULTS.angleWeight * referenceAngle();
    expect(RKD_DEFAULTS).toEqual({ distanceWeight: 25, angleWeight: 50 });
    expect(scalarValue(() => rkdLoss(tf.tensor2d(student), teacherTensor))).toBeCloseTo(expected, 3);
    expect(scalarValue(() => rkdLoss(tf.tensor2d(student), teacherTensor, { distanceWeight: 1, angleWeight: 0 }))).toBeCloseTo(referenceDistance(), 5);
  });

  it('has finite-difference gradients w.r.t. the student and none w.r.t. the teacher', () => {
    expectGradientMatchesFiniteDifferences((x) => rkdDistanceLoss(x, teacherTensor), student);
    expectGradientMatchesFiniteDifferences((x) => rkdAngleLoss(x, teacherTensor), student);
    expectGradientMatchesFiniteDifferences((x) => rkdLoss(x, teacherTensor), student);
    const grads = gradientValues((t) => rkdLoss(tf.tensor2d(student), t), teacherTensor);
    expect(grads.every((g) => g === 0)).toBe(true);
  });

  it('leaks no tensors', () => {
    const studentTensor = tf.tensor2d(student);
    expectNoTensorLeak(() => rkdLoss(studentTensor, teacherTensor));
    expectNoTensorLeak(() => tf.grad((x) => rkdLoss(x, teacherTensor))(studentTensor));
  });

  it('names the argument on bad input', () => {
    expect(() => rkdDistanceLoss(tf.tensor2d(student), tf.zeros([3, 3]))).toThrow(
      'rkdDistanceLoss: student [4, 2] and teacher [3, 3] must have the same number of rows N',
    );
    expect(() => rkdAngleLoss(tf.zeros([2, 2]), tf.zeros([2, 3]))).toThrow('rkdAngleLoss: student [2, 2] needs at least 3 rows');
    expect(() => rkdLoss(tf.tensor2d(student), teacherTensor, { angleWeight: -1 })).toThrow('option angleWeight must be >= 0');
  });
});
