// The view-serving load test: N `ingest worker` processes behind the views queue group, one
// client asking for one epoch of views of every sample with several requests in flight. Each run
// counts every sample's arrivals (must be exactly 1) and digests the data in sample order (must
// be equal for every N, and equal to rendering locally).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { ViewPlan } from '@ssl-distill/augment';
import { openDistillBus, type DistillBus, type Logger } from '@ssl-distill/bus';
import type { ObjectStore } from '@ssl-distill/store';
import { renderViews, datasetReader, viewPlanToMessage } from '@ssl-distill/data-access';
import { bytesToFloat32 } from '@ssl-distill/proto';

const repoRoot = resolve(import.meta.dirname, '../../..');
const ingestMain = join(repoRoot, 'apps/ingest/src/main.ts');
const WORKER_START_TIMEOUT_MS = 60_000;

/** One epoch of one view per sample, as SEED-style students replay it. */
export const LOAD_TEST_PLAN: ViewPlan = { kind: 'replay', epochs: 1, seed: 2024, views: 1, preset: 'simclr' };

const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export interface WorkerPool {
  readonly size: number;
  /** SIGTERM to every worker; resolves when all exited, rejecting when one exited non-zero. */
  stop(): Promise<void>;
}

/** Starts `count` ingest workers on `natsUrl` sharing the store at `storeDir`; resolves once each serves. */
export async function startWorkers(count: number, natsUrl: string, storeDir: string): Promise<WorkerPool> {
  const children: { child: ChildProcess; exited: Promise<number | null>; log: () => string }[] = [];
  const stopAll = async () => {
    const codes = await Promise.all(children.map(({ child, exited }) => (child.kill('SIGTERM'), exited)));
    const failed = codes.findIndex((code) => code !== 0);
    if (failed >= 0) throw new Error(`ingest worker ${failed} exited with ${codes[failed]} on SIGTERM:\n${children[failed]!.log()}`);
  };
  try {
    await Promise.all(
      Array.from({ length: count }, async () => {
        const child = spawn(process.execPath, ['--conditions=@ssl-distill/source', '--import', 'tsx', ingestMain, 'worker', '--nats', natsUrl, '--store', storeDir, '--health-port', '0'], {
          cwd: repoRoot,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let log = '';
        const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
        children.push({ child, exited, log: () => log });
        await new Promise<void>((ready, fail) => {
          const timer = setTimeout(() => fail(new Error(`ingest worker did not start within ${WORKER_START_TIMEOUT_MS} ms:\n${log}`)), WORKER_START_TIMEOUT_MS);
          child.stderr!.on('data', (chunk: Buffer) => {
            log = (log + chunk.toString()).slice(-20_000);
            if (log.includes('serving view batches')) {
              clearTimeout(timer);
              ready();
            }
          });
          void exited.then((code) => {
            clearTimeout(timer);
            fail(new Error(`ingest worker exited with ${code} while starting:\n${log}`));
          });
        });
      }),
    );
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
  return { size: count, stop: stopAll };
}

export interface EpochResult {
  views: number;
  seconds: number;
  viewsPerSecond: number;
  /** Samples that arrived other than exactly once (empty when the run is correct). */
  notExactlyOnce: { sample: number; arrivals: number }[];
  /** sha256 over every batch's digest, in sample order. */
  digest: string;
}

function batchStarts(count: number, batch: number): number[] {
  return Array.from({ length: Math.ceil(count / batch) }, (_, k) => k * batch);
}

/** sha256 of one batch: its sample indices and float bytes. */
function batchDigest(samples: ArrayLike<number>, data: Float32Array): string {
  return createHash('sha256')
    .update(Uint32Array.from(samples as ArrayLike<number>))
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}

function combine(digests: string[]): string {
  return createHash('sha256').update(digests.join('\n')).digest('hex');
}

/**
 * Requests views of samples [0, count) in batches of `batch`, `inFlight` requests at a time, and
 * checks what arrives. Counts come from the replies' own sample indices, not from what was asked.
 */
export async function requestEpoch(bus: DistillBus, datasetId: string, count: number, options: { batch: number; inFlight: number; timeoutMs?: number }): Promise<EpochResult> {
  const plan = viewPlanToMessage(LOAD_TEST_PLAN);
  const arrivals = new Uint32Array(count);
  const starts = batchStarts(count, options.batch);
  const digests = new Array<string>(starts.length);
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < starts.length) {
      const k = next++;
      const start = starts[k]!;
      const reply = await bus.requestViews({ datasetId, plan, range: { start, count: Math.min(options.batch, count - start) }, epoch: 0, view: 0 }, { timeoutMs: options.timeoutMs ?? 60_000 });
      for (const sample of reply.sampleIndices) arrivals[sample]! += 1;
      digests[k] = batchDigest(reply.sampleIndices, bytesToFloat32(reply.data, 'ViewBatchReply.data'));
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, lane));
  const seconds = (performance.now() - started) / 1000;
  const notExactlyOnce = [...arrivals].flatMap((arrivalCount, sample) => (arrivalCount === 1 ? [] : [{ sample, arrivals: arrivalCount }]));
  return { views: count, seconds, viewsPerSecond: count / seconds, notExactlyOnce, digest: combine(digests) };
}

/** The digest requestEpoch must reach, rendered in this process. */
export async function localEpochDigest(store: ObjectStore, datasetId: string, count: number, batch: number): Promise<string> {
  const reader = await datasetReader(store, datasetId);
  const digests: string[] = [];
  for (const start of batchStarts(count, batch)) {
    const samples = Array.from({ length: Math.min(batch, count - start) }, (_, i) => start + i);
    digests.push(batchDigest(samples, (await renderViews(reader, LOAD_TEST_PLAN, samples, 0, 0)).data));
  }
  return combine(digests);
}

export interface LoadTestRow extends EpochResult {
  workers: number;
}

export interface LoadTestSettings {
  natsUrl: string;
  storeDir: string;
  datasetId: string;
  count: number;
  workerCounts: number[];
  batch: number;
  /** Requests in flight per worker. */
  inFlightPerWorker: number;
  log?: (line: string) => void;
}

/** One row per worker count; each run gets fresh workers, warmed up before it is timed. */
export async function runLoadTest(settings: LoadTestSettings): Promise<LoadTestRow[]> {
  const bus = await openDistillBus({ url: settings.natsUrl, name: 'views-loadtest', logger: quietLogger });
  const rows: LoadTestRow[] = [];
  try {
    for (const workers of settings.workerCounts) {
      settings.log?.(`starting ${workers} ingest worker(s)`);
      const pool = await startWorkers(workers, settings.natsUrl, settings.storeDir);
      try {
        // Each worker reads and verifies the dataset on its first request; queue groups pick a
        // member at random, so 16 small requests per worker reach every one of them almost surely.
        await requestEpoch(bus, settings.datasetId, Math.min(settings.count, 16 * workers), { batch: 1, inFlight: workers });
        settings.log?.(`requesting ${settings.count} views from ${workers} worker(s)`);
        const result = await requestEpoch(bus, settings.datasetId, settings.count, { batch: settings.batch, inFlight: settings.inFlightPerWorker * workers });
        rows.push({ workers, ...result });
      } finally {
        await pool.stop();
      }
    }
  } finally {
    await bus.drain();
  }
  return rows;
}

export function formatRows(rows: LoadTestRow[], expectedDigest: string): string {
  const lines = [['workers', 'views', 'seconds', 'views/s', 'speed-up', 'exactly once', 'digest']];
  for (const row of rows) {
    lines.push([
      String(row.workers), String(row.views), row.seconds.toFixed(2), row.viewsPerSecond.toFixed(0),
      `${(row.viewsPerSecond / rows[0]!.viewsPerSecond).toFixed(2)}x`,
      row.notExactlyOnce.length === 0 ? 'yes' : `NO (${row.notExactlyOnce.length} samples)`,
      `${row.digest.slice(0, 16)}${row.digest === expectedDigest ? ' (= local)' : ' (DIFFERS)'}`,
    ]);
  }
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((line) => line[c]!.length)));
  return lines.map((line) => line.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}
