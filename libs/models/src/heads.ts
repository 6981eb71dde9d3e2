import * as tf from '@tensorflow/tfjs';
import { batchNorm, dense, relu } from './blocks.js';
import { LayerSeeds } from './seeds.js';
import { boolean, object, optional, variants } from '@ssl-distill/schema';
import { layerName, positiveInt, seed } from './validate.js';

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

const headCommon = { inDim: positiveInt(), name: optional(layerName), seed: optional(seed) };
const mlpHead = { ...headCommon, hiddenDim: positiveInt(), outDim: positiveInt() };

/** A head spec as written: its kind picks its fields. */
const headSchema = variants('kind', {
  projection: object({ ...mlpHead, layers: optional(positiveInt('number of Linear layers (default 2)')), lastBatchNorm: optional(boolean()) }),
  predictor: object(mlpHead),
  linear: object({ ...headCommon, numClasses: positiveInt() }),
}, { what: 'head kind' });

/** Validates a head spec (errors name the field, prefixed by `path`) and builds a model [N, inDim] -> [N, out]. */
export function buildHead(spec: unknown, path = ''): tf.LayersModel {
  const head = headSchema.parse(spec, path);
  const seeds = new LayerSeeds(head.seed ?? 0);
  const mlp: MlpHeadShape = head.kind === 'linear'
    ? { dims: [head.numClasses], lastBatchNorm: false }
    : {
      dims: [...Array<number>((head.kind === 'projection' ? head.layers ?? 2 : 2) - 1).fill(head.hiddenDim), head.outDim],
      lastBatchNorm: head.kind === 'projection' ? head.lastBatchNorm ?? false : false,
    };
  return buildMlpHead(head.inDim, mlp, head.name ?? head.kind, seeds);
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
