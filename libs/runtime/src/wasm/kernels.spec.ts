import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { mergeTiledAxes } from './tile.js';
import { gradientsOn, maxNormalisedError, runKernelOn, seededTensor, type HostTensor } from '../test-support.js';

const TOLERANCE = 1e-4;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: () => {} });
});

async function wasmVersusCpu(kernelName: string, inputs: Record<string, HostTensor>, attrs: tf.NamedAttrMap = {}) {
  const onWasm = await runKernelOn('wasm', kernelName, inputs, attrs);
  const onCpu = await runKernelOn('cpu', kernelName, inputs, attrs);
  expect(onWasm.shape).toEqual(onCpu.shape);
  return maxNormalisedError(onWasm.values, onCpu.values);
}

async function gradientErrors(f: (...inputs: tf.Tensor[]) => tf.Tensor, inputs: HostTensor[]) {
  const onWasm = await gradientsOn('wasm', f, inputs, 99);
  const onCpu = await gradientsOn('cpu', f, inputs, 99);
  return onWasm.map((g, i) => {
    expect(g.shape).toEqual(onCpu[i]!.shape);
    return maxNormalisedError(g.values, onCpu[i]!.values);
  });
}

describe('BatchMatMul and _FusedMatMul with transposes', () => {
  const shapes: Array<[number[], number[]]> = [
    [[5, 7], [7, 3]],
    [[1, 6, 4], [1, 4, 5]],
    [[3, 6, 4], [3, 4, 5]],
  ];
  for (const [aShape, bShape] of shapes) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        it(`BatchMatMul ${aShape} x ${bShape} transposeA=${transposeA} transposeB=${transposeB}`, async () => {
          const swap = (s: number[]) => [...s.slice(0, -2), s[s.length - 1]!, s[s.length - 2]!];
          const a = seededTensor(transposeA ? swap(aShape) : aShape, 1);
          const b = seededTensor(transposeB ? swap(bShape) : bShape, 2);
          expect(await wasmVersusCpu('BatchMatMul', { a, b }, { transposeA, transposeB })).toBeLessThan(TOLERANCE);
        });
      }
    }
  }

  it('_FusedMatMul keeps bias and activation when it transposes', async () => {
    const a = seededTensor([1, 4, 6], 3);
    const b = seededTensor([1, 5, 4], 4);
    const bias = seededTensor([5], 5);
    const attrs = { transposeA: true, transposeB: true, activation: 'relu', leakyreluAlpha: 0 };
    expect(await wasmVersusCpu('_FusedMatMul', { a, b, bias }, attrs)).toBeLessThan(TOLERANCE);
  });
});

describe('FusedBatchNorm', () => {
  const x = seededTensor([7, 5, 5, 3], 1);
  const [mean, offset, scale] = [2, 3, 4].map((seed) => seededTensor([3], seed));
  const variance = { values: seededTensor([3], 5).values.map((v) => v + 1.5), shape: [3] };

  it('normalises per channel like the cpu backend', async () => {
    const attrs = { varianceEpsilon: 1e-3 };
    expect(await wasmVersusCpu('FusedBatchNorm', { x, mean, variance, offset, scale }, attrs)).toBeLessThan(TOLERANCE);
    expect(await wasmVersusCpu('FusedBatchNorm', { x, mean, variance }, attrs)).toBeLessThan(TOLERANCE);
    const keptDims = (t: HostTensor) => ({ values: t.values, shape: [1, 1, 1, 3] });
    expect(
      await wasmVersusCpu('FusedBatchNorm', { x, mean: keptDims(mean), variance: keptDims(variance), scale: keptDims(scale) }, attrs),
    ).toBeLessThan(TOLERANCE);
  });

  it('matches hand-computed values', async () => {
    const out = await runKernelOn(
      'wasm',
      'FusedBatchNorm',
      {
        x: { values: new Float32Array([1, 10, 3, 20]), shape: [2, 2] },
        mean: { values: new Float32Array([2, 15]), shape: [2] },
        variance: { values: new Float32Array([4, 25]), shape: [2] },
        offset: { values: new Float32Array([0.5, -1]), shape: [2] },
        scale: { values: new Float32Array([2, 3]), shape: [2] },
      },
      { varianceEpsilon: 0 },
    );
    // (x - mean) / sqrt(variance) * scale + offset
    expect(Array.from(out.values)).toEqual([-0.5, -4, 1.5, 2]);
  });

  it('falls back to wasm for statistics that are not per channel', async () => {
    const full = seededTensor([4, 3], 6);
    const positive = { values: seededTensor([4, 3], 7).values.map((v) => v + 2), shape: [4, 3] };
    const error = await wasmVersusCpu('FusedBatchNorm', { x: seededTensor([4, 3], 8), mean: full, variance: positive }, { varianceEpsilon: 1e-3 });
    expect(error).toBeLessThan(TOLERANCE);
  });

  it('has gradients for all five inputs like the cpu backend', async () => {
    const errors = await gradientErrors(
      (xs, m, v, o, s) => tf.batchNorm(xs!, m!, v!, o!, s!, 1e-3),
      [x, mean, variance, offset, scale],
    );
    expect(errors.every((e) => e < TOLERANCE)).toBe(true);
    // (Without a scale tfjs cannot differentiate batchNorm on any backend: it saves an undefined input.)
  });

  it('trains through moments (batch statistics) like the cpu backend', async () => {
    const errors = await gradientErrors((xs, o, s) => {
      const { mean: m, variance: v } = tf.moments(xs!, [0, 1, 2]);
      return tf.batchNorm(xs!, m, v, o!, s!, 1e-3);
    }, [x, offset, scale]);
    expect(errors.every((e) => e < TOLERANCE)).toBe(true);
  });
});

describe('Sum and Mean', () => {
  const x = seededTensor([7, 5, 3, 4], 11);
  const axisSets = [[0], [0, 1], [0, 1, 2], [1, 0], [1, 2], [3], [0, 1, 2, 3]];

  for (const kernelName of ['Sum', 'Mean']) {
    for (const axis of axisSets) {
      for (const keepDims of [false, true]) {
        it(`${kernelName} over [${axis}] keepDims=${keepDims}`, async () => {
          expect(await wasmVersusCpu(kernelName, { x }, { axis, keepDims })).toBeLessThan(TOLERANCE);
        });
      }
    }
  }

  it('sums a hundred thousand rows per channel like the cpu backend', async () => {
    const large = seededTensor([64, 40, 40, 3], 12);
    expect(await wasmVersusCpu('Sum', { x: large }, { axis: [0, 1, 2], keepDims: false })).toBeLessThan(TOLERANCE);
    expect(await wasmVersusCpu('Mean', { x: large }, { axis: [0, 1, 2], keepDims: false })).toBeLessThan(TOLERANCE);
  });

  it('sums int32 exactly', async () => {
    const ints = await runKernelOn('wasm', 'Cast', { x: { values: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [3, 2] } }, { dtype: 'int32' });
    const summed = await runKernelOn('wasm', 'Sum', { x: { values: Float32Array.from(ints.values), shape: [3, 2] } }, { axis: [0], keepDims: false });
    expect(Array.from(summed.values)).toEqual([9, 12]);
  });

  for (const axis of [[0, 1, 2], [1, 2], [0]]) {
    it(`gradients over [${axis}] match the cpu backend`, async () => {
      const errors = await gradientErrors((t) => tf.add(tf.sum(t!, axis, true), tf.mean(t!, axis, true)), [x]);
      expect(errors[0]).toBeLessThan(TOLERANCE);
    });
  }
});

describe('Tile', () => {
  it('merges axes that repeat as one block', () => {
    // A channel vector repeated over N*H*W pixels is one 16-value block repeated 128*28*28 times.
    expect(mergeTiledAxes([1, 1, 1, 16], [128, 28, 28, 1])).toEqual([{ size: 16, reps: 100352 }]);
    // Rows of a [4, 3] matrix, each repeated 5 times.
    expect(mergeTiledAxes([4, 1, 3], [1, 5, 1])).toEqual([{ size: 4, reps: 1 }, { size: 3, reps: 5 }]);
  });

  const cases: Array<[number[], number[]]> = [
    [[1, 1, 1, 4], [3, 2, 5, 1]],
    [[2, 1, 3], [1, 4, 2]],
    [[3], [4]],
    [[2, 3], [1, 1]],
    [[1, 2, 1], [3, 1, 2]],
  ];
  for (const [shape, reps] of cases) {
    it(`tiles [${shape}] by [${reps}] like the cpu backend`, async () => {
      expect(await wasmVersusCpu('Tile', { x: seededTensor(shape, 3) }, { reps })).toBe(0);
    });
  }

  it('tiles int32 and bool tensors', async () => {
    await import('../test-support.js').then(({ onBackend }) =>
      onBackend('wasm', () => {
        expect(tf.tile(tf.tensor([[1, 2]], undefined, 'int32'), [2, 2]).arraySync()).toEqual([[1, 2, 1, 2], [1, 2, 1, 2]]);
        expect(tf.tile(tf.tensor([true, false]), [2]).arraySync()).toEqual([1, 0, 1, 0]);
      }),
    );
  });
});

describe('UnsortedSegmentSum (the gradient of gather)', () => {
  it('adds rows into their segments like the cpu backend, dropping ids out of range', async () => {
    const ids: HostTensor = { values: Float32Array.from([2, 0, 2, 5, 1, -1]), shape: [6] };
    const x = seededTensor([6, 3], 5);
    const onWasm = await import('../test-support.js').then(({ onBackend }) =>
      onBackend('wasm', () => tf.unsortedSegmentSum(tf.tensor(x.values, x.shape), tf.tensor(ids.values, ids.shape, 'int32'), 4).arraySync() as number[][]),
    );
    const row = (i: number) => Array.from(x.values.subarray(i * 3, i * 3 + 3));
    const expected = [row(1), row(4), row(0).map((v, j) => v + row(2)[j]!), [0, 0, 0]];
    onWasm.forEach((values, segment) => values.forEach((v, j) => expect(v).toBeCloseTo(expected[segment]![j]!, 6)));
  });

  it('gives gather a gradient equal to the cpu backend', async () => {
    const [error] = await gradientErrors((x) => tf.gather(x, tf.tensor1d([0, 2, 2, 1], 'int32')).square().sum(), [seededTensor([3, 4], 8)]);
    expect(error).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('Identity and Cast share buffers', () => {
  it('clones without copying, and the clone outlives its source', () => {
    const backend = tf.backend();
    const x = tf.tensor([1, 2, 3]);
    const before = backend.numDataIds();
    const copy = tf.clone(x);
    const sameType = tf.cast(x, 'float32');
    expect(backend.numDataIds()).toBe(before);
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(sameType.dataSync())).toEqual([1, 2, 3]);
    tf.dispose([copy, sameType]);
  });

  it('converts between types, numbers to bool as x != 0', () => {
    const converted = tf.cast(tf.tensor([1.7, -2.2, 0]), 'int32');
    expect(converted.dtype).toBe('int32');
    expect(Array.from(converted.dataSync())).toEqual([1, -2, 0]);
    expect(Array.from(tf.cast(tf.tensor([0, 2.5]), 'bool').dataSync())).toEqual([0, 1]);
  });
});

describe('composite kernels release their intermediates', () => {
  it('leaves no wasm buffers behind', () => {
    const backend = tf.backend();
    const inputs = tf.tidy(() => ({
      x: tf.tensor(seededTensor([3, 9, 9, 4], 1).values, [3, 9, 9, 4]),
      dy: tf.tensor(seededTensor([3, 5, 5, 6], 2).values, [3, 5, 5, 6]),
      filter: tf.tensor(seededTensor([3, 3, 4, 6], 3).values, [3, 3, 4, 6]),
      depthwiseDy: tf.tensor(seededTensor([3, 5, 5, 8], 4).values, [3, 5, 5, 8]),
      depthwiseFilter: tf.tensor(seededTensor([3, 3, 4, 2], 5).values, [3, 3, 4, 2]),
      channel: tf.tensor([0.5, 1, 1.5, 2]),
    }));
    const before = backend.numDataIds();
    const common = { strides: [2, 2], pad: 'same', dilations: [1, 1], dataFormat: 'NHWC' };
    const outputs = [
      tf.engine().runKernel('Conv2DBackpropInput', { dy: inputs.dy, filter: inputs.filter }, { ...common, inputShape: [3, 9, 9, 4] }),
      tf.engine().runKernel('Conv2DBackpropFilter', { x: inputs.x, dy: inputs.dy }, { ...common, filterShape: [3, 3, 4, 6] }),
      tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy: inputs.depthwiseDy, filter: inputs.depthwiseFilter }, { ...common, inputShape: [3, 9, 9, 4] }),
      tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x: inputs.x, dy: inputs.depthwiseDy }, { ...common, filterShape: [3, 3, 4, 2] }),
      tf.batchNorm(inputs.x, inputs.channel, inputs.channel),
      tf.sum(inputs.x, [0, 1, 2]),
      tf.matMul(tf.reshape(inputs.x, [27, 36]), tf.reshape(inputs.x, [27, 36]), true, false),
    ] as tf.Tensor[];
    const created = outputs.length + 2; // the two reshapes share buffers, the matmul keeps its inputs alive until disposed
    expect(backend.numDataIds()).toBeLessThanOrEqual(before + created);
    tf.dispose(outputs);
    expect(backend.numDataIds()).toBe(before);
    tf.dispose(Object.values(inputs));
  });
});
