import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
// Custom layers must be registered before a model that uses them is deserialised.
import './hard-activations.js';
import './l2-normalize.js';

/** A model in tfjs "layers-model" format: the model.json text and the weights.bin bytes. */
export interface SerializedModel {
  modelJson: string;
  weights: Uint8Array;
}

export const MODEL_JSON_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/** Serialises topology, weights and metadata; the weights manifest points at 'weights.bin'. */
export async function serializeModel(model: tf.LayersModel): Promise<SerializedModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const { modelTopology, format, generatedBy, convertedBy, weightSpecs = [], weightData, userDefinedMetadata } = artifacts!;
  const modelJson: tf.io.ModelJSON = {
    modelTopology: modelTopology as object,
    format,
    generatedBy,
    convertedBy,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs }],
    ...(userDefinedMetadata ? { userDefinedMetadata } : {}),
  };
  const weights = weightData === undefined ? new Uint8Array(0) : new Uint8Array(tf.io.CompositeArrayBuffer.join(weightData));
  return { modelJson: JSON.stringify(modelJson), weights };
}

/** Where the two parts came from, for error messages. */
interface Sources {
  modelJson: string;
  weights: string;
}

/** Rebuilds a model from serializeModel's output (weights: all manifest groups, concatenated). */
export function deserializeModel(serialized: SerializedModel): Promise<tf.LayersModel> {
  return modelFromParts(serialized, { modelJson: 'model JSON', weights: 'weights buffer' });
}

async function modelFromParts({ modelJson, weights }: SerializedModel, sources: Sources): Promise<tf.LayersModel> {
  const parsed = parseModelJson(modelJson, sources.modelJson);
  const weightSpecs = parsed.weightsManifest.flatMap((group) => group.weights);
  const expectedBytes = weightSpecs.reduce((total, spec) => total + weightByteLength(spec, sources.modelJson), 0);
  if (weights.byteLength !== expectedBytes) {
    throw new Error(`corrupt weights ${sources.weights}: ${weights.byteLength} bytes, but ${sources.modelJson} describes ${expectedBytes}`);
  }
  // Copy out exactly the view's bytes: a Node Buffer may be a window onto a larger shared pool.
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const artifacts = await tf.io.getModelArtifactsForJSON(parsed, async () => [weightSpecs, weightData]);
  try {
    return await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw new Error(`corrupt model file ${sources.modelJson}: ${(error as Error).message}`);
  }
}

function parseModelJson(text: string, source: string): tf.io.ModelJSON {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`corrupt model file ${source}: not valid JSON (${(error as Error).message})`);
  }
  const json = parsed as Partial<tf.io.ModelJSON> | null;
  if (json === null || typeof json !== 'object' || typeof json.modelTopology !== 'object' || json.modelTopology === null) {
    throw new Error(`corrupt model file ${source}: no 'modelTopology' object`);
  }
  if (!Array.isArray(json.weightsManifest) || !json.weightsManifest.every((g) => Array.isArray(g?.paths) && Array.isArray(g?.weights))) {
    throw new Error(`corrupt model file ${source}: 'weightsManifest' must be a list of { paths, weights } groups`);
  }
  return json as tf.io.ModelJSON;
}

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

function weightByteLength(spec: tf.io.WeightsManifestEntry, source: string): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const bytes = BYTES_PER_ELEMENT[dtype];
  if (bytes === undefined || !Array.isArray(spec.shape)) {
    throw new Error(`corrupt model file ${source}: weight '${spec.name}' has unsupported dtype '${dtype}' or no shape`);
  }
  return spec.shape.reduce((size, dim) => size * dim, bytes);
}

/**
 * Writes `dir`/model.json and `dir`/weights.bin (the standard tfjs layout), each atomically.
 * weights.bin goes first, so a model.json on disk always describes complete weights.
 */
export async function saveModelToDir(model: tf.LayersModel, dir: string): Promise<void> {
  const { modelJson, weights } = await serializeModel(model);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, WEIGHTS_FILE), weights);
  await writeFileAtomic(join(dir, MODEL_JSON_FILE), new TextEncoder().encode(modelJson));
}

/** Loads a model saved by saveModelToDir (or any layers-model directory with relative weight paths). */
export async function loadModelFromDir(dir: string): Promise<tf.LayersModel> {
  const modelJsonPath = join(dir, MODEL_JSON_FILE);
  const modelJson = await readFileNamed(modelJsonPath, 'model file');
  const text = new TextDecoder().decode(modelJson);
  const weightPaths = parseModelJson(text, modelJsonPath).weightsManifest.flatMap((group) => group.paths.map((path) => join(dir, path)));
  const parts = await Promise.all(weightPaths.map((path) => readFileNamed(path, 'weights file')));
  return modelFromParts({ modelJson: text, weights: Buffer.concat(parts) }, { modelJson: modelJsonPath, weights: weightPaths.join(' + ') });
}

async function readFileNamed(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new Error(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

/** Temp file in the same directory + fsync + rename: readers see the old file or the whole new one. */
async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const tempPath = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const file = await open(tempPath, 'w');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}
