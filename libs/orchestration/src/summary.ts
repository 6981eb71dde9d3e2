// The table a pipeline run prints: one row per teacher and student, then where teacher features came from.
import type { PipelineResult } from './jobs.js';
import { describeImportedTeacher } from '@ssl-distill/stages';

const percent = (value: number | undefined) => (value === undefined ? '-' : `${(value * 100).toFixed(2)}%`);

export function formatResult(result: PipelineResult & { backend: string }): string {
  const { rows } = result;
  if (result.imports) {
    return [
      ...result.imports.flatMap((row) => [
        `dataset ${row.name}: ${row.datasetId}, ${row.count} images${row.skipped.length > 0 ? `, ${row.skipped.length} bad files skipped:` : ''}`,
        ...row.skipped.map((bad) => `  ${bad.file}: ${bad.reason}`),
      ]),
      `total ${result.seconds.toFixed(1)} s`,
    ].join('\n');
  }
  // Own-head columns only when some run has them (supervised, KD and self-distillation runs).
  const withClassifier = rows.some((r) => r.classifierTop1 !== undefined);
  const withHeads = rows.some((r) => r.headsTop1 !== undefined);
  const header = [
    'run', 'role', 'method', 'k-NN top-1', 'k-NN top-5', 'linear top-1',
    ...(withClassifier ? ['classifier top-1'] : []), ...(withHeads ? ['heads top-1 (shallow..deep)'] : []), 'train s', 'wall s',
  ];
  const cells = rows.map((r) => [
    r.name, r.role, r.method, percent(r.knnTop1), percent(r.knnTop5), percent(r.linearTop1),
    ...(withClassifier ? [percent(r.classifierTop1)] : []),
    ...(withHeads ? [r.headsTop1?.map(percent).join(' / ') ?? '-'] : []),
    r.trainSeconds.toFixed(1), r.wallSeconds.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const extracts = result.extracts.map((e) => `teacher features (${e.teacher}, plan ${e.plan}${e.student ? `, for ${e.student}` : ''}): ${e.cached ? 'cached, 0 teacher forward passes' : `${e.teacherImages} teacher forward passes`}, ${e.seconds.toFixed(1)} s`);
  const runs = rows.map((r) => `${r.name}: run ${r.runId}${r.report ? `, report ${r.report}` : ' (not evaluated)'}`);
  const imported = (result.importedTeachers ?? []).map(describeImportedTeacher);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), '', ...runs, '', ...imported, ...extracts, `backend: ${result.backend}; total ${result.seconds.toFixed(1)} s`].join('\n');
}
