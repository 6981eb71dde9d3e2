import * as tf from '@tensorflow/tfjs';
import { load as loadNsfwjs } from 'nsfwjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initDefaultBackend, seededValues } from '../../test/helpers.js';
import { nsfwjsMobileNetFiles } from '../../test/nsfwjs-model.js';
import { maxAbsDiff } from '../../test/teacher-fixture.js';
import { ImportedTeacherError, loadImportedTeacher, type PixelBatch, type TeacherInput } from '../index.js';

// nsfwjs feeds its network raw / 255 in NHWC at 224 px.
const NSFWJS_INPUT: TeacherInput = { size: [224, 224], channels: 3, layout: 'nhwc', scale: 255, mean: [0], std: [1] };
const COUNT = 2;

/** Two 224 x 224 RGB images with integer pixels, and the same as [-1, 1] views (a plan's default normalisation). */
function images(): { raw: Float32Array; views: PixelBatch } {
  const raw = Float32Array.from(seededValues(COUNT * 224 * 224 * 3, 5), (v) => Math.round((v + 1) * 127.5));
  return { raw, views: { data: raw.map((p) => (p / 255 - 0.5) / 0.5), shape: [COUNT, 224, 224, 3] } };
}

describe('a tfjs layers teacher: nsfwjs MobileNetV2 from its npm package', () => {
  beforeAll(async () => {
    await initDefaultBackend();
  });

  it("gives the penultimate features and the outputs nsfwjs's own loader computes, and pools a feature map as the model does", async () => {
    const { raw, views } = images();
    const nsfwjs = await loadNsfwjs('MobileNetV2');
    const reference = (endpoint: string | undefined) => Array.from({ length: COUNT }, (_, i) => {
      const image = tf.tensor3d(raw.subarray(i * 224 * 224 * 3, (i + 1) * 224 * 224 * 3), [224, 224, 3], 'int32');
      const out = nsfwjs.infer(image, endpoint);
      const values = out.dataSync();
      tf.dispose([image, out]);
      return [...values];
    }).flat();
    const penultimate = reference('dense_2');
    const probabilities = reference(undefined);
    const pooledByModel = reference('flatten_1');
    // Its own dispose() frees the layers its intermediate models share twice and throws.
    nsfwjs.model.dispose();

    const before = tf.memory().numTensors;
    const teacher = await loadImportedTeacher({ kind: 'tfjs', ...nsfwjsMobileNetFiles() }, { input: NSFWJS_INPUT, output: 'dense_2', logits: 'dense_3' });
    const featureMap = await loadImportedTeacher({ kind: 'tfjs', ...nsfwjsMobileNetFiles() }, { input: NSFWJS_INPUT, output: 'out_relu' });
    try {
      expect(teacher.format).toBe('tfjs-layers');
      expect(teacher.outputNames[0]).toBe('dense_3');
      const features = await teacher.embed(views, { mean: [0.5], std: [0.5] });
      expect(features.embeddingDim).toBe(128);
      expect(features.logitsDim).toBe(5);
      expect(maxAbsDiff(features.embeddings, penultimate)).toBeLessThanOrEqual(1e-4);
      expect(maxAbsDiff(features.logits!, probabilities)).toBeLessThanOrEqual(1e-5);
      // out_relu is [N, 7, 7, 1280]: pooled here, it is what the model's own average pool + flatten give.
      expect(featureMap.outputShape).toEqual([null, 7, 7, 1280]);
      const pooled = await featureMap.embed(views, { mean: [0.5], std: [0.5] });
      expect(pooled.embeddingDim).toBe(1280);
      expect(maxAbsDiff(pooled.embeddings, pooledByModel)).toBeLessThanOrEqual(1e-4);
    } finally {
      teacher.dispose();
      featureMap.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a weight file cut short or missing is an error about import.path', async () => {
    const files = nsfwjsMobileNetFiles();
    const [path, bytes] = [...files.weights][0]!;
    const truncated = loadImportedTeacher({ kind: 'tfjs', modelJson: files.modelJson, weights: new Map([[path, bytes.subarray(0, 1000)]]) }, { input: NSFWJS_INPUT });
    await expect(truncated).rejects.toThrow(ImportedTeacherError);
    await expect(truncated).rejects.toThrow(/^import.path: tfjs cannot load the model/);
    await expect(loadImportedTeacher({ kind: 'tfjs', modelJson: files.modelJson, weights: new Map() }, { input: NSFWJS_INPUT })).rejects.toThrow(`import.path: weight file '${path}' named by model.json is missing`);
    await expect(loadImportedTeacher({ kind: 'tfjs', modelJson: new TextEncoder().encode('{"hello": 1}'), weights: new Map() }, { input: NSFWJS_INPUT })).rejects.toThrow(/not a tfjs model.json/);
  });
});
