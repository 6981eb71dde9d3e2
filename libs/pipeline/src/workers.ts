// The two ways stages run: as a service consuming jobs from NATS (apps/teacher, apps/distill, ...),
// or all of them inside one process over the in-memory bus (`distill run` without --nats).
import { initBackend, type BackendName } from '@ssl-distill/runtime';
import { openDistillBus, type DistillBus, type Subscription } from '@ssl-distill/bus';
import { JOB_KINDS, type JobKind } from '@ssl-distill/proto';
import type { ObjectStore } from '@ssl-distill/store';
import { runPipeline, startJobWorkers, type PipelineResult } from './jobs.js';
import type { ProgressSink } from './progress.js';
import type { PipelineSpec } from './schema.js';
import { addServiceOptions, progressOnBus, resolveServiceConfig, ServiceConfigError, startService, stopOnSignals, type OptionTarget, type ServiceFlags } from './service.js';
import { BusViewSource, LocalViewSource, type ViewSource } from './views.js';

export interface WorkerFlags extends ServiceFlags {
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
  return addServiceOptions(command);
}

/** A worker service for `kinds` of jobs; returns when it has been stopped by SIGTERM/SIGINT. */
export async function runWorkerService(name: string, kinds: readonly JobKind[], flags: WorkerFlags): Promise<void> {
  if (flags.views !== undefined && flags.views !== 'local' && flags.views !== 'bus') throw new ServiceConfigError(`--views must be 'local' or 'bus', got '${flags.views}'`);
  const service = await startService(name, resolveServiceConfig(flags, process.env, { requireNats: true }));
  const stopped = stopOnSignals(service);
  const log = (message: string) => service.logger.info(message);
  const backend = await initBackend({ backend: flags.backend as BackendName | undefined, log });
  const views: ViewSource = flags.views === 'bus' ? new BusViewSource(service.bus) : new LocalViewSource(service.store);
  const progress = progressOnBus(service.bus, service.logger);
  const { ackWaitMs, maxDeliver } = jobTimingFromEnv(process.env);
  await startJobWorkers(kinds, {
    bus: service.bus, store: service.store, progress, log, ackWaitMs, maxDeliver,
    context: (sink, heartbeat, signal) => ({ store: service.store, views, progress: sink, backend, log, heartbeat, signal }),
  });
  log(`consuming ${kinds.join(', ')} jobs on backend ${backend}`);
  await stopped;
}

export interface LocalRunOptions {
  store: ObjectStore;
  backend?: string;
  /** Renders every progress event (a terminal bar, or JSON lines). */
  progress: ProgressSink;
  log: (message: string) => void;
  /** Submit to services on this bus instead of running the stages here. */
  bus?: DistillBus;
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
    if (local) {
      backend = await initBackend({ backend: options.backend as BackendName | undefined, log: options.log });
      const views = new LocalViewSource(options.store);
      const progress = progressOnBus(bus, { info: options.log, warn: options.log, error: options.log });
      await startJobWorkers(JOB_KINDS, {
        bus, store: options.store, progress, log: () => {},
        context: (sink, heartbeat, signal) => ({ store: options.store, views, progress: sink, backend, log: options.log, heartbeat, signal }),
      });
    }
    return { ...(await runPipeline(spec, bus, options.store)), backend };
  } finally {
    await Promise.all(subscriptions.map((s) => s.unsubscribe()));
    if (local) await bus.close();
  }
}
