import * as tf from '@tensorflow/tfjs';

import type { EpilogueArgs } from '../addon.js';
import type { NativeBackend } from '../backend.js';

/** Codes of csrc/epilogue.h's Activation enum. */
const ACTIVATION_CODES: Record<string, number> = {
  linear: 0,
  relu: 1,
  relu6: 2,
  elu: 3,
  leakyrelu: 4,
  sigmoid: 5,
  prelu: 6,
};

/** True when `tensor` broadcasts against [..., channels] as one value per channel (or one value). */
export function isPerChannel(tensor: tf.TensorInfo, outRank: number, channels: number): boolean {
  const shape = tensor.shape;
  if (shape.length > outRank) return false;
  const last = shape.length === 0 ? 1 : shape[shape.length - 1];
  return (last === channels || last === 1) && shape.slice(0, -1).every((size) => size === 1);
}

/**
 * The fused bias / activation of a Fused* kernel as addon arguments (none for an unfused kernel,
 * which has no such inputs or attributes), or undefined when the addon cannot fuse them (bias or prelu weights that are not
 * per-channel, a non-float32 dtype).
 */
export function epilogueArgs(
  backend: NativeBackend,
  inputs: { bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo },
  attrs: tf.NamedAttrMap,
  outRank: number,
  channels: number,
): EpilogueArgs | undefined {
  const { bias, preluActivationWeights } = inputs;
  const activation = (attrs.activation as string | undefined) ?? 'linear';
  const code = ACTIVATION_CODES[activation];
  if (code === undefined) return undefined;
  const channelValues = (tensor: tf.TensorInfo | undefined) =>
    tensor && isPerChannel(tensor, outRank, channels) ? backend.float32Values(tensor) : undefined;
  const biasValues = channelValues(bias);
  const preluValues = activation === 'prelu' ? channelValues(preluActivationWeights) : undefined;
  if ((bias && !biasValues) || (activation === 'prelu' && !preluValues)) return undefined;
  const leakyAlpha = (attrs.leakyreluAlpha as number | undefined) ?? 0.2;
  return [biasValues ?? null, code, leakyAlpha, preluValues ?? null];
}
