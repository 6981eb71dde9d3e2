import * as tf from '@tensorflow/tfjs';
import type { Architecture, BackboneGraph, CommonSpec } from './architecture.js';
import {
  add,
  BLOCK_ACTIVATIONS,
  blockActivation,
  channelsOf,
  convBn,
  dense,
  depthwiseBn,
  globalAveragePool,
  squeezeExcite,
  type BlockActivation,
} from './blocks.js';
import { STEMS, type Stem } from './resnet.js';
import type { LayerSeeds } from './seeds.js';
import { array, boolean, object, oneOf, optional } from '@ssl-distill/schema';
import { imageShape, positiveInt, positiveNumber } from './validate.js';

/** `repeat` MBConv blocks with one output width; the first carries `stride`. */
export interface MbConvRow {
  width: number;
  /** Blocks in the row (default 1). */
  repeat?: number;
  stride: 1 | 2;
  /** Depthwise kernel size, odd (3 and 5 in the published nets). */
  kernelSize: number;
  /** Expanded channels = block input x expansion (EfficientNet); 1 = no expand conv. Default 1. */
  expansion?: number;
  /** Expanded channels given outright (MobileNetV3's table); replaces expansion. */
  expandWidth?: number;
  activation: BlockActivation;
  squeezeExcite?: boolean;
}

/** Squeeze-excite bottleneck = makeDivisible(floor(base x ratio), divisor), base being the channels named by `of`. */
export interface MbSqueezeExcite {
  /** 'expanded': the depthwise output's channels (MobileNetV3); 'input': the block input's (EfficientNet). */
  of: 'expanded' | 'input';
  ratio: number;
  /** Round the bottleneck to a multiple of this, as torchvision's _make_divisible (MobileNetV3: 8; default 1). */
  divisor?: number;
  activation: 'relu' | 'swish';
  gate: 'sigmoid' | 'hardSigmoid';
}

/**
 * A network of MBConv blocks (1x1 expand-BN-act, kxk depthwise-BN-act, optional SE, linear 1x1
 * project-BN, identity shortcut when the shape is kept): MobileNetV3 (Howard et al. 2019) and
 * EfficientNet (Tan & Le 2019) as torchvision builds them. Stochastic depth and dropout are left out.
 */
export interface MbConvSpec extends CommonSpec {
  kind: 'mbconv';
  inputShape: [number, number, number];
  /** 'imagenet': 3x3 stride-2 stem conv; 'small': stride 1, for 28-32 px inputs. */
  stem: Stem;
  stemWidth: number;
  stemActivation: BlockActivation;
  rows: MbConvRow[];
  /** Required when any row has squeezeExcite. */
  squeezeExcite?: MbSqueezeExcite;
  /** 1x1 conv-BN-activation after the last block (MobileNetV3: 960, EfficientNet-B0: 1280). */
  headWidth: number;
  headActivation: BlockActivation;
  /**
   * Dense-activation after the global pool (MobileNetV3's 1280, the first layer of torchvision's
   * classifier); the embedding is then this wide.
   */
  embedWidth?: number;
}

const rowSchema = object({
  width: positiveInt(),
  repeat: optional(positiveInt('blocks in the row (default 1)')),
  stride: oneOf([1, 2] as const, { what: 'stride', description: "the row's first block's stride" }),
  kernelSize: positiveInt('depthwise kernel size, odd'),
  expansion: optional(positiveNumber('expanded channels = block input x expansion (default 1: no expand conv)')),
  expandWidth: optional(positiveInt('expanded channels given outright; replaces expansion')),
  activation: oneOf(BLOCK_ACTIVATIONS, { what: 'activation' }),
  squeezeExcite: optional(boolean()),
}, {
  check: (row, fail) => {
    if (row.kernelSize % 2 === 0) fail('kernelSize', `must be odd (got ${row.kernelSize})`);
    if (row.expansion !== undefined && row.expandWidth !== undefined) fail('expandWidth', 'cannot be given with expansion');
  },
});

const squeezeExciteSchema = object({
  of: oneOf(['expanded', 'input'] as const, { what: 'value', description: 'the channels the SE bottleneck is a ratio of' }),
  ratio: positiveNumber(),
  divisor: optional(positiveInt()),
  activation: oneOf(['relu', 'swish'] as const, { what: 'activation' }),
  gate: oneOf(['sigmoid', 'hardSigmoid'] as const, { what: 'gate' }),
});

export const mbconv: Architecture<MbConvSpec> = {
  fields: object({
    inputShape: imageShape,
    stem: oneOf(STEMS, { what: 'stem' }),
    stemWidth: positiveInt(),
    stemActivation: oneOf(BLOCK_ACTIVATIONS, { what: 'activation' }),
    rows: array(rowSchema, { minItems: 1 }),
    squeezeExcite: optional(squeezeExciteSchema),
    headWidth: positiveInt('1x1 conv-BN-activation after the last block (MobileNetV3: 960, EfficientNet-B0: 1280)'),
    headActivation: oneOf(BLOCK_ACTIVATIONS, { what: 'activation' }),
    embedWidth: optional(positiveInt('dense-activation after the global pool (MobileNetV3: 1280); the embedding is then this wide')),
  }, {
    check: (spec, fail) => {
      if (spec.squeezeExcite === undefined && spec.rows.some((row) => row.squeezeExcite)) fail('squeezeExcite', 'is required when a row has squeezeExcite: true');
    },
  }),

  build(spec, name, seeds): BackboneGraph {
    const input = tf.input({ shape: spec.inputShape, name: `${name}/input` });
    const stemStrides = spec.stem === 'small' ? 1 : 2;
    const stem = convBn(input, { filters: spec.stemWidth, kernelSize: 3, strides: stemStrides, name: `${name}/stem`, seeds });
    let x = blockActivation(stem, spec.stemActivation, `${name}/stem/act`);
    // A stage ends where the resolution is about to halve, and after the head conv (timm's feature levels).
    const stages: tf.SymbolicTensor[] = [];
    let index = 0;
    for (const row of spec.rows) {
      for (let r = 0; r < (row.repeat ?? 1); r++) {
        const stride = r === 0 ? row.stride : 1;
        if (stride === 2 && index > 0) stages.push(x);
        x = mbconvBlock(x, row, stride, { name: `${name}/block${++index}`, se: spec.squeezeExcite, seeds });
      }
    }
    const head = convBn(x, { filters: spec.headWidth, kernelSize: 1, name: `${name}/head`, seeds });
    x = blockActivation(head, spec.headActivation, `${name}/head/act`);
    stages.push(x);
    let pooled = globalAveragePool(x, `${name}/pool`);
    if (spec.embedWidth !== undefined) {
      const embed = dense(pooled, { units: spec.embedWidth, reluFollows: true, name: `${name}/embed`, seeds });
      pooled = blockActivation(embed, spec.headActivation, `${name}/embed/act`);
    }
    return { input, pooled, stages };
  },
};

/** torchvision's _make_divisible: the nearest multiple of `divisor` (at least `divisor`), not more than 10% below `value`. */
export function makeDivisible(value: number, divisor: number): number {
  const rounded = Math.max(divisor, Math.floor((value + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * value ? rounded + divisor : rounded;
}

interface BlockContext {
  name: string;
  se: MbSqueezeExcite | undefined;
  seeds: LayerSeeds;
}

function mbconvBlock(x: tf.SymbolicTensor, row: MbConvRow, stride: number, { name, se, seeds }: BlockContext): tf.SymbolicTensor {
  const inChannels = channelsOf(x);
  const expandedChannels = row.expandWidth ?? Math.round(inChannels * (row.expansion ?? 1));
  const expanded = expandedChannels === inChannels
    ? x
    : blockActivation(convBn(x, { filters: expandedChannels, kernelSize: 1, name: `${name}/expand`, seeds }), row.activation, `${name}/expand/act`);
  const depthwise = depthwiseBn(expanded, { strides: stride, kernelSize: row.kernelSize, name: `${name}/depthwise`, seeds });
  let features = blockActivation(depthwise, row.activation, `${name}/depthwise/act`);
  if (row.squeezeExcite && se !== undefined) {
    const base = se.of === 'expanded' ? expandedChannels : inChannels;
    const units = makeDivisible(Math.floor(base * se.ratio), se.divisor ?? 1);
    features = squeezeExcite(features, { units, activation: se.activation, gate: se.gate, name: `${name}/se`, seeds });
  }
  const projected = convBn(features, { filters: row.width, kernelSize: 1, name: `${name}/project`, seeds });
  return stride === 1 && inChannels === row.width ? add([x, projected], `${name}/out`) : projected;
}
