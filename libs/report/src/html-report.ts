import { confusionTable } from './confusion-table.js';
import { escapeHtml, formatFixed, formatPercent, isFiniteNumber, MISSING } from './format.js';
import { lineChart, tickDecimals, type ChartSeries } from './line-chart.js';
import { neighbourGrid } from './neighbour-grid.js';
import { PROBE_COLUMNS, probeCell } from './probe-columns.js';
import type { RunReport } from './run-report.js';

export interface ReportHtmlOptions {
  /** Defaults to the run's name, or "Comparison of N runs". */
  title?: string;
  /** Shown in the header; omitted by default so the same reports always give the same page. */
  date?: Date | string;
}

// Tableau 10: distinguishable, and readable on white.
const RUN_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;color:#1f2328;background:#fff}
header{border-bottom:2px solid #d0d7de;margin-bottom:16px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 10px}
h3{font-size:15px;margin:0 0 8px}
.meta{color:#57606a;margin:0 0 12px}
/* Wide tables scroll inside the page instead of running off its edge. */
.scroll{overflow-x:auto;max-width:100%}
table.data{border-collapse:collapse;font-variant-numeric:tabular-nums}
table.data th,table.data td{padding:5px 12px;border-bottom:1px solid #d0d7de;text-align:left;white-space:nowrap}
table.data th{background:#f6f8fa}
table.data .num{text-align:right}
table.data td:first-child{white-space:normal;min-width:10em;max-width:24em;overflow-wrap:anywhere}
table.details td{white-space:normal;min-width:5em}
table.details td:nth-child(2){white-space:nowrap}
pre.config{margin:0;min-width:30em;padding:8px 12px;background:#f6f8fa;border:1px solid #d0d7de;border-radius:4px;font-size:12px;max-height:32em;overflow:auto}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0}
figure.chart{width:540px;max-width:100%}
figure.chart figcaption{font-weight:600;margin-bottom:4px}
figure.chart svg{display:block;max-width:100%;height:auto}
svg .grid{stroke:#e6e8eb;stroke-width:1}
svg .axis{stroke:#57606a;stroke-width:1}
svg text{font:12px system-ui,"DejaVu Sans",sans-serif;fill:#1f2328}
svg .tick{fill:#57606a}
svg .axis-title{font-weight:600}
ul.legend{list-style:none;margin:4px 0 0 66px;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px}
ul.legend li{overflow-wrap:anywhere}
.panels{display:flex;flex-wrap:wrap;gap:32px;align-items:flex-start}
table.confusion{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:12px}
table.confusion td{width:40px;height:28px;text-align:center;border:1px solid #fff;color:#1f2328}
table.confusion td.dark{color:#fff}
table.confusion th{font-weight:600;padding:2px 6px;text-align:right;white-space:nowrap}
table.confusion thead th{vertical-align:bottom;text-align:center}
table.confusion th.corner{font-weight:400;color:#57606a;text-align:left;vertical-align:bottom}
.vertical{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
.neighbour-grid{display:flex;flex-direction:column;gap:10px}
.neighbour-row{display:flex;gap:6px;align-items:flex-start}
.neighbour-row figure{display:flex;flex-direction:column;align-items:center;width:84px;text-align:center}
.neighbour-row figure.query{margin-right:14px}
.neighbour-row img{image-rendering:pixelated;image-rendering:crisp-edges;border:3px solid #57606a;background:#000}
.neighbour-row figure.match img{border-color:#1a7f37}
.neighbour-row figure.mismatch img{border-color:#cf222e}
.neighbour-row figcaption{font-size:11px;line-height:1.3;overflow-wrap:anywhere;color:#57606a}
.neighbour-row figure.query figcaption{font-weight:600;color:#1f2328}
.right{color:#1a7f37}
.wrong{color:#cf222e}
.empty{color:#57606a;font-style:italic}
`;

/**
 * One self-contained HTML page (inline CSS, inline SVG, images as data: URIs; it opens offline)
 * for one run or a side-by-side comparison of several.
 */
export function renderReportHtml(reports: RunReport[] | RunReport, options: ReportHtmlOptions = {}): string {
  const given: unknown[] = Array.isArray(reports) ? reports : [reports];
  if (given.length === 0) throw new Error('renderReportHtml needs at least one report, got none');
  const runs = given.map(renderable);
  const colors = runs.map((_, i) => RUN_COLORS[i % RUN_COLORS.length]!);
  const title = options.title ?? (runs.length === 1 ? runs[0]!.name : `Comparison of ${runs.length} runs`);
  const date = options.date instanceof Date ? options.date.toISOString() : options.date ?? (runs.length === 1 ? runs[0]!.date : undefined);
  const meta = [date, `${runs.length} run${runs.length === 1 ? '' : 's'}`, datasetsLine(runs), ...(runs.length === 1 ? softwareLine(runs[0]!) : [])].filter(Boolean);

  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${escapeHtml(title)}</h1><p class="meta">${meta.map((part) => escapeHtml(part!)).join(' · ')}</p></header>`,
    guarded('Probes', () => `<section><h2>Probes</h2>${probeTable(runs, colors)}</section>`),
    guarded('Training', () => `<section><h2>Training</h2><div class="charts">${trainingCharts(runs, colors)}</div></section>`),
    guarded('Runs', () => `<section><h2>Runs</h2>${detailsTable(runs, colors)}</section>`),
    guarded('Configuration', () => configSection(runs)),
    guarded('Confusion matrices', () => confusionSection(runs)),
    guarded('Nearest training neighbours', () => neighbourSection(runs)),
    '</body></html>',
  ].join('\n');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOr = (value: unknown, fallback = MISSING) => (typeof value === 'string' && value.length > 0 ? value : fallback);

/**
 * The report as the page can draw it, whatever it was given (a report.json of an older or broken
 * run, a partial object): missing text becomes "—", missing lists become empty. Numbers are left
 * as they are; every number is formatted by helpers that show "—" for null, NaN or nothing.
 */
function renderable(value: unknown, index: number): RunReport {
  const run = isRecord(value) ? value : {};
  const dataset = isRecord(run['dataset']) ? run['dataset'] : {};
  return {
    ...(run as Partial<RunReport>),
    runId: textOr(run['runId']),
    name: textOr(run['name'], `run ${index + 1}`),
    role: run['role'] === 'teacher' ? 'teacher' : 'student',
    method: textOr(run['method']),
    model: (isRecord(run['model']) ? run['model'] : {}) as RunReport['model'],
    dataset: { ...(dataset as Partial<RunReport['dataset']>), train: textOr(dataset['train']), test: textOr(dataset['test']) } as RunReport['dataset'],
    backend: textOr(run['backend']),
    history: (Array.isArray(run['history']) ? run['history'] : []).filter(isRecord) as unknown as RunReport['history'],
    probes: (isRecord(run['probes']) ? run['probes'] : {}) as RunReport['probes'],
    classNames: Array.isArray(run['classNames']) ? run['classNames'].map(String) : [],
    ...(isRecord(run['confusion']) ? {} : { confusion: undefined }),
    ...(isRecord(run['neighbours']) ? {} : { neighbours: undefined }),
  } as RunReport;
}

/** A section that cannot be drawn from what it was given says so instead of failing the page. */
function guarded(title: string, render: () => string): string {
  try {
    return render();
  } catch (error) {
    return `<section><h2>${escapeHtml(title)}</h2><p class="empty">Not shown: ${escapeHtml(error instanceof Error ? error.message : String(error))}</p></section>`;
  }
}

/** Backend and versions of the software that made the run. */
function softwareLine(run: RunReport): string[] {
  const versions = isRecord(run.versions) ? Object.entries(run.versions).map(([name, version]) => `${name} ${String(version)}`) : [];
  return [`backend ${run.backend}`, ...versions];
}

/** Each run's resolved configuration as indented JSON, so it can be read and copied. */
function configSection(runs: RunReport[]): string {
  const panels = runs.flatMap((run) => (isRecord(run.config) ? [`<div class="panel scroll"><h3>${escapeHtml(run.name)}</h3><pre class="config">${escapeHtml(JSON.stringify(run.config, null, 2))}</pre></div>`] : []));
  return panels.length === 0 ? '' : `<section><h2>Configuration</h2><div class="panels">${panels.join('')}</div></section>`;
}

function datasetsLine(runs: RunReport[]): string {
  const datasets = new Set(runs.map((run) => `${run.dataset.train} → ${run.dataset.test}`));
  return `dataset ${[...datasets].join(', ')}`;
}

function runLabel(run: RunReport, color: string): string {
  return `<span class="swatch" style="background:${color}"></span>${escapeHtml(run.name)}`;
}

function probeTable(runs: RunReport[], colors: string[]): string {
  const header = PROBE_COLUMNS.map((column) => `<th${column.numeric ? ' class="num"' : ''}>${column.header}</th>`);
  const rows = runs.map((run, i) => {
    const cells = PROBE_COLUMNS.map((column) => {
      const text = column.key === 'name' ? runLabel(run, colors[i]!) : escapeHtml(probeCell(column, run, '—'));
      return `<td${column.numeric ? ' class="num"' : ''}>${text}</td>`;
    });
    return `<tr class="run-row">${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table class="data probes"><thead><tr>${header.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function trainingCharts(runs: RunReport[], colors: string[]): string {
  const seriesOf = (value: (record: RunReport['history'][number]) => number | undefined): ChartSeries[] =>
    runs
      .map((run, i) => ({
        name: run.name,
        color: colors[i]!,
        points: run.history.flatMap((record) => {
          const y = value(record);
          return isFiniteNumber(y) && isFiniteNumber(record.epoch) ? [{ x: record.epoch, y }] : [];
        }),
      }))
      .filter((series) => series.points.length > 0);

  const chartOrNote = (title: string, yLabel: string, series: ChartSeries[], formatY?: typeof percentTick) =>
    series.length === 0
      ? `<p class="empty">${escapeHtml(title)}: no run recorded it.</p>`
      : lineChart({ title, xLabel: 'epoch', yLabel, series, integerX: true, formatY });

  const perStep = (values: (run: RunReport) => unknown): ChartSeries[] =>
    runs
      .map((run, i) => ({ name: run.name, color: colors[i]!, points: stepPoints(values(run)) }))
      .filter((series) => series.points.length > 0);
  const stepChart = (title: string, yLabel: string, series: ChartSeries[]) =>
    series.length === 0 ? '' : lineChart({ title, xLabel: 'step', yLabel, series, integerX: true });

  return (
    chartOrNote('Training loss per epoch', 'loss', seriesOf((record) => record.loss)) +
    stepChart('Training loss per step', 'loss', perStep((run) => run.steps?.loss)) +
    stepChart('Learning rate per step', 'learning rate', perStep((run) => run.steps?.learningRate)) +
    chartOrNote(`k-NN top-1 accuracy per epoch (${curveProbeLine(runs)})`, 'k-NN top-1', seriesOf((record) => record.knnTop1), percentTick) +
    chartOrNote('Training throughput per epoch', 'images/s', seriesOf((record) => record.imagesPerSecond))
  );
}

// A chart of every step of a long run would draw thousands of markers: average into buckets instead.
const MAX_STEP_POINTS = 300;

/** (step, value) points of a per-step series (steps from 1), bucket means when there are many; non-finite values skipped. */
function stepPoints(values: unknown): { x: number; y: number }[] {
  if (!Array.isArray(values)) return [];
  const size = Math.max(1, Math.ceil(values.length / MAX_STEP_POINTS));
  const points: { x: number; y: number }[] = [];
  for (let start = 0; start < values.length; start += size) {
    const bucket = values.slice(start, start + size).filter(isFiniteNumber);
    if (bucket.length > 0) points.push({ x: start + Math.ceil(size / 2), y: bucket.reduce((sum, value) => sum + value, 0) / bucket.length });
  }
  return points;
}

/** What the per-epoch probe really ran on, as the runs recorded it. */
function curveProbeLine(runs: RunReport[]): string {
  const sizes = new Set(runs.flatMap((run) => (isRecord(run.curveProbe) ? [`${formatFixed(run.curveProbe.trainImages, 0)} train, ${formatFixed(run.curveProbe.testImages, 0)} test images`] : [])));
  return sizes.size === 0 ? 'quick probe on subsets' : `quick probe: ${[...sizes].join('; ')}`;
}

function percentTick(value: number, step: number): string {
  return formatPercent(value, tickDecimals(step * 100));
}

function detailsTable(runs: RunReport[], colors: string[]): string {
  const header = ['Run', 'Run id', 'Model', 'Dataset (images)', 'Backend', 'Seed', 'Epochs', 'Final loss', 'Images/s', 'Probes', 'Teacher (k-NN / linear top-1)'];
  const rows = runs.map((run, i) => {
    const model = Object.entries(run.model)
      .filter(([key]) => key !== 'params')
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    const lastEpoch = run.history[run.history.length - 1];
    const probes = [
      run.probes.knn && `k-NN k=${formatFixed(run.probes.knn.k, 0)} T=${run.probes.knn.temperature ?? MISSING}`,
      run.probes.linear && `linear ${formatFixed(run.probes.linear.epochs, 0)} epochs`,
    ].filter(Boolean);
    const cells = [
      escapeHtml(run.runId),
      escapeHtml(model || '—'),
      `${escapeHtml(run.dataset.train)} (${formatFixed(run.dataset.trainCount, 0)}) → ${escapeHtml(run.dataset.test)} (${formatFixed(run.dataset.testCount, 0)})`,
      escapeHtml(run.backend),
      formatFixed(run.seed, 0),
      String(run.history.length),
      formatFixed(lastEpoch?.loss, 4),
      formatFixed(lastEpoch?.imagesPerSecond, 0),
      escapeHtml(probes.join(', ') || '—'),
      teacherCell(run),
    ];
    return `<tr><td>${runLabel(run, colors[i]!)}</td>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  return (
    `<div class="scroll"><table class="data details"><thead><tr>${header.map((name) => `<th>${name}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

/** A student's teacher and its test numbers, so the two can be read side by side. */
function teacherCell(run: RunReport): string {
  if (!isRecord(run.teacher)) return MISSING;
  const probes: RunReport['probes'] = isRecord(run.teacher.probes) ? run.teacher.probes : {};
  const percent = (value: unknown) => (isFiniteNumber(value) ? formatPercent(value) : MISSING);
  return `${escapeHtml(textOr(run.teacher.name))}: ${percent(probes.knn?.top1)} / ${percent(probes.linear?.top1)}`;
}

function confusionSection(runs: RunReport[]): string {
  const panels = runs.flatMap((run) =>
    run.confusion ? [`<div class="panel scroll"><h3>${escapeHtml(run.name)}</h3>${confusionTable(run.confusion)}</div>`] : [],
  );
  return panels.length === 0 ? '' : `<section><h2>Confusion matrices</h2><div class="panels">${panels.join('')}</div></section>`;
}

function neighbourSection(runs: RunReport[]): string {
  const panels = runs.flatMap((run) =>
    run.neighbours
      ? [`<div class="panel scroll"><h3>${escapeHtml(run.name)}</h3>${neighbourGrid(run.neighbours, run.classNames)}</div>`]
      : [],
  );
  return panels.length === 0
    ? ''
    : `<section><h2>Nearest training neighbours of test images</h2><div class="panels">${panels.join('')}</div></section>`;
}
