import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossEntropy, mean, softenedKl, type Matrix } from '../test/reference.js';
import { expectGradientMatchesFiniteDifferences, expectNoTensorLeak, gradientValues, scalarValue } from '../test/tf-checks.js';
import { hintonKdLoss, HINTON_KD_DEFAULTS } from './hinton-kd.js';

const studentLogits: Matrix = [[1, 2, 0.5], [-1, 0.5, 2]];
const teacherLogits: Matrix = [[3, 1, -1], [0.5, -2, 4]];
const labels = [0, 2];

const softTerm = (temperature: number) =>
  mean(studentLogits.map((row, i) => softenedKl(teacherLogits[i]!, row, temperature))) * temperature * temperature;
const hardTerm = () => mean(studentLogits.map((row, i) => crossEntropy(row, labels[i]!)));

describe('hintonKdLoss', () => {
  let teacherTensor: tf.Tensor2D;
  let labelTensor: tf.Tensor1D;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    teacherTensor = tf.tensor2d(teacherLogits);
    labelTensor = tf.tensor1d(labels, 'int32');
  });

  it('weighs T^2 KL and label cross-entropy by alpha', () => {
    const { temperature, alpha } = HINTON_KD_DEFAULTS;
    const expected = alpha * softTerm(temperature) + (1 - alpha) * hardTerm();
    expect(scalarValue(() => hintonKdLoss(tf.tensor2d(studentLogits), teacherTensor, labelTensor))).toBeCloseTo(expected, 5);
    const custom = 0.25 * softTerm(2) + 0.75 * hardTerm();
    expect(scalarValue(() => hintonKdLoss(tf.tensor2d(studentLogits), teacherTensor, labelTensor, { temperature: 2, alpha: 0.25 }))).toBeCloseTo(custom, 5);
  });

  it('is the soft-target term alone without labels', () => {
    expect(scalarValue(() => hintonKdLoss(tf.tensor2d(studentLogits), teacherTensor))).toBeCloseTo(softTerm(HINTON_KD_DEFAULTS.temperature), 5);
    expect(scalarValue(() => hintonKdLoss(tf.tensor2d(teacherLogits), teacherTensor))).toBeCloseTo(0, 6);
  });

  it('has the finite-difference gradient w.r.t. the student and none w.r.t. the teacher', () => {
    expectGradientMatchesFiniteDifferences((x) => hintonKdLoss(x, teacherTensor, labelTensor), studentLogits);
    expectGradientMatchesFiniteDifferences((x) => hintonKdLoss(x, teacherTensor, undefined, { temperature: 1 }), studentLogits);
    expect(gradientValues((t) => hintonKdLoss(tf.tensor2d(studentLogits), t, labelTensor), teacherTensor).every((g) => g === 0)).toBe(true);
  });

  it('leaks no tensors', () => {
    const student = tf.tensor2d(studentLogits);
    expectNoTensorLeak(() => hintonKdLoss(student, teacherTensor, labelTensor));
    expectNoTensorLeak(() => tf.grad((x) => hintonKdLoss(x, teacherTensor, labelTensor))(student));
  });

  it('names the argument on bad input', () => {
    const student = tf.tensor2d(studentLogits);
    expect(() => hintonKdLoss(student, teacherTensor, tf.tensor1d([0, 1]))).toThrow('hintonKdLoss: labels must be int32 class indices, got dtype float32');
    expect(() => hintonKdLoss(student, teacherTensor, tf.tensor1d([0], 'int32'))).toThrow('labels [1] must have one label per row (N = 2)');
    expect(() => hintonKdLoss(student, tf.zeros([2, 4]))).toThrow('studentLogits [2, 3] and teacherLogits [2, 4] must have the same shape');
    expect(() => hintonKdLoss(student, teacherTensor, labelTensor, { alpha: 1.5 })).toThrow('option alpha must be in [0, 1], got 1.5');
  });
});
