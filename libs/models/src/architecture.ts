import type * as tf from '@tensorflow/tfjs';
import type { LayerSeeds } from './seeds.js';
import type { SpecFields } from './validate.js';

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

/** One backbone kind: reads its fields from a plain-JSON spec, then builds its graph. */
export interface Architecture<Spec> {
  /** Reads the kind-specific fields (name, seed and kind are read by the caller). */
  readFields(fields: SpecFields): Omit<Spec, 'kind' | keyof CommonSpec>;
  build(spec: Spec, name: string, seeds: LayerSeeds): BackboneGraph;
}
