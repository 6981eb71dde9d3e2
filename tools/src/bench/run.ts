// The parent side: one child process per backend x threads x row (so a backend is chosen once per
// process, and one row's wasm heap growth or out-of-memory abort cannot touch the next row), run one
// after another so they do not compete for cores; then the optional PyTorch columns.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { BackendName } from '@ssl-distill/runtime';
import type { BenchSettings } from './options.js';
import { CHILD_ENTRY, REPO_ROOT } from './paths.js';
import { WASM_HEAP_CAP_BYTES, type CellJob, type ChildMessage, type ChildReport, type Measurement } from './protocol.js';
import { batchOf, isAugmentRow, isModelRow, type RowId } from './rows.js';
import { runTorchBench, type TorchMetric, type TorchOutcome, type TorchResult } from './torch.js';

export interface Column {
  backend: BackendName;
  threads: number;
}

/** tfjs images/s (views/s) divided by PyTorch's, at the same row and thread count, for the metrics both measured. */
export type TorchRatio = Partial<Record<TorchMetric, number>>;

export type CellOutcome =
  | {
      status: 'ok';
      measurement: Measurement;
      backendDetail: string;
      /** Why the requested batch did not run, when the measurement is at a smaller one. */
      requestedBatchFailure?: string;
      vsTorch?: TorchRatio;
    }
  | { status: 'oom' | 'unavailable' | 'failed'; reason: string };

export interface Cell extends Column {
  row: RowId;
  outcome: CellOutcome;
}

export interface BenchReport {
  settings: Omit<BenchSettings, 'json'>;
  /** The configurations in the table, in order. */
  columns: Column[];
  cells: Cell[];
  /** Present when --torch was given. */
  torch?: TorchOutcome;
  /** Configurations left out of the table (their backend did not start, and --backends did not ask for it), and why. */
  leftOut: string[];
  host: { cpus: number; loadAverageBefore: number[]; loadAverageAfter: number[] };
}

/** How V8 dies when the JS heap is full (cpu and native keep tensors there). */
const V8_OUT_OF_MEMORY = /JavaScript heap out of memory/;
const OUTPUT_TAIL_CHARS = 4000;

export async function runBench(settings: BenchSettings, progress: (line: string) => void = () => {}): Promise<BenchReport> {
  const { json: _json, ...reportedSettings } = settings;
  const loadAverageBefore = os.loadavg();
  const columns: Column[] = [];
  const cells: Cell[] = [];
  const leftOut: string[] = [];
  for (const backend of settings.backends) {
    for (const threads of settings.threads) {
      const column = { backend, threads };
      const columnCells = await runColumn(column, settings, progress);
      const first = columnCells[0]!.outcome;
      if (first.status === 'unavailable' && !settings.backendsGiven) {
        leftOut.push(`${backend} ${threads}t: ${first.reason}`);
        continue;
      }
      columns.push(column);
      cells.push(...columnCells);
    }
  }
  let torch: TorchOutcome | undefined;
  if (settings.torch) {
    progress('bench: PyTorch columns');
    torch = await runTorchColumns(settings);
    if (torch.status === 'ok') addTorchRatios(cells, torch.results);
  }
  return {
    settings: reportedSettings,
    columns,
    cells,
    ...(torch && { torch }),
    leftOut,
    host: { cpus: os.availableParallelism(), loadAverageBefore, loadAverageAfter: os.loadavg() },
  };
}

/** bench.py once per batch size among the rows (the 224 px rows have their own), results merged. */
async function runTorchColumns(settings: BenchSettings): Promise<TorchOutcome> {
  const rows = settings.rows.filter((row) => isModelRow(row) || isAugmentRow(row));
  const batches = [...new Set(rows.map((row) => batchOf(row, settings)))];
  const { threads, steps, warmup, python } = settings;
  let merged: TorchOutcome | undefined;
  for (const batch of batches) {
    const outcome = await runTorchBench({ rows: rows.filter((row) => batchOf(row, settings) === batch), threads, batch, steps, warmup, python });
    if (outcome.status !== 'ok') return outcome;
    merged = merged?.status === 'ok' ? { ...merged, results: [...merged.results, ...outcome.results] } : outcome;
  }
  return merged ?? { status: 'skipped', reason: 'no model or augmentation rows requested' };
}

async function runColumn(column: Column, settings: BenchSettings, progress: (line: string) => void): Promise<Cell[]> {
  const { steps, warmup, knn, profile } = settings;
  const cells: Cell[] = [];
  for (const row of settings.rows) {
    const started = performance.now();
    const batch = batchOf(row, settings);
    const outcome = await runCell({ ...column, row, batch, steps, warmup, knn, profile }, settings.stepTimeoutSeconds);
    const seconds = (performance.now() - started) / 1000;
    const ranAt = outcome.status === 'ok' && outcome.measurement.kind === 'model' ? outcome.measurement.batch : batch;
    const smallerBatch = ranAt < batch ? ` at batch ${ranAt}` : '';
    progress(`bench: ${column.backend} ${column.threads}t row ${row}: ${outcome.status}${smallerBatch} (${seconds.toFixed(0)} s)`);
    if (outcome.status === 'unavailable') {
      // A backend that did not start will not start for the other rows either.
      return [...cells, ...settings.rows.slice(cells.length).map((unstarted) => ({ ...column, row: unstarted, outcome }))];
    }
    cells.push({ ...column, row, outcome });
  }
  return cells;
}

/** Runs one cell; a model row that runs out of memory is retried once at half the batch (the cell then shows that batch). */
async function runCell(job: CellJob, stepTimeoutSeconds: number): Promise<CellOutcome> {
  const outcome = await runChild(job, stepTimeoutSeconds);
  if (outcome.status !== 'oom' || !isModelRow(job.row) || job.batch < 2) return outcome;
  const retry = await runChild({ ...job, batch: Math.floor(job.batch / 2) }, stepTimeoutSeconds);
  return retry.status === 'ok' ? { ...retry, requestedBatchFailure: outcome.reason } : outcome;
}

async function runChild(job: CellJob, stepTimeoutSeconds: number): Promise<CellOutcome> {
  const child = fork(CHILD_ENTRY, [JSON.stringify(job)], {
    cwd: REPO_ROOT,
    execArgv: ['--conditions=@ssl-distill/source', '--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keepTail = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS));
  child.stdout!.on('data', keepTail);
  child.stderr!.on('data', keepTail);
  let report: ChildReport | undefined;
  let stall: { resident: number | undefined } | undefined;
  const stallTimer = setTimeout(() => {
    stall = { resident: residentBytes(child.pid) };
    child.kill('SIGKILL');
  }, stepTimeoutSeconds * 1000);
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'step') stallTimer.refresh();
    else report = message.report;
  });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(stallTimer);
  if (stall) return stalledOutcome(job, stepTimeoutSeconds, stall.resident);
  if (report?.ok) return { status: 'ok', measurement: report.measurement, backendDetail: report.backendDetail };
  if (report?.stage === 'backend') return { status: 'unavailable', reason: report.message };
  if (report) return { status: report.outOfMemory ? 'oom' : 'failed', reason: report.message };
  const reason = `child exited with ${signal ?? `code ${code}`}: ${crashSummary(output)}`;
  return { status: V8_OUT_OF_MEMORY.test(output) ? 'oom' : 'failed', reason };
}

/**
 * tfjs-backend-wasm's threaded build spins for ever, instead of aborting, when an allocation in a pool
 * thread fails: a stalled wasm child holding (nearly) its whole 4 GiB heap has run out of memory.
 */
function stalledOutcome(job: CellJob, stepTimeoutSeconds: number, resident: number | undefined): CellOutcome {
  const stalled = `no step finished in ${stepTimeoutSeconds} s, killed`;
  if (resident === undefined) return { status: 'failed', reason: stalled };
  const residentNote = `${stalled} with ${(resident / 2 ** 30).toFixed(2)} GiB resident`;
  const heapFull = job.backend === 'wasm' && resident > WASM_HEAP_CAP_BYTES - 2 ** 30;
  return heapFull ? { status: 'oom', reason: `${residentNote}: wasm's heap is full` } : { status: 'failed', reason: residentNote };
}

/** A process's resident memory, from Linux's /proc; undefined where that cannot be read. */
function residentBytes(pid: number | undefined): number | undefined {
  try {
    const kibibytes = /^VmRSS:\s*(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kibibytes === undefined ? undefined : Number(kibibytes) * 1024;
  } catch {
    return undefined;
  }
}

/** The thrown error's line of an uncaught crash (it sits between source excerpt and stack), else the last line. */
function crashSummary(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.at(-1) ?? 'no output';
}

/** A cell's rates by metric: images/s for model rows, views per CPU second for augmentation rows. */
export function cellRates(measurement: Measurement): Partial<Record<TorchMetric, number>> {
  switch (measurement.kind) {
    case 'model':
      return {
        ...(measurement.forward && { forward: measurement.forward.imagesPerSecond }),
        ...(measurement.train && { train: measurement.train.imagesPerSecond }),
      };
    case 'augment':
      return { views: measurement.viewsPerCpuSecond };
    case 'knn':
      return {};
  }
}

export function addTorchRatios(cells: Cell[], results: TorchResult[]): void {
  for (const cell of cells) {
    if (cell.outcome.status !== 'ok') continue;
    const reference = results.find((result) => result.row === cell.row && result.threads === cell.threads);
    if (!reference) continue;
    const ratios: TorchRatio = {};
    for (const [metric, rate] of Object.entries(cellRates(cell.outcome.measurement)) as [TorchMetric, number][]) {
      const torchRate = reference.rates[metric];
      if (torchRate !== undefined) ratios[metric] = rate / torchRate;
    }
    if (Object.keys(ratios).length > 0) cell.outcome.vsTorch = ratios;
  }
}
