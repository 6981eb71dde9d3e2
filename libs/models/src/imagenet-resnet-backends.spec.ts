import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '@ssl-distill/runtime';
import { buildBackbone, type ArchitectureSpec } from './index.js';
import { seededTensor } from '../test/helpers.js';

/**
 * The ResNet that crashed the native backend at 224 px (issue 16: its stage-2 shortcut is a 1x1
 * stride-2 conv on 8 channels, whose filter gradient overflowed a oneDNN workspace). A few SGD
 * steps on native must give wasm's losses (the cpu backend's where the native addon is switched
 * off: slower, but the same check of wasm).
 */
const SPEC: ArchitectureSpec = { kind: 'resnet', inputShape: [224, 224, 3], stem: 'imagenet', widths: [8, 16], blocksPerStage: 1, seed: 11 };
const BATCH = 2;
const STEPS = 3;

const BACKENDS = { reference: 'wasm', checked: process.env.SSL_DISTILL_NATIVE === 'off' ? 'cpu' : 'native' } as const;

async function trainingLosses(backend: 'wasm' | 'native' | 'cpu', initial: Float32Array[]): Promise<number[]> {
  await initBackend({ backend, log: () => {} });
  const { model } = buildBackbone(SPEC);
  model.setWeights(initial.map((values, i) => tf.tensor(values, model.weights[i]!.shape as number[])));
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.sgd(0.1);
  const images = seededTensor([BATCH, ...SPEC.inputShape], 12);
  const targets = seededTensor([BATCH, 16], 13);
  const losses: number[] = [];
  let tensorsAfterFirstStep = 0;
  for (let step = 0; step < STEPS; step++) {
    const { value, grads } = tf.variableGrads(
      () => tf.tidy(() => tf.mean(tf.square(tf.sub(model.apply(images, { training: true }) as tf.Tensor, targets))) as tf.Scalar),
      trainable,
    );
    optimizer.applyGradients(grads);
    losses.push(value.dataSync()[0]!);
    tf.dispose([value, grads]);
    if (step === 0) tensorsAfterFirstStep = tf.memory().numTensors;
  }
  expect(tf.memory().numTensors, `tensors left by steps on ${backend}`).toBe(tensorsAfterFirstStep);
  tf.dispose([images, targets]);
  optimizer.dispose();
  model.dispose();
  return losses;
}

describe('a 224-px ResNet (imagenet stem, widths [8, 16])', () => {
  it(`trains on ${BACKENDS.checked} to the losses of ${BACKENDS.reference}`, async () => {
    await tf.setBackend('cpu');
    const { model } = buildBackbone(SPEC);
    const initial = model.getWeights().map((w) => w.dataSync() as Float32Array);
    model.dispose();
    const expected = await trainingLosses(BACKENDS.reference, initial);
    const actual = await trainingLosses(BACKENDS.checked, initial);
    expect(expected[STEPS - 1]).toBeLessThan(expected[0]!); // the reference run learns: the comparison means something
    actual.forEach((loss, step) => expect(Math.abs(loss - expected[step]!), `step ${step}: ${loss} vs ${expected[step]}`).toBeLessThan(1e-3 * Math.max(1, expected[step]!)));
  });
});
