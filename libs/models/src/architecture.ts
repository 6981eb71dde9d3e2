import type * as tf from '@tensorflow/tfjs';
import type { LayerSeeds } from './seeds.js';
import type { ObjectSchema } from '@ssl-distill/schema';

/** Fields every backbone spec may carry. */
export interface CommonSpec {
  /** Model name and layer-name prefix (default: the kind). */
  name?: string;
  /** Initializer seed: equal seeds build equal weights (default 0). */
  seed?: number;
}

/** The symbolic graph of a backbone before it is wrapped into a model. */
export interface BackboneGraph {
  input: tf.SymbolicTensor;
  /** Pooled embedding [N, D]. */
  pooled: tf.SymbolicTensor;
  /** Output of each stage, shallow to deep ([N, H, W, C] for conv nets, [N, D] for MLPs). */
  stages: tf.SymbolicTensor[];
}

/** One backbone kind: the schema of its fields in a plain-JSON spec, and how to build its graph. */
export interface Architecture<Spec> {
  /** The kind-specific fields (kind, name and seed are the caller's), in the order a resolved spec lists them. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a cross-field check() makes ObjectSchema invariant
  fields: ObjectSchema<any>;
  build(spec: Spec, name: string, seeds: LayerSeeds): BackboneGraph;
}
