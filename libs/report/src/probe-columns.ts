import { formatDuration, formatParams, formatPercent, isFiniteNumber } from './format.js';
import type { RunReport } from './run-report.js';

/** One column of the probe table; the HTML page and `distill compare` both render these. */
export interface ProbeColumn {
  /** Property name in compareReports' JSON rows. */
  key: string;
  header: string;
  numeric: boolean;
  /** The raw value (fractions, counts, seconds); null where the run has none. */
  value(report: RunReport): string | number | null;
  format(value: string | number): string;
}

const asText = (value: string | number) => String(value);
const asPercent = (value: string | number) => formatPercent(value as number);

export const PROBE_COLUMNS: readonly ProbeColumn[] = [
  { key: 'name', header: 'Run', numeric: false, value: (r) => r.name, format: asText },
  { key: 'role', header: 'Role', numeric: false, value: (r) => r.role, format: asText },
  { key: 'method', header: 'Method', numeric: false, value: (r) => r.method, format: asText },
  { key: 'knnTop1', header: 'k-NN top-1', numeric: true, value: (r) => r.probes.knn?.top1 ?? null, format: asPercent },
  { key: 'knnTop5', header: 'k-NN top-5', numeric: true, value: (r) => r.probes.knn?.top5 ?? null, format: asPercent },
  {
    key: 'linearTop1',
    header: 'Linear top-1',
    numeric: true,
    value: (r) => r.probes.linear?.top1 ?? null,
    format: asPercent,
  },
  {
    key: 'linearTop5',
    header: 'Linear top-5',
    numeric: true,
    value: (r) => r.probes.linear?.top5 ?? null,
    format: asPercent,
  },
  {
    key: 'params',
    header: 'Params',
    numeric: true,
    value: (r) => r.model.params,
    format: (value) => formatParams(value as number),
  },
  {
    key: 'wallSeconds',
    header: 'Wall time',
    numeric: true,
    value: (r) => r.wallSeconds,
    format: (value) => formatDuration(value as number),
  },
];

/** The column's text for a run, or `missing` where the run has no value (or NaN, or no text). */
export function probeCell(column: ProbeColumn, report: RunReport, missing: string): string {
  const value = column.value(report);
  const usable = column.numeric ? isFiniteNumber(value) : typeof value === 'string' && value.length > 0;
  return usable ? column.format(value as string | number) : missing;
}
