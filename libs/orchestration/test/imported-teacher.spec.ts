// A teacher this project did not train (the PyTorch-exported ResNet fixture of libs/models), imported
// from its ONNX file: every student method that reads teacher embeddings or logits distills from it,
// features are extracted once and reused, and a bad model is refused before anything is stored.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, describe, expect, it } from 'vitest';
import { featureCacheId, FeatureReader, LocalViewSource } from '@ssl-distill/data-access';
import { parsePipeline, type PipelineSpec, ConfigError } from '@ssl-distill/spec';
import { viewPlanOf, loadStoredImportedTeacher } from '@ssl-distill/stages';
import { formatResult } from '../src/summary.js';
import { runPipelineHere } from '../src/workers.js';
import { nsfwjsMobileNetFiles } from '../../models/test/nsfwjs-model.js';
import { APPS, spawnApp } from './helpers.js';
import { importedYaml, student, TEACHER_FIXTURE } from './imported-teacher-helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'imported-teacher-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const STUDENTS = {
  seed: student('seed', ', methodConfig: { queueSize: 64 }'),
  'seed-again': student('seed', ', seed: 9, methodConfig: { queueSize: 64 }'),
  kassl: student('kassl'),
  'kassl-one-view': student('kassl', ', methodConfig: { noAugmentation: true }'),
  'kassl-reduced': student('kassl', ', methodConfig: { teacherReduction: { dim: 16 } }'),
  l2: student('l2-regression'),
  'seed-mocov2': student('seed-mocov2', ', methodConfig: { queueSize: 64 }'),
  hkd: student('hkd'),
  rkd: student('rkd'),
  triplet: student('triplet-kd'),
};

async function run(spec: PipelineSpec, store: FileSystemStore) {
  const logs: string[] = [];
  const result = await runPipelineHere(spec, { store, progress: () => {}, log: (m) => logs.push(m), teacherRuntime: { threads: 1 } });
  return { result, logs };
}

describe('an imported ONNX teacher in a pipeline', () => {
  it('distills every embedding and logit student from it, extracting its features once', async () => {
    const store = new FileSystemStore(join(tmp, 'store'));
    const spec = parsePipeline(importedYaml(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'), STUDENTS), 'imported.yaml');
    const { result } = await run(spec, store);
    const text = formatResult(result);
    console.log(text);
    expect(result.rows.map((r) => r.name)).toEqual(Object.keys(STUDENTS));
    // One teacher forward pass per cached view: 96 samples x 2 views, then every other student reads the cache.
    expect(result.extracts[0]).toMatchObject({ student: 'seed', cached: false, teacherImages: 192 });
    for (const extract of result.extracts.slice(1)) expect(extract).toMatchObject({ cached: true, teacherImages: 0 });
    const [imported] = result.importedTeachers;
    expect(imported).toMatchObject({ teacher: 'resnet', format: 'onnx', output: 'embedding', outputShape: '[N, 64]', pooled: false, logits: 'logits' });
    // The model's bytes are in the store under the teacher's id, with its fields.
    const keys = await store.list(`teachers/${imported!.teacherId}/`);
    expect(keys).toEqual([`teachers/${imported!.teacherId}/imported.json`, `teachers/${imported!.teacherId}/model.onnx`]);
    // The cache holds the imported model's outputs on the plan's augmented views (view 1 of epoch 0 here).
    const [datasetId] = (await store.list('datasets/')).map((key) => key.split('/')[1]!);
    const plan = viewPlanOf(spec.plans['aug']!);
    const table = await FeatureReader.open(store, featureCacheId(imported!.teacherId, datasetId!, plan));
    const views = await new LocalViewSource(store).render(datasetId!, plan, [0, 1, 2, 3], 0, 1);
    const teacher = (await loadStoredImportedTeacher(store, imported!.teacherId))!;
    const direct = await teacher.embed(views, plan.normalize ?? { mean: [0.5], std: [0.5] });
    teacher.dispose();
    expect([table.embeddingDim, table.logitsDim]).toEqual([64, 10]);
    expect(Array.from(await table.rows('embeddings', 0, 1, [0, 1, 2, 3]))).toEqual(Array.from(direct.embeddings));
    expect(Array.from(await table.rows('logits', 0, 1, [0, 1, 2, 3]))).toEqual(Array.from(direct.logits!));
    // Every student trained on it: a finite loss at every step.
    for (const row of result.rows) {
      const training = JSON.parse(new TextDecoder().decode(await store.getVerified(`runs/${row.runId}/training.json`))) as { history: { loss: number }[]; teacherId: string };
      expect(training.teacherId, row.name).toBe(imported!.teacherId);
      expect(training.history.length, row.name).toBeGreaterThan(0);
      for (const step of training.history) expect(Number.isFinite(step.loss), `${row.name} loss ${step.loss}`).toBe(true);
    }

    // A second pipeline run with a new student: the same bytes and fields give the same id, so
    // the features are reused (0 teacher forward passes).
    const again = parsePipeline(importedYaml(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'), { later: student('seed', ', seed: 11, methodConfig: { queueSize: 64 }') }), 'again.yaml');
    const second = await run(again, store);
    expect(second.result.importedTeachers[0]!.teacherId).toBe(imported!.teacherId);
    expect(second.result.extracts).toEqual([expect.objectContaining({ student: 'later', cached: true, teacherImages: 0 })]);
  });

  it('says when it average-pools a rank-4 output, and a changed output is another teacher', async () => {
    const store = new FileSystemStore(join(tmp, 'pooled'));
    const yaml = importedYaml(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'), { l2: student('l2-regression') }).replace('output: embedding', 'output: feature_map');
    const { result, logs } = await run(parsePipeline(yaml, 'pooled.yaml'), store);
    expect(result.importedTeachers[0]).toMatchObject({ output: 'feature_map', outputShape: '[N, 64, 8, 8]', pooled: true });
    expect(logs.join('\n')).toMatch(/students learn from output 'feature_map' \[N, 64, 8, 8\], a rank-4 feature map average-pooled to \[N, C\]/);
    expect(formatResult(result)).toMatch(/average-pooled/);
    const plain = parsePipeline(importedYaml(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'), { l2: student('l2-regression') }), 'plain.yaml');
    const other = await run(plain, store);
    expect(other.result.importedTeachers[0]!.teacherId).not.toBe(result.importedTeachers[0]!.teacherId);
  });
});

describe('an imported tfjs teacher in a pipeline', () => {
  it("nsfwjs's MobileNetV2 (model.json + weights beside it): 32 px views resized to 224, its feature map pooled", async () => {
    const dir = mkdtempSync(join(tmp, 'nsfwjs-'));
    const files = nsfwjsMobileNetFiles();
    writeFileSync(join(dir, 'model.json'), files.modelJson);
    for (const [path, bytes] of files.weights) writeFileSync(join(dir, path), bytes);
    const yaml = importedYaml(join(dir, 'model.json'), { l2: student('l2-regression').replace('plan: aug', 'plan: fixed') })
      .replace('count: 96', 'count: 8')
      .replace(/input: \{[^}]*\}/, 'input: { size: [224, 224], channels: 3, layout: nhwc, scale: 255, mean: [0], std: [1] }')
      .replace('output: embedding', 'output: out_relu')
      .replace('\n    logits: logits', '');
    const store = new FileSystemStore(join(tmp, 'nsfwjs-store'));
    const { result } = await run(parsePipeline(yaml, 'nsfwjs.yaml'), store);
    expect(result.importedTeachers[0]).toMatchObject({ format: 'tfjs-layers', output: 'out_relu', outputShape: '[N, 7, 7, 1280]', pooled: true });
    expect(result.extracts[0]).toMatchObject({ cached: false, teacherImages: 8 });
    const teacherId = result.importedTeachers[0]!.teacherId;
    expect(await store.list(`teachers/${teacherId}/`)).toEqual(['group1-shard1of1', 'imported.json', 'model.json'].map((f) => `teachers/${teacherId}/${f}`));
    const [datasetId] = (await store.list('datasets/')).map((key) => key.split('/')[1]!);
    const table = await FeatureReader.open(store, featureCacheId(teacherId, datasetId!, { kind: 'fixed' }));
    expect(table.embeddingDim).toBe(1280);
  });
});

describe('bad imported teachers: a ConfigError naming the file and field, nothing stored', () => {
  const l2 = { l2: student('l2-regression') };

  async function refused(yaml: string): Promise<{ error: ConfigError; stored: string[] }> {
    const dir = mkdtempSync(join(tmp, 'bad-'));
    const store = new FileSystemStore(dir);
    const error = await run(parsePipeline(yaml, 'bad.yaml'), store).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    return { error: error as ConfigError, stored: [...(await store.list('teachers/')), ...(await store.list('features/'))] };
  }

  it('a file that is not a model', async () => {
    const path = join(tmp, 'not-a-model.onnx');
    writeFileSync(path, 'this is a README, not a network\n');
    const { error, stored } = await refused(importedYaml(path, l2));
    expect(error.message).toMatch(/^bad\.yaml: teachers\.resnet\.import\.path: not a loadable ONNX model/);
    expect(stored).toEqual([]);
  });

  it('a truncated model', async () => {
    const path = join(tmp, 'truncated.onnx');
    const bytes = readFileSync(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'));
    writeFileSync(path, bytes.subarray(0, bytes.length - 5000));
    const { error, stored } = await refused(importedYaml(path, l2));
    expect(error.field).toBe('teachers.resnet.import.path');
    expect(stored).toEqual([]);
  });

  it('an output name the model lacks, listing the ones it has', async () => {
    const yaml = importedYaml(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'), l2).replace('output: embedding', 'output: pool5');
    const { error, stored } = await refused(yaml);
    expect(error.message).toBe("bad.yaml: teachers.resnet.output: the model has no output 'pool5' (it has: embedding, logits, feature_map)");
    expect(stored).toEqual([]);
  });

  it('a channel count that disagrees with the dataset, naming both', async () => {
    const yaml = importedYaml(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'), l2).replace('channels: 3, classes', 'channels: 1, classes');
    const { error, stored } = await refused(yaml);
    expect(error.message).toBe("bad.yaml: teachers.resnet.input.channels: 3 disagrees with dataset 'train', whose images have 1 channel(s)");
    expect(stored).toEqual([]);
  });

  it('an input size that disagrees with the model, naming both', async () => {
    const yaml = importedYaml(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'), l2).replace('size: [32, 32]', 'size: [28, 28]');
    const { error, stored } = await refused(yaml);
    expect(error.message).toMatch(/^bad\.yaml: teachers\.resnet\.input\.size: \[28, 28\] disagrees with the model: the model's input is \[\?, 3, 32, 32\]/);
    expect(stored).toEqual([]);
  });

  it('a model that emits NaN', async () => {
    const yaml = importedYaml(join(TEACHER_FIXTURE, 'nan.onnx'), l2).replace('\n    logits: logits', '');
    const { error, stored } = await refused(yaml);
    expect(error.message).toMatch(/^bad\.yaml: teachers\.resnet\.output: the model's output 'embedding' is NaN for sample 0/);
    expect(stored).toEqual([]);
  });

  it('`distill run` exits non-zero with the message, and stores no teacher', async () => {
    const file = join(tmp, 'bad-output.yaml');
    writeFileSync(file, importedYaml(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'), l2).replace('output: embedding', 'output: pool5'));
    const storeDir = mkdtempSync(join(tmp, 'cli-'));
    const cli = spawnApp('cli', APPS.cli, ['run', file, '--store', storeDir, '--threads', '1'], { NATS_URL: '' });
    expect(await cli.exit(60_000)).toBe(1);
    expect(cli.output()).toContain(`distill: ${file}: teachers.resnet.output: the model has no output 'pool5' (it has: embedding, logits, feature_map)`);
    expect(await new FileSystemStore(storeDir).list('teachers/')).toEqual([]);
  });

  it('--ep names a provider onnxruntime knows', async () => {
    const file = join(tmp, 'good.yaml');
    writeFileSync(file, importedYaml(join(TEACHER_FIXTURE, 'resnet-nchw.onnx'), l2));
    const cli = spawnApp('cli', APPS.cli, ['run', file, '--ep', 'tpu', '--store', mkdtempSync(join(tmp, 'cli-'))], { NATS_URL: '' });
    expect(await cli.exit(60_000)).toBe(1);
    expect(cli.output()).toContain("--ep must be one of cpu, cuda, webgpu, got 'tpu'");
  });
});
