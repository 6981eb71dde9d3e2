import path from 'node:path';
import type { BackendName } from '@ssl-distill/runtime';
import type { StepProfile } from './protocol.js';
import { cellRates, type BenchReport, type Cell, type Column } from './run.js';
import { batchOf, isAugmentRow, isModelRow, metricsOf, MODEL_ROWS, rowLabel, type RowId } from './rows.js';
import type { TorchMetric, TorchOutcome } from './torch.js';

const METRIC_LABELS: Record<TorchMetric, string> = { forward: 'forward img/s', train: 'train img/s', views: 'views/s a core' };
const KNN_METRIC = 'probe time';
/** Kernels listed per profiled step; the rest are summed in one line. */
const PROFILE_KERNELS = 25;

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
    if (!isModelRow(row) && !isAugmentRow(row)) {
      lines.push([label, KNN_METRIC, ...rowCells.map(knnCellText), ...(torch ? settings.threads.map(() => '-') : [])]);
      continue;
    }
    const metrics: readonly TorchMetric[] = isModelRow(row) ? metricsOf(row) : ['views'];
    for (const metric of metrics) {
      const torchCells = (torch ? settings.threads : []).map((threads) => {
        const rate = torch?.results.find((r) => r.row === row && r.threads === threads)?.rates[metric];
        return rate === undefined ? '-' : formatRate(rate);
      });
      lines.push([label, METRIC_LABELS[metric], ...rowCells.map((cell) => rateCellText(cell, metric, batchOf(row, settings))), ...torchCells]);
    }
  }
  return [...align(lines), '', ...notes(report), ...profiles(report)].join('\n');
}

function cellOf(report: BenchReport, row: RowId, { backend, threads }: Column): Cell {
  const cell = report.cells.find((c) => c.row === row && c.backend === backend && c.threads === threads);
  if (!cell) throw new Error(`report has no cell for row ${row}, ${backend} ${threads}t`);
  return cell;
}

function rateCellText(cell: Cell, metric: TorchMetric, requestedBatch: number): string {
  const { outcome } = cell;
  if (outcome.status !== 'ok') return failureText(cell.backend, outcome.status);
  const rate = cellRates(outcome.measurement)[metric];
  if (rate === undefined) throw new Error(`row ${cell.row} has no ${metric} rate`);
  const smallerBatch = fallbackBatch(cell, requestedBatch) ? '*' : '';
  const ratio = outcome.vsTorch?.[metric];
  return `${formatRate(rate)}${smallerBatch}${ratio === undefined ? '' : ` (${ratio.toFixed(2)}x)`}`;
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
  const modelRows = settings.rows.filter(isModelRow);
  const batches = [...new Set(modelRows.map((row) => batchOf(row, settings)))].sort((a, b) => b - a);
  const batchText = batches
    .map((batch) => `batch ${batch}${batches.length > 1 ? ` (${modelRows.filter((row) => batchOf(row, settings) === batch).join(', ')})` : ''}`)
    .join(', ');
  const notes: string[] = [];
  if (modelRows.length > 0) {
    notes.push(
      `${batchText}, ${plural(settings.steps, 'timed step')} after ${plural(settings.warmup, 'warm-up step')}; ` +
        'train = forward + softmax cross-entropy on a linear 10-way head + backward + SGD-momentum update',
    );
  }
  if (settings.rows.includes('knn')) notes.push('k-NN: one timed probe on random features, after a small untimed one');
  if (settings.rows.some(isAugmentRow)) {
    notes.push(
      'views/s a core: SimCLR preset views (crop, flip, colour jitter, grayscale, blur, normalise) per second of CPU time; ' +
        'PyTorch: torchvision transforms on PIL images + ToTensor + Normalize',
    );
  }
  const params = paramsNote(report);
  if (params) notes.push(params);
  for (const cell of report.cells) {
    const batch = fallbackBatch(cell, batchOf(cell.row, settings));
    if (batch && cell.outcome.status === 'ok') {
      notes.push(`* ${columnLabel(cell)} row ${cell.row} ran at batch ${batch}; at batch ${batchOf(cell.row, settings)}: ${cell.outcome.requestedBatchFailure}`);
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

/** Trainable backbone parameters per model row, beside torchvision's where bench.py reported them. */
function paramsNote(report: BenchReport): string | undefined {
  const torch = report.torch?.status === 'ok' ? report.torch : undefined;
  const parts = report.settings.rows.filter(isModelRow).flatMap((row) => {
    const measured = report.cells.find((cell) => cell.row === row && cell.outcome.status === 'ok' && cell.outcome.measurement.kind === 'model');
    if (measured?.outcome.status !== 'ok' || measured.outcome.measurement.kind !== 'model') return [];
    const torchParams = torch?.results.find((result) => result.row === row && result.params !== undefined)?.params;
    const reference = torchParams === undefined ? '' : ` (torchvision ${torchParams.toLocaleString('en-US')})`;
    return [`${row} ${measured.outcome.measurement.params.toLocaleString('en-US')}${reference}`];
  });
  return parts.length === 0 ? undefined : `trainable backbone parameters: ${parts.join(', ')}`;
}

/** Each profiled cell's kernels of one step: time, share of the summed kernel time, calls and the backend that ran them. */
function profiles(report: BenchReport): string[] {
  return report.cells.flatMap((cell) => {
    if (cell.outcome.status !== 'ok' || cell.outcome.measurement.kind !== 'model' || !cell.outcome.measurement.profile) return [];
    const profile: StepProfile = cell.outcome.measurement.profile;
    const total = profile.kernels.reduce((sum, kernel) => sum + kernel.ms, 0);
    const shown = profile.kernels.slice(0, PROFILE_KERNELS);
    const rest = profile.kernels.slice(PROFILE_KERNELS);
    const line = (name: string, ms: number, calls: number, ranOn: string) => [name, `${ms.toFixed(1)} ms`, `${((100 * ms) / total).toFixed(1)}%`, String(calls), ranOn];
    const table = [
      ['kernel', 'time', 'share', 'calls', 'ran on'],
      ...shown.map((kernel) => line(kernel.kernel, kernel.ms, kernel.calls, kernel.ranOn)),
      ...(rest.length > 0 ? [line(`${rest.length} more kernels`, rest.reduce((sum, k) => sum + k.ms, 0), rest.reduce((sum, k) => sum + k.calls, 0), '')] : []),
    ];
    const { description, inputShape } = MODEL_ROWS[cell.row as keyof typeof MODEL_ROWS];
    return [
      '',
      `profile: ${columnLabel(cell)} row ${cell.row} (${description}, ${inputShape.join('x')}, batch ${cell.outcome.measurement.batch}), one ${profile.phase} step: ` +
        `${total.toFixed(0)} ms in kernels, ${profile.wallMs.toFixed(0)} ms wall`,
      ...alignLeft(table),
    ];
  });
}

function alignLeft(lines: string[][]): string[] {
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((line) => line[i]!.length)));
  return lines.map((line) => line.map((text, i) => (i === 0 || i === 4 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join('   ').trimEnd());
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
