import { describe, expect, it } from 'vitest';
import { parseRunReport, serializeRunReport } from './run-report.js';
import { makeRunReport, sampleReports } from './testing.js';

const [sampleTeacher] = sampleReports();
const sampleText = serializeRunReport(sampleTeacher);

/** The sample teacher as report.json would hold it, for editing one field at a time. */
function sampleJson(): any {
  return JSON.parse(sampleText);
}

describe('parseRunReport', () => {
  it('reads back what serializeRunReport wrote, pixels as Uint8Array', () => {
    expect(sampleText).not.toContain('"0":'); // typed arrays must not be written as index-keyed objects

    const parsed = parseRunReport(sampleText, 'runs/a/report.json');

    expect(parsed).toEqual(sampleTeacher);
    expect(parsed.neighbours!.queries[0]!.neighbours[0]!.pixels).toBeInstanceOf(Uint8Array);
  });

  it('accepts an already parsed object without optional sections', () => {
    const minimal = makeRunReport();
    expect(parseRunReport(JSON.parse(JSON.stringify(minimal)), 'x')).toEqual(minimal);
  });

  it.each([
    ['name', (r: any) => delete r.name, 'report.json: name must be a non-empty string, got nothing'],
    ['role', (r: any) => (r.role = 'pupil'), 'role must be "teacher" or "student", got "pupil"'],
    ['model.params', (r: any) => (r.model.params = -3), 'model.params must be an integer >= 0, got -3'],
    ['dataset.testCount', (r: any) => (r.dataset.testCount = '1000'), 'dataset.testCount must be an integer >= 0'],
    ['history[1].loss', (r: any) => (r.history[1].loss = null), 'history[1].loss must be a finite number, got null'],
    ['history[2].epoch order', (r: any) => (r.history[2].epoch = 2), 'history[2].epoch must be greater than the previous epoch (2)'],
    ['probes.knn.top1', (r: any) => (r.probes.knn.top1 = 90.6), 'probes.knn.top1 must be a fraction in [0, 1], got 90.6'],
    ['probes.knn.temperature', (r: any) => (r.probes.knn.temperature = 0), 'probes.knn.temperature must be a positive number'],
    ['probes.linear.epochs', (r: any) => (r.probes.linear.epochs = 1.5), 'probes.linear.epochs must be an integer >= 1'],
    ['confusion.matrix rows', (r: any) => r.confusion.matrix.pop(), 'confusion.matrix must be 10 rows (one per class name)'],
    ['confusion.matrix cell', (r: any) => (r.confusion.matrix[3][4] = -1), 'confusion.matrix[3][4] must be an integer >= 0'],
    ['neighbours.channels', (r: any) => (r.neighbours.channels = 2), 'neighbours.channels must be 1, 3 or 4, got 2'],
    [
      'neighbour pixels length',
      (r: any) => r.neighbours.queries[1].neighbours[2].pixels.pop(),
      'neighbours.queries[1].neighbours[2].pixels must be 784 values (height x width x channels), got an array of 783',
    ],
    [
      'pixel range',
      (r: any) => (r.neighbours.queries[0].pixels[5] = 256),
      'neighbours.queries[0].pixels[5] must be an integer in [0, 255], got 256',
    ],
    [
      'neighbour label',
      (r: any) => (r.neighbours.queries[0].neighbours[0].label = 10),
      'neighbours.queries[0].neighbours[0].label must be a class index below classNames.length (10), got 10',
    ],
    ['classNames', (r: any) => (r.classNames = []), 'classNames must be a non-empty array of names'],
  ])('names the bad field: %s', (_field, corrupt, message) => {
    const json = sampleJson();
    corrupt(json);
    expect(() => parseRunReport(json, 'report.json')).toThrow(message);
  });

  it('names the source when the text is not JSON', () => {
    expect(() => parseRunReport('{"runId":', 'runs/b/report.json')).toThrow(/^runs\/b\/report\.json: not valid JSON/);
  });
});
