import { PROBE_COLUMNS, probeCell } from './probe-columns.js';
import type { RunReport } from './run-report.js';

/** One run's probe numbers, raw (fractions, counts, seconds), null where the run has none. */
export type ComparisonRow = { runId: string } & Record<string, string | number | null>;

export interface Comparison {
  /** Aligned plain text for a terminal: text columns left-aligned, numbers right-aligned. */
  table: string;
  /** For `--json`. */
  rows: ComparisonRow[];
}

const COLUMN_GAP = '  ';

/** The probe table of several runs, for `distill compare` (the HTML page is renderReportHtml). */
export function compareReports(reports: RunReport[]): Comparison {
  if (reports.length === 0) throw new Error('compareReports needs at least one report, got none');
  const rows = reports.map((report) => {
    const row: ComparisonRow = { runId: report.runId };
    for (const column of PROBE_COLUMNS) row[column.key] = column.value(report);
    return row;
  });
  const cells = [
    PROBE_COLUMNS.map((column) => column.header),
    ...reports.map((report) => PROBE_COLUMNS.map((column) => probeCell(column, report, '-'))),
  ];
  const widths = PROBE_COLUMNS.map((_, c) => Math.max(...cells.map((line) => line[c]!.length)));
  const align = (text: string, c: number) =>
    PROBE_COLUMNS[c]!.numeric ? text.padStart(widths[c]!) : text.padEnd(widths[c]!);
  const lines = cells.map((line) => line.map(align).join(COLUMN_GAP).trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join(COLUMN_GAP));
  return { table: lines.join('\n'), rows };
}
