// `distill export --check`: the exported ONNX model, run by onnxruntime, against the tfjs model it
// came from on the run's own train and test images: largest embedding difference and k-NN accuracy.
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { nhwcToNchw, type OnnxCheck } from '@ssl-distill/export';
import { knnProbe, type FeatureSet } from '@ssl-distill/probes';
import type { ObjectStore } from '@ssl-distill/store';
import { datasetReader, LocalViewSource } from '@ssl-distill/data-access';

/** The acceptance bounds: embeddings within 1e-4, k-NN top-1 within 0.1 point. */
export const CHECK_TOLERANCE = { maxAbsDiff: 1e-4, knnTop1: 0.001 } as const;


interface Embedded {
  tfjs: FeatureSet;
  onnx: FeatureSet;
  maxAbsDiff: number;
}

async function embedBoth(session: ort.InferenceSession, models: readonly tf.LayersModel[], store: ObjectStore, datasetId: string, batchSize: number): Promise<Embedded> {
  const dataset = await datasetReader(store, datasetId);
  const views = new LocalViewSource(store);
  const tfjsParts: Float32Array[] = [];
  const onnxParts: Float32Array[] = [];
  let maxAbsDiff = 0;
  let dim = 0;
  for (let start = 0; start < dataset.count; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, dataset.count - start) }, (_, i) => start + i);
    // The un-augmented, normalised views the k-NN probe embeds.
    const batch = await views.render(datasetId, { kind: 'fixed' }, indices, 0, 0);
    const reference = tf.tidy(() => models.reduce<tf.Tensor>((x, model) => model.apply(x, { training: false }) as tf.Tensor, tf.tensor4d(batch.data, batch.shape)));
    const expected = (await reference.data()) as Float32Array;
    dim = reference.shape[1]!;
    reference.dispose();
    const [n, h, w, c] = batch.shape;
    const result = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', nhwcToNchw(batch.data, batch.shape), [n, c, h, w]) });
    const actual = result[session.outputNames[0]!]!.data as Float32Array;
    for (let i = 0; i < expected.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(actual[i]! - expected[i]!));
    tfjsParts.push(expected);
    onnxParts.push(Float32Array.from(actual));
  }
  const labels = await dataset.labels();
  const join = (parts: Float32Array[]) => {
    const all = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
    parts.reduce((offset, part) => (all.set(part, offset), offset + part.length), 0);
    return { features: all, labels, dim };
  };
  return { tfjs: join(tfjsParts), onnx: join(onnxParts), maxAbsDiff };
}

/** Embeds the train and test sets with both models and compares; `models` are applied in order (backbone[, head]). */
export async function checkOnnxExport(
  onnxModel: Uint8Array,
  models: readonly tf.LayersModel[],
  store: ObjectStore,
  datasets: { train: string; test: string; numClasses: number },
  knn: { k: number; temperature: number },
  batchSize = 512,
): Promise<OnnxCheck> {
  const session = await ort.InferenceSession.create(onnxModel);
  try {
    const train = await embedBoth(session, models, store, datasets.train, batchSize);
    const test = await embedBoth(session, models, store, datasets.test, batchSize);
    const top1 = (trainSet: FeatureSet, testSet: FeatureSet) => knnProbe(trainSet, testSet, { ...knn, numClasses: datasets.numClasses }).top1;
    const knnTop1 = { tfjs: top1(train.tfjs, test.tfjs), onnx: top1(train.onnx, test.onnx) };
    const maxAbsDiff = Math.max(train.maxAbsDiff, test.maxAbsDiff);
    return {
      trainImages: train.tfjs.labels.length, testImages: test.tfjs.labels.length, maxAbsDiff, knnTop1, knn,
      passed: maxAbsDiff <= CHECK_TOLERANCE.maxAbsDiff && Math.abs(knnTop1.tfjs - knnTop1.onnx) <= CHECK_TOLERANCE.knnTop1,
    };
  } finally {
    await session.release();
  }
}
