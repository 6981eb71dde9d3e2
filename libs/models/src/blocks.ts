import * as tf from '@tensorflow/tfjs';
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

/** 3x3 depthwise conv (no bias) followed by BN. */
export function depthwiseBn(x: Symbolic, { strides, name, seeds }: { strides: number; name: string; seeds: LayerSeeds }): Symbolic {
  const kernelSize = 3;
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

/**
 * Squeeze-excite (Hu et al.) from standard layers: channel gates = sigmoid(W2 relu(W1 gap(x))),
 * broadcast over H and W by a [1, 1, C] reshape and a Multiply.
 */
export function squeezeExcite(x: Symbolic, { ratio, name, seeds }: { ratio: number; name: string; seeds: LayerSeeds }): Symbolic {
  const channels = channelsOf(x);
  const squeezed = globalAveragePool(x, `${name}/pool`);
  const hidden = dense(squeezed, {
    units: Math.max(1, Math.round(channels * ratio)),
    reluFollows: true,
    activation: 'relu',
    name: `${name}/reduce`,
    seeds,
  });
  const gates = dense(hidden, { units: channels, reluFollows: false, activation: 'sigmoid', name: `${name}/expand`, seeds });
  const gateMap = applyLayer(tf.layers.reshape({ targetShape: [1, 1, channels], name: `${name}/reshape` }), gates);
  return applyLayer(tf.layers.multiply({ name: `${name}/scale` }), [x, gateMap]);
}

export function maxPool(x: Symbolic, { poolSize, strides, name }: { poolSize: number; strides: number; name: string }): Symbolic {
  return applyLayer(tf.layers.maxPooling2d({ poolSize, strides, padding: 'same', name }), x);
}
