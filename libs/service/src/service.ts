// What every worker app shares: bus and store from flags and env vars, a one-line logger that
// never prints a secret, /healthz and /readyz, and a clean stop on SIGTERM/SIGINT. Apps add
// their handlers on `service.bus` and `service.store` and call `stopOnSignals`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { openDistillBus, redactServers, type DistillBus, type LogFields, type Logger } from '@ssl-distill/bus';
import { distill } from '@ssl-distill/proto';
import type { ProgressSink } from './progress.js';
import { openStore, parseStoreUrl, storeConfigFromEnv, type ObjectStore, type StoreConfig } from '@ssl-distill/store';

// Apps open the configured store through this lib, so they depend on @ssl-distill/service for it.
export { openStore } from '@ssl-distill/store';

export const DEFAULT_STORE_PATH = './.data/store';
export const DEFAULT_HEALTH_PORT = 8080;

/** A configuration the service cannot start with; the message names the flag or variable. */
export class ServiceConfigError extends Error {
  override readonly name = 'ServiceConfigError';
}

/** The flags `addServiceOptions` defines, as commander hands them over. */
export interface ServiceFlags {
  nats?: string;
  s3?: string;
  store?: string;
  healthPort?: string;
}

/** Anything with commander's `option(flags, description)`, so this lib needs no CLI dependency. */
export interface OptionTarget {
  option(flags: string, description: string): unknown;
}

/** Adds --nats, --s3, --store and --health-port to a command (`bus`/`health` false: leave those out, for one-shot commands). */
export function addServiceOptions<T extends OptionTarget>(command: T, include: { bus?: boolean; health?: boolean } = {}): T {
  if (include.bus !== false) command.option('--nats <urls>', 'NATS server URL(s), comma-separated (default: env NATS_URL; credentials from NATS_USER/NATS_PASSWORD)');
  command.option('--s3 <endpoint>', 'S3 endpoint, e.g. http://s3:9000 (default: env S3_ENDPOINT; keys and bucket from S3_ACCESS_KEY/S3_SECRET_KEY/S3_BUCKET)');
  command.option('--store <location>', `store directory or file:///path (default without S3: ${DEFAULT_STORE_PATH})`);
  if (include.health !== false) command.option('--health-port <port>', `port of /healthz and /readyz; 0 disables (default: ${DEFAULT_HEALTH_PORT})`);
  return command;
}

export interface BusConfig {
  /** "memory" or NATS URL(s), comma-separated. */
  url: string;
  user?: string;
  password?: string;
}

export interface ServiceConfig {
  bus: BusConfig;
  store: StoreConfig;
  /** null: no health server. 0 picks a free port. */
  healthPort: number | null;
}

export interface ResolveOptions {
  /** A worker serves other processes, so an in-memory bus would leave it talking to itself. */
  requireNats?: boolean;
}

function resolveBus(flags: ServiceFlags, env: NodeJS.ProcessEnv, options: ResolveOptions): BusConfig {
  const url = flags.nats ?? env['NATS_URL'];
  const user = env['NATS_USER'] || undefined;
  const password = env['NATS_PASSWORD'] || undefined;
  if (user !== undefined && password === undefined) throw new ServiceConfigError('NATS_USER is set but NATS_PASSWORD is not: set both, or neither');
  if (password !== undefined && user === undefined) throw new ServiceConfigError('NATS_PASSWORD is set but NATS_USER is not: set both, or neither');
  if (!url) {
    if (options.requireNats) throw new ServiceConfigError('this command needs a NATS bus: pass --nats URL or set NATS_URL');
    return { url: 'memory' };
  }
  return { url, user, password };
}

/** The store from --store, --s3 or the S3_* env vars; default: a directory at ./.data/store. */
export function resolveStoreConfig(flags: Pick<ServiceFlags, 's3' | 'store'>, env: NodeJS.ProcessEnv = process.env): StoreConfig {
  if (flags.store !== undefined && flags.s3 !== undefined) throw new ServiceConfigError('--store and --s3 both name a store: pass one');
  try {
    if (flags.store !== undefined) return parseStoreUrl(flags.store);
    return storeConfigFromEnv(flags.s3 === undefined ? env : { ...env, S3_ENDPOINT: flags.s3 }) ?? { kind: 'file', root: resolvePath(DEFAULT_STORE_PATH) };
  } catch (error) {
    if (error instanceof TypeError) throw new ServiceConfigError(error.message);
    throw error;
  }
}

function resolveHealthPort(value: string | undefined): number | null {
  if (value === undefined) return DEFAULT_HEALTH_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new ServiceConfigError(`--health-port must be a port number 0..65535, got "${value}"`);
  return port === 0 ? null : port;
}

/** Flags win over env vars; defaults: the in-memory bus (unless `requireNats`) and a store in ./.data/store. */
export function resolveServiceConfig(flags: ServiceFlags, env: NodeJS.ProcessEnv = process.env, options: ResolveOptions = {}): ServiceConfig {
  return { bus: resolveBus(flags, env, options), store: resolveStoreConfig(flags, env), healthPort: resolveHealthPort(flags.healthPort) };
}

/** The secret values of a config, which loggers mask wherever they appear. */
export function configSecrets(config: ServiceConfig, env: NodeJS.ProcessEnv = process.env): string[] {
  const fromUrls = config.bus.url.split(',').flatMap((server) => {
    const match = /\/\/[^:/@]*:([^@/]+)@/.exec(server);
    return match ? [match[1]!, decodeURIComponent(match[1]!)] : [];
  });
  const values = [config.bus.password, config.store.kind === 's3' ? config.store.secretKey : undefined, env['NATS_PASSWORD'], env['S3_SECRET_KEY'], ...fromUrls];
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value.length > 0))];
}

export interface LoggerOptions {
  /** Goes into every line (e.g. "ingest-worker"). */
  service: string;
  format?: 'json' | 'text';
  /** Default: stderr, leaving stdout to the command's own output. */
  write?: (line: string) => void;
  /** Values replaced by *** wherever they appear, should an error message or URL carry one. */
  secrets?: readonly string[];
}

function textField(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[\s"=]/.test(text) ? JSON.stringify(text) : text;
}

/** One line per event: JSON (for log collectors) or `time LEVEL service: message key=value`. */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const secrets = [...(options.secrets ?? [])].sort((a, b) => b.length - a.length);
  const mask = (line: string) => secrets.reduce((masked, secret) => masked.split(secret).join('***'), line);
  const emit = (level: string, message: string, fields: LogFields = {}) => {
    const time = new Date().toISOString();
    const line =
      options.format === 'text'
        ? [`${time} ${level.toUpperCase()} ${options.service}: ${message}`, ...Object.entries(fields).map(([key, value]) => `${key}=${textField(value)}`)].join(' ')
        : JSON.stringify({ level, time, service: options.service, message, ...fields });
    write(`${mask(line)}\n`);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

export interface HealthServer {
  /** The bound port (the chosen one when started on 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** GET /healthz: 200 while the process runs. GET /readyz: 200 when `ready()` resolves true, else 503. */
export async function startHealthServer(port: number, ready: () => Promise<boolean>, host = '0.0.0.0'): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: string) => response.writeHead(status, { 'content-type': 'text/plain' }).end(`${body}\n`);
    if (request.method !== 'GET') return reply(405, 'method not allowed');
    if (request.url === '/healthz') return reply(200, 'ok');
    if (request.url !== '/readyz') return reply(404, 'not found (try /healthz or /readyz)');
    ready().then(
      (isReady) => reply(isReady ? 200 : 503, isReady ? 'ready' : 'not ready'),
      () => reply(503, 'not ready'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new ServiceConfigError(`health server cannot listen on port ${port}: ${error.message}`)));
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const PROBE_TIMEOUT_MS = 2_000;
// Never written: a stat of it is a cheap round trip that fails when the store is unreachable.
const STORE_PROBE_KEY = 'healthz/probe';

/**
 * Whether the bus answers: over NATS a JetStream account-info request, the one call every app's
 * NATS user may make (deploy/base/nats/nats-server.conf) and a round trip through the server and
 * JetStream that workers need; the in-memory bus is up while the process runs.
 */
function busProbe(bus: DistillBus, config: BusConfig): () => Promise<boolean> {
  if (config.url === 'memory') return async () => true;
  return () => bus.bus.request('$JS.API.INFO', new Uint8Array(0), { timeoutMs: PROBE_TIMEOUT_MS }).then(() => true, () => false);
}

export interface Service {
  readonly name: string;
  readonly logger: Logger;
  readonly bus: DistillBus;
  readonly store: ObjectStore;
  /** The health server's port; undefined when disabled. */
  readonly healthPort: number | undefined;
  /** True while running with a reachable bus and store; false once stopping. */
  isReady(): Promise<boolean>;
  /** Drains the bus (in-flight messages finish or are nak'ed), then closes the health server. */
  stop(reason: string): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** How long in-flight work may run after a stop before its message is nak'ed. Default 30 s. */
  drainTimeoutMs?: number;
  /** The app's own readiness on top of a reachable bus and store (a worker: its start-up checks passed). */
  ready?: () => Promise<boolean>;
}

function isAuthorizationError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return code === 'AUTHORIZATION_VIOLATION' || /authorization/i.test(error instanceof Error ? error.message : '');
}

async function connectBus(name: string, config: BusConfig, logger: Logger): Promise<DistillBus> {
  try {
    return await openDistillBus({ ...config, name, logger });
  } catch (error) {
    const servers = config.url === 'memory' ? 'memory' : redactServers(config.url.split(',')).join(',');
    if (isAuthorizationError(error)) {
      throw new ServiceConfigError(`NATS at ${servers} refused the connection (authorization): ${config.user ? `check NATS_USER "${config.user}" and NATS_PASSWORD` : 'it requires a user: set NATS_USER and NATS_PASSWORD'}`);
    }
    throw new ServiceConfigError(`cannot connect to NATS at ${servers}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Connects the bus, opens the store and starts the health server. `name` names the process in logs and on NATS. */
export async function startService(name: string, config: ServiceConfig, options: StartOptions = {}): Promise<Service> {
  const logger = options.logger ?? createLogger({ service: name, secrets: configSecrets(config) });
  const store = openStore(config.store);
  const bus = await connectBus(name, config.bus, logger);
  let stopping: Promise<void> | undefined;
  let health: HealthServer | undefined;
  try {
    const busReachable = busProbe(bus, config.bus);
    const isReady = async () => {
      if (stopping) return false;
      const [busUp, storeUp, appReady] = await Promise.all([busReachable(), store.exists(STORE_PROBE_KEY).then(() => true, () => false), options.ready?.() ?? true]);
      return busUp && storeUp && appReady;
    };
    health = config.healthPort === null ? undefined : await startHealthServer(config.healthPort, isReady);
    logger.info('service started', { bus: config.bus.url === 'memory' ? 'memory' : redactServers(config.bus.url.split(',')), natsUser: config.bus.user, store: store.describe(), healthPort: health?.port ?? 'disabled' });
    const stop = (reason: string) => {
      stopping ??= (async () => {
        logger.info('service stopping: draining the bus', { reason });
        await bus.drain({ timeoutMs: options.drainTimeoutMs });
        await health?.close();
        logger.info('service stopped', { reason });
      })();
      return stopping;
    };
    return { name, logger, bus, store, healthPort: health?.port, isReady, stop };
  } catch (error) {
    await health?.close();
    await bus.close();
    throw error;
  }
}

/**
 * Stops `service` on SIGTERM or SIGINT and then exits 0 (1 when the drain fails). Returns a
 * promise that settles once it has stopped, for apps that await their own end.
 */
export function stopOnSignals(service: Service, exit: (code: number) => void = (code) => process.exit(code)): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      service.stop(signal).then(
        () => {
          resolve();
          exit(0);
        },
        (error: unknown) => {
          service.logger.error('service did not stop cleanly', { error: error instanceof Error ? error.message : String(error) });
          resolve();
          exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
}

const JOB_STATUS = {
  running: distill.v1.JobStatus.JOB_STATUS_RUNNING,
  done: distill.v1.JobStatus.JOB_STATUS_SUCCEEDED,
  failed: distill.v1.JobStatus.JOB_STATUS_FAILED,
} as const;

/** Publishes progress on distill.v1.progress.{jobId} (best effort: a progress event never fails the job). */
export function progressOnBus(bus: DistillBus, logger: Logger): ProgressSink {
  return (event) => {
    try {
      bus.publishProgress({
        jobId: event.jobId, stage: event.stage, step: event.step, total: event.total, loss: event.loss,
        imagesPerSecond: event.imagesPerSecond ?? 0, etaSeconds: event.etaSeconds ?? 0, message: event.message ?? '',
        status: JOB_STATUS[event.state], timestampMs: Date.now(),
      });
    } catch (error) {
      logger.warn('progress event not published', { jobId: event.jobId, error: error instanceof Error ? error.message : String(error) });
    }
  };
}
