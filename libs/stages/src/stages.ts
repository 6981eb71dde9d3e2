// What each job kind does, independent of transport: the workers (apps/*) and the one-process run
// call the same functions. Results are content-addressed, so a redelivered job rewrites the same keys.
import { planShape, type ViewPlan } from '@ssl-distill/augment';
import { createMethod, isMethodName, methodNames, methodNeeds, methodRegistry, type TrainableMethod } from '@ssl-distill/methods';
import { PermanentError } from '@ssl-distill/bus';
import { ConfigError, unknownName } from '@ssl-distill/schema';
import { countParams, ImportedTeacherError, type OnnxOptions } from '@ssl-distill/models';
import { parseRunReport, renderReportHtml, serializeRunReport, type RunReport } from '@ssl-distill/report';
import type { ObjectStore } from '@ssl-distill/store';
import { softwareVersions } from './about.js';
import { datasetReader, type DatasetReader, extractFeatures, featureCacheId, FeatureReader, importedFeatureTeacher, modelId, disposeNetwork, loadNetwork, networkOf, networkTeacher, saveNetwork, type ViewSource } from '@ssl-distill/data-access';
import { classifierAccuracy, embedDataset, loadStageHeads, quickKnn, quickKnnSizes, runProbes, saveStageHeads, stageHeadAccuracies, type PipelineProbes } from './evaluation.js';
import { contentId, type EvaluateSpec, type StudentSpec, type TeacherSpec, type TrainSpec, type ViewPlanSpec } from '@ssl-distill/spec';
import { ProgressTracker, type ProgressSink } from '@ssl-distill/service';
import { loadStoredImportedTeacher } from './teacher-import.js';
import { stepsPerEpoch, train, type StepTrace } from './training.js';

export interface StageContext {
  store: ObjectStore;
  views: ViewSource;
  progress: ProgressSink;
  backend: string;
  log: (message: string) => void;
  /** Keeps a long job's message alive on the bus (throttled by the caller). */
  heartbeat?: () => void;
  signal?: AbortSignal;
  /** How imported ONNX teachers run here: CPU threads, execution provider (--threads, --ep). */
  teacherRuntime?: OnnxOptions;
}

export function viewPlanOf(plan: ViewPlanSpec): ViewPlan {
  return plan.kind === 'fixed'
    ? { kind: 'fixed' }
    : { kind: 'replay', epochs: plan.epochs, views: plan.views, seed: plan.seed, preset: plan.preset as 'simclr' };
}

/**
 * The method's full config: the user's methodConfig (parse time rejected the fields set here), the
 * run's model, seed and optimizer, and the widths its registry entry says it takes.
 */
export function methodConfigOf(spec: TrainSpec, derived: { numClasses: number; totalSteps: number; teacherDim?: number }): Record<string, unknown> {
  const { optimizer } = spec;
  const method = spec.method;
  if (!isMethodName(method)) throw new ConfigError('method', unknownName('method', String(method), methodNames));
  return {
    ...(methodRegistry[method].classifier && { numClasses: derived.numClasses }),
    ...(methodNeeds(method, spec.methodConfig).teacherEmbeddings && derived.teacherDim && { teacherDim: derived.teacherDim }),
    ...spec.methodConfig,
    backbone: { seed: spec.seed, ...spec.model },
    seed: spec.seed,
    optimizer: optimizer.name === 'sgd'
      ? { type: 'sgd', momentum: optimizer.momentum, weightDecay: optimizer.weightDecay }
      : { type: 'adamw', weightDecay: optimizer.weightDecay },
    schedule: optimizer.schedule === 'constant'
      ? { type: 'constant', learningRate: optimizer.lr }
      : { type: 'cosine', baseLearningRate: optimizer.lr, totalSteps: derived.totalSteps, warmupSteps: Math.round((optimizer.warmupEpochs * derived.totalSteps) / Math.max(1, spec.epochs)) },
  };
}

function tracker(ctx: StageContext, jobId: string, stage: string, total: number): ProgressTracker {
  return new ProgressTracker(jobId, stage, total, ctx.progress);
}

interface Curve {
  train: { id: string; data: DatasetReader };
  test: { id: string; data: DatasetReader };
}

async function loadCurve(ctx: StageContext, evaluate: { trainId: string; testId: string } | undefined): Promise<Curve | undefined> {
  if (!evaluate) return undefined;
  return {
    train: { id: evaluate.trainId, data: await datasetReader(ctx.store, evaluate.trainId) },
    test: { id: evaluate.testId, data: await datasetReader(ctx.store, evaluate.testId) },
  };
}

/** runs/{runId}/training.json: what training did, which the evaluate stage puts in the report. */
export interface TrainingRecord {
  history: RunReport['history'];
  seconds: number;
  trace: StepTrace;
  /** When training finished (ISO 8601). */
  date: string;
  /** The run's resolved configuration: its spec, the view plan, and the method config built from them. */
  config: Record<string, unknown>;
  /** The subsets the per-epoch k-NN really used (absent without an evaluate section). */
  curveProbe?: { trainImages: number; testImages: number };
  method: string;
  teacherId?: string;
  output?: string;
}

interface TrainedRun {
  method: TrainableMethod;
  record: Omit<TrainingRecord, 'method' | 'teacherId' | 'output'>;
}

async function trainMethod(ctx: StageContext, jobId: string, stage: string, runId: string, spec: TrainSpec, plan: ViewPlan, datasetId: string, features: FeatureReader | undefined, curveIds?: { trainId: string; testId: string }): Promise<TrainedRun> {
  const dataset = await datasetReader(ctx.store, datasetId);
  const totalSteps = stepsPerEpoch(dataset.count, spec.batchSize) * spec.epochs;
  let methodConfig: Record<string, unknown>;
  let method: TrainableMethod;
  try {
    methodConfig = methodConfigOf(spec, { numClasses: dataset.classNames.length, totalSteps, teacherDim: features?.embeddingDim });
    method = createMethod(spec.method, methodConfig);
  } catch (error) {
    // A config the method rejects fails the same way on every delivery: permanent, never retried.
    throw new ConfigError(`${stage.replace(' ', 's.')}`, (error as Error).message);
  }
  try {
    const curve = await loadCurve(ctx, curveIds);
    const progress = tracker(ctx, jobId, stage, totalSteps);
    const result = await train({
      method, datasetId, dataset, plan, views: ctx.views, features,
      epochs: spec.epochs, batchSize: spec.batchSize, seed: spec.seed,
      checkpoint: { store: ctx.store, prefix: `runs/${runId}/checkpoints/`, everySteps: spec.checkpointEvery },
      resume: true,
      log: (message) => ctx.log(`${stage}: ${message}`),
      signal: ctx.signal,
      onStep: (step, _total, images, loss) => {
        progress.tick(step, { images, loss });
        ctx.heartbeat?.();
      },
      onEpoch: curve ? (_epoch, m) => quickKnn(m.encoder, ctx.views, curve.train, curve.test) : undefined,
    });
    if (result.resumedFromStep > 0) ctx.log(`${stage}: resumed from checkpoint at step ${result.resumedFromStep}`);
    progress.finish(`loss ${result.history.at(-1)?.loss.toFixed(4) ?? '-'}`);
    const config = { ...spec, viewPlan: plan, methodConfig };
    const curveProbe = curve && quickKnnSizes(curve.train.data.count, curve.test.data.count);
    return { method, record: { history: result.history, seconds: result.seconds, trace: result.trace, date: result.finishedAt, config, ...(curveProbe && { curveProbe }) } };
  } catch (error) {
    // A diverged or aborted run leaves no tensors behind.
    method.dispose();
    throw error;
  }
}

async function saveHistory(store: ObjectStore, runId: string, run: TrainedRun, extra: Pick<TrainingRecord, 'method' | 'teacherId' | 'output'>): Promise<void> {
  const record: TrainingRecord = { ...run.record, ...extra };
  await store.putVerified(`runs/${runId}/training.json`, new TextEncoder().encode(JSON.stringify(record)));
}

export async function runPretrain(ctx: StageContext, jobId: string, name: string, spec: TeacherSpec, plan: ViewPlanSpec, datasetId: string, curve?: { trainId: string; testId: string }): Promise<{ teacherId: string; runId: string }> {
  const runId = jobId;
  const run = await trainMethod(ctx, jobId, `teacher ${name}`, runId, spec, viewPlanOf(plan), datasetId, undefined, curve);
  try {
    const { projector, ...rest } = networkOf(run.method);
    // What the teacher emits is part of what it is: students of its projection and of its backbone
    // features read different caches.
    const network = spec.output === 'projection' ? { ...rest, projector } : rest;
    const teacherId = contentId(await modelId(network.backbone), spec.output);
    await saveNetwork(ctx.store, `teachers/${teacherId}/`, network);
    await saveNetwork(ctx.store, `runs/${runId}/model/`, network);
    await saveStageHeads(ctx.store, `runs/${runId}/model/`, run.method.trainableModels());
    await saveHistory(ctx.store, runId, run, { teacherId, method: spec.method, output: spec.output });
    return { teacherId, runId };
  } finally {
    run.method.dispose();
  }
}

export interface ExtractOutcome {
  teacherId: string;
  datasetId: string;
  planId: string;
  /** Teacher forward passes the complete cache takes (epochs x views x samples). */
  images: number;
  cached: boolean;
  teacherImages: number;
  seconds: number;
  /** False when this call computed a share and other workers' slots are still missing. */
  complete: boolean;
}

/**
 * What an extract job's result.json records: the cache it completed. Nothing about the call that
 * made it (time, work done), so a job run again to repair the cache records the same bytes.
 */
export type ExtractRecord = Pick<ExtractOutcome, 'teacherId' | 'datasetId' | 'planId' | 'images'>;

export function extractRecord({ teacherId, datasetId, planId, images }: ExtractOutcome): ExtractRecord {
  return { teacherId, datasetId, planId, images };
}

export async function runExtract(ctx: StageContext, jobId: string, teacherId: string, datasetId: string, viewPlan: ViewPlan, sizes: { shardSize?: number; batchSize?: number; share?: { count: number; index: number } } = {}): Promise<ExtractOutcome> {
  const started = performance.now();
  const dataset = await datasetReader(ctx.store, datasetId);
  const { epochs, views } = planShape(viewPlan);
  const cache = featureCacheId(teacherId, datasetId, viewPlan);
  const imported = await loadImportedOrExplain(ctx, teacherId);
  const teacher = imported ? importedFeatureTeacher(imported) : networkTeacher(await loadNetwork(ctx.store, `teachers/${teacherId}/`));
  const progress = tracker(ctx, jobId, 'extract features', epochs * views * dataset.count);
  try {
    const result = await extractFeatures({
      store: ctx.store, teacher, teacherId, datasetId, sampleCount: dataset.count, plan: viewPlan, views: ctx.views, signal: ctx.signal,
      shardSize: sizes.shardSize || undefined, ranges: dataset.shards, batchSize: sizes.batchSize || undefined, share: sizes.share,
      log: (message) => ctx.log(`extract features of teacher ${teacherId}: ${message}`),
      onBatch: (done, _total, images) => {
        progress.tick(done, { images });
        ctx.heartbeat?.();
      },
    });
    const complete = result.manifest !== undefined;
    const summary = result.cached ? 'cached: no teacher forward pass' : `${result.teacherImages} teacher forward passes${complete ? '' : ' (this share; other slots pending)'}`;
    progress.finish(summary);
    // The job's result records the cache, not this call: the work done is said here.
    ctx.log(`extract job ${jobId}: ${summary}`);
    return { teacherId, datasetId, planId: cache.planId, images: epochs * views * dataset.count, cached: result.cached, teacherImages: result.teacherImages, seconds: (performance.now() - started) / 1000, complete };
  } catch (error) {
    // A teacher that emits NaN on these views fails the same way on every delivery.
    if (error instanceof ImportedTeacherError) throw new PermanentError(`imported teacher ${teacherId}: ${error.message}`, { cause: error });
    throw error;
  } finally {
    teacher.dispose();
  }
}

async function loadImportedOrExplain(ctx: StageContext, teacherId: string) {
  try {
    return await loadStoredImportedTeacher(ctx.store, teacherId, ctx.teacherRuntime);
  } catch (error) {
    // The model was checked when it was imported: what fails here is this worker (e.g. --ep cuda on a machine without CUDA).
    if (error instanceof ImportedTeacherError) throw new PermanentError(`imported teacher ${teacherId} on this worker: ${error.message}`, { cause: error });
    throw error;
  }
}

export async function runStudent(ctx: StageContext, jobId: string, name: string, spec: StudentSpec, plan: ViewPlanSpec, datasetId: string, teacherId: string | undefined, curve?: { trainId: string; testId: string }): Promise<{ runId: string }> {
  const runId = jobId;
  const viewPlan = viewPlanOf(plan);
  const features = teacherId ? await FeatureReader.open(ctx.store, featureCacheId(teacherId, datasetId, viewPlan), { centred: spec.centerTeacher }) : undefined;
  const run = await trainMethod(ctx, jobId, `student ${name}`, runId, spec, viewPlan, datasetId, features, curve);
  try {
    await saveNetwork(ctx.store, `runs/${runId}/model/`, networkOf(run.method));
    await saveStageHeads(ctx.store, `runs/${runId}/model/`, run.method.trainableModels());
    await saveHistory(ctx.store, runId, run, { teacherId, method: spec.method });
    return { runId };
  } finally {
    run.method.dispose();
  }
}

export interface EvaluateRequest {
  runId: string;
  name: string;
  role: RunReport['role'];
  method: string;
  model: Record<string, unknown>;
  seed: number;
  trainId: string;
  testId: string;
  spec: EvaluateSpec;
  /** A student's teacher, whose report (evaluated first) gives the numbers shown beside the student's. */
  teacher?: { name: string; runId: string };
}

/** The teacher's test numbers from its report, when it has one. */
async function teacherSummary(store: ObjectStore, teacher: EvaluateRequest['teacher']): Promise<RunReport['teacher']> {
  if (!teacher) return undefined;
  const key = `runs/${teacher.runId}/report.json`;
  if (!(await store.exists(key))) return undefined;
  const report = parseRunReport(new TextDecoder().decode(await store.getVerified(key)), key);
  return { ...teacher, probes: report.probes };
}

export async function runEvaluate(ctx: StageContext, jobId: string, request: EvaluateRequest): Promise<RunReport> {
  const progress = tracker(ctx, jobId, `evaluate ${request.name}`, 3);
  const network = await loadNetwork(ctx.store, `runs/${request.runId}/model/`);
  try {
    const [trainData, testData] = [await datasetReader(ctx.store, request.trainId), await datasetReader(ctx.store, request.testId)];
    const train = await embedDataset(network.backbone, request.trainId, trainData, ctx.views);
    progress.tick(1);
    const test = await embedDataset(network.backbone, request.testId, testData, ctx.views);
    progress.tick(2);
    ctx.heartbeat?.();
    const outcome = await runProbes(train, test, trainData, testData, request.spec, request.seed);
    // The network's own heads on the test set: its classifier (supervised / KD runs) and
    // self-distillation's per-stage heads.
    const probes: PipelineProbes = { ...outcome.probes };
    if (network.classifier) probes.classifier = classifierAccuracy(network.classifier, test, testData.classNames.length);
    const heads = await loadStageHeads(ctx.store, `runs/${request.runId}/model/`);
    try {
      if (heads.length > 0) probes.heads = await stageHeadAccuracies(network.backbone, heads, request.testId, { count: testData.count, classNames: testData.classNames, labels: test.labels }, ctx.views);
    } finally {
      heads.forEach((head) => head.dispose());
    }
    const training = JSON.parse(new TextDecoder().decode(await ctx.store.getVerified(`runs/${request.runId}/training.json`))) as Partial<TrainingRecord> & Pick<TrainingRecord, 'history' | 'seconds'>;
    const teacher = await teacherSummary(ctx.store, request.teacher);
    const report: RunReport = {
      runId: request.runId, name: request.name, role: request.role, method: request.method,
      model: { ...request.model, params: countParams(network.backbone) },
      dataset: { train: request.spec.train, test: request.spec.test, trainCount: trainData.count, testCount: testData.count, trainId: request.trainId, testId: request.testId },
      backend: ctx.backend, wallSeconds: training.seconds, seed: request.seed, history: training.history,
      ...outcome, probes, classNames: trainData.classNames,
      versions: softwareVersions(),
      ...(training.date && { date: training.date }),
      ...(training.config && { config: training.config }),
      ...(training.trace && { steps: training.trace }),
      ...(training.curveProbe && { curveProbe: training.curveProbe }),
      ...(teacher && { teacher }),
    };
    await ctx.store.putVerified(`runs/${request.runId}/report.json`, new TextEncoder().encode(serializeRunReport(report)));
    await ctx.store.putVerified(`runs/${request.runId}/report.html`, new TextEncoder().encode(renderReportHtml(report)));
    const pct = (value: number) => `${(value * 100).toFixed(2)}%`;
    progress.finish([
      `k-NN top-1 ${pct(report.probes.knn!.top1)}`,
      ...(probes.classifier ? [`classifier top-1 ${pct(probes.classifier.top1)}`] : []),
      ...(probes.heads ? [`heads top-1 ${probes.heads.map((head) => pct(head.top1)).join(' / ')}`] : []),
    ].join('; '));
    return report;
  } finally {
    disposeNetwork(network);
  }
}
