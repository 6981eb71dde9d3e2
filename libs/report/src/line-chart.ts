import { escapeHtml } from './format.js';

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  name: string;
  /** A CSS colour. */
  color: string;
  points: ChartPoint[];
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  width?: number;
  height?: number;
  /** Ticks on x at whole numbers only (epochs). */
  integerX?: boolean;
  /** Tick label text; `step` is the tick spacing, for choosing decimals. */
  formatY?: (value: number, step: number) => string;
}

/** Room around the plot area for tick labels and axis titles (SVG user units). */
const CHART_MARGIN = { top: 14, right: 20, bottom: 46, left: 66 } as const;

const DEFAULT_WIDTH = 540;
const DEFAULT_HEIGHT = 320;
const TARGET_TICK_COUNT = 5;

export interface Ticks {
  values: number[];
  step: number;
}

/** Evenly spaced ticks at 1, 2 or 5 times a power of ten, covering [min, max]. */
export function niceTicks(min: number, max: number, targetCount = TARGET_TICK_COUNT, integer = false): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new Error(`niceTicks needs finite min <= max, got min=${min} max=${max}`);
  }
  if (min === max) {
    // A flat series still needs a visible range around it.
    const pad = integer ? 1 : Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const rawStep = (max - min) / targetCount;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const residual = rawStep / magnitude;
  let step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
  if (integer) step = Math.max(1, step);
  const decimals = tickDecimals(step);
  const first = Math.floor(min / step);
  const last = Math.ceil(max / step);
  const values: number[] = [];
  for (let i = first; i <= last; i++) values.push(Number((i * step).toFixed(decimals)));
  return { values, step };
}

/** Decimals that tell ticks `step` apart (0.05 -> 2, 20 -> 0). */
export function tickDecimals(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

/**
 * A line chart as an HTML <figure>: title, an inline <svg> (grid, axes with ticks and titles, one
 * <polyline> per series plus a marker per point) and an HTML legend, which wraps instead of clipping
 * long run names.
 */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const points = options.series.flatMap((series) => series.points);
  if (points.length === 0) throw new Error(`lineChart "${options.title}" has no points to draw`);
  const xTicks = niceTicks(
    Math.min(...points.map((p) => p.x)),
    Math.max(...points.map((p) => p.x)),
    TARGET_TICK_COUNT,
    options.integerX,
  );
  const yTicks = niceTicks(Math.min(...points.map((p) => p.y)), Math.max(...points.map((p) => p.y)));
  const plot = {
    left: CHART_MARGIN.left,
    top: CHART_MARGIN.top,
    width: width - CHART_MARGIN.left - CHART_MARGIN.right,
    height: height - CHART_MARGIN.top - CHART_MARGIN.bottom,
  };
  const xScale = linearScale(xTicks.values, plot.left, plot.left + plot.width);
  const yScale = linearScale(yTicks.values, plot.top + plot.height, plot.top);
  const formatX = (value: number) => value.toFixed(tickDecimals(xTicks.step));
  const formatY = options.formatY ?? ((value: number, step: number) => value.toFixed(tickDecimals(step)));
  // Point tooltips show one decimal more than the tick labels.
  const formatPointY = (value: number) => formatY(value, yTicks.step / 10);
  const bottom = plot.top + plot.height;

  const yGrid = yTicks.values.map((value) => {
    const y = round(yScale(value));
    return (
      `<line class="grid" x1="${plot.left}" x2="${plot.left + plot.width}" y1="${y}" y2="${y}"/>` +
      `<text class="tick" x="${plot.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">` +
      `${escapeHtml(formatY(value, yTicks.step))}</text>`
    );
  });
  const xGrid = xTicks.values.map((value) => {
    const x = round(xScale(value));
    return (
      `<line class="axis" x1="${x}" x2="${x}" y1="${bottom}" y2="${bottom + 5}"/>` +
      `<text class="tick" x="${x}" y="${bottom + 18}" text-anchor="middle">${escapeHtml(formatX(value))}</text>`
    );
  });
  const lines = options.series.map((series) => {
    const coordinates = series.points.map((p) => ({ x: round(xScale(p.x)), y: round(yScale(p.y)), point: p }));
    const color = escapeHtml(series.color);
    const markers = coordinates.map(
      ({ x, y, point }) =>
        `<circle cx="${x}" cy="${y}" r="3.5" fill="${color}"><title>${escapeHtml(series.name)}: ` +
        `${escapeHtml(options.xLabel)} ${escapeHtml(formatX(point.x))}, ` +
        `${escapeHtml(options.yLabel)} ${escapeHtml(formatPointY(point.y))}</title></circle>`,
    );
    return (
      `<polyline fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" ` +
      `points="${coordinates.map(({ x, y }) => `${x},${y}`).join(' ')}"/>${markers.join('')}`
    );
  });
  const legend = options.series.map(
    (series) =>
      `<li><span class="swatch" style="background:${escapeHtml(series.color)}"></span>${escapeHtml(series.name)}</li>`,
  );

  return [
    `<figure class="chart"><figcaption>${escapeHtml(options.title)}</figcaption>`,
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" `,
    `aria-label="${escapeHtml(options.title)}">`,
    ...yGrid,
    ...xGrid,
    `<line class="axis" x1="${plot.left}" x2="${plot.left + plot.width}" y1="${bottom}" y2="${bottom}"/>`,
    `<line class="axis" x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${bottom}"/>`,
    `<text class="axis-title" x="${round(plot.left + plot.width / 2)}" y="${height - 6}" text-anchor="middle">`,
    `${escapeHtml(options.xLabel)}</text>`,
    `<text class="axis-title" transform="rotate(-90)" x="${-round(plot.top + plot.height / 2)}" y="16" `,
    `text-anchor="middle">${escapeHtml(options.yLabel)}</text>`,
    ...lines,
    `</svg><ul class="legend">${legend.join('')}</ul></figure>`,
  ].join('');
}

/** Maps the tick range [first tick, last tick] linearly onto [from, to]. */
function linearScale(ticks: number[], from: number, to: number): (value: number) => number {
  const low = ticks[0]!;
  const high = ticks[ticks.length - 1]!;
  return (value) => from + ((value - low) / (high - low)) * (to - from);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
