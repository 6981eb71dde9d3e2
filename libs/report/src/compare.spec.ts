import { describe, expect, it } from 'vitest';
import { compareReports } from './compare.js';
import { makeRunReport } from './testing.js';

const teacher = makeRunReport({
  runId: 'run-t',
  name: 'big teacher',
  role: 'teacher',
  method: 'simclr',
  model: { kind: 'resnet18', params: 11_168_832 },
  wallSeconds: 1843.6,
  probes: {
    knn: { top1: 0.8123, top5: 0.9871, k: 200, temperature: 0.07 },
    linear: { top1: 0.9, top5: 0.995, epochs: 100 },
  },
});
const student = makeRunReport({ runId: 'run-s', name: 's', wallSeconds: 7.24 });

describe('compareReports', () => {
  const { table, rows } = compareReports([teacher, student]);

  it('aligns every column: text left, numbers right', () => {
    expect(table.split('\n')).toEqual([
      'Run          Role     Method  k-NN top-1  k-NN top-5  Linear top-1  Linear top-5  Params  Wall time',
      '-----------  -------  ------  ----------  ----------  ------------  ------------  ------  ---------',
      'big teacher  teacher  simclr       81.2%       98.7%         90.0%         99.5%  11.17M    30m 44s',
      's            student  seed         60.0%       90.0%             -             -   52.0k       7.2s',
    ]);
  });

  it('gives raw values for --json, null where a run has no probe', () => {
    expect(rows).toEqual([
      {
        runId: 'run-t',
        name: 'big teacher',
        role: 'teacher',
        method: 'simclr',
        knnTop1: 0.8123,
        knnTop5: 0.9871,
        linearTop1: 0.9,
        linearTop5: 0.995,
        params: 11_168_832,
        wallSeconds: 1843.6,
      },
      {
        runId: 'run-s',
        name: 's',
        role: 'student',
        method: 'seed',
        knnTop1: 0.6,
        knnTop5: 0.9,
        linearTop1: null,
        linearTop5: null,
        params: 52_000,
        wallSeconds: 7.24,
      },
    ]);
  });

  it('refuses an empty list', () => {
    expect(() => compareReports([])).toThrow('compareReports needs at least one report, got none');
  });
});
