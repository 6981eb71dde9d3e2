import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { MULTIPLY_SUM } from './kernels/elementwise.js';
import { CPU_TOLERANCE, nativeDisabled, nativeVsCpuError, randomInput, requireNativeBackend, runKernel, runOn } from './testing/compare.js';

describe.skipIf(nativeDisabled)('native element-wise and reduction kernels match the cpu backend', () => {
  beforeAll(requireNativeBackend);

  // Broadcast patterns of batch norm and its gradient, and the general cases.
  const shapes: Array<[number[], number[]]> = [
    [[7, 5, 6, 8], [7, 5, 6, 8]],
    [[7, 5, 6, 8], [8]],
    [[8], [7, 5, 6, 8]],
    [[7, 5, 6, 8], [1, 1, 1, 8]],
    [[7, 5, 6, 8], []],
    [[], [3, 4]],
    [[7, 1, 6, 1], [1, 5, 1, 8]],
    [[7, 5, 6, 8], [7, 1, 1, 1]],
    [[300, 257], [257]],
    [[], []],
  ];
  const ops = [tf.Add, tf.Sub, tf.Multiply, tf.RealDiv, tf.SquaredDifference];

  it.each(ops.flatMap((op) => shapes.map(([aShape, bShape]) => ({ op, aShape, bShape }))))('$op $aShape with $bShape', async ({ op, aShape, bShape }) => {
    const inputs = { a: randomInput(aShape, 1), b: randomInput(bShape, 2) };
    expect(await nativeVsCpuError(inputs, ({ a, b }) => runKernel(op, { a, b })), op).toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  // Large enough (171,680 outputs) that the addon splits the output over both threads in ranges
  // that start and end inside rows: same shape, bias-like, per-(n, c) gates (squeeze-excite),
  // per-sample and scalar operands, in both operand orders.
  const large = [4, 37, 29, 40];
  const largeBroadcasts = [large, [40], [1, 1, 1, 40], [4, 1, 1, 40], [4, 1, 1, 1], [4, 37, 29, 1], []];
  const largeCases = largeBroadcasts.flatMap((other) => [[large, other], [other, large]]);
  it.each([tf.Add, tf.Sub, tf.Multiply].flatMap((op) => largeCases.map(([aShape, bShape]) => ({ op, aShape, bShape }))))(
    'large $op $aShape with $bShape', async ({ op, aShape, bShape }) => {
      const inputs = { a: randomInput(aShape, 12), b: randomInput(bShape, 13) };
      expect(await nativeVsCpuError(inputs, ({ a, b }) => runKernel(op, { a, b })), op).toBeLessThanOrEqual(CPU_TOLERANCE);
    },
  );

  it.each([
    { xShape: large, oneShape: [], xFirst: true },
    { xShape: large, oneShape: [1], xFirst: false },
    { xShape: [1, 1], oneShape: [1, 1], xFirst: false },
  ])('Multiply of $xShape by $oneShape holding 1 (x first: $xFirst) is x, bit for bit, and outlives it', async ({ xShape, oneShape, xFirst }) => {
    await tf.setBackend('native');
    const before = tf.memory().numTensors;
    const x = tf.tensor(randomInput(xShape, 16).values, xShape);
    const one = tf.ones(oneShape);
    const expected = x.dataSync().slice();
    const product = xFirst ? tf.mul(x, one) : tf.mul(one, x);
    tf.dispose([x, one]);
    // A same-size output reuses a freed buffer: the product must not have lost its values to it.
    const other = tf.tidy(() => tf.neg(tf.tensor(randomInput(xShape, 17).values, xShape)));
    expect(product.shape).toEqual(xShape);
    expect(product.dataSync()).toEqual(expected);
    tf.dispose([product, other]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([[[3, 4], [3, 1]], [[3, 1], [3, 4]]])('Multiply of %s by %s holding 1 broadcasts as usual', async (aShape, bShape) => {
    const inputs = { a: randomInput(aShape, 18), b: { shape: bShape, values: new Float32Array(tf.util.sizeFromShape(bShape)).fill(1) } };
    expect(await nativeVsCpuError(inputs, ({ a, b }) => runKernel(tf.Multiply, { a, b })), 'times ones').toBe(0);
  });

  it.each([tf.Add, tf.Sub, tf.Multiply])('int32 %s falls back to the cpu kernel with the same result', async (op) => {
    const inputs = { a: randomInput(large, 14), b: randomInput([4, 1, 1, 40], 15) };
    const asInt = (t: tf.Tensor) => tf.cast(tf.mul(t, 1000), 'int32');
    expect(await nativeVsCpuError(inputs, ({ a, b }) => {
      const out = runKernel(op, { a: asInt(a), b: asInt(b) });
      expect(out.dtype).toBe('int32');
      return tf.cast(out, 'float32');
    }), op).toBe(0);
  });

  it.each([
    [tf.Relu, {}], [tf.Relu6, {}], [tf.Step, { alpha: 0.25 }], [tf.Square, {}], [tf.Neg, {}], [tf.Abs, {}], [tf.Sigmoid, {}],
    [tf.ClipByValue, { clipValueMin: -2, clipValueMax: 3 }],
  ] as const)('%s', async (op, attrs) => {
    // Scaled past 6 for relu6, with NaN, which must propagate as in the cpu backend.
    const x = randomInput([9, 13, 7], 3);
    x.values.forEach((v, i) => (x.values[i] = v * 8));
    x.values[5] = NaN;
    expect(await nativeVsCpuError({ x }, ({ x }) => runKernel(op, { x }, attrs).where(runKernel(op, { x }, attrs).isNaN().logicalNot(), -1)), op).toBeLessThanOrEqual(CPU_TOLERANCE);
    expect(await nativeVsCpuError({ x }, ({ x }) => runKernel(op, { x }, attrs).isNaN().toFloat()), `${op} NaN`).toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it('Sigmoid within a few float ulps of the cpu backend\'s (double) exp, past exp\'s range too', async () => {
    // [-100, 100] in steps that hit every exponent of the vectorised exp, and its clamps (-87.34, 88).
    const values = Float32Array.from({ length: 20001 }, (_, i) => -100 + i / 100);
    values.set([-87.3365478515625, -87.34, 88, 88.01, -88, 0, -0], 0);
    const x = { shape: [values.length], values };
    expect(await nativeVsCpuError({ x }, ({ x }) => tf.sigmoid(x)), 'sigmoid').toBeLessThanOrEqual(3e-7);
  });

  const axes: Array<number | number[]> = [[0, 1, 2], 3, [0], [1, 2], [0, 2], [0, 1, 2, 3], -1, [1, 3]];
  it.each(axes.flatMap((axis) => [false, true].map((keepDims) => ({ axis, keepDims }))))('Sum and Mean over $axis keepDims $keepDims', async ({ axis, keepDims }) => {
    const x = randomInput([7, 5, 6, 8], 4);
    expect(await nativeVsCpuError({ x }, ({ x }) => [tf.sum(x, axis, keepDims), tf.mean(x, axis, keepDims)]), 'sum').toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  // Small, and large enough for several tasks and several 64-row float blocks per channel.
  const multiplySumCases = [
    ...(axes.filter((axis) => Array.isArray(axis)) as number[][]).map((axis) => ({ shape: [7, 5, 6, 8], axis })),
    { shape: large, axis: [1, 2] },
    { shape: large, axis: [0, 1, 2] },
    { shape: [37, 4640], axis: [1] },
  ];
  it.each(multiplySumCases)('NativeMultiplySum of $shape over $axis: Sum of the product, bit for bit the native kernels\' result', async ({ shape, axis }) => {
    const inputs = { a: randomInput(shape, 26), b: randomInput(shape, 27) };
    const composed = ({ a, b }: Record<string, tf.Tensor>) => tf.sum(tf.mul(a, b), axis, true);
    const fused = ({ a, b }: Record<string, tf.Tensor>) => (tf.getBackend() === 'native' ? runKernel(MULTIPLY_SUM, { a, b }, { axis }) : composed({ a, b }));
    expect(await nativeVsCpuError(inputs, fused), 'multiply-sum').toBeLessThanOrEqual(CPU_TOLERANCE);
    const [onNative] = await runOn('native', inputs, fused);
    const [composedOnNative] = await runOn('native', inputs, composed);
    expect(onNative).toEqual(composedOnNative);
  });

  it('Sum over a long axis keeps float precision (a batch-norm channel over 100k pixels)', async () => {
    const x = randomInput([128, 28, 28, 4], 5);
    x.values.forEach((v, i) => (x.values[i] = v + 3));
    expect(await nativeVsCpuError({ x }, ({ x }) => [tf.sum(x, [0, 1, 2]), tf.mean(x, [0, 1, 2])]), 'long sum').toBeLessThanOrEqual(1e-5);
  });

  it.each([
    [[1, 1, 1, 8], [7, 5, 6, 1]],
    [[3, 1], [1, 4]],
    [[2, 3], [2, 2]],
  ])('Tile %s by %s', async (shape, reps) => {
    expect(await nativeVsCpuError({ x: randomInput(shape, 6) }, ({ x }) => tf.tile(x, reps)), 'tile').toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it.each([
    { name: 'per-channel offset and scale', offset: [8], scale: [8] },
    { name: 'no offset or scale', offset: undefined, scale: undefined },
    { name: 'scalar-shaped [1] parameters', offset: [1], scale: [1] },
  ])('FusedBatchNorm with $name', async ({ offset, scale }) => {
    const variance = randomInput([8], 9);
    variance.values.forEach((v, i) => (variance.values[i] = Math.abs(v) + 0.1));
    const inputs = {
      x: randomInput([7, 5, 6, 8], 7), mean: randomInput([8], 8), variance,
      ...(offset && { offset: randomInput(offset, 10) }), ...(scale && { scale: randomInput(scale, 11) }),
    };
    expect(await nativeVsCpuError(inputs, ({ x, mean, variance, offset, scale }) =>
      tf.batchNorm(x, mean, variance, offset, scale, 0.001)), 'batch norm').toBeLessThanOrEqual(CPU_TOLERANCE);
  });
});
