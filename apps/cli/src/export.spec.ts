// End to end: a tiny pipeline trains a student; `distill export` writes it as ONNX and tfjs; the ONNX
// model in onnxruntime embeds the dataset's images as tfjs does and gives the same k-NN accuracy.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { nhwcToNchw, type KnnIndexHeader, type ModelCard } from '@ssl-distill/export';
import { countParams, loadModelFromDir } from '@ssl-distill/models';
import { openStore } from '@ssl-distill/service';
import { LocalViewSource, loadDataset } from '@ssl-distill/data-access';
import { TINY_YAML } from '@ssl-distill/spec/testing';
import { knnProbe } from '@ssl-distill/probes';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoAction } from './demo-command.js';
import { buildProgram } from './main.js';

let dir: string;
let storeDir: string;
let pipelineFile: string;

const distill = (...args: string[]) => buildProgram().exitOverride().parseAsync(['node', 'distill', ...args]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-export-'));
  storeDir = join(dir, 'store');
  pipelineFile = join(dir, 'tiny.yaml');
  await writeFile(pipelineFile, TINY_YAML);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.stubEnv('NATS_URL', ''); // stay in process even where CI exports a NATS server
  await distill('run', pipelineFile, '--store', storeDir, '--json');
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

async function onnxEmbed(file: string, images: { shape: [number, number, number, number]; pixels: Float32Array }): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(file);
  try {
    const [n, h, w, c] = images.shape;
    const output = await session.run({ input: new ort.Tensor('float32', nhwcToNchw(images.pixels, images.shape), [n, c, h, w]) });
    return output['embedding']!.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** The un-augmented, normalised images of a dataset (what the k-NN probe embeds), as one NHWC batch. */
async function datasetImages(datasetId: string) {
  const store = openStore({ kind: 'file', root: storeDir });
  const dataset = await loadDataset(store, datasetId);
  const batch = await new LocalViewSource(store).render(datasetId, { kind: 'fixed' }, Array.from({ length: dataset.count }, (_, i) => i), 0, 0);
  return { dataset, pixels: batch.data, shape: batch.shape };
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i]!)), 0);

describe('distill export', () => {
  it('writes ONNX whose embeddings of the dataset images match tfjs (<= 1e-4) with the same k-NN accuracy, and a model card', async () => {
    const onnxDir = join(dir, 'onnx');
    const tfjsDir = join(dir, 'tfjs');
    await distill('export', 'small', '--format', 'onnx', '--out', onnxDir, '--knn-index', '100', '--pipeline', pipelineFile, '--check', '--store', storeDir);
    await distill('export', 'small', '--format', 'tfjs', '--out', tfjsDir, '--store', storeDir);

    const card = JSON.parse(await readFile(join(onnxDir, 'model-card.json'), 'utf8')) as ModelCard;
    expect(card).toMatchObject({
      name: 'small', format: 'onnx', method: 'seed', teacher: { name: 'big' }, pipeline: { file: pipelineFile, name: 'tiny' },
      input: { layout: 'NCHW', shape: [1, 28, 28], preprocessing: { size: [28, 28], channels: 1, mean: [0.5], std: [0.5] } },
      architecture: { spec: { kind: 'resnet', widths: [4, 8] }, withHead: false },
      knnIndex: { count: 100 },
    });
    // --check ran the same comparison inside the export and recorded it.
    expect(card.check).toMatchObject({ trainImages: 128, testImages: 64, passed: true, knn: { k: 200, temperature: 0.07 } });
    expect(card.check!.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(card.check!.knnTop1.tfjs - card.probes['knnTop1']!)).toBeLessThanOrEqual(0.001);
    const markdown = await readFile(join(onnxDir, 'model-card.md'), 'utf8');
    expect(markdown).toContain('## ONNX check');
    expect(markdown).toContain('method: seed');
    expect(markdown).toContain(`${(card.probes['knnTop1']! * 100).toFixed(2)}%`);

    const backbone = await loadModelFromDir(tfjsDir);
    expect(card.parameters.backbone).toBe(countParams(backbone));
    const train = await datasetImages(card.dataset!.trainId);
    const test = await datasetImages(card.dataset!.testId);
    const embed = async (images: typeof train) => {
      const features = tf.tidy(() => (backbone.predict(tf.tensor4d(images.pixels, images.shape)) as tf.Tensor).dataSync() as Float32Array);
      return { tfjs: features, onnx: await onnxEmbed(join(onnxDir, 'model.onnx'), images) };
    };
    const trainFeatures = await embed(train);
    const testFeatures = await embed(test);
    expect(maxAbsDiff(trainFeatures.onnx, trainFeatures.tfjs)).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(testFeatures.onnx, testFeatures.tfjs)).toBeLessThanOrEqual(1e-4);

    // The evaluation's k-NN probe (k 200, temperature 0.07 in TINY_YAML's defaults) on ONNX features.
    const dim = card.architecture.embedDim;
    const probe = (features: { train: Float32Array; test: Float32Array }) => knnProbe(
      { features: features.train, labels: train.dataset.labels, dim }, { features: features.test, labels: test.dataset.labels, dim },
      { numClasses: train.dataset.classNames.length },
    ).top1;
    const onnxTop1 = probe({ train: trainFeatures.onnx, test: testFeatures.onnx });
    expect(Math.abs(onnxTop1 - probe({ train: trainFeatures.tfjs, test: testFeatures.tfjs }))).toBeLessThanOrEqual(0.001);
    expect(Math.abs(onnxTop1 - card.probes['knnTop1']!)).toBeLessThanOrEqual(0.001);

    // The k-NN index: the first 100 training images, their labels and unit-length tfjs embeddings.
    const header = JSON.parse(await readFile(join(onnxDir, 'knn-index.json'), 'utf8')) as KnnIndexHeader;
    expect(header).toMatchObject({ count: 100, dim, image: { height: 28, width: 28, channels: 1 } });
    expect(header.labels).toEqual(Array.from(train.dataset.labels.slice(0, 100)));
    const indexed = new Float32Array((await readFile(join(onnxDir, header.embeddingsFile))).buffer.slice(0));
    const first = trainFeatures.tfjs.subarray(0, dim);
    const norm = Math.hypot(...first);
    expect(maxAbsDiff(indexed.subarray(0, dim), first.map((v) => v / norm))).toBeLessThanOrEqual(1e-6);
    expect((await stat(join(onnxDir, header.imagesFile))).size).toBe(100 * 28 * 28);
    backbone.dispose();
    expect(tf.memory().numTensors).toBeLessThan(1000);
  });

  it('--with-head exports backbone + projection head: ONNX output = tfjs projector(backbone(x)) on dataset images', async () => {
    const onnxDir = join(dir, 'onnx-head');
    const tfjsDir = join(dir, 'tfjs-head');
    await distill('export', 'small', '--format', 'onnx', '--with-head', '--out', onnxDir, '--store', storeDir);
    await distill('export', 'small', '--format', 'tfjs', '--with-head', '--out', tfjsDir, '--store', storeDir);
    const card = JSON.parse(await readFile(join(onnxDir, 'model-card.json'), 'utf8')) as ModelCard;
    const [backbone, projector] = [await loadModelFromDir(tfjsDir), await loadModelFromDir(join(tfjsDir, 'projector'))];
    expect(card.architecture).toMatchObject({ withHead: true, outputDim: projector.outputs[0]!.shape[1] });
    expect(card.parameters.head).toBe(countParams(projector));
    const test = await datasetImages(card.dataset!.testId);
    const reference = tf.tidy(() => (projector.predict(backbone.predict(tf.tensor4d(test.pixels, test.shape)) as tf.Tensor) as tf.Tensor).dataSync() as Float32Array);
    expect(maxAbsDiff(await onnxEmbed(join(onnxDir, 'model.onnx'), test), reference)).toBeLessThanOrEqual(1e-4);
    backbone.dispose();
    projector.dispose();
  });

  it('names a target that is neither a run id nor an evaluated run', async () => {
    await expect(distill('export', 'nope', '--format', 'onnx', '--out', join(dir, 'x'), '--store', storeDir)).rejects.toThrow(/nope.*neither a run id nor the name of an evaluated run.*runs: big, small/);
  });

  it('refuses --check for a tfjs export', async () => {
    await expect(distill('export', 'small', '--format', 'tfjs', '--check', '--out', join(dir, 'y'), '--store', storeDir)).rejects.toThrow('--check: compares the ONNX model with tfjs: use it with --format onnx');
  });

  it('rejects an unknown format, naming the flag', async () => {
    await expect(distill('export', 'small', '--format', 'tflite', '--out', join(dir, 'x'), '--store', storeDir)).rejects.toThrow("--format: must be one of onnx, tfjs");
  });
});

describe('distill demo', () => {
  /** GET with the path sent as written (fetch would resolve '..' segments itself). */
  const get = (url: string, path: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    request({ hostname, port, path }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    }).on('error', reject).end();
  });

  it('exports the run with a k-NN index and serves the page, the model and tfjs from node_modules, nothing outside them', async () => {
    const out = join(dir, 'demo');
    const server = await demoAction('small', { port: '0', host: '127.0.0.1', knnIndex: '50', out, store: storeDir });
    try {
      expect((await get(server.url, '/')).body).toContain('<script type="module" src="demo.js">');
      expect(JSON.parse((await get(server.url, '/model/knn-index.json')).body)).toMatchObject({ count: 50 });
      expect((await get(server.url, '/model/model.json')).status).toBe(200);
      expect((await get(server.url, '/vendor/tfjs/tf.min.js')).status).toBe(200);
      expect((await get(server.url, '/vendor/tfjs-backend-wasm/tfjs-backend-wasm-simd.wasm')).status).toBe(200);
      expect((await get(server.url, '/model/..%2f..%2fstore/README')).status).toBe(403);
      expect((await get(server.url, '/no-such-file.js')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
