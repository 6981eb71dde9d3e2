// Models in the object store, in tfjs layers format: {prefix}model.json + {prefix}weights.bin,
// each written with its checksum; the model.json goes last so a reader never sees half a model.
import type * as tf from '@tensorflow/tfjs';
import { deserializeModel, serializeModel } from '@ssl-distill/models';
import type { ObjectStore } from '@ssl-distill/store';
import { bytesId } from '@ssl-distill/spec';

export async function saveModel(store: ObjectStore, prefix: string, model: tf.LayersModel): Promise<string> {
  const { modelJson, weights } = await serializeModel(model);
  await store.putVerified(`${prefix}weights.bin`, weights);
  await store.putVerified(`${prefix}model.json`, new TextEncoder().encode(modelJson));
  return bytesId(new TextEncoder().encode(modelJson), weights);
}

export async function loadModel(store: ObjectStore, prefix: string): Promise<tf.LayersModel> {
  const modelJson = new TextDecoder().decode(await store.getVerified(`${prefix}model.json`));
  const weights = await store.getVerified(`${prefix}weights.bin`);
  return deserializeModel({ modelJson, weights });
}

/** Id of a model by its weights and topology (a teacher's id is the hash of what it is). */
export async function modelId(model: tf.LayersModel): Promise<string> {
  const { modelJson, weights } = await serializeModel(model);
  return bytesId(new TextEncoder().encode(modelJson), weights);
}
