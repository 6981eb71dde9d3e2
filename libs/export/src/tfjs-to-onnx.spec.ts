// The exported ONNX graph, run by onnxruntime (CPU), must compute what the tfjs model computes.
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBackbone, buildHead, l2Normalize, PRESET_NAMES } from '@ssl-distill/models';
import { initBackend } from '@ssl-distill/runtime';
import { seededValues } from '@ssl-distill/runtime/testing';
import { decodeModel, INPUT_SHAPE_KEY, LAYOUT_KEY, nhwcToNchw, OPSET, tfjsToOnnx, UnsupportedLayerError } from './index.js';

const TOLERANCE = 1e-4;

beforeAll(async () => {
  await initBackend();
});

/**
 * Non-trivial BN statistics and biases (a fresh model has mean 0, variance 1, beta 0: folding
 * mistakes would not show). Kernels keep their He initialisation and gammas stay below 1 so
 * activations stay O(1), as in a trained network (the 1e-4 bound is absolute).
 */
function randomizeStatistics(model: tf.LayersModel, seed: number): void {
  model.weights.forEach((weight, i) => {
    const kind = weight.originalName.split('/').at(-1)!;
    const size = weight.shape.reduce((a: number, b) => a * (b ?? 1), 1);
    const values = seededValues(size, seed + i);
    const ranges: Record<string, (v: number) => number> = {
      gamma: (v) => 0.5 + 0.25 * v,
      beta: (v) => 0.3 * v,
      moving_mean: (v) => 0.3 * v,
      moving_variance: (v) => 1 + 0.5 * v,
      bias: (v) => 0.1 * v,
    };
    const map = ranges[kind];
    if (map) tf.tidy(() => weight.write(tf.tensor(values.map(map), weight.shape as number[])));
  });
}

async function runOnnx(bytes: Uint8Array, nchw: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', nchw, dims) });
    return result[session.outputNames[0]!]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Runs `models` chained in tfjs and the exported ONNX on the same random batch; returns max |diff|. */
async function compare(models: tf.LayersModel[], batch = 2, seed = 5): Promise<{ diff: number; bytes: Uint8Array; reference: Float32Array }> {
  const inputShape = models[0]!.inputs[0]!.shape.slice(1) as number[];
  const data = seededValues(batch * inputShape.reduce((a, b) => a * b, 1), seed);
  const reference = tf.tidy(() => {
    let x: tf.Tensor = tf.tensor(data, [batch, ...inputShape]);
    for (const model of models) x = model.predict(x) as tf.Tensor;
    return x.dataSync() as Float32Array;
  });
  const tensorsBefore = tf.memory().numTensors;
  const bytes = tfjsToOnnx(models);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  const image = inputShape.length === 3;
  const onnxInput = image ? nhwcToNchw(data, [batch, ...(inputShape as [number, number, number])]) : data;
  const dims = image ? [batch, inputShape[2]!, inputShape[0]!, inputShape[1]!] : [batch, ...inputShape];
  const actual = await runOnnx(bytes, onnxInput, dims);
  return { diff: maxAbsDiff(actual, reference), bytes, reference };
}

/** Stand-ins for the models library's MobileNetV3 layers (same class names and maths: relu6(x + 3) / 6). */
class HardSigmoid extends tf.layers.Layer {
  static className = 'HardSigmoid';
  override computeOutputShape(shape: tf.Shape | tf.Shape[]) { return shape; }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.mul(tf.relu6(tf.add(Array.isArray(inputs) ? inputs[0]! : inputs, 3)), 1 / 6));
  }
}
class HardSwish extends HardSigmoid {
  static override className = 'HardSwish';
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return tf.tidy(() => tf.mul(x, super.call(x)));
  }
}

describe('tfjsToOnnx', () => {
  it.each(PRESET_NAMES)('preset %s: onnxruntime matches tfjs within 1e-4', async (preset) => {
    const { model } = buildBackbone({ preset, seed: 1 });
    randomizeStatistics(model, 11);
    const { diff, bytes, reference } = await compare([model]);
    expect(reference.some((v) => Math.abs(v) > 1e-3)).toBe(true); // not a trivially zero embedding
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
    // Every conv's BN is folded: no BN arithmetic left in conv nets.
    const graph = decodeModel(bytes).graph;
    if (preset !== 'mlpTeacher' && preset !== 'mlpStudent') {
      expect(graph.node.filter((n) => n.opType === 'Mul' && n.name.endsWith('/mul')).length).toBe(0);
      expect(graph.node.some((n) => n.opType === 'BatchNormalization')).toBe(false);
    }
    model.dispose();
  });

  it('writes opset 13, an NCHW input with a symbolic batch, and the layout in the metadata', () => {
    const { model } = buildBackbone({ preset: 'fmnistStudent' });
    const decoded = decodeModel(tfjsToOnnx(model, { metadata: { normalization: '{"mean":[0.5],"std":[0.5]}' } }));
    expect(decoded.opsetImport).toEqual([{ domain: '', version: OPSET }]);
    expect(OPSET).toBeGreaterThanOrEqual(13);
    const dims = decoded.graph.input[0]!.type.tensorType.shape.dim;
    expect(dims).toEqual([{ dimParam: 'N' }, { dimValue: 1 }, { dimValue: 28 }, { dimValue: 28 }]);
    const metadata = Object.fromEntries(decoded.metadataProps.map((p) => [p.key, p.value]));
    expect(metadata).toMatchObject({ [LAYOUT_KEY]: 'NCHW', [INPUT_SHAPE_KEY]: '[1,28,28]', normalization: '{"mean":[0.5],"std":[0.5]}' });
    model.dispose();
  });

  it('exports a backbone with its projection head (dense + BN folded) and an L2-normalised output', async () => {
    const { model: backbone, embedDim } = buildBackbone({ preset: 'mobilenetStudent', seed: 2 });
    const head = buildHead({ kind: 'projection', inDim: embedDim, hiddenDim: 32, outDim: 16, lastBatchNorm: true, seed: 3 });
    const input = tf.input({ shape: [16] });
    const normalise = tf.model({ inputs: input, outputs: l2Normalize({ name: 'l2' }).apply(input) as tf.SymbolicTensor });
    [backbone, head].forEach((m, i) => randomizeStatistics(m, 20 + i * 100));
    const { diff, bytes } = await compare([backbone, head, normalise]);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
    const ops = decodeModel(bytes).graph.node.map((n) => n.opType);
    expect(ops.filter((op) => op === 'Gemm').length).toBeGreaterThanOrEqual(2);
    expect(ops).toContain('ReduceSumSquare');
    [backbone, head, normalise].forEach((m) => m.dispose());
  });

  it('translates the layers presets do not use: pools, padding, odd-size strides, reshape, concat, activations, hard-swish/-sigmoid', async () => {
    const input = tf.input({ shape: [13, 11, 3] });
    const padded = tf.layers.zeroPadding2d({ padding: [[1, 2], [0, 1]] }).apply(input) as tf.SymbolicTensor;
    const conv = tf.layers.conv2d({ filters: 6, kernelSize: [3, 5], strides: 2, padding: 'same', activation: 'swish', useBias: true }).apply(padded) as tf.SymbolicTensor;
    const dw = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'valid', activation: 'relu6' }).apply(conv) as tf.SymbolicTensor;
    const bn = tf.layers.batchNormalization().apply(dw) as tf.SymbolicTensor; // after an activation: not foldable
    const maxPooled = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(conv) as tf.SymbolicTensor;
    const avgPooled = tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }).apply(maxPooled) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate().apply([avgPooled, tf.layers.conv2d({ filters: 6, kernelSize: 1, strides: 2, padding: 'same' }).apply(conv) as tf.SymbolicTensor]) as tf.SymbolicTensor;
    const gated = new HardSwish({}).apply(tf.layers.activation({ activation: 'sigmoid' }).apply(joined)) as tf.SymbolicTensor;
    const flat = tf.layers.globalMaxPooling2d({}).apply(bn) as tf.SymbolicTensor;
    const flatMap = tf.layers.flatten().apply(gated) as tf.SymbolicTensor;
    const dense = tf.layers.dense({ units: 12, activation: 'tanh' }).apply(tf.layers.concatenate().apply([flat, flatMap]) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const reshaped = tf.layers.reshape({ targetShape: [2, 2, 3] }).apply(dense) as tf.SymbolicTensor;
    const gate = new HardSigmoid({}).apply(tf.layers.leakyReLU({ alpha: 0.1 }).apply(reshaped)) as tf.SymbolicTensor;
    const scaled = tf.layers.multiply().apply([reshaped, gate]) as tf.SymbolicTensor;
    const output = tf.layers.dense({ units: 5, activation: 'softmax' }).apply(tf.layers.dropout({ rate: 0.5 }).apply(tf.layers.flatten().apply(scaled)) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    randomizeStatistics(model, 40);
    const { diff } = await compare([model], 3);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
    model.dispose();
  });

  it('fails on an unsupported layer, naming the layer and its class', () => {
    const input = tf.input({ shape: [8, 8, 2] });
    const up = tf.layers.upSampling2d({ size: [2, 2], name: 'decoder/up' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.globalAveragePooling2d({}).apply(up) as tf.SymbolicTensor });
    expect(() => tfjsToOnnx(model)).toThrow(UnsupportedLayerError);
    expect(() => tfjsToOnnx(model)).toThrow("cannot export layer 'decoder/up' (class UpSampling2D)");
    model.dispose();
  });

  it('fails on an activation it cannot translate, naming the layer', () => {
    const input = tf.input({ shape: [4] });
    const model = tf.model({ inputs: input, outputs: tf.layers.activation({ activation: 'logSoftmax' as 'softmax', name: 'odd' }).apply(input) as tf.SymbolicTensor });
    expect(() => tfjsToOnnx(model)).toThrow("cannot export layer 'odd' (class Activation): activation 'logSoftmax'");
    model.dispose();
  });
});
