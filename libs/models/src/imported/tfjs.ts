// tfjs teachers (a layers or a graph model.json with its weight files), run on the active backend.
import * as tf from '@tensorflow/tfjs';
import { ImportedTeacherError } from './errors.js';
import type { PixelBatch } from './input.js';
import type { RawOutput, Shape, TeacherRuntime } from './teacher.js';

/** A model.json's text and the weight files its manifest names, by the paths it names them. */
export interface TfjsModelFiles {
  modelJson: Uint8Array;
  weights: ReadonlyMap<string, Uint8Array>;
}

interface ModelJson {
  format?: string;
  modelTopology: Record<string, unknown> & { node?: { name: string }[] };
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** Parses a model.json, or says which field of the teacher is wrong. */
export function parseTfjsModelJson(bytes: Uint8Array): ModelJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ImportedTeacherError('import.path', `not a tfjs model.json (${(error as Error).message})`);
  }
  const json = parsed as Partial<ModelJson>;
  if (typeof json !== 'object' || json === null || typeof json.modelTopology !== 'object' || !Array.isArray(json.weightsManifest)) {
    throw new ImportedTeacherError('import.path', 'not a tfjs model.json (it needs modelTopology and weightsManifest)');
  }
  return json as ModelJson;
}

/** The weight files a model.json names, relative to it; a path leaving its folder is refused. */
export function tfjsWeightPaths(json: ModelJson): string[] {
  const paths = json.weightsManifest.flatMap((group) => group.paths);
  for (const path of paths) {
    if (path.startsWith('/') || path.split('/').includes('..') || /^[a-z]+:/i.test(path)) {
      throw new ImportedTeacherError('import.path', `weight path '${path}' points outside the model's folder`);
    }
  }
  return paths;
}

function artifactsOf(files: TfjsModelFiles): { json: ModelJson; artifacts: tf.io.ModelArtifacts } {
  const json = parseTfjsModelJson(files.modelJson);
  const buffers = tfjsWeightPaths(json).map((path) => {
    const bytes = files.weights.get(path);
    if (!bytes) throw new ImportedTeacherError('import.path', `weight file '${path}' named by model.json is missing`);
    return bytes;
  });
  const total = buffers.reduce((sum, b) => sum + b.length, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const buffer of buffers) {
    weightData.set(buffer, offset);
    offset += buffer.length;
  }
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  return { json, artifacts: { modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'], weightSpecs, weightData: weightData.buffer, format: json.format } };
}

async function loadOrExplain<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ImportedTeacherError) throw error;
    throw new ImportedTeacherError('import.path', `tfjs cannot load the model (truncated weights, or not a tfjs model?): ${(error as Error).message.split('\n')[0]}`);
  }
}

const toShape = (shape: readonly (number | null)[] | undefined): Shape | undefined => shape?.map((d) => (d != null && d > 0 ? d : null));

/** A layers model: `output` and `logits` name layers (the model's own outputs come first). */
class LayersTeacherRuntime implements TeacherRuntime {
  readonly format = 'tfjs-layers' as const;
  readonly inputShape: Shape | undefined;
  readonly outputNames: readonly string[];
  private readonly heads = new Map<string, tf.LayersModel>();

  constructor(private readonly model: tf.LayersModel) {
    if (model.inputs.length !== 1) throw new ImportedTeacherError('import.path', `the model takes ${model.inputs.length} inputs; an imported teacher takes one image batch`);
    this.inputShape = toShape(model.inputs[0]!.shape);
    const own = model.outputLayers.map((layer) => layer.name);
    this.outputNames = [...own, ...model.layers.map((layer) => layer.name).filter((name) => !own.includes(name))];
  }

  outputShape(name: string): Shape | undefined {
    const output = this.model.getLayer(name).output;
    return Array.isArray(output) ? undefined : toShape(output.shape);
  }

  private head(outputs: readonly string[]): tf.LayersModel {
    const key = outputs.join('\n');
    if (!this.heads.has(key)) {
      this.heads.set(key, tf.model({ inputs: this.model.inputs, outputs: outputs.map((name) => this.model.getLayer(name).output as tf.SymbolicTensor) }));
    }
    return this.heads.get(key)!;
  }

  async run(batch: PixelBatch, outputs: readonly string[]): Promise<RawOutput[]> {
    const model = this.head(outputs);
    const results = tf.tidy(() => {
      const out = model.predict(tf.tensor4d(batch.data, batch.shape));
      return Array.isArray(out) ? out : [out];
    });
    return readAndDispose(results);
  }

  dispose(): void {
    // The heads share the model's layers; disposing the model frees their weights.
    this.model.dispose();
  }
}

/** A graph model: `output` and `logits` name graph nodes (the model's outputs come first). */
class GraphTeacherRuntime implements TeacherRuntime {
  readonly format = 'tfjs-graph' as const;
  readonly inputShape: Shape | undefined;
  readonly outputNames: readonly string[];

  constructor(private readonly model: tf.GraphModel, json: ModelJson) {
    if (model.inputs.length !== 1) throw new ImportedTeacherError('import.path', `the model takes ${model.inputs.length} inputs; an imported teacher takes one image batch`);
    this.inputShape = toShape(model.inputs[0]!.shape);
    const own = model.outputs.map((output) => output.name.replace(/:0$/, ''));
    const nodes = (json.modelTopology.node ?? []).map((node) => node.name);
    this.outputNames = [...own, ...nodes.filter((name) => !own.includes(name))];
  }

  outputShape(name: string): Shape | undefined {
    return toShape(this.model.outputs.find((output) => output.name.replace(/:0$/, '') === name)?.shape);
  }

  async run(batch: PixelBatch, outputs: readonly string[]): Promise<RawOutput[]> {
    const results = tf.tidy(() => {
      const out = this.model.execute(tf.tensor4d(batch.data, batch.shape), [...outputs]);
      return Array.isArray(out) ? out : [out];
    });
    return readAndDispose(results);
  }

  dispose(): void {
    this.model.dispose();
  }
}

async function readAndDispose(tensors: tf.Tensor[]): Promise<RawOutput[]> {
  try {
    return await Promise.all(tensors.map(async (t) => ({ data: (await t.data()) as Float32Array, dims: t.shape })));
  } finally {
    tensors.forEach((t) => t.dispose());
  }
}

export async function loadTfjsTeacherRuntime(files: TfjsModelFiles): Promise<TeacherRuntime> {
  const { json, artifacts } = artifactsOf(files);
  const isGraph = json.format === 'graph-model' || Array.isArray(json.modelTopology.node);
  const handler = tf.io.fromMemory(artifacts);
  if (isGraph) return new GraphTeacherRuntime(await loadOrExplain(() => tf.loadGraphModel(handler)), json);
  return new LayersTeacherRuntime(await loadOrExplain(() => tf.loadLayersModel(handler)));
}
