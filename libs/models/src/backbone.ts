import * as tf from '@tensorflow/tfjs';
import type { Architecture, BackboneGraph } from './architecture.js';
import { mbconv, type MbConvSpec } from './mbconv.js';
import { mlp, type MlpSpec } from './mlp.js';
import { mobilenet, type MobileNetSpec } from './mobilenet.js';
import { PRESET_NAMES, PRESETS, type PresetName } from './presets.js';
import { resnet, type ResNetSpec } from './resnet.js';
import { LayerSeeds } from './seeds.js';
import { array, integer, object, oneOf, optional, variants, type JsonSchema } from '@ssl-distill/schema';
import { layerName, seed } from './validate.js';

export type ArchitectureSpec = ResNetSpec | MobileNetSpec | MbConvSpec | MlpSpec;
export type BackboneKind = ArchitectureSpec['kind'];
export const BACKBONE_KINDS: readonly BackboneKind[] = ['resnet', 'mobilenet', 'mbconv', 'mlp'];

/** A named preset, optionally with another input shape, name or seed. */
export interface PresetSpec {
  preset: PresetName;
  inputShape?: number[];
  name?: string;
  seed?: number;
}

/** What pipelines write (plain JSON / YAML): an architecture or a preset. */
export type BackboneSpec = ArchitectureSpec | PresetSpec;

/** A validated spec with presets expanded and name/seed filled in. */
export type ResolvedBackboneSpec = ArchitectureSpec & { name: string; seed: number };

/** What a backbone model knows about itself; stored in the model's metadata, so it survives save/load. */
export interface BackboneInfo {
  spec: ResolvedBackboneSpec;
  /** Width D of the pooled embedding [N, D]. */
  embedDim: number;
  /** Channels (conv nets) or units (MLPs) of each stage's output. */
  stageDims: number[];
  /** Shape of each stage's output without the batch axis. */
  stageShapes: number[][];
  /** Names of the layers whose outputs are the stage features. */
  stageLayers: string[];
}

export interface Backbone extends BackboneInfo {
  /** Single output: the pooled embedding [N, embedDim]. */
  model: tf.LayersModel;
}

const METADATA_KEY = 'sslDistillBackbone';

const common = { name: optional(layerName), seed: optional(seed) };
/** An architecture's fields after name and seed, which every kind takes (a resolved spec lists them first). */
const withCommonFields = (architecture: Architecture<unknown>) => object({ ...common, ...architecture.fields.shape }, architecture.fields.options);
/** An architecture written out: its kind picks its fields. */
const architectureSchema = variants(
  'kind',
  { resnet: withCommonFields(resnet), mobilenet: withCommonFields(mobilenet), mbconv: withCommonFields(mbconv), mlp: withCommonFields(mlp) },
  { what: 'backbone kind', description: 'a backbone architecture' },
);
/** A named preset with optional overrides; the overrides are checked with the expanded spec, by its architecture's fields. */
const presetSchema = object({
  preset: oneOf(PRESET_NAMES, { what: 'preset' }),
  inputShape: optional(array(integer({ min: 1 }), { minItems: 1, description: "replaces the preset's input shape, e.g. [32, 32, 3]" })),
  ...common,
}, { description: 'a named preset' });

/** The JSON Schema of what a pipeline's `model` field may hold: a preset or an architecture. */
export function backboneJsonSchema(): JsonSchema {
  return { anyOf: [presetSchema.jsonSchema(), architectureSchema.jsonSchema()] };
}

/**
 * Validates `spec` and expands presets; throws a ConfigError naming the bad field. `path` prefixes
 * field names in errors (e.g. 'student' gives "student.widths[0]: must be >= 1, got 0").
 */
export function resolveBackboneSpec(spec: unknown, path = ''): ResolvedBackboneSpec {
  const { kind, name, seed: seedValue, ...fields } = architectureSchema.parse(expandPreset(spec, path), path) as unknown as ArchitectureSpec;
  return { kind, name: name ?? kind, seed: seedValue ?? 0, ...fields } as ResolvedBackboneSpec;
}

function expandPreset(spec: unknown, path: string): unknown {
  if (spec === null || typeof spec !== 'object' || !('preset' in spec)) return spec;
  const { preset, ...overrides } = presetSchema.parse(spec, path);
  return { ...PRESETS[preset](), ...overrides };
}

function buildGraph(spec: ResolvedBackboneSpec, seeds: LayerSeeds): BackboneGraph {
  switch (spec.kind) {
    case 'resnet':
      return resnet.build(spec, spec.name, seeds);
    case 'mobilenet':
      return mobilenet.build(spec, spec.name, seeds);
    case 'mbconv':
      return mbconv.build(spec, spec.name, seeds);
    case 'mlp':
      return mlp.build(spec, spec.name, seeds);
  }
}

function shapeWithoutBatch(x: tf.SymbolicTensor): number[] {
  return x.shape.slice(1).map((dim) => {
    if (dim == null) throw new Error(`tensor '${x.name}' has an unknown dimension`);
    return dim;
  });
}

/**
 * Builds a backbone whose model maps images [N, ...inputShape] to the pooled embedding [N, D].
 * Weights are a function of (spec, seed). For per-stage features use `withStageOutputs(model)`.
 */
export function buildBackbone(spec: BackboneSpec): Backbone {
  const resolved = resolveBackboneSpec(spec);
  const graph = buildGraph(resolved, new LayerSeeds(resolved.seed));
  const model = tf.model({ inputs: graph.input, outputs: graph.pooled, name: resolved.name });
  const stageShapes = graph.stages.map(shapeWithoutBatch);
  const info: BackboneInfo = {
    spec: resolved,
    embedDim: shapeWithoutBatch(graph.pooled).at(-1)!,
    stageDims: stageShapes.map((shape) => shape.at(-1)!),
    stageShapes,
    stageLayers: graph.stages.map((stage) => stage.sourceLayer.name),
  };
  model.setUserDefinedMetadata({ [METADATA_KEY]: info });
  return { model, ...info };
}

/** The BackboneInfo of a model built by buildBackbone (also after save/load). */
export function describeBackbone(model: tf.LayersModel): BackboneInfo {
  const metadata = model.getUserDefinedMetadata() as Record<string, unknown> | undefined;
  const info = metadata?.[METADATA_KEY];
  if (info === undefined) throw new Error(`model '${model.name}' has no backbone metadata: it was not built by buildBackbone`);
  return info as BackboneInfo;
}

/**
 * A model sharing `backbone`'s layers and weights whose outputs are [pooled, stage1, stage2, ...]:
 * pooled [N, D], then each stage's output ([N, H, W, C] for conv nets, after the stage's last block;
 * [N, units] for MLP hidden layers). Self-distillation attaches its per-stage heads to these.
 * Works on loaded models too (the stage layer names travel in the model's metadata).
 */
export function withStageOutputs(backbone: tf.LayersModel): tf.LayersModel {
  const { stageLayers } = describeBackbone(backbone);
  const stageOutputs = stageLayers.map((name) => backbone.getLayer(name).output as tf.SymbolicTensor);
  return tf.model({ inputs: backbone.inputs, outputs: [backbone.outputs[0]!, ...stageOutputs], name: `${backbone.name}_stages` });
}
