// The ways stages run: as a service consuming jobs from NATS (apps/teacher, apps/distill, ...), all
// of them inside one process over the in-memory bus (`distill run` without --nats), or up to one
// stage in this process (the stage Jobs: `teacher extract`, `distill train`, `evaluate eval`).
import { hostname } from 'node:os';
import { initBackend, type BackendName } from '@ssl-distill/runtime';
import { EXECUTION_PROVIDERS, type ExecutionProvider, type OnnxOptions } from '@ssl-distill/models';
import { openDistillBus, type DistillBus, type Subscription } from '@ssl-distill/bus';
import { JOB_KINDS, jobKindsOf, type WorkerApp } from '@ssl-distill/proto';
import type { ObjectStore } from '@ssl-distill/store';
import { resultKey, runPipeline, startJobWorkers, type JobWatchOptions, type PipelineResult, type PipelineRunOptions, type PipelineStage } from './jobs.js';
import { WorkerPresence, workerName } from './worker-presence.js';
import { extractRecord, runExtract, viewPlanOf } from '@ssl-distill/stages';
import { addServiceOptions, configSecrets, type Service, createLogger, openStore, progressOnBus, resolveServiceConfig, resolveStoreConfig, ServiceConfigError, startService, stopOnSignals, type OptionTarget, type ServiceFlags, jsonRenderer, terminalRenderer, type ProgressSink } from '@ssl-distill/service';
import { readPipelineFile, type PipelineSpec } from '@ssl-distill/spec';
import { formatResult } from './summary.js';
import { BusViewSource, LocalViewSource, type ViewSource } from '@ssl-distill/data-access';

/** How imported ONNX teachers run in this process: --ep cpu|cuda|webgpu, --threads n. */
export interface TeacherRuntimeFlags {
  ep?: string;
  threads?: string;
}

export function addTeacherRuntimeOptions<T extends OptionTarget>(command: T): T {
  command.option('--ep <provider>', `onnxruntime execution provider for imported ONNX teachers: ${EXECUTION_PROVIDERS.join(' | ')} (default: cpu)`);
  // One thread budget per process: the tfjs backend and each imported ONNX teacher take it.
  command.option('--threads <n>', 'CPU threads of the tfjs backend where this process starts one (native: default the cores; wasm: 1) and of each imported ONNX teacher (default: one per core)');
  return command;
}

export function teacherRuntimeOf(flags: TeacherRuntimeFlags): OnnxOptions {
  const ep = flags.ep ?? 'cpu';
  if (!(EXECUTION_PROVIDERS as readonly string[]).includes(ep)) throw new ServiceConfigError(`--ep must be one of ${EXECUTION_PROVIDERS.join(', ')}, got '${ep}'`);
  const threads = positiveInteger('--threads', flags.threads);
  return { ep: ep as ExecutionProvider, ...(threads !== undefined && { threads }) };
}

export interface WorkerFlags extends ServiceFlags, TeacherRuntimeFlags {
  backend?: string;
  /** Where views come from: rendered here ('local', default) or requested from ingest workers ('bus'). */
  views?: 'local' | 'bus';
}

/**
 * How long a job may go without a heartbeat before NATS redelivers it (SSL_DISTILL_ACK_WAIT_MS,
 * default 60 s), and how many deliveries it gets (SSL_DISTILL_MAX_DELIVER, default 3).
 */
export function jobTimingFromEnv(env: NodeJS.ProcessEnv): { ackWaitMs?: number; maxDeliver?: number } {
  const read = (name: string) => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new ServiceConfigError(`${name} must be a positive integer, not "${value}"`);
    return Number(value);
  };
  return { ackWaitMs: read('SSL_DISTILL_ACK_WAIT_MS'), maxDeliver: read('SSL_DISTILL_MAX_DELIVER') };
}

/** The flags of every worker app's `worker` command: backend, where views come from, bus, store, health port. */
export function addWorkerOptions<T extends OptionTarget>(command: T): T {
  command.option('--backend <name>', 'tfjs backend (default: env SSL_DISTILL_BACKEND, else auto)');
  command.option('--views <where>', "views rendered here ('local', the default) or by ingest workers ('bus')");
  addTeacherRuntimeOptions(command);
  return addServiceOptions(command);
}

export { jobKindsOf };

/** How often a worker that cannot use its store tries again (it is not ready meanwhile). */
const STARTUP_RETRY_MS = 5_000;

/**
 * Whether the store takes this worker's credentials: a write and a read of a key of its app on this
 * host. Returns the problem ('' when none). The key stays (one per app and host, always the same
 * bytes, so workers starting together write alike): deleting it would race another worker's write
 * in the same folder on a filesystem-backed S3 server (s3rver removes emptied folders).
 */
export async function checkStoreAccess(store: ObjectStore, app: string): Promise<string> {
  const key = `healthz/workers/${`${app}-on-${hostname()}`.replace(/[^\w.-]+/g, '-')}`;
  try {
    await store.putVerified(key, new TextEncoder().encode(key));
    await store.getVerified(key);
    return '';
  } catch (error) {
    return `store ${store.describe()} failed a write and read check: ${(error as Error).message}`;
  }
}

/**
 * Says on the bus that the worker is not ready until its store passes checkStoreAccess, trying again
 * every few seconds; false when the service was stopped first.
 */
export async function untilStoreWorks(service: Service, presence: WorkerPresence, app: string, stopped: Promise<void>): Promise<boolean> {
  let stopping = false;
  void stopped.then(() => (stopping = true));
  presence.setProblem('checking the store');
  let problem: string;
  while ((problem = await checkStoreAccess(service.store, app)) !== '') {
    service.logger.error('not ready: the store check failed; trying again', { problem, retryMs: STARTUP_RETRY_MS });
    presence.setProblem(problem);
    await new Promise((resolve) => setTimeout(resolve, STARTUP_RETRY_MS));
    if (stopping) return false;
  }
  return true;
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new ServiceConfigError(`${name} must be a positive integer, not "${value}"`);
  return Number(value);
}

/**
 * A worker service for `kinds` of jobs; returns when it has been stopped by SIGTERM/SIGINT. It
 * says on the bus that it is there from the start, and takes jobs only once its store works:
 * until then /readyz fails and its status names the problem, which a waiting submitter reports.
 */
export async function runWorkerService(name: WorkerApp, flags: WorkerFlags): Promise<void> {
  const kinds = jobKindsOf(name);
  if (flags.views !== undefined && flags.views !== 'local' && flags.views !== 'bus') throw new ServiceConfigError(`--views must be 'local' or 'bus', got '${flags.views}'`);
  const threads = positiveInteger('--threads', flags.threads);
  const teacherRuntime = teacherRuntimeOf(flags);
  const worker = workerName(name);
  let presence: WorkerPresence | undefined;
  const service = await startService(name, resolveServiceConfig(flags, process.env, { requireNats: true }), { ready: async () => presence?.isReady() ?? false });
  const stopped = stopOnSignals(service);
  const log = (message: string) => service.logger.info(message);
  presence = new WorkerPresence(service.bus, worker, kinds).start();
  const backend = await initBackend({ backend: flags.backend as BackendName | undefined, threads, log });
  const views: ViewSource = flags.views === 'bus' ? new BusViewSource(service.bus) : new LocalViewSource(service.store);
  const progress = progressOnBus(service.bus, service.logger);
  const { ackWaitMs, maxDeliver } = jobTimingFromEnv(process.env);
  if (!(await untilStoreWorks(service, presence, name, stopped))) return;
  await startJobWorkers(kinds, {
    bus: service.bus, store: service.store, progress, log, ackWaitMs, maxDeliver, presence,
    context: (sink, heartbeat, signal) => ({ store: service.store, views, progress: sink, backend, log, heartbeat, signal, teacherRuntime }),
  });
  log(`consuming ${kinds.join(', ')} jobs on backend ${backend}`);
  await stopped;
  presence.stop();
}

export interface LocalRunOptions {
  store: ObjectStore;
  backend?: string;
  /** Renders every progress event (a terminal bar, or JSON lines). */
  progress: ProgressSink;
  log: (message: string) => void;
  /** Submit to services on this bus instead of running the stages here. */
  bus?: DistillBus;
  /** Stop after this stage (default: every stage). */
  until?: PipelineStage;
  /**
   * This process's share of every extract job (a pod of an Indexed Job). Share 0 also runs the
   * import and pretrain jobs; the other shares wait for their results in the (shared) store.
   */
  extractShare?: { count: number; index: number };
  /** In this process: jobs of a kind run at once (students trained side by side). Default 1. */
  concurrency?: number;
  /** On services: what to say while jobs wait, and when to stop waiting for workers. */
  watch?: JobWatchOptions;
  /** How imported ONNX teachers run here (embedded runs only). */
  teacherRuntime?: OnnxOptions;
}

/** Runs a pipeline: its stages in this process over an in-memory bus, or submitted to `options.bus`. */
export async function runPipelineHere(spec: PipelineSpec, options: LocalRunOptions): Promise<PipelineResult & { backend: string }> {
  const local = !options.bus;
  const bus = options.bus ?? (await openDistillBus({ url: 'memory' }));
  let backend = 'remote services';
  const subscriptions: Subscription[] = [];
  try {
    subscriptions.push(await bus.subscribeProgress(undefined, (event) => options.progress({
      jobId: event.jobId, stage: event.stage, step: event.step, total: event.total,
      state: event.status === 2 ? 'done' : event.status === 3 ? 'failed' : 'running',
      ...(event.loss != null && { loss: event.loss }),
      ...(event.imagesPerSecond > 0 && { imagesPerSecond: event.imagesPerSecond }),
      ...(event.etaSeconds > 0 && { etaSeconds: event.etaSeconds }),
      ...(event.message && { message: event.message }),
    })));
    let runExtractJob: PipelineRunOptions['runExtractJob'];
    if (local) {
      backend = await initBackend({ backend: options.backend as BackendName | undefined, log: options.log });
      const views = new LocalViewSource(options.store);
      const progress = progressOnBus(bus, { info: options.log, warn: options.log, error: options.log });
      const share = options.extractShare;
      const kinds = share && share.index > 0 ? [] : JOB_KINDS;
      await startJobWorkers(kinds, {
        bus, store: options.store, progress, log: () => {}, concurrency: options.concurrency,
        presence: new WorkerPresence(bus, workerName('distill run'), kinds, options.concurrency),
        context: (sink, heartbeat, signal) => ({ store: options.store, views, progress: sink, backend, log: options.log, heartbeat, signal, teacherRuntime: options.teacherRuntime }),
      });
      if (share) {
        runExtractJob = async (job) => {
          const context = { store: options.store, views, progress, backend, log: options.log, teacherRuntime: options.teacherRuntime };
          const outcome = await runExtract(context, job.jobId, job.teacherId, job.datasetId, viewPlanOf(job.plan), { shardSize: job.shardSize, batchSize: job.batchSize, share });
          // Only the share that completed the cache records the job as done.
          if (outcome.complete) await options.store.putVerified(resultKey(job.jobId), new TextEncoder().encode(JSON.stringify(extractRecord(outcome))));
          return outcome;
        };
      }
    }
    // The other shares of an Indexed Job get import and pretrain results through the store, from share 0.
    const storePollMs = options.extractShare && options.extractShare.index > 0 ? 1_000 : undefined;
    return { ...(await runPipeline(spec, bus, options.store, { until: options.until, runExtractJob, watch: local ? undefined : options.watch, storePollMs, log: options.log })), backend };
  } finally {
    await Promise.all(subscriptions.map((s) => s.unsubscribe()));
    if (local) await bus.close();
  }
}

export interface StageJobFlags extends Pick<ServiceFlags, 's3' | 'store'>, TeacherRuntimeFlags {
  backend?: string;
  json?: boolean;
  shardCount?: string;
  shardIndex?: string;
}

/** The flags of the one-shot stage commands (`teacher extract`, `distill train`, `evaluate eval`). */
export function addStageJobOptions<T extends OptionTarget>(command: T, options: { sharded?: boolean } = {}): T {
  command.option('--backend <name>', 'tfjs backend (default: env SSL_DISTILL_BACKEND, else auto)');
  command.option('--json', 'print progress events and the result as JSON lines');
  if (options.sharded) {
    command.option('--shard-count <n>', 'workers sharing each extract job, e.g. the pods of an Indexed Job (default: 1)');
    command.option('--shard-index <i>', "this worker's share, 0-based (default: env JOB_COMPLETION_INDEX, else 0)");
  }
  addTeacherRuntimeOptions(command);
  return addServiceOptions(command, { bus: false, health: false });
}

/** --shard-count / --shard-index (or JOB_COMPLETION_INDEX, which an Indexed Job sets in each pod). */
export function extractShareOf(flags: Pick<StageJobFlags, 'shardCount' | 'shardIndex'>, env: NodeJS.ProcessEnv = process.env): { count: number; index: number } | undefined {
  const integer = (name: string, value: string) => {
    if (!/^\d+$/.test(value)) throw new ServiceConfigError(`${name} must be a non-negative integer, not "${value}"`);
    return Number(value);
  };
  const count = integer('--shard-count', flags.shardCount ?? '1');
  if (count < 1) throw new ServiceConfigError('--shard-count must be at least 1');
  if (count === 1 && flags.shardIndex === undefined) return undefined; // not sharded: a stray JOB_COMPLETION_INDEX does not matter
  const index = integer(flags.shardIndex !== undefined ? '--shard-index' : 'JOB_COMPLETION_INDEX', flags.shardIndex ?? env['JOB_COMPLETION_INDEX'] ?? '0');
  if (index >= count) throw new ServiceConfigError(`shard index ${index} is not below --shard-count ${count}`);
  return count > 1 ? { count, index } : undefined;
}

/**
 * A one-shot stage (a Kubernetes Job's command): the pipeline file run in this process up to
 * `stage`, reusing every job whose result is already in the store, so a stage Job after the
 * previous stage's Job only does its own stage's work.
 */
export async function runStageJob(app: string, stage: PipelineStage, file: string, flags: StageJobFlags, env: NodeJS.ProcessEnv = process.env): Promise<PipelineResult & { backend: string }> {
  const spec = readPipelineFile(file);
  const extractShare = stage === 'extract' ? extractShareOf(flags, env) : undefined;
  const storeConfig = resolveStoreConfig(flags, env);
  const logger = createLogger({ service: app, format: 'text', secrets: configSecrets({ bus: { url: 'memory' }, store: storeConfig, healthPort: 0 }, env) });
  const progress = flags.json ? jsonRenderer(process.stdout) : terminalRenderer(process.stderr);
  const result = await runPipelineHere(spec, { store: openStore(storeConfig), backend: flags.backend, progress, log: (message) => logger.info(message), until: stage, extractShare, teacherRuntime: teacherRuntimeOf(flags) });
  process.stdout.write(flags.json ? `${JSON.stringify({ type: 'result', ...result })}\n` : `${formatResult(result)}\n`);
  return result;
}
