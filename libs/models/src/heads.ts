import * as tf from '@tensorflow/tfjs';
import { batchNorm, dense, relu } from './blocks.js';
import { LayerSeeds } from './seeds.js';
import { boolean, layerName, oneOf, positiveInt, seed, SpecFields } from './validate.js';

interface HeadCommon {
  inDim: number;
  /** Initializer seed (default 0). */
  seed?: number;
  /** Model name and layer-name prefix. */
  name?: string;
}

/** MLP projection head: (Linear-BN-ReLU) x (layers - 1), then Linear [-BN]. */
export interface ProjectionHeadConfig extends HeadCommon {
  hiddenDim: number;
  outDim: number;
  /** Number of Linear layers (default 2). */
  layers?: number;
  /** BN after the last Linear (SimCLR v2 style; default false). */
  lastBatchNorm?: boolean;
}

/** BYOL predictor: Linear-BN-ReLU-Linear. */
export interface PredictorConfig extends HeadCommon {
  hiddenDim: number;
  outDim: number;
}

export interface LinearClassifierConfig extends HeadCommon {
  numClasses: number;
}

/** Plain-JSON head description, as written in pipeline files. */
export type HeadSpec =
  | ({ kind: 'projection' } & ProjectionHeadConfig)
  | ({ kind: 'predictor' } & PredictorConfig)
  | ({ kind: 'linear' } & LinearClassifierConfig);
export const HEAD_KINDS: readonly HeadSpec['kind'][] = ['projection', 'predictor', 'linear'];

/** Validates a head spec (errors name the field, prefixed by `path`) and builds a model [N, inDim] -> [N, out]. */
export function buildHead(spec: unknown, path = ''): tf.LayersModel {
  const fields = SpecFields.of(spec, path);
  const kind = fields.required('kind', oneOf(HEAD_KINDS));
  const inDim = fields.required('inDim', positiveInt);
  const name = fields.optional('name', layerName) ?? kind;
  const seeds = new LayerSeeds(fields.optional('seed', seed) ?? 0);
  let mlp: MlpHeadShape;
  if (kind === 'linear') {
    mlp = { dims: [fields.required('numClasses', positiveInt)], lastBatchNorm: false };
  } else {
    const hiddenDim = fields.required('hiddenDim', positiveInt);
    const outDim = fields.required('outDim', positiveInt);
    const layers = kind === 'projection' ? (fields.optional('layers', positiveInt) ?? 2) : 2;
    const lastBatchNorm = kind === 'projection' ? (fields.optional('lastBatchNorm', boolean) ?? false) : false;
    mlp = { dims: [...Array<number>(layers - 1).fill(hiddenDim), outDim], lastBatchNorm };
  }
  fields.rejectUnknown();
  return buildMlpHead(inDim, mlp, name, seeds);
}

export function projectionHead(config: ProjectionHeadConfig): tf.LayersModel {
  return buildHead({ kind: 'projection', ...config });
}

export function byolPredictor(config: PredictorConfig): tf.LayersModel {
  return buildHead({ kind: 'predictor', ...config });
}

export function linearClassifier(config: LinearClassifierConfig): tf.LayersModel {
  return buildHead({ kind: 'linear', ...config });
}

interface MlpHeadShape {
  /** Output width of each Linear layer; all but the last are followed by BN-ReLU. */
  dims: number[];
  lastBatchNorm: boolean;
}

function buildMlpHead(inDim: number, { dims, lastBatchNorm }: MlpHeadShape, name: string, seeds: LayerSeeds): tf.LayersModel {
  const input = tf.input({ shape: [inDim], name: `${name}/input` });
  let x = input;
  dims.forEach((units, i) => {
    const last = i === dims.length - 1;
    const withBatchNorm = !last || lastBatchNorm;
    // A bias before BN is redundant: BN's beta takes its place.
    x = dense(x, { units, reluFollows: !last, useBias: !withBatchNorm, name: `${name}/linear${i + 1}`, seeds });
    if (withBatchNorm) x = batchNorm(x, `${name}/bn${i + 1}`);
    if (!last) x = relu(x, `${name}/relu${i + 1}`);
  });
  return tf.model({ inputs: input, outputs: x, name });
}
