import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBackbone, buildHead, type ArchitectureSpec } from './index.js';
import { initGradientBackend, maxAbsDiff, seededTensor, weightValues } from '../test/helpers.js';

beforeAll(async () => {
  await initGradientBackend();
});

const tinyBackbones: ArchitectureSpec[] = [
  { kind: 'resnet', inputShape: [8, 8, 1], stem: 'small', widths: [4, 8], blocksPerStage: 1, seed: 3 },
  {
    kind: 'mobilenet', inputShape: [8, 8, 1], stemWidth: 4,
    stages: [{ width: 4, blocks: 1, stride: 1 }, { width: 8, blocks: 1, stride: 2 }],
    invertedResidual: true, expansion: 2, squeezeExcite: true, seed: 3,
  },
  { kind: 'mlp', inputShape: [8, 8, 1], hidden: [16], batchNorm: true, outDim: 4, seed: 3 },
];

describe('a training step through tf.variableGrads', () => {
  it.each(tinyBackbones)('$kind + projection head: loss falls, weights and BN statistics change, no tensor leaks', (spec) => {
    const { model: backbone, embedDim } = buildBackbone(spec);
    const head = buildHead({ kind: 'projection', inDim: embedDim, hiddenDim: 8, outDim: 4, seed: 4 });
    const trainable = [...backbone.trainableWeights, ...head.trainableWeights].map((w) => w.read() as tf.Variable);
    const optimizer = tf.train.sgd(0.05);
    const images = seededTensor([4, ...spec.inputShape], 1);
    const targets = seededTensor([4, 4], 2);
    const loss = () =>
      tf.tidy(() => {
        const projected = head.apply(backbone.apply(images, { training: true }), { training: true }) as tf.Tensor;
        return tf.mean(tf.square(tf.sub(projected, targets))) as tf.Scalar;
      });
    const step = () => {
      const { value, grads } = tf.variableGrads(loss, trainable);
      optimizer.applyGradients(grads);
      const lossValue = value.dataSync()[0]!;
      tf.dispose([value, grads]);
      return lossValue;
    };

    const before = weightValues(backbone);
    const firstLoss = step();
    const tensorsAfterFirstStep = tf.memory().numTensors;
    let lastLoss = firstLoss;
    for (let i = 0; i < 8; i++) lastLoss = step();
    expect(tf.memory().numTensors).toBe(tensorsAfterFirstStep);

    expect(lastLoss).toBeLessThan(firstLoss);
    const after = weightValues(backbone);
    backbone.weights.forEach((weight, i) => {
      // Every weight moves: trainable ones by SGD, BN moving statistics by the training-mode forward pass.
      expect(maxAbsDiff(after[i]!, before[i]!), weight.originalName).toBeGreaterThan(0);
    });
    tf.dispose([images, targets]);
    optimizer.dispose();
  });
});
