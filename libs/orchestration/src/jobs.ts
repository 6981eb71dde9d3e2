// Jobs over the bus: the worker side (consume a job kind, run its stage, record the result and send
// it back) and the submitting side (turn a pipeline file into a graph of jobs, submit each one as
// soon as its inputs are ready). A job id is a hash of the job's inputs, so resubmitting a pipeline
// reuses every result already in the store.
import { PermanentError, type DeliveryContext, type DistillBus, type WorkConsumer } from '@ssl-distill/bus';
import { distill, MalformedMessageError, type JobKind, type JobMessage } from '@ssl-distill/proto';
import type { ObjectStore } from '@ssl-distill/store';
import { readManifest, runImportJob, LocalViewSource, viewPlanFromMessage, viewPlanToMessage } from '@ssl-distill/data-access';
import { failureLine, type PipelineProbes, extractRecord, runEvaluate, runExtract, runPretrain, runStudent, viewPlanOf, type EvaluateRequest, type ExtractRecord, type StageContext, describeImportedTeacher, importTeacher, type ImportedTeacherRow } from '@ssl-distill/stages';
import { evalJobId, extractJobId, importJobId, pretrainJobId, trainJobId, type DatasetSource, type EvaluateSpec, type PipelineSpec, type StudentSpec, type TeacherSpec, type ViewPlanSpec, ConfigError } from '@ssl-distill/spec';
import type { ProgressSink } from '@ssl-distill/service';
import { verifiedResult, type JobInputs } from './outputs.js';
import { errorKey, JobTracker, resultKey, type JobOutcome, type JobWatchOptions } from './job-tracker.js';
import { WorkerPresence, workerName } from './worker-presence.js';

export { errorKey, JobFailedError, NoWorkerError, resultKey, waitForResult, type JobWatchOptions } from './job-tracker.js';

const encodeJson = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

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
      const { datasetId, manifest, skipped } = await runImportJob(job as JobMessage<'import'>, ctx.store, progress, (message) => ctx.log(`import job ${job.jobId}: ${message}`));
      return { datasetId, count: manifest.count, skipped };
    }
    case 'pretrain': {
      const message = job as JobMessage<'pretrain'>;
      const payload = parsePayload<PretrainPayload>(message, kind);
      return runPretrain(ctx, message.jobId, payload.name, payload.spec, payload.plan, message.datasetId, payload.curve);
    }
    case 'extract': {
      const message = job as JobMessage<'extract'>;
      if (!message.plan) throw new PermanentError(`extract job ${message.jobId}: plan is missing`);
      return extractRecord(await runExtract(ctx, message.jobId, message.teacherId, message.datasetId, viewPlanFromMessage(message.plan, 'ExtractJob'), { shardSize: message.shardSize, batchSize: message.batchSize }));
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
  /** Says on the bus that this worker is there, ready, and which jobs it runs. Default: one named after the process. */
  presence?: WorkerPresence;
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

const { JOB_STATUS_SUCCEEDED: SUCCEEDED, JOB_STATUS_FAILED: FAILED } = distill.v1.JobStatus;

/**
 * Consumes jobs of `kinds`. Each result is written to jobs/{jobId}/result.json, then sent as a
 * JobResult, before the ack. A job that fails for good (a permanent error, or its last delivery)
 * is recorded in jobs/{jobId}/error.json where the store allows, then sent as a failed JobResult,
 * so its submitter hears of it even when the store cannot be written.
 */
export async function startJobWorkers(kinds: readonly JobKind[], options: WorkerOptions): Promise<WorkConsumer[]> {
  const { bus, store } = options;
  const maxDeliver = options.maxDeliver ?? 3;
  const presence = options.presence ?? new WorkerPresence(bus, workerName('worker'), kinds, options.concurrency ?? 1);
  const send = async (result: Parameters<DistillBus['publishResult']>[0]) => {
    try {
      await bus.publishResult({ ...result, worker: presence.worker, timestampMs: Date.now() });
    } catch (error) {
      options.log(`${result.kind} job ${result.jobId}: its result could not be sent on the bus: ${(error as Error).message}`);
    }
  };
  const consumers = await Promise.all(kinds.map((kind) =>
    bus.consumeJobs(kind, async (job: JobMessage<typeof kind>, delivery: DeliveryContext) => {
      const { jobId } = job;
      const attempt = job.attempt?.number || 1;
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      presence.jobStarted(jobId);
      try {
        // Done before (a redelivery or a resubmission), unless what it produced has gone missing since:
        // its submitter may still be waiting.
        const done = await verifiedResult(store, kind, jobId, job as JobInputs, options.log);
        if (done) {
          await send({ jobId, kind, status: SUCCEEDED, resultJson: JSON.stringify(done), attempt, delivery: delivery.deliveryCount, seconds: 0 });
          return;
        }
        options.log(`${kind} job ${jobId}: started (delivery ${delivery.deliveryCount})`);
        options.progress({ jobId, stage: kind, state: 'running', step: 0, total: 0, message: `taken by ${presence.worker}` });
        const ctx = options.context(options.progress, throttled(() => delivery.working(), 2_000), delivery.signal);
        const result = await runJob(kind, job, ctx);
        await store.putVerified(resultKey(jobId), encodeJson(result));
        await send({ jobId, kind, status: SUCCEEDED, resultJson: JSON.stringify(result), attempt, delivery: delivery.deliveryCount, seconds: seconds() });
        options.log(`${kind} job ${jobId}: done`);
      } catch (error) {
        const permanent = error instanceof PermanentError || error instanceof ConfigError || error instanceof MalformedMessageError;
        const message = (error as Error).message;
        options.log(`${kind} job ${jobId}: failed (${permanent ? 'permanent' : `delivery ${delivery.deliveryCount} of ${maxDeliver}`}): ${message}`);
        if (permanent || delivery.deliveryCount >= maxDeliver) {
          // What the worker knows about the failure (its kind, the field at fault) goes with it to the submitter.
          const failure = { ...failureLine(error), jobId, jobKind: kind };
          // Recorded first, so the store holds it once the submitter hears; a store that fails (wrong
          // credentials) only logs, and the message still carries the failure.
          await store.putVerified(errorKey(jobId), encodeJson({ kind, message, attempt, failure })).catch((storeError: unknown) => {
            options.log(`${kind} job ${jobId}: its failure could not be recorded in the store either: ${(storeError as Error).message}`);
          });
          await send({ jobId, kind, status: FAILED, error: message, resultJson: JSON.stringify(failure), attempt, delivery: delivery.deliveryCount, seconds: seconds() });
          throw error instanceof PermanentError ? error : new PermanentError(message, { cause: error });
        }
        throw error;
      } finally {
        presence.jobEnded(jobId);
      }
    }, { ackWaitMs: options.ackWaitMs ?? 60_000, maxDeliver, concurrency: options.concurrency }),
  ));
  presence.setProblem('');
  presence.start();
  return consumers;
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
  /** Where the run's HTML report is (a path, or its URL in an S3 store); absent when not evaluated. */
  report?: string;
}

/** The teacher features one student read: `cached` when they were computed before it asked (0 teacher forward passes). */
export interface ExtractRow { teacher: string; plan: string; student?: string; cached: boolean; teacherImages: number; seconds: number }

/** A dataset a file with nothing but datasets imported. */
export interface ImportRow { name: string; datasetId: string; count: number; skipped: { file: string; reason: string }[] }

export interface PipelineResult {
  rows: PipelineRow[];
  /** Set for a file with only datasets: each one imported. */
  imports?: ImportRow[];
  extracts: ExtractRow[];
  /** Teachers imported from model files: what students learn from, and whether it is pooled. */
  importedTeachers: ImportedTeacherRow[];
  seconds: number;
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
  /** Services mode: say what each job waits for, and stop when no worker can take it (see JobWatchOptions). */
  watch?: JobWatchOptions;
  /** Also look for results in the store this often (a process sharing the store, not the bus, with the workers). */
  storePollMs?: number;
  /** Says which stored results are reused no more because their outputs went missing, and what the run decided (e.g. that an imported teacher's feature map is pooled). */
  log?: (message: string) => void;
}

/**
 * Runs a pipeline through the bus as a graph of jobs: each job is submitted as soon as the jobs it
 * needs are done (students of one teacher train at once, as many as there are workers), and each
 * result comes back as a message. A failed job fails the run with its worker's message.
 */
export async function runPipeline(spec: PipelineSpec, bus: DistillBus, store: ObjectStore, options: PipelineRunOptions = {}): Promise<PipelineResult> {
  const started = performance.now();
  const tracker = await JobTracker.open(bus, store, { watch: options.watch, storePollMs: options.storePollMs, log: options.log });
  const stopOnAbort = () => void tracker.close('aborted');
  options.signal?.addEventListener('abort', stopOnAbort, { once: true });
  try {
    return await runGraph(spec, tracker, store, options, started);
  } finally {
    options.signal?.removeEventListener('abort', stopOnAbort);
    await tracker.close();
  }
}

async function runGraph(spec: PipelineSpec, tracker: JobTracker, store: ObjectStore, options: PipelineRunOptions, started: number): Promise<PipelineResult> {
  options.signal?.throwIfAborted();
  const log = options.log ?? (() => {});
  const until = PIPELINE_STAGES.indexOf(options.until ?? 'eval');
  // Jobs run in the background and are awaited later (or, after another failure, never): mark each
  // handled so a failure reaches whoever awaits it rather than surfacing as an unhandled rejection.
  const background = <T>(promise: Promise<T>): Promise<T> => {
    promise.catch(() => {});
    return promise;
  };
  const imports = new Map<string, Promise<Omit<ImportRow, 'name'>>>();
  const importOf = (name: string): Promise<Omit<ImportRow, 'name'>> => {
    if (!imports.has(name)) {
      const source: DatasetSource = spec.datasets[name]!;
      const jobId = importJobId(source);
      const path = 'path' in source ? source.path : '';
      const { source: format, ...rest } = source;
      imports.set(name, background(tracker.run<Omit<ImportRow, 'name'>>('import', {
        jobId, format, sourceUri: path, split: 'split' in source ? source.split : '', limit: ('limit' in source && source.limit) || 0,
        configJson: JSON.stringify(rest),
      }).then((r) => r.value)));
    }
    return imports.get(name)!;
  };
  const datasetId = async (name: string): Promise<string> => (await importOf(name)).datasetId;
  if (Object.keys(spec.teachers).length === 0 && Object.keys(spec.students).length === 0 && !spec.evaluate) {
    const rows = await Promise.all(Object.keys(spec.datasets).map(async (name) => ({ name, ...(await importOf(name)) })));
    return { rows: [], imports: rows.map((row) => ({ ...row, skipped: row.skipped ?? [] })), extracts: [], importedTeachers: [], seconds: (performance.now() - started) / 1000 };
  }
  const evaluate: EvaluateSpec | null = spec.evaluate;
  const curve = async () => (evaluate ? { trainId: await datasetId(evaluate.train), testId: await datasetId(evaluate.test) } : undefined);

  const teachers = new Map<string, Promise<JobOutcome<{ teacherId: string; runId: string }>>>();
  const teacher = (name: string) => {
    if (!teachers.has(name)) {
      const t = spec.teachers[name]!;
      teachers.set(name, background((async () => {
        const trainId = await datasetId(t.dataset);
        const payload: PretrainPayload = { name, spec: t, plan: planSpecOf(spec, t.plan), curve: await curve() };
        const jobId = pretrainJobId(payload, trainId);
        return tracker.run<{ teacherId: string; runId: string }>('pretrain', {
          jobId, datasetId: trainId, method: t.method, epochs: t.epochs, batchSize: t.batchSize, seed: t.seed, configJson: JSON.stringify(payload),
        });
      })()));
    }
    return teachers.get(name)!;
  };

  // An imported teacher is checked against each dataset a student runs it on, then copied into the
  // store (see teacher-import.ts); its id is the hash of its bytes and fields.
  const importedRows: ImportedTeacherRow[] = [];
  const importedTeacherIds = new Map<string, Promise<string>>();
  const importedTeacherId = (name: string, datasetName: string, trainId: string) => {
    const key = `${name}\n${trainId}`;
    if (!importedTeacherIds.has(key)) {
      importedTeacherIds.set(key, background((async () => {
        const { count, height, width, channels } = await readManifest(store, trainId);
        const row = await importTeacher(name, spec.importedTeachers[name]!, { store, views: new LocalViewSource(store), dataset: { name: datasetName, id: trainId, count, height, width, channels } });
        if (!importedRows.some((r) => r.teacher === name)) {
          importedRows.push(row);
          options.log?.(describeImportedTeacher(row));
        }
        return row.teacherId;
      })()));
    }
    return importedTeacherIds.get(key)!;
  };

  /** Each extract job once; the first student to ask runs it, later ones (and later pipelines) reuse its features. */
  const extractJobs = new Map<string, Promise<ExtractJobResult & { stored: boolean }>>();
  const extract = async (student: string, teacherName: string, teacherId: string, trainId: string, planName: string): Promise<ExtractRow> => {
    const plan = planSpecOf(spec, planName);
    const jobId = extractJobId(teacherId, trainId, plan);
    const since = performance.now();
    let job = extractJobs.get(jobId);
    const first = !job;
    if (!job) {
      // shardSize 0: feature shards follow the dataset's shards, so training reads both by the same windows.
      const request: ExtractJobRequest = { jobId, teacherId, datasetId: trainId, plan, batchSize: 256, shardSize: 0 };
      job = background((async () => {
        if (options.runExtractJob) {
          if (await verifiedResult(store, 'extract', jobId, { teacherId, datasetId: trainId }, log)) return { cached: true, teacherImages: 0, seconds: 0, stored: true };
          return { ...(await options.runExtractJob(request)), stored: false };
        }
        const outcome = await tracker.run<ExtractRecord>('extract', { ...request, plan: viewPlanToMessage(viewPlanOf(plan)) });
        return { cached: outcome.stored, teacherImages: outcome.stored ? 0 : outcome.value.images, seconds: outcome.seconds, stored: outcome.stored };
      })());
      extractJobs.set(jobId, job);
    }
    const { stored, ...result } = await job;
    return first && !stored
      ? { teacher: teacherName, plan: planName, student, ...result }
      : { teacher: teacherName, plan: planName, student, cached: true, teacherImages: 0, seconds: (performance.now() - since) / 1000 };
  };

  const evaluateRun = async (request: Omit<EvaluateRequest, 'trainId' | 'testId' | 'spec'>) => {
    if (!evaluate || until < PIPELINE_STAGES.indexOf('eval')) return undefined;
    const full: EvaluateRequest = { ...request, trainId: await datasetId(evaluate.train), testId: await datasetId(evaluate.test), spec: evaluate };
    return tracker.run<{ probes: PipelineProbes; wallSeconds: number }>('eval', {
      jobId: evalJobId(full), runId: request.runId, trainDatasetId: full.trainId, testDatasetId: full.testId, probes: ['knn', 'linear'], configJson: JSON.stringify(full),
    });
  };

  /** A row's wall time is its own jobs' time on their workers, not the time they queued behind other jobs. */
  const row = (name: string, role: PipelineRow['role'], method: string, runId: string, ownSeconds: number, report: Awaited<ReturnType<typeof evaluateRun>>): PipelineRow => {
    const probes = report?.value.probes;
    return {
      name, role, method, runId,
      knnTop1: probes?.knn?.top1, knnTop5: probes?.knn?.top5, linearTop1: probes?.linear?.top1,
      classifierTop1: probes?.classifier?.top1, headsTop1: probes?.heads?.map((head) => head.top1),
      trainSeconds: report?.value.wallSeconds ?? 0, wallSeconds: ownSeconds + (report?.seconds ?? 0),
      ...(report && { report: store.locate(`runs/${runId}/report.html`) }),
    };
  };

  const teacherRows = new Map(Object.entries(spec.teachers).map(([name, t]) => [name, background((async () => {
    const pretrained = await teacher(name);
    const { runId } = pretrained.value;
    return row(name, 'teacher', t.method, runId, pretrained.seconds, await evaluateRun({ runId, name, role: 'teacher', method: t.method, model: t.model, seed: t.seed }));
  })())]));
  // Every student at once: each waits only for its own teacher and features.
  const students = Object.entries(spec.students).map(([name, s]) => background((async () => {
    const trainId = await datasetId(s.dataset);
    const teacherId = !s.teacher ? undefined
      : spec.importedTeachers[s.teacher] ? await importedTeacherId(s.teacher, s.dataset, trainId)
      : (await teacher(s.teacher)).value.teacherId;
    const features = teacherId ? await extract(name, s.teacher, teacherId, trainId, s.plan) : undefined;
    if (until < PIPELINE_STAGES.indexOf('train')) return { features };
    const payload: TrainPayload = { name, spec: s, plan: planSpecOf(spec, s.plan), curve: await curve() };
    const jobId = trainJobId(payload, trainId, teacherId);
    const trained = await tracker.run<{ runId: string }>('train', {
      jobId, runId: jobId, teacherId: teacherId ?? '', datasetId: trainId, method: s.method, epochs: s.epochs, batchSize: s.batchSize, seed: s.seed, configJson: JSON.stringify(payload),
    });
    const { runId } = trained.value;
    const ownSeconds = trained.seconds + (features && !features.cached ? features.seconds : 0);
    // The teacher is evaluated first, so the student's report shows the teacher's numbers beside its own.
    const teacherRow = s.teacher ? await teacherRows.get(s.teacher) : undefined;
    const taughtBy = teacherRow && { name: teacherRow.name, runId: teacherRow.runId };
    const report = await evaluateRun({ runId, name, role: 'student', method: s.method, model: s.model, seed: s.seed, ...(taughtBy && { teacher: taughtBy }) });
    return { features, row: row(name, 'student', s.method, runId, ownSeconds, report) };
  })()));
  const studentResults = await Promise.all(students);
  return {
    rows: [...(await Promise.all(teacherRows.values())), ...studentResults.flatMap((student) => (student.row ? [student.row] : []))],
    extracts: studentResults.flatMap((student) => (student.features ? [student.features] : [])),
    importedTeachers: importedRows,
    seconds: (performance.now() - started) / 1000,
  };
}
