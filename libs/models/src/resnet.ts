import * as tf from '@tensorflow/tfjs';
import type { Architecture, BackboneGraph, CommonSpec } from './architecture.js';
import { add, channelsOf, convBn, globalAveragePool, maxPool, relu } from './blocks.js';
import type { LayerSeeds } from './seeds.js';
import { array, object, oneOf, optional, union } from '@ssl-distill/schema';
import { imageShape, positiveInt } from './validate.js';

export type Stem = 'small' | 'imagenet';
export const STEMS: readonly Stem[] = ['small', 'imagenet'];

export type ResidualBlock = 'basic' | 'bottleneck';
export const RESIDUAL_BLOCKS: readonly ResidualBlock[] = ['basic', 'bottleneck'];
/** A bottleneck block's output has this many times its width's channels (ResNet-50's 256 after width 64). */
const BOTTLENECK_EXPANSION = 4;

/** ResNet with basic or bottleneck blocks (He et al. 2016). */
export interface ResNetSpec extends CommonSpec {
  kind: 'resnet';
  inputShape: [number, number, number];
  /** 'small': 3x3 conv stride 1, no max-pool (28-32 px inputs); 'imagenet': 7x7/2 conv + 3x3/2 max-pool. */
  stem: Stem;
  /** Stem conv channels (default widths[0]). */
  stemWidth?: number;
  /** Channels of each stage; stages 2+ halve the resolution in their first block. */
  widths: number[];
  /** Blocks per stage: one number for all stages, or one per stage. */
  blocksPerStage: number | number[];
  /**
   * 'basic' (default): two 3x3 convs, output `width` channels (ResNet-18/34). 'bottleneck': 1x1 to
   * `width`, 3x3 (carrying the stride, as torchvision's v1.5), 1x1 to 4 x `width` (ResNet-50).
   */
  block?: ResidualBlock;
}

export const resnet: Architecture<ResNetSpec> = {
  fields: object({
    inputShape: imageShape,
    stem: oneOf(STEMS, { what: 'stem', description: "'small': 3x3 conv stride 1 (28-32 px); 'imagenet': 7x7/2 conv + 3x3/2 max-pool" }),
    stemWidth: optional(positiveInt('stem conv channels (default widths[0])')),
    widths: array(positiveInt(), { minItems: 1, description: 'channels of each stage; stages 2+ halve the resolution' }),
    blocksPerStage: union([positiveInt(), array(positiveInt())], { description: 'blocks per stage: one number for all stages, or one per stage' }),
    block: optional(oneOf(RESIDUAL_BLOCKS, { what: 'block', description: "'basic' (default, ResNet-18/34) or 'bottleneck' (ResNet-50)" })),
  }, {
    check: (spec, fail) => {
      if (Array.isArray(spec.blocksPerStage) && spec.blocksPerStage.length !== spec.widths.length) {
        fail('blocksPerStage', `has ${spec.blocksPerStage.length} entries but widths has ${spec.widths.length} stages`);
      }
    },
  }),

  build(spec, name, seeds): BackboneGraph {
    const input = tf.input({ shape: spec.inputShape, name: `${name}/input` });
    let x = resnetStem(input, spec.stem, spec.stemWidth ?? spec.widths[0]!, `${name}/stem`, seeds);
    const stages: tf.SymbolicTensor[] = [];
    spec.widths.forEach((width, s) => {
      const blocks = Array.isArray(spec.blocksPerStage) ? spec.blocksPerStage[s]! : spec.blocksPerStage;
      for (let b = 0; b < blocks; b++) {
        const strides = s > 0 && b === 0 ? 2 : 1;
        const options = { filters: width, strides, name: `${name}/stage${s + 1}/block${b + 1}`, seeds };
        x = spec.block === 'bottleneck' ? bottleneckBlock(x, options) : basicBlock(x, options);
      }
      stages.push(x);
    });
    return { input, pooled: globalAveragePool(x, `${name}/pool`), stages };
  },
};

function resnetStem(x: tf.SymbolicTensor, stem: Stem, filters: number, name: string, seeds: LayerSeeds): tf.SymbolicTensor {
  if (stem === 'small') return relu(convBn(x, { filters, kernelSize: 3, name, seeds }), `${name}/relu`);
  const y = relu(convBn(x, { filters, kernelSize: 7, strides: 2, name, seeds }), `${name}/relu`);
  return maxPool(y, { poolSize: 3, strides: 2, name: `${name}/maxpool` });
}

interface BlockOptions {
  filters: number;
  strides: number;
  name: string;
  seeds: LayerSeeds;
}

/** conv3x3-BN-ReLU-conv3x3-BN + shortcut, ReLU after the add; 1x1 projection when the shape changes. */
function basicBlock(x: tf.SymbolicTensor, { filters, strides, name, seeds }: BlockOptions): tf.SymbolicTensor {
  const branch1 = relu(convBn(x, { filters, kernelSize: 3, strides, name: `${name}/conv1`, seeds }), `${name}/relu1`);
  const residual = convBn(branch1, { filters, kernelSize: 3, name: `${name}/conv2`, seeds });
  return residualOut(x, residual, { filters, strides, name, seeds });
}

/** conv1x1-BN-ReLU-conv3x3(stride)-BN-ReLU-conv1x1(4 x filters)-BN + shortcut, ReLU after the add. */
function bottleneckBlock(x: tf.SymbolicTensor, { filters, strides, name, seeds }: BlockOptions): tf.SymbolicTensor {
  const reduced = relu(convBn(x, { filters, kernelSize: 1, name: `${name}/conv1`, seeds }), `${name}/relu1`);
  const spatial = relu(convBn(reduced, { filters, kernelSize: 3, strides, name: `${name}/conv2`, seeds }), `${name}/relu2`);
  const outChannels = filters * BOTTLENECK_EXPANSION;
  const residual = convBn(spatial, { filters: outChannels, kernelSize: 1, name: `${name}/conv3`, seeds });
  return residualOut(x, residual, { filters: outChannels, strides, name, seeds });
}

/** ReLU(residual + shortcut); the shortcut is a 1x1 conv-BN projection when the shape changes. */
function residualOut(x: tf.SymbolicTensor, residual: tf.SymbolicTensor, { filters, strides, name, seeds }: BlockOptions): tf.SymbolicTensor {
  const shortcut =
    strides !== 1 || channelsOf(x) !== filters
      ? convBn(x, { filters, kernelSize: 1, strides, name: `${name}/shortcut`, seeds })
      : x;
  return relu(add([residual, shortcut], `${name}/add`), `${name}/out`);
}
