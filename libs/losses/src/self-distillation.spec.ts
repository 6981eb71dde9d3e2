import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossEntropy, mean, softenedKl, squaredDistance, sum, type Matrix } from '../test/reference.js';
import { expectGradientMatchesFiniteDifferences, expectNoTensorLeak, gradientValues, scalarValue } from '../test/tf-checks.js';
import { selfDistillationLoss, SELF_DISTILLATION_DEFAULTS, type SelfDistillationOptions } from './self-distillation.js';

// Three heads (shallow -> deep), N = 2, 3 classes, 2-wide features.
const logits: Matrix[] = [
  [[1, 0.5, -1], [0.2, 1, 0.3]],
  [[0.5, 1.5, 0], [-0.5, 0.5, 1]],
  [[2, 0, -1], [0, -1, 2]],
];
const features: Matrix[] = [
  [[1, 0], [0.5, -1]],
  [[0, 1], [1, 1]],
  [[0.5, 0.5], [1, -0.5]],
];
const labels = [0, 2];
const CUSTOM: SelfDistillationOptions = { temperature: 2, alpha: 0.5, featureWeight: 0.1 };

function referenceByot({ temperature, alpha, featureWeight }: SelfDistillationOptions): number {
  const deepest = logits.length - 1;
  const ce = (head: Matrix) => mean(head.map((row, n) => crossEntropy(row, labels[n]!)));
  const shallowTerms = logits.slice(0, deepest).map((head, i) => {
    const kl = mean(head.map((row, n) => softenedKl(logits[deepest]![n]!, row, temperature))) * temperature ** 2;
    const featureDistance = mean(features[i]!.map((row, n) => squaredDistance(row, features[deepest]![n]!)));
    return (1 - alpha) * ce(head) + alpha * kl + featureWeight * featureDistance;
  });
  return ce(logits[deepest]!) + sum(shallowTerms);
}

describe('selfDistillationLoss (Be Your Own Teacher)', () => {
  let logitTensors: tf.Tensor2D[];
  let featureTensors: tf.Tensor2D[];
  let labelTensor: tf.Tensor1D;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    logitTensors = logits.map((m) => tf.tensor2d(m));
    featureTensors = features.map((m) => tf.tensor2d(m));
    labelTensor = tf.tensor1d(labels, 'int32');
  });
  const replacing = (tensors: tf.Tensor2D[], index: number, x: tf.Tensor) => tensors.map((t, i) => (i === index ? x : t));

  it('matches the hand-computed BYOT loss', () => {
    expect(scalarValue(() => selfDistillationLoss(logitTensors, featureTensors, labelTensor))).toBeCloseTo(referenceByot(SELF_DISTILLATION_DEFAULTS), 5);
    expect(scalarValue(() => selfDistillationLoss(logitTensors, featureTensors, labelTensor, CUSTOM))).toBeCloseTo(referenceByot(CUSTOM), 5);
  });

  it('has finite-difference gradients w.r.t. shallow logits and features', () => {
    expectGradientMatchesFiniteDifferences((x) => selfDistillationLoss(replacing(logitTensors, 0, x), featureTensors, labelTensor, CUSTOM), logits[0]!);
    expectGradientMatchesFiniteDifferences((x) => selfDistillationLoss(logitTensors, replacing(featureTensors, 1, x), labelTensor, CUSTOM), features[1]!);
  });

  it('treats the deepest head as a constant in the KL and feature terms', () => {
    // Its logits get only the gradient of its own cross-entropy (the one-head loss) ...
    expectGradientMatchesFiniteDifferences(
      (x) => selfDistillationLoss(replacing(logitTensors, 2, x), featureTensors, labelTensor, CUSTOM),
      logits[2]!,
      (x) => selfDistillationLoss([x], [featureTensors[2]!], labelTensor),
    );
    // ... and its features none at all.
    const grads = gradientValues((x) => selfDistillationLoss(logitTensors, replacing(featureTensors, 2, x), labelTensor, CUSTOM), featureTensors[2]!);
    expect(grads).toEqual([0, 0, 0, 0]);
  });

  it('leaks no tensors', () => {
    expectNoTensorLeak(() => selfDistillationLoss(logitTensors, featureTensors, labelTensor, CUSTOM));
    expectNoTensorLeak(() => tf.grad((x) => selfDistillationLoss(replacing(logitTensors, 0, x), featureTensors, labelTensor))(logitTensors[0]!));
  });

  it('names the argument on bad input', () => {
    expect(() => selfDistillationLoss([], [], labelTensor)).toThrow('selfDistillationLoss: stageLogits must hold at least one head, got none');
    expect(() => selfDistillationLoss(logitTensors, featureTensors.slice(1), labelTensor)).toThrow(
      'stageFeatures (2) must have one entry per head in stageLogits (3)',
    );
    expect(() => selfDistillationLoss(replacing(logitTensors, 0, tf.zeros([2, 4])), featureTensors, labelTensor)).toThrow(
      'selfDistillationLoss: stageLogits[0] [2, 4] and stageLogits[2] [2, 3] must have the same shape',
    );
    expect(() => selfDistillationLoss(logitTensors, replacing(featureTensors, 1, tf.zeros([2, 3])), labelTensor)).toThrow(
      'stageFeatures[1] [2, 3] and stageFeatures[2] [2, 2] must have the same shape',
    );
    expect(() => selfDistillationLoss(logitTensors, featureTensors, tf.tensor1d([0, 1, 2], 'int32'))).toThrow('labels [3] must have one label per row (N = 2)');
  });
});
