import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { CPU_TOLERANCE, nativeDisabled, nativeVsCpuError, randomInput, requireNativeBackend, runKernel } from './testing/compare.js';

describe.skipIf(nativeDisabled)('native MatMul kernels match the cpu backend', () => {
  beforeAll(requireNativeBackend);

  const transposes = [false, true].flatMap((transposeA) => [false, true].map((transposeB) => ({ transposeA, transposeB })));
  // [batch dims of a, batch dims of b]: equal, one side broadcast, none, rank 4.
  const batches: Array<[number[], number[]]> = [[[], []], [[3], [3]], [[1], [4]], [[5], []], [[2, 3], [2, 3]]];
  const grid = transposes.flatMap((t) => batches.map(([batchA, batchB]) => ({ ...t, batchA, batchB })));

  it.each(grid)('BatchMatMul transposeA $transposeA transposeB $transposeB batches $batchA x $batchB', async ({ transposeA, transposeB, batchA, batchB }) => {
    const [m, k, n] = [37, 19, 23];
    const a = randomInput([...batchA, ...(transposeA ? [k, m] : [m, k])], 1);
    const b = randomInput([...batchB, ...(transposeB ? [n, k] : [k, n])], 2);
    expect(await nativeVsCpuError({ a, b }, ({ a, b }) => runKernel(tf.BatchMatMul, { a, b }, { transposeA, transposeB })), 'matmul').toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it('a product large enough to run on several threads', async () => {
    const inputs = { a: randomInput([300, 257], 3), b: randomInput([257, 129], 4) };
    expect(await nativeVsCpuError(inputs, ({ a, b }) => tf.matMul(a, b)), 'large').toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it.each(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid', 'prelu'] as const)('_FusedMatMul with bias and %s', async (activation) => {
    const inputs = { a: randomInput([16, 33], 5), b: randomInput([12, 33], 6), bias: randomInput([12], 7), alpha: randomInput([12], 8) };
    expect(await nativeVsCpuError(inputs, ({ a, b, bias, alpha }) =>
      tf.fused.matMul({ a, b, transposeB: true, bias, activation, preluActivationWeights: alpha, leakyreluAlpha: 0.1 })), activation).toBeLessThanOrEqual(CPU_TOLERANCE);
  });

  it('_FusedMatMul with a scalar bias, and int32 inputs (cpu fallback)', async () => {
    const inputs = { a: randomInput([4, 6], 9), b: randomInput([6, 5], 10), bias: randomInput([1], 11) };
    expect(await nativeVsCpuError(inputs, ({ a, b, bias }) => tf.fused.matMul({ a, b, bias, activation: 'relu' })), 'scalar bias').toBeLessThanOrEqual(CPU_TOLERANCE);
    expect(await nativeVsCpuError(inputs, ({ a, b }) => tf.matMul(a.mul(10).toInt(), b.mul(10).toInt()).toFloat()), 'int32').toBeLessThanOrEqual(CPU_TOLERANCE);
  });
});
