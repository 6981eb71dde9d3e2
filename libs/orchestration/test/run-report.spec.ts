// What a finished pipeline's reports hold beside the probes: the resolved config, date, versions,
// per-step loss and learning rate, throughput, the per-epoch probe's real subset, dataset names,
// and for a student its teacher's numbers.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunReport, type RunReport } from '@ssl-distill/report';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatResult } from '../src/summary.js';
import { parsePipeline } from '@ssl-distill/spec';
import { runPipelineHere } from '../src/workers.js';
import { TINY_YAML } from './helpers.js';

let dir: string;
let store: FileSystemStore;
let result: Awaited<ReturnType<typeof runPipelineHere>>;
const reports: Record<string, RunReport> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'run-report-spec-'));
  store = new FileSystemStore(join(dir, 'store'));
  result = await runPipelineHere(parsePipeline(TINY_YAML, 'tiny.yaml'), { store, progress: () => {}, log: () => {} });
  for (const row of result.rows) {
    const key = `runs/${row.runId}/report.json`;
    reports[row.name] = parseRunReport(new TextDecoder().decode(await store.getVerified(key)), key);
  }
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a run report', () => {
  it('names the datasets, not their hashes; the per-epoch probe gives its real subset (64 test images, not 1k)', () => {
    const { small } = reports;
    expect(small!.dataset).toMatchObject({ train: 'train', test: 'test', trainCount: 128, testCount: 64 });
    expect(small!.dataset.trainId).toMatch(/^[0-9a-f]{16}$/);
    expect(small!.curveProbe).toEqual({ trainImages: 128, testImages: 64 });
  });

  it('holds the resolved config: model, method and its config as built, optimizer, view plan', () => {
    const config = reports['small']!.config as Record<string, any>;
    expect(config['method']).toBe('seed');
    expect(config['model']).toMatchObject({ kind: 'resnet', widths: [4, 8] });
    expect(config['optimizer']).toMatchObject({ name: expect.any(String), lr: expect.any(Number) });
    expect(config['viewPlan']).toMatchObject({ kind: 'replay', epochs: 1, views: 2 });
    // What the method was built with: the pipeline's queueSize and the derived teacher width (16, the projector's).
    expect(config['methodConfig']).toMatchObject({ queueSize: 64, teacherDim: 16, schedule: { totalSteps: 4 } });
  });

  it('has a date, the backend and versions, every step\'s loss and learning rate, and throughput', () => {
    const small = reports['small']!;
    expect(Date.parse(small.date!)).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(small.versions).toMatchObject({ 'ssl-distill': expect.stringMatching(/^\d+\.\d+\.\d+/), tfjs: '4.22.0' });
    expect(small.steps!.loss).toHaveLength(4); // 128 images, batch 32, 1 epoch
    expect(small.steps!.learningRate).toHaveLength(4);
    // The epoch's loss is the mean of its steps'.
    expect(small.history[0]!.loss).toBeCloseTo(small.steps!.loss.reduce((a, b) => a + b, 0) / 4, 5);
    expect(small.history[0]!.imagesPerSecond).toBeGreaterThan(0);
  });

  it("shows a student its teacher's numbers, as the teacher's own report has them", async () => {
    expect(reports['small']!.teacher).toEqual({ name: 'big', runId: reports['big']!.runId, probes: reports['big']!.probes });
    expect(reports['big']!.teacher).toBeUndefined();
    const html = await readFile(store.locate(`runs/${reports['small']!.runId}/report.html`), 'utf8');
    expect(html).toContain(`big: ${(reports['big']!.probes.knn!.top1 * 100).toFixed(1)}%`);
  });

  it('the text summary names each run id and the path of its report', () => {
    const text = formatResult(result);
    for (const row of result.rows) expect(text).toContain(`${row.name}: run ${row.runId}, report ${join(store.root, 'runs', row.runId, 'report.html')}`);
  });
});
