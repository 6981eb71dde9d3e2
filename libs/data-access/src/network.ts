// A trained network as the pipeline stores it: the backbone (what probes evaluate) plus the heads a
// later stage needs (a teacher's projector for its embeddings, its classifier for logits).
import * as tf from '@tensorflow/tfjs';
import type { TrainableMethod } from '@ssl-distill/methods';
import type { FeatureTeacher } from './features.js';
import type { ObjectStore } from '@ssl-distill/store';
import { loadModel, saveModel } from './artifacts.js';

export interface StoredNetwork {
  backbone: tf.LayersModel;
  projector?: tf.LayersModel;
  classifier?: tf.LayersModel;
}

const HEAD_ROLES = ['projector', 'classifier'] as const;

/** The backbone and heads of a trained method, by the roles the methods library gives them. */
export function networkOf(method: TrainableMethod): StoredNetwork {
  const models = method.trainableModels();
  return { backbone: method.encoder, projector: models.projector ?? models.head, classifier: models.classifier };
}

export async function saveNetwork(store: ObjectStore, prefix: string, network: StoredNetwork): Promise<void> {
  for (const role of HEAD_ROLES) {
    const model = network[role];
    if (model) await saveModel(store, `${prefix}${role}/`, model);
  }
  // The backbone's model.json is written last: its presence means the whole network is there.
  await saveModel(store, prefix, network.backbone);
}

export async function loadNetwork(store: ObjectStore, prefix: string): Promise<StoredNetwork> {
  const network: StoredNetwork = { backbone: await loadModel(store, prefix) };
  for (const role of HEAD_ROLES) {
    if (await store.exists(`${prefix}${role}/model.json`)) network[role] = await loadModel(store, `${prefix}${role}/`);
  }
  return network;
}

export function disposeNetwork(network: StoredNetwork): void {
  network.backbone.dispose();
  network.projector?.dispose();
  network.classifier?.dispose();
}

/** Inference-mode outputs for a batch of images: the projector's embedding when the network has one, else the pooled features, and logits when it has a classifier. */
export function forwardNetwork(network: StoredNetwork, images: tf.Tensor4D): { embeddings: tf.Tensor2D; logits?: tf.Tensor2D } {
  return tf.tidy(() => {
    const pooled = network.backbone.apply(images, { training: false }) as tf.Tensor2D;
    const embeddings = network.projector ? (network.projector.apply(pooled, { training: false }) as tf.Tensor2D) : pooled;
    const logits = network.classifier ? (network.classifier.apply(pooled, { training: false }) as tf.Tensor2D) : undefined;
    return logits ? { embeddings, logits } : { embeddings };
  });
}

/** A network trained here as the extractor's teacher (inference mode); disposing it disposes the network. */
export function networkTeacher(network: StoredNetwork): FeatureTeacher {
  return {
    async embed(views) {
      const { embeddings, logits } = tf.tidy(() => forwardNetwork(network, tf.tensor4d(views.data, views.shape)));
      try {
        const [embeddingValues, logitValues] = await Promise.all([embeddings.data() as Promise<Float32Array>, logits?.data() as Promise<Float32Array> | undefined]);
        return { embeddings: embeddingValues, embeddingDim: embeddings.shape[1], ...(logitValues && { logits: logitValues }), logitsDim: logits?.shape[1] ?? 0 };
      } finally {
        embeddings.dispose();
        logits?.dispose();
      }
    },
    dispose: () => disposeNetwork(network),
  };
}
