import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBackbone,
  countParams,
  describeBackbone,
  makeDivisible,
  PRESET_NAMES,
  resolveBackboneSpec,
  withStageOutputs,
  type ArchitectureSpec,
  type BackboneSpec,
} from './index.js';
import { initDefaultBackend, maxAbsDiff, predictValues, randomizeWeights, seededTensor, weightValues } from '../test/helpers.js';

beforeAll(async () => {
  await initDefaultBackend();
});

// Parameter counts by hand: conv k x k from cin to cout has no bias; BN has gamma, beta (trainable)
// and moving mean, variance.
const conv = (k: number, cin: number, cout: number) => k * k * cin * cout;
const bnTrainable = (c: number) => 2 * c;
/** Basic block in -> out: two 3x3 convs + 2 BN, plus a 1x1 projection + BN when the shape changes. */
const basicBlock = (cin: number, cout: number, projects: boolean) =>
  conv(3, cin, cout) + conv(3, cout, cout) + 2 * bnTrainable(cout) + (projects ? conv(1, cin, cout) + bnTrainable(cout) : 0);

describe('presets', () => {
  it.each([
    // CIFAR ResNet-18/34 without the classifier, as counted by PyTorch (torchvision-style blocks).
    ['resnet18', [32, 32, 3], 11_168_832],
    ['resnet34', [32, 32, 3], 21_276_992],
    [
      'fmnistTeacher',
      [28, 28, 1],
      conv(3, 1, 32) + bnTrainable(32) +
        basicBlock(32, 32, false) * 2 +
        basicBlock(32, 64, true) + basicBlock(64, 64, false) +
        basicBlock(64, 128, true) + basicBlock(128, 128, false),
    ],
    [
      'fmnistStudent',
      [28, 28, 1],
      conv(3, 1, 16) + bnTrainable(16) + basicBlock(16, 16, false) + basicBlock(16, 32, true) + basicBlock(32, 64, true),
    ],
    ['mlpTeacher', [28, 28, 1], 784 * 1200 + 1200 + 1200 * 1200 + 1200 + 1200 * 10 + 10],
    ['mlpStudent', [28, 28, 1], 784 * 400 + 400 + 400 * 10 + 10],
  ] as const)('%s has the expected trainable parameter count and input shape', (preset, inputShape, params) => {
    const { model, spec } = buildBackbone({ preset });
    expect(spec.inputShape).toEqual(inputShape);
    expect(countParams(model, 'trainable')).toBe(params);
  });

  // torchvision 0.14's models with the final 1000-way Linear replaced by nn.Identity, parameters counted
  // once with Debian's python3-torchvision: /usr/bin/python3 -c "import torch.nn as nn, torchvision.models as m;
  // r = m.resnet18(); r.fc = nn.Identity(); print(sum(p.numel() for p in r.parameters()))" (resnet34 and
  // resnet50 alike; mobilenet_v3_large with classifier[3], efficientnet_b0 with classifier[1] replaced).
  it.each([
    ['resnet18ImageNet', 11_176_512, 512],
    ['resnet34ImageNet', 21_284_672, 512],
    ['resnet50ImageNet', 23_508_032, 2048],
    ['mobilenetV3Large', 4_202_032, 1280],
    ['mobilenetV3LargeSmallStem', 4_202_032, 1280],
    ['efficientNetB0', 4_007_548, 1280],
    ['efficientNetB0SmallStem', 4_007_548, 1280],
  ] as const)('%s has torchvision\'s trainable parameter count (within 1%%) and embedding width', (preset, torchvisionParams, embedDim) => {
    const backbone = buildBackbone({ preset });
    const params = countParams(backbone.model, 'trainable');
    expect(Math.abs(params - torchvisionParams) / torchvisionParams).toBeLessThan(0.01);
    expect(params).toBe(torchvisionParams); // the layouts are the same, so the counts are too
    expect(backbone.embedDim).toBe(embedDim);
    backbone.model.dispose();
  });

  it('ImageNet layouts at 224 px reach 7x7 at the last stage; the small stems keep 32 px inputs at 2x2', () => {
    expect(buildBackbone({ preset: 'resnet50ImageNet' }).stageShapes).toEqual([[56, 56, 256], [28, 28, 512], [14, 14, 1024], [7, 7, 2048]]);
    expect(buildBackbone({ preset: 'mobilenetV3Large' }).stageShapes).toEqual([[112, 112, 16], [56, 56, 24], [28, 28, 40], [14, 14, 112], [7, 7, 960]]);
    expect(buildBackbone({ preset: 'efficientNetB0' }).stageShapes.map((shape) => shape[0])).toEqual([112, 56, 28, 14, 7]);
    expect(buildBackbone({ preset: 'efficientNetB0SmallStem' }).stageShapes.at(-1)).toEqual([2, 2, 1280]);
    expect(buildBackbone({ preset: 'mobilenetV3LargeSmallStem', inputShape: [28, 28, 1] }).stageShapes.at(-1)).toEqual([2, 2, 960]);
  });

  it('the ResNet presets accept any input shape and keep their stage widths', () => {
    const backbone = buildBackbone({ preset: 'resnet18', inputShape: [16, 16, 1] });
    expect(backbone.stageShapes).toEqual([[16, 16, 64], [8, 8, 128], [4, 4, 256], [2, 2, 512]]);
    expect(backbone.embedDim).toBe(512);
  });

  // The ImageNet presets run at 64 px here: the wiring is the same and the spec stays fast.
  const testShape = (shape: number[]) => (shape[0]! > 64 ? [64, 64, shape[2]!] : shape);

  it.each(PRESET_NAMES)('%s maps a batch of 2 to [2, embedDim] and its stages to the documented shapes', (preset) => {
    const backbone = buildBackbone({ preset, inputShape: testShape(resolveBackboneSpec({ preset }).inputShape) });
    const outputs = tf.tidy(() => {
      const result = withStageOutputs(backbone.model).predict(tf.ones([2, ...backbone.spec.inputShape])) as tf.Tensor[];
      return result.map((t) => ({ shape: t.shape, finite: tf.all(tf.isFinite(t)).dataSync()[0] }));
    });
    expect(outputs.map((o) => o.shape)).toEqual([[2, backbone.embedDim], ...backbone.stageShapes.map((s) => [2, ...s])]);
    expect(outputs.every((o) => o.finite === 1)).toBe(true);
  });

  it('expected shapes of the Fashion-MNIST presets', () => {
    expect(buildBackbone({ preset: 'fmnistTeacher' }).stageShapes).toEqual([[28, 28, 32], [14, 14, 64], [7, 7, 128]]);
    expect(buildBackbone({ preset: 'fmnistStudent' }).stageShapes).toEqual([[28, 28, 16], [14, 14, 32], [7, 7, 64]]);
    expect(buildBackbone({ preset: 'mlpTeacher' }).stageDims).toEqual([1200, 1200]);
  });
});

describe('stage outputs', () => {
  const tinySpecs: ArchitectureSpec[] = [
    { kind: 'resnet', inputShape: [8, 8, 2], stem: 'small', widths: [3, 4, 5], blocksPerStage: [1, 2, 1] },
    { kind: 'resnet', inputShape: [16, 16, 1], stem: 'imagenet', stemWidth: 4, widths: [4, 6], blocksPerStage: 1 },
    {
      kind: 'mobilenet',
      inputShape: [8, 8, 1],
      stemWidth: 4,
      stages: [{ width: 4, blocks: 1, stride: 1 }, { width: 6, blocks: 2, stride: 2 }],
      invertedResidual: true,
      expansion: 2,
      squeezeExcite: true,
    },
    { kind: 'resnet', inputShape: [8, 8, 1], stem: 'small', widths: [2, 3], blocksPerStage: [2, 1], block: 'bottleneck' },
    {
      kind: 'mbconv',
      inputShape: [8, 8, 1],
      stem: 'small',
      stemWidth: 4,
      stemActivation: 'hardSwish',
      rows: [
        { width: 4, stride: 1, kernelSize: 3, activation: 'relu', squeezeExcite: true },
        { width: 6, repeat: 2, stride: 2, kernelSize: 5, expansion: 2, activation: 'swish' },
      ],
      squeezeExcite: { of: 'input', ratio: 0.5, activation: 'swish', gate: 'sigmoid' },
      headWidth: 8,
      headActivation: 'hardSwish',
    },
    { kind: 'mlp', inputShape: [4, 3], hidden: [5, 6], batchNorm: true },
  ];

  it.each(tinySpecs)('$kind: [pooled, stage1, ...] share the backbone weights, pooled = mean of the last stage', (spec) => {
    const backbone = buildBackbone(spec);
    randomizeWeights(backbone.model, 7);
    const input = seededTensor([3, ...spec.inputShape], 11);
    const [pooled, ...stages] = predictValues(withStageOutputs(backbone.model), input);
    const [embedding] = predictValues(backbone.model, input);
    expect(maxAbsDiff(pooled!, embedding!)).toBe(0);
    expect(stages.map((s) => s.length)).toEqual(backbone.stageShapes.map((shape) => 3 * shape.reduce((a, b) => a * b, 1)));
    const last = stages.at(-1)!;
    const lastShape = backbone.stageShapes.at(-1)!;
    if (spec.kind === 'mlp') {
      expect(maxAbsDiff(pooled!, last)).toBe(0);
    } else {
      const pixels = lastShape[0]! * lastShape[1]!;
      const channels = lastShape[2]!;
      const mean = Array.from({ length: 3 * channels }, (_, i) => {
        const [n, c] = [Math.floor(i / channels), i % channels];
        let sum = 0;
        for (let p = 0; p < pixels; p++) sum += last[(n * pixels + p) * channels + c]!;
        return sum / pixels;
      });
      expect(maxAbsDiff(pooled!, mean)).toBeLessThan(1e-5);
    }
    input.dispose();
  });

  it('bottleneck blocks output 4 x width; mbconv stages end before each stride-2 block and after the head conv', () => {
    expect(buildBackbone(tinySpecs[3]!).stageShapes).toEqual([[8, 8, 8], [4, 4, 12]]);
    expect(buildBackbone(tinySpecs[4]!).stageShapes).toEqual([[8, 8, 4], [4, 4, 8]]);
  });

  it('imagenet stem: 7x7/2 conv and 3x3/2 max-pool take 16 px to 4 px before stage 1', () => {
    const backbone = buildBackbone(tinySpecs[1]!);
    expect(backbone.stageShapes).toEqual([[4, 4, 4], [2, 2, 6]]);
  });

  it('stage metadata is plain JSON on the model (describeBackbone) and names real layers', () => {
    const backbone = buildBackbone(tinySpecs[0]!);
    const info = describeBackbone(backbone.model);
    expect(info.stageDims).toEqual([3, 4, 5]);
    expect(info.spec).toEqual({ ...tinySpecs[0], name: 'resnet', seed: 0 });
    expect(info.stageLayers).toEqual(['resnet/stage1/block1/out', 'resnet/stage2/block2/out', 'resnet/stage3/block1/out']);
  });

  it('describeBackbone refuses a model that buildBackbone did not make', () => {
    const input = tf.input({ shape: [2] });
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(input) as tf.SymbolicTensor, name: 'plain' });
    expect(() => withStageOutputs(model)).toThrow(/model 'plain' has no backbone metadata/);
  });
});

describe('forward pass against a reference built from raw ops', () => {
  const weightsOf = (model: tf.LayersModel, layer: string) => model.getLayer(layer).getWeights();
  const bnRef = (model: tf.LayersModel, layer: string, x: tf.Tensor) => {
    const [gamma, beta, mean, variance] = weightsOf(model, layer) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    return tf.add(tf.mul(gamma, tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5)))), beta);
  };
  const convBnRef = (model: tf.LayersModel, prefix: string, x: tf.Tensor4D, strides: number) =>
    bnRef(model, `${prefix}/bn`, tf.conv2d(x, weightsOf(model, `${prefix}/conv`)[0] as tf.Tensor4D, strides, 'same'));
  const depthwiseBnRef = (model: tf.LayersModel, prefix: string, x: tf.Tensor4D, strides: number) =>
    bnRef(model, `${prefix}/bn`, tf.depthwiseConv2d(x, weightsOf(model, `${prefix}/dwconv`)[0] as tf.Tensor4D, strides, 'same'));
  const gap = (x: tf.Tensor) => tf.mean(x, [1, 2]);
  const seRef = (model: tf.LayersModel, prefix: string, x: tf.Tensor4D) => {
    const [w1, b1] = weightsOf(model, `${prefix}/se/reduce`) as [tf.Tensor2D, tf.Tensor];
    const [w2, b2] = weightsOf(model, `${prefix}/se/expand`) as [tf.Tensor2D, tf.Tensor];
    const gates = tf.sigmoid(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(gap(x) as tf.Tensor2D, w1), b1)) as tf.Tensor2D, w2), b2));
    return tf.mul(x, tf.reshape(gates, [x.shape[0], 1, 1, -1]));
  };

  function expectMatchesReference(spec: ArchitectureSpec, reference: (model: tf.LayersModel, x: tf.Tensor4D) => tf.Tensor) {
    const { model } = buildBackbone(spec);
    randomizeWeights(model, 3);
    const input = seededTensor([2, ...spec.inputShape], 5) as tf.Tensor4D;
    const [actual] = predictValues(model, input);
    const expected = tf.tidy(() => reference(model, input).dataSync());
    expect(actual!.length).toBe(expected.length);
    expect(maxAbsDiff(actual!, expected)).toBeLessThan(1e-4);
    input.dispose();
  }

  it('resnet: stem, identity block, strided projection block, ReLU after each add, global average pool', () => {
    expectMatchesReference(
      { kind: 'resnet', name: 'r', inputShape: [5, 5, 2], stem: 'small', stemWidth: 3, widths: [3, 4], blocksPerStage: 1 },
      (m, x) => {
        const stem = tf.relu(convBnRef(m, 'r/stem', x, 1)) as tf.Tensor4D;
        const block = (input: tf.Tensor4D, prefix: string, strides: number, projects: boolean) => {
          const branch = convBnRef(m, `${prefix}/conv2`, tf.relu(convBnRef(m, `${prefix}/conv1`, input, strides)) as tf.Tensor4D, 1);
          const shortcut = projects ? convBnRef(m, `${prefix}/shortcut`, input, strides) : input;
          return tf.relu(tf.add(branch, shortcut)) as tf.Tensor4D;
        };
        return gap(block(block(stem, 'r/stage1/block1', 1, false), 'r/stage2/block1', 2, true));
      },
    );
  });

  it('mobilenet inverted residual + SE: expand, depthwise, gates, linear projection, identity add', () => {
    expectMatchesReference(
      {
        kind: 'mobilenet', name: 'm', inputShape: [4, 4, 2], stemWidth: 3,
        stages: [{ width: 3, blocks: 1, stride: 1 }, { width: 5, blocks: 1, stride: 2 }],
        invertedResidual: true, expansion: 2, squeezeExcite: true, seRatio: 0.5,
      },
      (m, x) => {
        const stem = tf.relu6(convBnRef(m, 'm/stem', x, 1)) as tf.Tensor4D;
        const block = (input: tf.Tensor4D, prefix: string, strides: number) => {
          const expanded = tf.relu6(convBnRef(m, `${prefix}/expand`, input, 1)) as tf.Tensor4D;
          const depthwise = tf.relu6(depthwiseBnRef(m, `${prefix}/depthwise`, expanded, strides)) as tf.Tensor4D;
          return convBnRef(m, `${prefix}/project`, seRef(m, prefix, depthwise) as tf.Tensor4D, 1) as tf.Tensor4D;
        };
        const stage1 = tf.add(stem, block(stem, 'm/stage1/block1', 1)) as tf.Tensor4D;
        return gap(block(stage1, 'm/stage2/block1', 2));
      },
    );
  });

  const hardSigmoidRef = (x: tf.Tensor) => tf.div(tf.minimum(tf.maximum(tf.add(x, 3), 0), 6), 6);
  const hardSwishRef = (x: tf.Tensor) => tf.mul(x, hardSigmoidRef(x));
  const swishRef = (x: tf.Tensor) => tf.mul(x, tf.sigmoid(x));

  it('resnet bottleneck: 1x1, strided 3x3, 1x1 to 4 x width, projection shortcut, ReLU after each add', () => {
    expectMatchesReference(
      { kind: 'resnet', name: 'b', inputShape: [5, 5, 2], stem: 'small', stemWidth: 3, widths: [2, 3], blocksPerStage: 1, block: 'bottleneck' },
      (m, x) => {
        const stem = tf.relu(convBnRef(m, 'b/stem', x, 1)) as tf.Tensor4D;
        const block = (input: tf.Tensor4D, prefix: string, strides: number) => {
          const reduced = tf.relu(convBnRef(m, `${prefix}/conv1`, input, 1)) as tf.Tensor4D;
          const spatial = tf.relu(convBnRef(m, `${prefix}/conv2`, reduced, strides)) as tf.Tensor4D;
          const residual = convBnRef(m, `${prefix}/conv3`, spatial, 1);
          return tf.relu(tf.add(residual, convBnRef(m, `${prefix}/shortcut`, input, strides))) as tf.Tensor4D;
        };
        return gap(block(block(stem, 'b/stage1/block1', 1), 'b/stage2/block1', 2));
      },
    );
  });

  it('mbconv: hard-swish stem, expand to a given width, hard-sigmoid SE, identity add, 5x5 strided depthwise, swish, head conv, embed dense', () => {
    expectMatchesReference(
      {
        kind: 'mbconv', name: 'e', inputShape: [6, 6, 2], stem: 'small', stemWidth: 3, stemActivation: 'hardSwish',
        rows: [
          { width: 3, stride: 1, kernelSize: 3, expandWidth: 5, activation: 'hardSwish', squeezeExcite: true },
          { width: 4, stride: 2, kernelSize: 5, expansion: 2, activation: 'swish', squeezeExcite: true },
        ],
        squeezeExcite: { of: 'expanded', ratio: 0.5, divisor: 2, activation: 'relu', gate: 'hardSigmoid' },
        headWidth: 6, headActivation: 'relu', embedWidth: 5,
      },
      (m, x) => {
        const se = (prefix: string, input: tf.Tensor4D, units: number) => {
          const [w1, b1] = weightsOf(m, `${prefix}/se/reduce`) as [tf.Tensor2D, tf.Tensor];
          const [w2, b2] = weightsOf(m, `${prefix}/se/expand`) as [tf.Tensor2D, tf.Tensor];
          expect(w1.shape[1]).toBe(units);
          const gates = hardSigmoidRef(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(gap(input) as tf.Tensor2D, w1), b1)) as tf.Tensor2D, w2), b2));
          return tf.mul(input, tf.reshape(gates, [input.shape[0], 1, 1, -1])) as tf.Tensor4D;
        };
        const block = (input: tf.Tensor4D, prefix: string, strides: number, act: (t: tf.Tensor) => tf.Tensor, units: number) => {
          const expanded = act(convBnRef(m, `${prefix}/expand`, input, 1)) as tf.Tensor4D;
          const depthwise = act(depthwiseBnRef(m, `${prefix}/depthwise`, expanded, strides)) as tf.Tensor4D;
          return convBnRef(m, `${prefix}/project`, se(prefix, depthwise, units), 1) as tf.Tensor4D;
        };
        const stem = hardSwishRef(convBnRef(m, 'e/stem', x, 1)) as tf.Tensor4D;
        // SE units: makeDivisible(floor(5 * 0.5), 2) = 2, then makeDivisible(floor(6 * 0.5), 2) = 4.
        const block1 = tf.add(stem, block(stem, 'e/block1', 1, hardSwishRef, 2)) as tf.Tensor4D;
        const block2 = block(block1, 'e/block2', 2, swishRef, 4);
        const head = tf.relu(convBnRef(m, 'e/head', block2, 1));
        const [w, b] = weightsOf(m, 'e/embed') as [tf.Tensor2D, tf.Tensor];
        return tf.relu(tf.add(tf.matMul(gap(head) as tf.Tensor2D, w), b));
      },
    );
  });

  it('makeDivisible rounds like torchvision\'s _make_divisible', () => {
    // _make_divisible(v, 8) for MobileNetV3-Large's SE widths (expanded // 4), and two edge cases.
    expect([18, 30, 120, 168, 240, 3, 1].map((v) => makeDivisible(v, 8))).toEqual([24, 32, 120, 168, 240, 8, 8]);
    expect(makeDivisible(7, 1)).toBe(7);
  });

  it('mobilenet separable + SE with width multiplier: depthwise-ReLU6, gates, pointwise-ReLU6', () => {
    expectMatchesReference(
      {
        kind: 'mobilenet', name: 'm', inputShape: [4, 4, 1], stemWidth: 4, widthMultiplier: 0.5,
        stages: [{ width: 6, blocks: 1, stride: 2 }], squeezeExcite: true,
      },
      (m, x) => {
        const stem = tf.relu6(convBnRef(m, 'm/stem', x, 1)) as tf.Tensor4D;
        expect(stem.shape[3]).toBe(2);
        const depthwise = tf.relu6(depthwiseBnRef(m, 'm/stage1/block1/depthwise', stem, 2)) as tf.Tensor4D;
        const gated = seRef(m, 'm/stage1/block1', depthwise) as tf.Tensor4D;
        const out = tf.relu6(convBnRef(m, 'm/stage1/block1/pointwise', gated, 1));
        expect(out.shape).toEqual([2, 2, 2, 3]);
        return gap(out);
      },
    );
  });
});

describe('initialisation', () => {
  const spec: BackboneSpec = { kind: 'resnet', inputShape: [8, 8, 1], stem: 'small', widths: [4, 8], blocksPerStage: 2, seed: 42 };

  it('a seeded build is deterministic, and another seed gives other weights', () => {
    const first = weightValues(buildBackbone(spec).model);
    const second = weightValues(buildBackbone(spec).model);
    const reseeded = weightValues(buildBackbone({ ...spec, seed: 43 }).model);
    expect(second).toEqual(first);
    const kernelIndex = 0;
    expect(maxAbsDiff(reseeded[kernelIndex]!, first[kernelIndex]!)).toBeGreaterThan(0);
  });

  it('same-shaped kernels in one build differ (each layer gets its own seed)', () => {
    const { model } = buildBackbone(spec);
    const a = model.getLayer('resnet/stage1/block1/conv2/conv').getWeights()[0]!.dataSync();
    const b = model.getLayer('resnet/stage1/block2/conv2/conv').getWeights()[0]!.dataSync();
    expect(maxAbsDiff(a, b)).toBeGreaterThan(0.01);
  });

  const std = (values: Float32Array) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  };

  it('conv kernels are He-normal: std = sqrt(2 / fan-in)', () => {
    const { model } = buildBackbone({ preset: 'fmnistTeacher' });
    const kernel = model.getLayer('fmnistTeacher/stage3/block2/conv2/conv').getWeights()[0]!.dataSync() as Float32Array;
    expect(kernel.length).toBe(3 * 3 * 128 * 128);
    expect(std(kernel) / Math.sqrt(2 / (9 * 128))).toBeCloseTo(1, 1);
  });

  it('depthwise kernels are He-normal with their true fan-in of 9', () => {
    const { model } = buildBackbone({ preset: 'mobilenetStudent' });
    const kernel = model.getLayer('mobilenetStudent/stage3/block2/depthwise/dwconv').getWeights()[0]!.dataSync() as Float32Array;
    expect(kernel.length).toBe(3 * 3 * 256);
    expect(std(kernel) / Math.sqrt(2 / 9)).toBeCloseTo(1, 1);
  });
});

describe('countParams', () => {
  it('counts BN moving statistics under "all" but not under "trainable"', () => {
    const { model } = buildBackbone({ kind: 'mlp', inputShape: [3], hidden: [4], batchNorm: true, outDim: 2 });
    // dense 3x4 (no bias before BN) + BN 4 x (gamma, beta, mean, variance) + dense 4x2 + bias 2
    expect(countParams(model)).toBe(12 + 16 + 8 + 2);
    expect(countParams(model, 'trainable')).toBe(12 + 8 + 8 + 2);
  });
});
