import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHead, byolPredictor, countParams, l2Normalize, linearClassifier, projectionHead } from './index.js';
import { initDefaultBackend, maxAbsDiff, predictValues, randomizeWeights, seededTensor, seededValues } from '../test/helpers.js';

beforeAll(async () => {
  await initDefaultBackend();
});

const layerClasses = (model: tf.LayersModel) => model.layers.map((layer) => layer.getClassName());

describe('heads', () => {
  it('projection head: (Linear-BN-ReLU) x (layers-1), Linear, optional last BN; [N, inDim] -> [N, outDim]', () => {
    const head = projectionHead({ inDim: 6, hiddenDim: 5, outDim: 3, layers: 3, lastBatchNorm: true });
    expect(layerClasses(head)).toEqual([
      'InputLayer', 'Dense', 'BatchNormalization', 'ReLU', 'Dense', 'BatchNormalization', 'ReLU', 'Dense', 'BatchNormalization',
    ]);
    // no bias before BN: 6*5 + 4*5 + 5*5 + 4*5 + 5*3 + 4*3
    expect(countParams(head)).toBe(30 + 20 + 25 + 20 + 15 + 12);
    expect(head.outputs[0]!.shape).toEqual([null, 3]);
  });

  it('projection head defaults to 2 layers, biased last Linear', () => {
    const head = projectionHead({ inDim: 4, hiddenDim: 8, outDim: 2 });
    expect(layerClasses(head)).toEqual(['InputLayer', 'Dense', 'BatchNormalization', 'ReLU', 'Dense']);
    expect(countParams(head)).toBe(4 * 8 + 4 * 8 + 8 * 2 + 2);
  });

  it('BYOL predictor is Linear-BN-ReLU-Linear and computes exactly that', () => {
    const head = byolPredictor({ inDim: 3, hiddenDim: 4, outDim: 2, name: 'pred' });
    expect(layerClasses(head)).toEqual(['InputLayer', 'Dense', 'BatchNormalization', 'ReLU', 'Dense']);
    randomizeWeights(head, 1);
    const input = seededTensor([5, 3], 2);
    const expected = tf.tidy(() => {
      const [w1] = head.getLayer('pred/linear1').getWeights();
      const [gamma, beta, mean, variance] = head.getLayer('pred/bn1').getWeights();
      const [w2, b2] = head.getLayer('pred/linear2').getWeights();
      const normalized = tf.add(tf.mul(gamma!, tf.div(tf.sub(tf.matMul(input, w1!), mean!), tf.sqrt(tf.add(variance!, 1e-5)))), beta!);
      return tf.add(tf.matMul(tf.relu(normalized), w2!), b2!).dataSync();
    });
    expect(maxAbsDiff(predictValues(head, input)[0]!, expected)).toBeLessThan(1e-5);
    input.dispose();
  });

  it('linear classifier computes x W + b (checked by hand on a 2x2 case)', () => {
    const head = linearClassifier({ inDim: 2, numClasses: 2 });
    head.setWeights([tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([0.5, -1])]);
    const input = tf.tensor2d([[1, -1], [2, 0.5]]);
    // [1,-1] -> [1-3, 2-4] + b = [-1.5, -3]; [2,0.5] -> [2+1.5, 4+2] + b = [4, 5]
    expect(Array.from(predictValues(head, input)[0]!)).toEqual([-1.5, -3, 4, 5]);
    input.dispose();
  });

  it('buildHead builds the same heads from plain JSON', () => {
    const fromSpec = buildHead({ kind: 'projection', inDim: 4, hiddenDim: 8, outDim: 2, seed: 3 });
    const direct = projectionHead({ inDim: 4, hiddenDim: 8, outDim: 2, seed: 3 });
    expect(fromSpec.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(direct.getWeights().map((w) => Array.from(w.dataSync())));
  });
});

describe('L2Normalize', () => {
  const normalizer = (axis?: number) => {
    const input = tf.input({ shape: [2, 2] });
    return tf.model({ inputs: input, outputs: l2Normalize({ axis }).apply(input) as tf.SymbolicTensor });
  };

  it('divides by the L2 norm along the last axis; zero vectors stay zero', () => {
    const input = tf.tensor3d([[[3, 4], [0, 0]]]);
    expect(Array.from(predictValues(normalizer(), input)[0]!)).toEqual([0.6, 0.8, 0, 0].map(Math.fround));
    input.dispose();
  });

  it('normalises along a chosen axis', () => {
    const input = tf.tensor3d([[[3, 1], [4, 0]]]);
    const [values] = predictValues(normalizer(1), input);
    expect(maxAbsDiff(values!, [0.6, 1, 0.8, 0])).toBeLessThan(1e-7);
    input.dispose();
  });

  it('gradient matches central finite differences', () => {
    const layer = l2Normalize();
    const x0 = seededValues(6, 4);
    const weights = tf.tensor2d(seededValues(6, 5), [2, 3]);
    const objective = (x: tf.Tensor) => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, weights)) as tf.Scalar;
    const analytic = tf.tidy(() => tf.grad(objective)(tf.tensor2d(x0, [2, 3])).dataSync());
    const step = 1e-2;
    const numeric = Array.from(x0, (_, i) =>
      tf.tidy(() => {
        const plus = x0.slice();
        const minus = x0.slice();
        plus[i]! += step;
        minus[i]! -= step;
        return (objective(tf.tensor2d(plus, [2, 3])).dataSync()[0]! - objective(tf.tensor2d(minus, [2, 3])).dataSync()[0]!) / (2 * step);
      }),
    );
    expect(maxAbsDiff(analytic, numeric)).toBeLessThan(2e-3);
    weights.dispose();
  });

  it('leaks no tensors', () => {
    const model = normalizer();
    const input = tf.ones([2, 2, 2]);
    predictValues(model, input);
    const before = tf.memory().numTensors;
    predictValues(model, input);
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });
});
