import * as tf from '@tensorflow/tfjs';
import type { BackboneGraph } from './architecture.js';
import { mbconv, type MbConvSpec } from './mbconv.js';
import { mlp, type MlpSpec } from './mlp.js';
import { mobilenet, type MobileNetSpec } from './mobilenet.js';
import { PRESET_NAMES, PRESETS, type PresetName } from './presets.js';
import { resnet, type ResNetSpec } from './resnet.js';
import { LayerSeeds } from './seeds.js';
import { layerName, oneOf, seed, SpecFields } from './validate.js';

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

/**
 * Validates `spec` and expands presets; throws a SpecError naming the bad field. `path` prefixes
 * field names in errors (e.g. 'student' gives "'student.widths[0]' must be ...").
 */
export function resolveBackboneSpec(spec: unknown, path = ''): ResolvedBackboneSpec {
  const fields = SpecFields.of(expandPreset(spec, path), path);
  const kind = fields.required('kind', oneOf(BACKBONE_KINDS));
  const common = { name: fields.optional('name', layerName) ?? kind, seed: fields.optional('seed', seed) ?? 0 };
  const resolved = { kind, ...common, ...readArchitectureFields(kind, fields) } as ResolvedBackboneSpec;
  fields.rejectUnknown();
  // Absent optional fields are dropped so the spec is plain JSON (model metadata must be).
  return JSON.parse(JSON.stringify(resolved)) as ResolvedBackboneSpec;
}

function expandPreset(spec: unknown, path: string): unknown {
  if (spec === null || typeof spec !== 'object' || !('preset' in spec)) return spec;
  const fields = SpecFields.of(spec, path);
  const preset = fields.required('preset', oneOf(PRESET_NAMES));
  // Overrides are validated with the expanded spec, by the architecture's own readers.
  const keepAsIs = (value: unknown) => value;
  const overrides = {
    inputShape: fields.optional('inputShape', keepAsIs),
    name: fields.optional('name', keepAsIs),
    seed: fields.optional('seed', keepAsIs),
  };
  fields.rejectUnknown();
  const expanded: Record<string, unknown> = { ...PRESETS[preset]() };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) expanded[key] = value;
  return expanded;
}

function readArchitectureFields(kind: BackboneKind, fields: SpecFields) {
  switch (kind) {
    case 'resnet':
      return resnet.readFields(fields);
    case 'mobilenet':
      return mobilenet.readFields(fields);
    case 'mbconv':
      return mbconv.readFields(fields);
    case 'mlp':
      return mlp.readFields(fields);
  }
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
