import path from 'node:path';
import type { BackendName } from '@ssl-distill/runtime';
import type { BenchReport, Cell, Column } from './run.js';
import { isModelRow, rowLabel, type RowId } from './rows.js';
import type { TorchOutcome } from './torch.js';

type ModelMetric = 'forward' | 'train';
const MODEL_METRICS: Record<ModelMetric, string> = { forward: 'forward img/s', train: 'train img/s' };
const KNN_METRIC = 'probe time';

export function columnLabel({ backend, threads }: Column): string {
  return `${backend} ${threads}t`;
}

/** The report as an aligned text table: a line per row and metric, a column per backend and thread count, then notes. */
export function formatTable(report: BenchReport): string {
  const { settings } = report;
  const torch = report.torch?.status === 'ok' ? report.torch : undefined;
  const header = ['row', 'metric', ...report.columns.map(columnLabel), ...(torch ? settings.threads.map((t) => `torch ${t}t`) : [])];
  const lines: string[][] = [header];
  for (const row of settings.rows) {
    const label = `${row}  ${rowLabel(row, settings.knn)}`;
    const rowCells = report.columns.map((column) => cellOf(report, row, column));
    if (!isModelRow(row)) {
      lines.push([label, KNN_METRIC, ...rowCells.map(knnCellText), ...(torch ? settings.threads.map(() => '-') : [])]);
      continue;
    }
    for (const [metric, metricLabel] of Object.entries(MODEL_METRICS) as [ModelMetric, string][]) {
      const torchCells = (torch ? settings.threads : []).map((threads) => {
        const result = torch?.results.find((r) => r.row === row && r.threads === threads);
        return result ? formatRate(result.imagesPerSecond[metric]) : '-';
      });
      lines.push([label, metricLabel, ...rowCells.map((cell) => modelCellText(cell, metric, settings.batch)), ...torchCells]);
    }
  }
  return [...align(lines), '', ...notes(report)].join('\n');
}

function cellOf(report: BenchReport, row: RowId, { backend, threads }: Column): Cell {
  const cell = report.cells.find((c) => c.row === row && c.backend === backend && c.threads === threads);
  if (!cell) throw new Error(`report has no cell for row ${row}, ${backend} ${threads}t`);
  return cell;
}

function modelCellText(cell: Cell, metric: ModelMetric, requestedBatch: number): string {
  const { outcome } = cell;
  if (outcome.status !== 'ok') return failureText(cell.backend, outcome.status);
  const { measurement } = outcome;
  if (measurement.kind !== 'model') throw new Error(`row ${cell.row} has no ${metric} throughput`);
  const smallerBatch = fallbackBatch(cell, requestedBatch) ? '*' : '';
  const ratio = outcome.vsTorch ? ` (${outcome.vsTorch[metric].toFixed(2)}x)` : '';
  return `${formatRate(measurement[metric].imagesPerSecond)}${smallerBatch}${ratio}`;
}

function knnCellText(cell: Cell): string {
  const { outcome } = cell;
  if (outcome.status !== 'ok') return failureText(cell.backend, outcome.status);
  if (outcome.measurement.kind !== 'knn') throw new Error(`row ${cell.row} has no probe time`);
  return `${outcome.measurement.seconds.toFixed(2)} s`;
}

function failureText(backend: BackendName, status: 'oom' | 'unavailable' | 'failed'): string {
  switch (status) {
    case 'oom':
      return backend === 'wasm' ? 'OOM (wasm 4 GB cap)' : 'OOM';
    case 'unavailable':
      return 'n/a';
    case 'failed':
      return 'failed';
  }
}

/** The batch a model cell ran at when it is smaller than requested (after running out of memory). */
function fallbackBatch({ outcome }: Cell, requestedBatch: number): number | undefined {
  if (outcome.status !== 'ok' || outcome.measurement.kind !== 'model') return undefined;
  return outcome.measurement.batch < requestedBatch ? outcome.measurement.batch : undefined;
}

function formatRate(imagesPerSecond: number): string {
  return imagesPerSecond >= 100 ? imagesPerSecond.toFixed(0) : imagesPerSecond.toPrecision(3);
}

function align(lines: string[][]): string[] {
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((line) => line[i]!.length)));
  // Labels left, numbers right.
  return lines.map((line) => line.map((text, i) => (i < 2 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join('   ').trimEnd());
}

function notes(report: BenchReport): string[] {
  const { settings, host } = report;
  const notes = [
    `batch ${settings.batch}, ${plural(settings.steps, 'timed step')} after ${plural(settings.warmup, 'warm-up step')}; ` +
      'train = forward + softmax cross-entropy on a linear 10-way head + backward + SGD-momentum update',
  ];
  if (settings.rows.some((row) => !isModelRow(row))) notes.push('k-NN: one timed probe on random features, after a small untimed one');
  for (const cell of report.cells) {
    const batch = fallbackBatch(cell, settings.batch);
    if (batch && cell.outcome.status === 'ok') {
      notes.push(`* ${columnLabel(cell)} row ${cell.row} ran at batch ${batch}; at batch ${settings.batch}: ${cell.outcome.requestedBatchFailure}`);
    }
  }
  if (report.torch) notes.push(torchNote(report.torch));
  const failures = report.cells.flatMap(({ outcome, ...cell }) => {
    if (outcome.status === 'ok') return [];
    // A backend that did not start fails every row the same way: the Set says it once.
    const where = outcome.status === 'unavailable' ? columnLabel(cell) : `${columnLabel(cell)} row ${cell.row}`;
    return [`${where}: ${outcome.status}: ${outcome.reason}`];
  });
  notes.push(...new Set(failures));
  for (const reason of report.leftOut) notes.push(`left out ${reason}`);
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  notes.push(`load average (1/5/15 min) before ${load(host.loadAverageBefore)}, after ${load(host.loadAverageAfter)}; ${host.cpus} CPUs`);
  return notes;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function torchNote(torch: TorchOutcome): string {
  switch (torch.status) {
    case 'ok':
      return (
        `(r x) after a tfjs number: tfjs / PyTorch images/s at the same thread count; PyTorch ${torch.torchVersion} ` +
        `(${torch.python}, oneDNN ${torch.mkldnn ? 'on' : 'off'}, BLAS ${torch.blas.map((library) => path.basename(library)).join(', ') || 'none loaded'})`
      );
    case 'skipped':
      return `PyTorch columns skipped: ${torch.reason}`;
    case 'failed':
      return `PyTorch columns failed: ${torch.reason}`;
  }
}
