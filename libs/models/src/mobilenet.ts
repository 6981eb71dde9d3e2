import * as tf from '@tensorflow/tfjs';
import type { Architecture, BackboneGraph, CommonSpec } from './architecture.js';
import { add, channelsOf, convBn, depthwiseBn, globalAveragePool, relu6, squeezeExcite } from './blocks.js';
import { STEMS, type Stem } from './resnet.js';
import type { LayerSeeds } from './seeds.js';
import { array, boolean, object, oneOf, optional } from '@ssl-distill/schema';
import { imageShape, positiveInt, positiveNumber } from './validate.js';

export interface MobileNetStage {
  /** Output channels of every block of the stage (before the width multiplier). */
  width: number;
  blocks: number;
  /** Stride of the stage's first block. */
  stride: 1 | 2;
}

/**
 * MobileNet-style network of depthwise-separable blocks (Howard et al. 2017). With
 * `invertedResidual` the blocks are MobileNetV2's (1x1 expand, depthwise, linear 1x1 projection,
 * identity shortcut when the shape is kept); `squeezeExcite` adds SE gates after the depthwise conv.
 */
export interface MobileNetSpec extends CommonSpec {
  kind: 'mobilenet';
  inputShape: [number, number, number];
  /** 'small' (default): 3x3 conv stride 1, for 28-32 px inputs; 'imagenet': 3x3 conv stride 2. */
  stem?: Stem;
  /** Stem channels before the width multiplier (default 32). */
  stemWidth?: number;
  stages: MobileNetStage[];
  /** Scales every channel count, rounded, at least 1 (default 1). */
  widthMultiplier?: number;
  invertedResidual?: boolean;
  /** Expansion factor of inverted-residual blocks (default 6); only with invertedResidual. */
  expansion?: number;
  squeezeExcite?: boolean;
  /** SE bottleneck channels = round(channels * seRatio) (default 0.25); only with squeezeExcite. */
  seRatio?: number;
}

const stageSchema = object({
  width: positiveInt('output channels of every block of the stage (before the width multiplier)'),
  blocks: positiveInt(),
  stride: oneOf([1, 2] as const, { what: 'stride', description: "the stage's first block's stride" }),
});

export const mobilenet: Architecture<MobileNetSpec> = {
  fields: object({
    inputShape: imageShape,
    stem: optional(oneOf(STEMS, { what: 'stem', description: "'small' (default): 3x3 conv stride 1; 'imagenet': stride 2" })),
    stemWidth: optional(positiveInt('stem channels before the width multiplier (default 32)')),
    stages: array(stageSchema, { minItems: 1 }),
    widthMultiplier: optional(positiveNumber('scales every channel count, rounded, at least 1 (default 1)')),
    invertedResidual: optional(boolean()),
    expansion: optional(positiveInt('expansion factor of inverted-residual blocks (default 6)')),
    squeezeExcite: optional(boolean()),
    seRatio: optional(positiveNumber('SE bottleneck channels = round(channels * seRatio) (default 0.25)')),
  }, {
    check: (spec, fail) => {
      if (spec.expansion !== undefined && !spec.invertedResidual) fail('expansion', 'only applies when invertedResidual is true');
      if (spec.seRatio !== undefined && !spec.squeezeExcite) fail('seRatio', 'only applies when squeezeExcite is true');
    },
  }),

  build(spec, name, seeds): BackboneGraph {
    const multiplier = spec.widthMultiplier ?? 1;
    const scaled = (width: number) => Math.max(1, Math.round(width * multiplier));
    const input = tf.input({ shape: spec.inputShape, name: `${name}/input` });
    const stemStrides = (spec.stem ?? 'small') === 'small' ? 1 : 2;
    const stemName = `${name}/stem`;
    const stemWidth = scaled(spec.stemWidth ?? 32);
    let x = relu6(convBn(input, { filters: stemWidth, kernelSize: 3, strides: stemStrides, name: stemName, seeds }), `${stemName}/relu6`);
    const expansion = spec.invertedResidual ? (spec.expansion ?? 6) : undefined;
    const block: BlockOptions = {
      seRatio: spec.squeezeExcite ? (spec.seRatio ?? 0.25) : undefined,
      seeds,
    };
    const stages: tf.SymbolicTensor[] = [];
    spec.stages.forEach((stage, s) => {
      for (let b = 0; b < stage.blocks; b++) {
        const strides = b === 0 ? stage.stride : 1;
        const blockName = `${name}/stage${s + 1}/block${b + 1}`;
        x = expansion === undefined
          ? separableBlock(x, scaled(stage.width), strides, blockName, block)
          : invertedResidualBlock(x, scaled(stage.width), strides, expansion, blockName, block);
      }
      stages.push(x);
    });
    return { input, pooled: globalAveragePool(x, `${name}/pool`), stages };
  },
};


interface BlockOptions {
  /** Set when blocks carry squeeze-excite gates. */
  seRatio: number | undefined;
  seeds: LayerSeeds;
}

function maybeSqueezeExcite(x: tf.SymbolicTensor, name: string, { seRatio, seeds }: BlockOptions): tf.SymbolicTensor {
  return seRatio === undefined ? x : squeezeExcite(x, { units: Math.max(1, Math.round(channelsOf(x) * seRatio)), name: `${name}/se`, seeds });
}

/** depthwise 3x3-BN-ReLU6 [-SE], pointwise 1x1-BN-ReLU6 (MobileNetV1). */
function separableBlock(x: tf.SymbolicTensor, filters: number, strides: number, name: string, options: BlockOptions): tf.SymbolicTensor {
  const depthwise = relu6(depthwiseBn(x, { strides, name: `${name}/depthwise`, seeds: options.seeds }), `${name}/depthwise/relu6`);
  const gated = maybeSqueezeExcite(depthwise, name, options);
  return relu6(convBn(gated, { filters, kernelSize: 1, name: `${name}/pointwise`, seeds: options.seeds }), `${name}/out`);
}

/**
 * 1x1 expand-BN-ReLU6, depthwise 3x3-BN-ReLU6 [-SE], 1x1 project-BN with no activation (a ReLU
 * on the narrow projection would destroy information, MobileNetV2 §3.2), + identity when shapes match.
 */
function invertedResidualBlock(
  x: tf.SymbolicTensor,
  filters: number,
  strides: number,
  expansion: number,
  name: string,
  options: BlockOptions,
): tf.SymbolicTensor {
  const { seeds } = options;
  const inChannels = channelsOf(x);
  const expanded = expansion === 1
    ? x
    : relu6(convBn(x, { filters: inChannels * expansion, kernelSize: 1, name: `${name}/expand`, seeds }), `${name}/expand/relu6`);
  const depthwise = relu6(depthwiseBn(expanded, { strides, name: `${name}/depthwise`, seeds }), `${name}/depthwise/relu6`);
  const projected = convBn(maybeSqueezeExcite(depthwise, name, options), { filters, kernelSize: 1, name: `${name}/project`, seeds });
  return strides === 1 && inChannels === filters ? add([x, projected], `${name}/out`) : projected;
}
