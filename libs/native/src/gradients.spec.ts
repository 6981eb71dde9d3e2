import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { MULTIPLY_SUM } from './kernels/elementwise.js';
import { CPU_TOLERANCE, nativeDisabled, nativeVsCpuError, randomInput, requireNativeBackend } from './testing/compare.js';

describe.skipIf(nativeDisabled)('native gradients match the cpu backend', () => {
  beforeAll(requireNativeBackend);

  it.each([
    { name: 'relu', f: (x: tf.Tensor) => tf.relu(x) },
    { name: 'relu6', f: (x: tf.Tensor) => tf.relu6(x) },
    { name: 'square', f: (x: tf.Tensor) => tf.square(x) },
    { name: 'abs', f: (x: tf.Tensor) => tf.abs(x) },
    { name: 'clipByValue to [-2, 3]', f: (x: tf.Tensor) => tf.clipByValue(x, -2, 3) },
    // tf.layers.reLU({ maxValue: 6 }), MobileNet's activation.
    { name: 'clipByValue of relu to [0, 6]', f: (x: tf.Tensor) => tf.clipByValue(tf.relu(x), 0, 6) },
    { name: 'sigmoid', f: (x: tf.Tensor) => tf.sigmoid(x) },
    // MobileNet-v3's hard-swish, x * relu6(x + 3) / 6, and a squeeze-excite gate x * sigmoid(mean over pixels).
    { name: 'hard-swish', f: (x: tf.Tensor) => tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6)) },
    { name: 'squeeze-excite gate', f: (x: tf.Tensor) => tf.mul(x, tf.sigmoid(tf.mean(x, [1, 2], true))) },
    { name: 'mean over [0, 1, 2]', f: (x: tf.Tensor) => tf.mean(x, [0, 1, 2]) },
    { name: 'mean over 1 keepDims', f: (x: tf.Tensor) => tf.mean(x, 1, true) },
    { name: 'sum over [0, 3]', f: (x: tf.Tensor) => tf.sum(x, [0, 3]) },
    { name: 'sum of all', f: (x: tf.Tensor) => tf.sum(x) },
  ])('of $name', async ({ f }) => {
    // Scaled past 6 (relu6) and with exact values at the kinks (0, 6, and the clip bounds -2, 3).
    const x = randomInput([5, 6, 7, 8], 1);
    const kinks = [0, 6, -2, 3];
    x.values.forEach((v, i) => (x.values[i] = i % 17 === 0 ? kinks[(i / 17) % kinks.length]! : v * 8));
    const dy = randomInput(tf.tidy(() => f(tf.zeros(x.shape)).shape), 2);
    expect(await nativeVsCpuError({ x, dy }, ({ x, dy }) => tf.grad((input: tf.Tensor) => f(input).mul(dy).sum())(x)), 'gradient').toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it('of batch norm with respect to all its inputs', async () => {
    const variance = randomInput([8], 3);
    variance.values.forEach((v, i) => (variance.values[i] = Math.abs(v) + 0.1));
    const inputs = {
      x: randomInput([7, 5, 6, 8], 4), mean: randomInput([8], 5), variance,
      offset: randomInput([8], 6), scale: randomInput([8], 7), dy: randomInput([7, 5, 6, 8], 8),
    };
    expect(await nativeVsCpuError(inputs, ({ x, mean, variance, offset, scale, dy }) =>
      tf.grads((...args: tf.Tensor[]) => tf.batchNorm(args[0], args[1], args[2], args[3], args[4], 0.001).mul(dy).sum())([
        x, mean, variance, offset, scale,
      ])), 'batch norm gradients').toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it('of batch norm where tfjs moments feed it, as in tf.layers training', async () => {
    const inputs = { x: randomInput([6, 5, 5, 4], 9), gamma: randomInput([4], 10), beta: randomInput([4], 11), dy: randomInput([6, 5, 5, 4], 12) };
    expect(await nativeVsCpuError(inputs, ({ x, gamma, beta, dy }) =>
      tf.grads((input: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const { mean, variance } = tf.moments(input, [0, 1, 2]);
        return tf.batchNorm(input, mean, variance, b, g, 1e-3).mul(dy).sum();
      })([x, gamma, beta])), 'moments + batch norm').toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  // A broadcast operand's gradient is NativeMultiplySum: the squeeze-excite gate, a bias-like scale,
  // l2-normalize's per-row scale, a scalar, each in both operand orders; and both operands broadcast.
  const multiplyShapes: Array<[number[], number[]]> = [
    [[4, 9, 11, 24], [4, 1, 1, 24]],
    [[4, 9, 11, 24], [24]],
    [[37, 130], [37, 1]],
    [[5, 6, 7], []],
    [[4, 1, 1, 24], [4, 9, 11, 24]],
    [[1], [37, 130]],
    [[7, 1, 6, 1], [1, 5, 1, 8]],
  ];
  it.each(multiplyShapes)('of Multiply %s by %s with respect to both operands', async (aShape, bShape) => {
    const outShape = tf.broadcast_util.assertAndGetBroadcastShape(aShape, bShape);
    const inputs = { a: randomInput(aShape, 20), b: randomInput(bShape, 21), dy: randomInput(outShape, 22) };
    expect(await nativeVsCpuError(inputs, ({ a, b, dy }) => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.mul(x, y).mul(dy).sum())([a, b])),
      'multiply gradients').toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it.each(multiplyShapes.slice(0, 4))('of Multiply %s by %s: the broadcast gradient has the bits of Multiply then Sum', async (aShape, bShape) => {
    await tf.setBackend('native');
    const a = tf.tensor(randomInput(aShape, 23).values, aShape);
    const b = tf.tensor(randomInput(bShape, 24).values, bShape);
    const dy = tf.tensor(randomInput(a.shape, 25).values, a.shape);
    const axes = tf.broadcast_util.getReductionAxes(bShape, aShape);
    const gradient = () => tf.grad((y: tf.Tensor) => tf.mul(a, y).mul(dy).sum())(b);
    const profile = await tf.profile(() => tf.tidy(() => void gradient()));
    expect(profile.kernelNames).toContain(MULTIPLY_SUM);
    const [fused, unfused] = tf.tidy(() =>
      // tfjs's own Multiply gradient, on the same backend's Multiply and Sum kernels.
      [gradient(), tf.reshape(tf.sum(tf.mul(dy, a), axes), bShape)].map((t) => t.dataSync().slice()),
    );
    tf.dispose([a, b, dy]);
    expect(fused).toEqual(unfused);
  });

  it('AddN of several tensors', async () => {
    const inputs = { a: randomInput([300, 257], 13), b: randomInput([300, 257], 14), c: randomInput([300, 257], 15) };
    expect(await nativeVsCpuError(inputs, ({ a, b, c }) => tf.addN([a, b, c])), 'addN').toBeLessThanOrEqual(CPU_TOLERANCE);
  });
});
