// Self-contained HTML run reports (inline SVG charts, data: URI images) and run comparison.
export {
  parseRunReport,
  serializeRunReport,
  type RunReport,
  type RunRole,
  type ModelSummary,
  type DatasetSummary,
  type StepSeries,
  type CurveProbeSummary,
  type TeacherSummary,
  type EpochRecord,
  type ProbeSummaries,
  type KnnProbeSummary,
  type LinearProbeSummary,
  type ConfusionSummary,
  type NeighbourGrid,
  type NeighbourQuery,
  type Neighbour,
  type Pixels,
} from './run-report.js';
export { renderReportHtml, type ReportHtmlOptions } from './html-report.js';
export { compareReports, type Comparison, type ComparisonRow } from './compare.js';
export { lineChart, niceTicks, type LineChartOptions, type ChartSeries, type ChartPoint } from './line-chart.js';
export { escapeHtml } from './format.js';
