import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBackbone,
  buildHead,
  describeBackbone,
  deserializeModel,
  l2Normalize,
  loadModelFromDir,
  saveModelToDir,
  serializeModel,
  withStageOutputs,
  type BackboneSpec,
} from './index.js';
import { bitwiseEqual, initDefaultBackend, predictValues, randomizeWeights, seededTensor } from '../test/helpers.js';

let workDir: string;
beforeAll(async () => {
  await initDefaultBackend();
  workDir = await mkdtemp(join(tmpdir(), 'models-serialize-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function expectIdenticalOutputs(original: tf.LayersModel, loaded: tf.LayersModel, inputShape: number[]) {
  const input = seededTensor([3, ...inputShape], 17);
  const expected = predictValues(original, input);
  const actual = predictValues(loaded, input);
  input.dispose();
  expect(actual.length).toBe(expected.length);
  actual.forEach((values, i) => expect(bitwiseEqual(values, expected[i]!)).toBe(true));
}

const backbones: Array<[string, BackboneSpec]> = [
  ['resnet', { kind: 'resnet', inputShape: [8, 8, 2], stem: 'small', widths: [3, 5], blocksPerStage: [1, 2] }],
  ['resnet, imagenet stem', { kind: 'resnet', inputShape: [16, 16, 1], stem: 'imagenet', widths: [4], blocksPerStage: 1 }],
  [
    'mobilenet, inverted residual + SE',
    {
      kind: 'mobilenet', inputShape: [8, 8, 1], stemWidth: 4, widthMultiplier: 1.5,
      stages: [{ width: 4, blocks: 2, stride: 1 }, { width: 6, blocks: 1, stride: 2 }],
      invertedResidual: true, expansion: 3, squeezeExcite: true,
    },
  ],
  ['resnet, bottleneck blocks', { kind: 'resnet', inputShape: [8, 8, 1], stem: 'imagenet', widths: [2, 3], blocksPerStage: 1, block: 'bottleneck' }],
  // The real presets at 32 px (their 224 px default is the same graph, just slower to run here).
  ['mobilenetV3Large preset (hard-swish, hard-sigmoid SE)', { preset: 'mobilenetV3Large', inputShape: [32, 32, 3] }],
  ['efficientNetB0 preset (swish, SE)', { preset: 'efficientNetB0', inputShape: [32, 32, 3] }],
  ['mobilenet, separable + SE', { kind: 'mobilenet', inputShape: [8, 8, 3], stemWidth: 4, stages: [{ width: 6, blocks: 2, stride: 2 }], squeezeExcite: true }],
  ['mlp with BN', { kind: 'mlp', inputShape: [4, 4, 1], hidden: [7, 5], activation: 'tanh', batchNorm: true, outDim: 3 }],
  ['mlp, no outDim', { kind: 'mlp', inputShape: [6], hidden: [4], activation: 'swish' }],
];

describe('serializeModel / deserializeModel', () => {
  it.each(backbones)('%s: bitwise identical pooled and stage outputs, metadata kept', async (_, spec) => {
    const { model, spec: resolved } = buildBackbone(spec);
    randomizeWeights(model, 21);
    const loaded = await deserializeModel(await serializeModel(model));
    expect(describeBackbone(loaded)).toEqual(describeBackbone(model));
    expectIdenticalOutputs(withStageOutputs(model), withStageOutputs(loaded), resolved.inputShape);
  });

  it.each([
    ['projection head with last BN', { kind: 'projection', inDim: 6, hiddenDim: 5, outDim: 4, layers: 3, lastBatchNorm: true }],
    ['BYOL predictor', { kind: 'predictor', inDim: 6, hiddenDim: 8, outDim: 6 }],
    ['linear classifier', { kind: 'linear', inDim: 6, numClasses: 10 }],
  ])('%s: bitwise identical outputs', async (_, spec) => {
    const head = buildHead(spec);
    randomizeWeights(head, 5);
    expectIdenticalOutputs(head, await deserializeModel(await serializeModel(head)), [6]);
  });

  it('a backbone + projection head + L2Normalize (custom layer) round-trips', async () => {
    const { model: backbone } = buildBackbone({ kind: 'resnet', inputShape: [6, 6, 1], stem: 'small', widths: [4], blocksPerStage: 1 });
    const head = buildHead({ kind: 'projection', inDim: 4, hiddenDim: 8, outDim: 3 });
    const input = tf.input({ shape: [6, 6, 1] });
    const embedding = l2Normalize({ name: 'normalize' }).apply(head.apply(backbone.apply(input))) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: embedding });
    randomizeWeights(model, 8);
    const loaded = await deserializeModel(await serializeModel(model));
    expect(loaded.getLayer('normalize').getClassName()).toBe('L2Normalize');
    expect(loaded.getLayer('normalize').getConfig()).toMatchObject({ axis: -1, epsilon: 1e-12 });
    expectIdenticalOutputs(model, loaded, [6, 6, 1]);
  });

  it('the model JSON is the standard layout with weights.bin as the only weights path', async () => {
    const { modelJson, weights } = await serializeModel(buildHead({ kind: 'linear', inDim: 3, numClasses: 2 }));
    const parsed = JSON.parse(modelJson);
    expect(parsed.format).toBe('layers-model');
    expect(parsed.weightsManifest).toHaveLength(1);
    expect(parsed.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(parsed.weightsManifest[0].weights.map((w: { name: string; shape: number[] }) => [w.name, w.shape])).toEqual([
      ['linear/linear1/kernel', [3, 2]],
      ['linear/linear1/bias', [2]],
    ]);
    expect(weights.byteLength).toBe((3 * 2 + 2) * 4);
  });

  it('rejects a weights buffer of the wrong size', async () => {
    const { modelJson, weights } = await serializeModel(buildHead({ kind: 'linear', inDim: 3, numClasses: 2 }));
    await expect(deserializeModel({ modelJson, weights: weights.subarray(4) })).rejects.toThrow(
      'corrupt weights weights buffer: 28 bytes, but model JSON describes 32',
    );
  });
});

describe('saveModelToDir / loadModelFromDir', () => {
  const spec = backbones[2]![1];

  it('writes model.json + weights.bin (no temp files left) and loads bitwise-identical models, also over an older save', async () => {
    const dir = join(workDir, 'mobilenet');
    const older = buildBackbone({ ...spec, seed: 1 }).model;
    await saveModelToDir(older, dir);
    const { model } = buildBackbone(spec);
    randomizeWeights(model, 2);
    await saveModelToDir(model, dir);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await loadModelFromDir(dir);
    expectIdenticalOutputs(withStageOutputs(model), withStageOutputs(loaded), [8, 8, 1]);
  });

  describe('errors name the file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = join(workDir, 'broken');
      await saveModelToDir(buildHead({ kind: 'linear', inDim: 3, numClasses: 2 }), dir);
    });

    it('missing directory', async () => {
      const missing = join(workDir, 'nowhere');
      await expect(loadModelFromDir(missing)).rejects.toThrow(`cannot read model file ${join(missing, 'model.json')}`);
    });

    it('truncated weights.bin', async () => {
      const copy = join(workDir, 'truncated');
      await saveModelToDir(buildHead({ kind: 'linear', inDim: 3, numClasses: 2 }), copy);
      await truncate(join(copy, 'weights.bin'), 10);
      await expect(loadModelFromDir(copy)).rejects.toThrow(
        `corrupt weights ${join(copy, 'weights.bin')}: 10 bytes, but ${join(copy, 'model.json')} describes 32`,
      );
    });

    it('missing weights.bin', async () => {
      const copy = join(workDir, 'no-weights');
      await saveModelToDir(buildHead({ kind: 'linear', inDim: 3, numClasses: 2 }), copy);
      await rm(join(copy, 'weights.bin'));
      await expect(loadModelFromDir(copy)).rejects.toThrow(`cannot read weights file ${join(copy, 'weights.bin')}`);
    });

    it('model.json that is not JSON', async () => {
      const copy = join(workDir, 'bad-json');
      await saveModelToDir(buildHead({ kind: 'linear', inDim: 3, numClasses: 2 }), copy);
      const text = await readFile(join(copy, 'model.json'), 'utf8');
      await writeFile(join(copy, 'model.json'), text.slice(0, text.length / 2));
      await expect(loadModelFromDir(copy)).rejects.toThrow(`corrupt model file ${join(copy, 'model.json')}: not valid JSON`);
    });

    it('model.json with a broken topology', async () => {
      const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
      json.modelTopology.config.layers[1].class_name = 'NoSuchLayer';
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      await expect(loadModelFromDir(dir)).rejects.toThrow(`corrupt model file ${join(dir, 'model.json')}: Unknown layer: NoSuchLayer`);
    });

    it('model.json without a topology', async () => {
      await writeFile(join(dir, 'model.json'), JSON.stringify({ weightsManifest: [] }));
      await expect(loadModelFromDir(dir)).rejects.toThrow(`corrupt model file ${join(dir, 'model.json')}: no 'modelTopology' object`);
    });
  });
});
