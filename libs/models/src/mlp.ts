import * as tf from '@tensorflow/tfjs';
import type { Architecture, BackboneGraph, CommonSpec } from './architecture.js';
import { activation, batchNorm, dense, flatten } from './blocks.js';
import { array, boolean, object, oneOf, optional } from '@ssl-distill/schema';
import { positiveInt } from './validate.js';

export const MLP_ACTIVATIONS = ['relu', 'relu6', 'elu', 'selu', 'swish', 'tanh', 'sigmoid'] as const;
export type MlpActivation = (typeof MLP_ACTIVATIONS)[number];
const RELU_FAMILY: readonly MlpActivation[] = ['relu', 'relu6', 'elu', 'selu', 'swish'];

/**
 * Fully connected backbone; image inputs are flattened. Each hidden layer is
 * Linear [-BN] - activation and is one stage. With `outDim`, a final linear layer gives the
 * embedding (e.g. the 10 outputs of the triplet-KD deck's 784-1200-1200-10), else the last hidden layer does.
 */
export interface MlpSpec extends CommonSpec {
  kind: 'mlp';
  /** Any shape without the batch axis, e.g. [28, 28, 1] or [784]. */
  inputShape: number[];
  hidden: number[];
  /** Default 'relu'. */
  activation?: MlpActivation;
  batchNorm?: boolean;
  outDim?: number;
}

export const mlp: Architecture<MlpSpec> = {
  fields: object({
    inputShape: array(positiveInt(), { minItems: 1, description: 'any shape without the batch axis, e.g. [28, 28, 1] or [784]' }),
    hidden: array(positiveInt(), { description: 'units of each hidden layer' }),
    activation: optional(oneOf(MLP_ACTIVATIONS, { what: 'activation', description: "default 'relu'" })),
    batchNorm: optional(boolean()),
    outDim: optional(positiveInt('a final linear layer of this width gives the embedding')),
  }, {
    check: (spec, fail) => {
      if (spec.hidden.length === 0 && spec.outDim === undefined) fail('hidden', 'is empty and no outDim is given: the MLP would have no layers');
    },
  }),

  build(spec, name, seeds): BackboneGraph {
    const input = tf.input({ shape: spec.inputShape, name: `${name}/input` });
    let x = spec.inputShape.length > 1 ? flatten(input, `${name}/flatten`) : input;
    const act = spec.activation ?? 'relu';
    const stages: tf.SymbolicTensor[] = [];
    spec.hidden.forEach((units, i) => {
      const layerName = `${name}/hidden${i + 1}`;
      // A bias before BN is redundant: BN's beta takes its place.
      x = dense(x, { units, reluFollows: RELU_FAMILY.includes(act), useBias: !spec.batchNorm, name: `${layerName}/dense`, seeds });
      if (spec.batchNorm) x = batchNorm(x, `${layerName}/bn`);
      x = activation(x, act, `${layerName}/${act}`);
      stages.push(x);
    });
    // Without outDim the embedding is the last hidden layer, passed through an identity layer:
    // a model cannot list one tensor twice among its outputs ([pooled, ...stages]).
    const pooled = spec.outDim === undefined
      ? activation(x, 'linear', `${name}/embedding`)
      : dense(x, { units: spec.outDim, reluFollows: false, name: `${name}/out`, seeds });
    return { input, pooled, stages };
  },
};
