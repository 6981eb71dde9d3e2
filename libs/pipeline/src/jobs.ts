// Jobs over the bus: the worker side (consume a job kind, run its stage, record the result) and the
// submitting side (turn a pipeline file into jobs, wait for their results). A job id is a hash of
// the job's inputs, so resubmitting a pipeline reuses every result already in the store.
import { PermanentError, type DeliveryContext, type DistillBus, type WorkConsumer } from '@ssl-distill/bus';
import { MalformedMessageError, type JobKind, type JobMessage } from '@ssl-distill/proto';
import type { ObjectStore } from '@ssl-distill/store';
import { runImportJob } from './datasets.js';
import { evalJobId, extractJobId, importJobId, pretrainJobId, trainJobId } from './job-ids.js';
import type { PipelineProbes } from './evaluation.js';
import type { ProgressSink } from './progress.js';
import type { DatasetSource, EvaluateSpec, PipelineSpec, StudentSpec, TeacherSpec, ViewPlanSpec } from './schema.js';
import { runEvaluate, runExtract, runPretrain, runStudent, viewPlanOf, type EvaluateRequest, type StageContext } from './stages.js';
import { viewPlanFromMessage, viewPlanToMessage } from './views.js';
import { ConfigError } from './validate.js';

export const resultKey = (jobId: string) => `jobs/${jobId}/result.json`;
export const errorKey = (jobId: string) => `jobs/${jobId}/error.json`;

const encodeJson = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decodeJson = <T>(bytes: Uint8Array): T => JSON.parse(new TextDecoder().decode(bytes)) as T;

interface PretrainPayload { name: string; spec: TeacherSpec; plan: ViewPlanSpec; curve?: { trainId: string; testId: string } }
interface TrainPayload { name: string; spec: StudentSpec; plan: ViewPlanSpec; curve?: { trainId: string; testId: string } }

function parsePayload<T>(job: { jobId: string; configJson: string }, kind: string): T {
  try {
    return JSON.parse(job.configJson) as T;
  } catch (error) {
    throw new PermanentError(`${kind} job ${job.jobId}: config_json is not JSON (${(error as Error).message})`);
  }
}

/** Runs the stage a job names; returns what its result.json records. */
async function runJob<K extends JobKind>(kind: K, job: JobMessage<K>, ctx: StageContext): Promise<unknown> {
  switch (kind) {
    case 'import': {
      // Each shard written is a heartbeat: a long import is not redelivered while it is still running.
      const progress: ProgressSink = (event) => {
        ctx.heartbeat?.();
        ctx.progress(event);
      };
      const { datasetId, manifest } = await runImportJob(job as JobMessage<'import'>, ctx.store, progress);
      return { datasetId, count: manifest.count };
    }
    case 'pretrain': {
      const message = job as JobMessage<'pretrain'>;
      const payload = parsePayload<PretrainPayload>(message, kind);
      return runPretrain(ctx, message.jobId, payload.name, payload.spec, payload.plan, message.datasetId, payload.curve);
    }
    case 'extract': {
      const message = job as JobMessage<'extract'>;
      if (!message.plan) throw new PermanentError(`extract job ${message.jobId}: plan is missing`);
      return runExtract(ctx, message.jobId, message.teacherId, message.datasetId, viewPlanFromMessage(message.plan, 'ExtractJob'), { shardSize: message.shardSize, batchSize: message.batchSize });
    }
    case 'train': {
      const message = job as JobMessage<'train'>;
      const payload = parsePayload<TrainPayload>(message, kind);
      return runStudent(ctx, message.jobId, payload.name, payload.spec, payload.plan, message.datasetId, message.teacherId || undefined, payload.curve);
    }
    case 'eval': {
      const message = job as JobMessage<'eval'>;
      const report = await runEvaluate(ctx, message.jobId, parsePayload<EvaluateRequest>(message, kind));
      return { runId: report.runId, probes: report.probes, wallSeconds: report.wallSeconds };
    }
    default:
      throw new PermanentError(`unknown job kind ${String(kind)}`);
  }
}

export interface WorkerOptions {
  bus: DistillBus;
  store: ObjectStore;
  /** Builds the stage context for one delivery (views, backend, logging). */
  context: (progress: ProgressSink, heartbeat: () => void, signal: AbortSignal) => StageContext;
  /** Where stages report progress (on a service: the bus). */
  progress: ProgressSink;
  ackWaitMs?: number;
  maxDeliver?: number;
  /** Jobs of a kind run at once in this process. Default 1. */
  concurrency?: number;
  log: (message: string) => void;
}

function throttled(fn: () => void, ms: number): () => void {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last >= ms) {
      last = now;
      fn();
    }
  };
}

/** Consumes jobs of `kinds`; each result is written to jobs/{jobId}/result.json before the ack. */
export async function startJobWorkers(kinds: readonly JobKind[], options: WorkerOptions): Promise<WorkConsumer[]> {
  const { bus, store } = options;
  const maxDeliver = options.maxDeliver ?? 3;
  return Promise.all(kinds.map((kind) =>
    bus.consumeJobs(kind, async (job: JobMessage<typeof kind>, delivery: DeliveryContext) => {
      const jobId = job.jobId;
      if (await store.exists(resultKey(jobId))) return; // done before (a redelivery or a resubmission)
      options.log(`${kind} job ${jobId}: started (delivery ${delivery.deliveryCount})`);
      const ctx = options.context(options.progress, throttled(() => delivery.working(), 2_000), delivery.signal);
      try {
        const result = await runJob(kind, job, ctx);
        await store.putVerified(resultKey(jobId), encodeJson(result));
        options.log(`${kind} job ${jobId}: done`);
      } catch (error) {
        const permanent = error instanceof PermanentError || error instanceof ConfigError || error instanceof MalformedMessageError;
        const message = (error as Error).message;
        options.log(`${kind} job ${jobId}: failed (${permanent ? 'permanent' : `delivery ${delivery.deliveryCount} of ${maxDeliver}`}): ${message}`);
        if (permanent || delivery.deliveryCount >= maxDeliver) {
          await store.putVerified(errorKey(jobId), encodeJson({ kind, message }));
          throw error instanceof PermanentError ? error : new PermanentError(message, { cause: error });
        }
        throw error;
      }
    }, { ackWaitMs: options.ackWaitMs ?? 60_000, maxDeliver, concurrency: options.concurrency }),
  ));
}

export class JobFailedError extends Error {
  constructor(readonly jobId: string, readonly kind: string, reason: string) {
    super(`${kind} job ${jobId} failed: ${reason}`);
    this.name = 'JobFailedError';
  }
}

/** Waits for a job's result (or error) in the store. */
export async function waitForResult<T>(store: ObjectStore, kind: string, jobId: string, options: { pollMs?: number; signal?: AbortSignal } = {}): Promise<T> {
  for (;;) {
    options.signal?.throwIfAborted();
    if (await store.exists(resultKey(jobId))) return decodeJson<T>(await store.getVerified(resultKey(jobId)));
    if (await store.exists(errorKey(jobId))) throw new JobFailedError(jobId, kind, decodeJson<{ message: string }>(await store.getVerified(errorKey(jobId))).message);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

export interface PipelineRow {
  name: string;
  role: 'teacher' | 'student';
  method: string;
  runId: string;
  knnTop1?: number;
  knnTop5?: number;
  linearTop1?: number;
  /** The run's own classifier on the test set (supervised / KD runs). */
  classifierTop1?: number;
  /** Self-distillation's per-stage heads on the test set, shallow to deep. */
  headsTop1?: number[];
  trainSeconds: number;
  /** Wall time of this student's run as seen by the submitter (extract + train + eval). */
  wallSeconds: number;
}

/** The teacher features one student read: `cached` when they were computed before it asked (0 teacher forward passes). */
export interface ExtractRow { teacher: string; plan: string; student?: string; cached: boolean; teacherImages: number; seconds: number }

export interface PipelineResult {
  rows: PipelineRow[];
  extracts: ExtractRow[];
  seconds: number;
}

/** Submits one job and waits for it; the msgId de-duplicates a job already queued. */
async function submitAndWait<T>(bus: DistillBus, store: ObjectStore, kind: JobKind, job: { jobId: string } & Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  if (!(await store.exists(resultKey(job.jobId)))) {
    if (await store.exists(errorKey(job.jobId))) await store.delete(errorKey(job.jobId)); // a new submission retries a failed job
    await bus.submitJob(kind, job as never);
  }
  return waitForResult<T>(store, kind, job.jobId, { signal });
}

function planSpecOf(spec: PipelineSpec, name: string): ViewPlanSpec {
  return spec.plans[name]!;
}

/** The last stage a run goes to: teachers pretrained and features cached, students trained, or everything evaluated. */
export type PipelineStage = 'extract' | 'train' | 'eval';
export const PIPELINE_STAGES: readonly PipelineStage[] = ['extract', 'train', 'eval'];

/** An extract job of a pipeline, for a caller that runs it instead of submitting it. */
export interface ExtractJobRequest { jobId: string; teacherId: string; datasetId: string; plan: ViewPlanSpec; shardSize: number; batchSize: number }
export type ExtractJobResult = { cached: boolean; teacherImages: number; seconds: number };

export interface PipelineRunOptions {
  signal?: AbortSignal;
  /** Default 'eval': every stage. */
  until?: PipelineStage;
  /** Runs an extract job in place of submitting it (a share of an Indexed Job); default: submit and wait. */
  runExtractJob?: (job: ExtractJobRequest) => Promise<ExtractJobResult>;
}

/** Runs every stage of a pipeline through the bus, in dependency order, independent jobs in parallel. */
export async function runPipeline(spec: PipelineSpec, bus: DistillBus, store: ObjectStore, options: PipelineRunOptions = {}): Promise<PipelineResult> {
  const started = performance.now();
  const { signal } = options;
  const until = PIPELINE_STAGES.indexOf(options.until ?? 'eval');
  // Jobs run in the background and are awaited later (or, after another failure, never): mark each
  // handled so a failure reaches whoever awaits it rather than surfacing as an unhandled rejection.
  const background = <T>(promise: Promise<T>): Promise<T> => {
    promise.catch(() => {});
    return promise;
  };
  const datasetIds = new Map<string, Promise<string>>();
  const datasetId = (name: string): Promise<string> => {
    if (!datasetIds.has(name)) {
      const source: DatasetSource = spec.datasets[name]!;
      const jobId = importJobId(source);
      const path = 'path' in source ? source.path : '';
      const { source: format, ...rest } = source;
      datasetIds.set(name, background(submitAndWait<{ datasetId: string }>(bus, store, 'import', {
        jobId, format, sourceUri: path, split: 'split' in source ? source.split : '', limit: ('limit' in source && source.limit) || 0,
        configJson: JSON.stringify(rest),
      }, signal).then((r) => r.datasetId)));
    }
    return datasetIds.get(name)!;
  };
  const evaluate: EvaluateSpec | null = spec.evaluate;
  const curve = async () => (evaluate ? { trainId: await datasetId(evaluate.train), testId: await datasetId(evaluate.test) } : undefined);

  const teachers = new Map<string, Promise<{ teacherId: string; runId: string }>>();
  const teacher = (name: string) => {
    if (!teachers.has(name)) {
      const t = spec.teachers[name]!;
      teachers.set(name, background((async () => {
        const trainId = await datasetId(t.dataset);
        const payload: PretrainPayload = { name, spec: t, plan: planSpecOf(spec, t.plan), curve: await curve() };
        const jobId = pretrainJobId(payload, trainId);
        return submitAndWait<{ teacherId: string; runId: string }>(bus, store, 'pretrain', {
          jobId, datasetId: trainId, method: t.method, epochs: t.epochs, batchSize: t.batchSize, seed: t.seed, configJson: JSON.stringify(payload),
        }, signal);
      })()));
    }
    return teachers.get(name)!;
  };

  const extracts: ExtractRow[] = [];
  const extractJobs = new Map<string, Promise<ExtractJobResult>>();
  /** One row per student: a later student (or a later pipeline) reuses the features, with 0 teacher forward passes. */
  const extract = async (student: string, teacherName: string, teacherId: string, trainId: string, planName: string) => {
    const plan = planSpecOf(spec, planName);
    const jobId = extractJobId(teacherId, trainId, plan);
    const since = performance.now();
    const reused = extractJobs.has(jobId) || (await store.exists(resultKey(jobId)));
    if (!extractJobs.has(jobId)) {
      const job: ExtractJobRequest = { jobId, teacherId, datasetId: trainId, plan, batchSize: 256, shardSize: 10_000 };
      extractJobs.set(jobId, background(options.runExtractJob && !reused
        ? options.runExtractJob(job)
        : submitAndWait<ExtractJobResult>(bus, store, 'extract', { ...job, plan: viewPlanToMessage(viewPlanOf(plan)) }, signal)));
    }
    const r = await extractJobs.get(jobId)!;
    extracts.push(reused
      ? { teacher: teacherName, plan: planName, student, cached: true, teacherImages: 0, seconds: (performance.now() - since) / 1000 }
      : { teacher: teacherName, plan: planName, student, ...r });
  };

  const evaluateRun = async (request: Omit<EvaluateRequest, 'trainId' | 'testId' | 'spec'>) => {
    if (!evaluate || until < PIPELINE_STAGES.indexOf('eval')) return undefined;
    const full: EvaluateRequest = { ...request, trainId: await datasetId(evaluate.train), testId: await datasetId(evaluate.test), spec: evaluate };
    return submitAndWait<{ probes: PipelineProbes; wallSeconds: number }>(bus, store, 'eval', {
      jobId: evalJobId(full), runId: request.runId, trainDatasetId: full.trainId, testDatasetId: full.testId, probes: ['knn', 'linear'], configJson: JSON.stringify(full),
    }, signal);
  };

  const row = (name: string, role: PipelineRow['role'], method: string, runId: string, since: number, report: Awaited<ReturnType<typeof evaluateRun>>): PipelineRow => ({
    name, role, method, runId,
    knnTop1: report?.probes.knn?.top1, knnTop5: report?.probes.knn?.top5, linearTop1: report?.probes.linear?.top1,
    classifierTop1: report?.probes.classifier?.top1, headsTop1: report?.probes.heads?.map((head) => head.top1),
    trainSeconds: report?.wallSeconds ?? 0, wallSeconds: (performance.now() - since) / 1000,
  });

  const teacherRows = Object.entries(spec.teachers).map(([name, t]) => background((async () => {
    const since = performance.now();
    const { runId } = await teacher(name);
    return row(name, 'teacher', t.method, runId, since, await evaluateRun({ runId, name, role: 'teacher', method: t.method, model: t.model, seed: t.seed }));
  })()));
  // Students run one after another so each one's wall time is its own (and the second reuses the cache).
  const studentRows: PipelineRow[] = [];
  for (const [name, s] of Object.entries(spec.students)) {
    const trainId = await datasetId(s.dataset);
    const teacherId = s.teacher ? (await teacher(s.teacher)).teacherId : undefined;
    const since = performance.now();
    if (teacherId) await extract(name, s.teacher, teacherId, trainId, s.plan);
    if (until < PIPELINE_STAGES.indexOf('train')) continue;
    const payload: TrainPayload = { name, spec: s, plan: planSpecOf(spec, s.plan), curve: await curve() };
    const jobId = trainJobId(payload, trainId, teacherId);
    const { runId } = await submitAndWait<{ runId: string }>(bus, store, 'train', {
      jobId, runId: jobId, teacherId: teacherId ?? '', datasetId: trainId, method: s.method, epochs: s.epochs, batchSize: s.batchSize, seed: s.seed, configJson: JSON.stringify(payload),
    }, signal);
    studentRows.push(row(name, 'student', s.method, runId, since, await evaluateRun({ runId, name, role: 'student', method: s.method, model: s.model, seed: s.seed })));
  }
  return { rows: [...(await Promise.all(teacherRows)), ...studentRows], extracts, seconds: (performance.now() - started) / 1000 };
}
