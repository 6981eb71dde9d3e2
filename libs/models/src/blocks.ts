import * as tf from '@tensorflow/tfjs';
import { hardSigmoid, hardSwish } from './hard-activations.js';
import type { LayerSeeds } from './seeds.js';

type Symbolic = tf.SymbolicTensor;
/** tfjs-layers does not export its activation-name type from the package root. */
type ActivationIdentifier = Parameters<typeof tf.layers.activation>[0]['activation'];

/** Channels of the last axis of a symbolic tensor (known at build time). */
export function channelsOf(x: Symbolic): number {
  const channels = x.shape[x.shape.length - 1];
  if (channels == null) throw new Error(`tensor '${x.name}' has an unknown channel dimension`);
  return channels;
}

function applyLayer(layer: tf.layers.Layer, x: Symbolic | Symbolic[]): Symbolic {
  return layer.apply(x) as Symbolic;
}

/** PyTorch-style BN statistics (momentum 0.1 there = 0.9 here, eps 1e-5), the papers' setting. */
export function batchNorm(x: Symbolic, name: string): Symbolic {
  return applyLayer(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5, name }), x);
}

export function relu(x: Symbolic, name: string): Symbolic {
  return applyLayer(tf.layers.reLU({ name }), x);
}

export function relu6(x: Symbolic, name: string): Symbolic {
  return applyLayer(tf.layers.reLU({ maxValue: 6, name }), x);
}

/** The activations of MobileNetV3 / EfficientNet blocks; 'hardSwish' is PyTorch's x * relu6(x + 3) / 6, 'swish' is x * sigmoid(x). */
export type BlockActivation = 'relu' | 'hardSwish' | 'swish';
export const BLOCK_ACTIVATIONS: readonly BlockActivation[] = ['relu', 'hardSwish', 'swish'];

export function blockActivation(x: Symbolic, kind: BlockActivation, name: string): Symbolic {
  switch (kind) {
    case 'relu':
      return relu(x, name);
    case 'hardSwish':
      return applyLayer(hardSwish({ name }), x);
    case 'swish':
      return activation(x, 'swish', name);
  }
}

export function add(inputs: Symbolic[], name: string): Symbolic {
  return applyLayer(tf.layers.add({ name }), inputs);
}

export function globalAveragePool(x: Symbolic, name: string): Symbolic {
  return applyLayer(tf.layers.globalAveragePooling2d({ name }), x);
}

export interface ConvOptions {
  filters: number;
  kernelSize: number;
  strides?: number;
  /** Layer-name prefix: the conv is `${name}/conv`, its BN `${name}/bn`. */
  name: string;
  seeds: LayerSeeds;
}

/** conv (no bias: BN's beta replaces it) followed by BN. */
export function convBn(x: Symbolic, { filters, kernelSize, strides = 1, name, seeds }: ConvOptions): Symbolic {
  const conv = tf.layers.conv2d({
    filters,
    kernelSize,
    strides,
    padding: 'same',
    useBias: false,
    kernelInitializer: seeds.heNormal(kernelSize * kernelSize * channelsOf(x)),
    name: `${name}/conv`,
  });
  return batchNorm(applyLayer(conv, x), `${name}/bn`);
}

/** Depthwise conv (no bias; 3x3 unless given) followed by BN. */
export function depthwiseBn(
  x: Symbolic,
  { strides, kernelSize = 3, name, seeds }: { strides: number; kernelSize?: number; name: string; seeds: LayerSeeds },
): Symbolic {
  const conv = tf.layers.depthwiseConv2d({
    kernelSize,
    strides,
    padding: 'same',
    useBias: false,
    depthwiseInitializer: seeds.heNormal(kernelSize * kernelSize),
    name: `${name}/dwconv`,
  });
  return batchNorm(applyLayer(conv, x), `${name}/bn`);
}

export interface DenseOptions {
  units: number;
  /** He-normal init when a ReLU-family activation follows, Glorot-uniform otherwise. */
  reluFollows: boolean;
  useBias?: boolean;
  activation?: ActivationIdentifier;
  name: string;
  seeds: LayerSeeds;
}

export function dense(x: Symbolic, { units, reluFollows, useBias = true, activation, name, seeds }: DenseOptions): Symbolic {
  const layer = tf.layers.dense({
    units,
    useBias,
    activation,
    kernelInitializer: reluFollows ? seeds.heNormal(channelsOf(x)) : seeds.glorotUniform(),
    name,
  });
  return applyLayer(layer, x);
}

export function activation(x: Symbolic, identifier: ActivationIdentifier, name: string): Symbolic {
  return applyLayer(tf.layers.activation({ activation: identifier, name }), x);
}

export function flatten(x: Symbolic, name: string): Symbolic {
  return applyLayer(tf.layers.flatten({ name }), x);
}

export interface SqueezeExciteOptions {
  /** Bottleneck width. */
  units: number;
  /** After the reduce layer (default 'relu'). */
  activation?: 'relu' | 'swish';
  /** 'hardSigmoid' is PyTorch's relu6(x + 3) / 6 (MobileNetV3); default 'sigmoid'. */
  gate?: 'sigmoid' | 'hardSigmoid';
  name: string;
  seeds: LayerSeeds;
}

/**
 * Squeeze-excite (Hu et al.) from standard layers: channel gates = gate(W2 act(W1 gap(x))),
 * broadcast over H and W by a [1, 1, C] reshape and a Multiply.
 */
export function squeezeExcite(x: Symbolic, { units, activation = 'relu', gate = 'sigmoid', name, seeds }: SqueezeExciteOptions): Symbolic {
  const channels = channelsOf(x);
  const squeezed = globalAveragePool(x, `${name}/pool`);
  const hidden = dense(squeezed, { units, reluFollows: true, activation, name: `${name}/reduce`, seeds });
  const gates = gate === 'sigmoid'
    ? dense(hidden, { units: channels, reluFollows: false, activation: 'sigmoid', name: `${name}/expand`, seeds })
    : applyLayer(hardSigmoid({ name: `${name}/gate` }), dense(hidden, { units: channels, reluFollows: false, name: `${name}/expand`, seeds }));
  const gateMap = applyLayer(tf.layers.reshape({ targetShape: [1, 1, channels], name: `${name}/reshape` }), gates);
  return applyLayer(tf.layers.multiply({ name: `${name}/scale` }), [x, gateMap]);
}

export function maxPool(x: Symbolic, { poolSize, strides, name }: { poolSize: number; strides: number; name: string }): Symbolic {
  return applyLayer(tf.layers.maxPooling2d({ poolSize, strides, padding: 'same', name }), x);
}
