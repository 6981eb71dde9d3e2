// `distill export`: a trained student out of the store as ONNX or a tfjs model, with a model card
// and, for the demo page, a k-NN index of training images. The conversion itself is @ssl-distill/export's.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { DEFAULT_NORMALIZATION } from '@ssl-distill/augment';
import {
  buildKnnIndex, KNN_INDEX_FILE, modelCardMarkdown, tfjsToOnnx, type KnnIndexFiles, type ModelCard, type OnnxCheck, type Preprocessing,
} from '@ssl-distill/export';
import { countParams, describeBackbone, saveModelToDir } from '@ssl-distill/models';
import { initBackend, type BackendName } from '@ssl-distill/runtime';
import { parseRunReport, type RunReport } from '@ssl-distill/report';
import type { ObjectStore } from '@ssl-distill/store';
import { datasetReader, type DatasetReader, disposeNetwork, loadNetwork, LocalViewSource } from '@ssl-distill/data-access';
import { embedDataset } from './evaluation.js';
import { CHECK_TOLERANCE, checkOnnxExport } from './export-check.js';
import { type PipelineSpec, ConfigError } from '@ssl-distill/spec';

export const EXPORT_FORMATS = ['onnx', 'tfjs'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const ONNX_FILE = 'model.onnx';
export const MODEL_CARD_JSON = 'model-card.json';
export const MODEL_CARD_MARKDOWN = 'model-card.md';
/** Where a tfjs export puts the projection head (--with-head): its own layers model. */
export const TFJS_HEAD_DIR = 'projector';

export interface ExportRequest {
  /** A run id, or the name of a student (or teacher) whose run is in the store. */
  target: string;
  format: ExportFormat;
  outDir: string;
  /** Include the projection head (the run must have one). */
  withHead?: boolean;
  /** Also write a k-NN index of the first this-many training images. */
  knnIndex?: number;
  /** The pipeline file the run came from: names the run's teacher in the card, checks the target. */
  pipeline?: { file: string; spec: PipelineSpec };
  /** k-NN vote of the index (default: the pipeline's evaluate.knn, else k 20, temperature 0.07). */
  knn?: { k: number; temperature: number };
  /** ONNX only: compare onnxruntime with tfjs on the run's train and test images; fails beyond CHECK_TOLERANCE. */
  check?: boolean;
  /** tfjs backend (default: env SSL_DISTILL_BACKEND, else the best that loads). */
  backend?: string;
  log?: (message: string) => void;
}

export interface ExportResult {
  runId: string;
  files: string[];
  card: ModelCard;
}

const decodeJson = <T>(bytes: Uint8Array): T => JSON.parse(new TextDecoder().decode(bytes)) as T;

/** The run id `target` names: itself when runs/{target}/model/ exists, else the one run whose report has that name. */
export async function resolveExportRun(store: ObjectStore, target: string, pipeline?: ExportRequest['pipeline']): Promise<string> {
  if (/^[\w.-]+$/.test(target) && (await store.exists(`runs/${target}/model/model.json`))) return target;
  if (pipeline && !(target in pipeline.spec.students) && !(target in pipeline.spec.teachers)) {
    throw new ConfigError('(export)', `no run id '${target}' in the store and no student or teacher '${target}' in ${pipeline.spec.name} (have: ${Object.keys(pipeline.spec.students).join(', ')})`, pipeline.file);
  }
  const reports = (await store.list('runs/')).filter((key) => /^runs\/[^/]+\/report\.json$/.test(key));
  const matches: string[] = [];
  const names = new Set<string>();
  for (const key of reports) {
    const report = decodeJson<{ name: string; runId: string }>(await store.getVerified(key));
    names.add(report.name);
    if (report.name === target) matches.push(report.runId);
  }
  if (matches.length === 0) {
    throw new ConfigError('(export)', `neither a run id nor the name of an evaluated run in ${store.describe()} (runs: ${[...names].sort().join(', ') || 'none'})`, target);
  }
  if (matches.length > 1) throw new ConfigError('(export)', `${matches.length} runs are named '${target}' (${matches.sort().join(', ')}): pass a run id`, target);
  return matches[0]!;
}

interface TrainingRecord {
  method: string;
  teacherId?: string;
}

export async function exportRun(store: ObjectStore, request: ExportRequest): Promise<ExportResult> {
  await initBackend({ backend: request.backend as BackendName | undefined, log: request.log });
  const runId = await resolveExportRun(store, request.target, request.pipeline);
  const prefix = `runs/${runId}/`;
  const network = await loadNetwork(store, `${prefix}model/`);
  try {
    const report = (await store.exists(`${prefix}report.json`))
      ? parseRunReport(new TextDecoder().decode(await store.getVerified(`${prefix}report.json`)), `${prefix}report.json`)
      : undefined;
    const training = decodeJson<TrainingRecord>(await store.getVerified(`${prefix}training.json`));
    const head = request.withHead ? network.projector : undefined;
    if (request.check && request.format !== 'onnx') throw new ConfigError('--check', 'compares the ONNX model with tfjs: use it with --format onnx');
    if (request.check && !report) throw new ConfigError('--check', `run ${runId} has no report.json: its datasets are unknown (evaluate the run first)`);
    if (request.withHead && !head) throw new ConfigError('--with-head', `run ${runId} (${training.method}) has no projection head`);
    const info = describeBackbone(network.backbone);
    const imageShape = network.backbone.inputs[0]!.shape.slice(1) as number[];
    const preprocessing: Preprocessing = {
      size: [imageShape[0]!, imageShape[1]!], channels: imageShape[2] ?? 1,
      mean: DEFAULT_NORMALIZATION.mean, std: DEFAULT_NORMALIZATION.std,
    };
    await mkdir(request.outDir, { recursive: true });
    const files: string[] = [];
    let check: OnnxCheck | undefined;
    if (request.format === 'onnx') {
      const bytes = tfjsToOnnx(head ? [network.backbone, head] : [network.backbone], {
        metadata: { preprocessing: JSON.stringify(preprocessing), run_id: runId, method: training.method },
        docString: `ssl-distill student ${report?.name ?? runId} (${training.method})`,
      });
      await writeFile(join(request.outDir, ONNX_FILE), bytes);
      files.push(ONNX_FILE);
      if (request.check) {
        const knn = report!.probes.knn ? { k: report!.probes.knn.k, temperature: report!.probes.knn.temperature } : { k: 200, temperature: 0.07 };
        const models = head ? [network.backbone, head] : [network.backbone];
        check = await checkOnnxExport(bytes, models, store, { train: report!.dataset.trainId ?? report!.dataset.train, test: report!.dataset.testId ?? report!.dataset.test, numClasses: report!.classNames.length }, knn);
      }
    } else {
      await saveModelToDir(network.backbone, request.outDir);
      files.push('model.json', 'weights.bin');
      if (head) {
        await saveModelToDir(head, join(request.outDir, TFJS_HEAD_DIR));
        files.push(`${TFJS_HEAD_DIR}/model.json`, `${TFJS_HEAD_DIR}/weights.bin`);
      }
    }
    const knnVote = request.knn ?? (request.pipeline?.spec.evaluate ? { k: Math.min(20, request.pipeline.spec.evaluate.knn.k), temperature: request.pipeline.spec.evaluate.knn.temperature } : { k: 20, temperature: 0.07 });
    let knnIndex: ModelCard['knnIndex'];
    if (request.knnIndex !== undefined) {
      if (!report) throw new ConfigError('--knn-index', `run ${runId} has no report.json: its training dataset is unknown (evaluate the run first)`);
      const index = await buildIndex(store, network.backbone, report, request.knnIndex, knnVote);
      files.push(...(await writeKnnIndex(request.outDir, index)));
      knnIndex = { count: index.header.count, k: index.header.k, temperature: index.header.temperature };
    }
    const teacherName = report && request.pipeline?.spec.students[report.name]?.teacher;
    const backboneParams = countParams(network.backbone);
    const headParams = head ? countParams(head) : 0;
    const card: ModelCard = {
      name: report?.name ?? runId,
      runId,
      format: request.format,
      files: [...files, MODEL_CARD_JSON, MODEL_CARD_MARKDOWN],
      architecture: {
        spec: info.spec as unknown as Record<string, unknown>,
        embedDim: info.embedDim,
        outputDim: head ? (head.outputs[0]!.shape.at(-1) as number) : info.embedDim,
        withHead: head !== undefined,
      },
      parameters: { backbone: backboneParams, head: headParams, total: backboneParams + headParams },
      input: { layout: request.format === 'onnx' ? 'NCHW' : 'NHWC', shape: request.format === 'onnx' ? [preprocessing.channels, ...preprocessing.size] : imageShape, preprocessing },
      method: training.method,
      ...((training.teacherId || teacherName) && {
        teacher: {
          ...(training.teacherId && { id: training.teacherId }),
          ...(teacherName && { name: teacherName, model: request.pipeline!.spec.teachers[teacherName]?.model }),
        },
      }),
      probes: report ? probeAccuracies(report) : {},
      ...(report && { dataset: {
        train: report.dataset.train, test: report.dataset.test,
        trainId: report.dataset.trainId ?? report.dataset.train, testId: report.dataset.testId ?? report.dataset.test,
        classNames: report.classNames ?? [],
      } }),
      ...(request.pipeline && { pipeline: { file: request.pipeline.file, name: request.pipeline.spec.name } }),
      ...(knnIndex && { knnIndex }),
      ...(check && { check }),
    };
    await writeFile(join(request.outDir, MODEL_CARD_JSON), `${JSON.stringify(card, null, 2)}\n`);
    await writeFile(join(request.outDir, MODEL_CARD_MARKDOWN), modelCardMarkdown(card));
    if (check && !check.passed) {
      throw new Error(`ONNX check failed for run ${runId}: max |onnx - tfjs| ${check.maxAbsDiff} (bound ${CHECK_TOLERANCE.maxAbsDiff}), k-NN top-1 tfjs ${check.knnTop1.tfjs} vs onnx ${check.knnTop1.onnx} (bound ${CHECK_TOLERANCE.knnTop1})`);
    }
    return { runId, files: card.files, card };
  } finally {
    disposeNetwork(network);
  }
}

function probeAccuracies(report: RunReport): Record<string, number> {
  const probes = report.probes as RunReport['probes'] & { classifier?: { top1: number } };
  return {
    ...(probes.knn && { knnTop1: probes.knn.top1, knnTop5: probes.knn.top5 }),
    ...(probes.linear && { linearTop1: probes.linear.top1 }),
    ...(probes.classifier && { classifierTop1: probes.classifier.top1 }),
  };
}

/** The first `count` images' pixels, read shard by shard (the index shows them beside each neighbour). */
async function firstImages(dataset: DatasetReader, count: number, imageBytes: number): Promise<Uint8Array> {
  const images = new Uint8Array(count * imageBytes);
  for (let sample = 0; sample < count; sample++) images.set(await dataset.pixels(sample), sample * imageBytes);
  return images;
}

async function buildIndex(store: ObjectStore, backbone: tf.LayersModel, report: RunReport, limit: number, vote: { k: number; temperature: number }): Promise<KnnIndexFiles> {
  const trainId = report.dataset.trainId ?? report.dataset.train; // older reports name datasets by id
  const dataset = await datasetReader(store, trainId);
  const count = Math.min(limit, dataset.count);
  // The same un-augmented, normalised views the k-NN probe embeds.
  const features = await embedDataset(backbone, trainId, dataset, new LocalViewSource(store), { limit: count });
  const imageBytes = dataset.height * dataset.width * dataset.channels;
  return buildKnnIndex({
    embeddings: features.features, dim: features.dim, labels: features.labels, classNames: dataset.classNames,
    images: await firstImages(dataset, count, imageBytes), image: { height: dataset.height, width: dataset.width, channels: dataset.channels },
    ...vote,
  });
}

async function writeKnnIndex(dir: string, index: KnnIndexFiles): Promise<string[]> {
  const { header } = index;
  await writeFile(join(dir, header.embeddingsFile), new Uint8Array(index.embeddings.buffer, index.embeddings.byteOffset, index.embeddings.byteLength));
  await writeFile(join(dir, header.imagesFile), index.images);
  await writeFile(join(dir, KNN_INDEX_FILE), JSON.stringify(header));
  return [KNN_INDEX_FILE, header.embeddingsFile, header.imagesFile];
}
