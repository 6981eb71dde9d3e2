import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './html-report.js';
import type { RunReport } from './run-report.js';
import { makeRunReport, sampleReports } from './testing.js';

const [teacher, student] = sampleReports();
const hostile = makeRunReport({
  runId: 'run-hostile',
  name: '<script>alert(1)</script>',
  method: 'kd" onload="x',
  // No per-epoch k-NN accuracy: this run has a loss series but no accuracy series.
  history: [
    { epoch: 1, loss: 1.5 },
    { epoch: 2, loss: 1.25 },
  ],
  confusion: { classNames: ['<b>zero</b>', 'one & two'], matrix: [[7, 3], [2, 8]] },
});
const runs: RunReport[] = [teacher, student, hostile];
const html = renderReportHtml(runs, { title: 'Compare <all>' });

function allMatches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1] ?? match[0]);
}

function chartSvg(label: string, page = html): string {
  const svg = allMatches(page, /<svg[\s\S]*?<\/svg>/g).find((block) => block.includes(`aria-label="${label}"`));
  if (!svg) throw new Error(`no chart labelled ${label}`);
  return svg;
}

describe('renderReportHtml', () => {
  it('is self-contained: no network references, scripts or external styles', () => {
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    const sources = allMatches(html, /src="([^"]*)"/g);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
  });

  it('escapes run names, methods, class names and the title', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('kd&quot; onload=&quot;x');
    expect(html).not.toContain('<b>zero</b>');
    expect(html).toContain('&lt;b&gt;zero&lt;/b&gt;');
    expect(html).toContain('one &amp; two');
    expect(html).toContain('<h1>Compare &lt;all&gt;</h1>');
  });

  it('has a probe table row per run with its numbers', () => {
    const rows = allMatches(html, /<tr class="run-row">([\s\S]*?)<\/tr>/g);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('teacher resnet18 simclr');
    expect(rows[0]).toContain(`${(teacher.probes.knn!.top1 * 100).toFixed(1)}%`);
    expect(rows[0]).toContain('93.4%');
    expect(rows[0]).toContain('11.17M');
    expect(rows[1]).toContain('student mobilenet-small seed');
    expect(rows[1]).toContain('423.6k');
    expect(rows[1]).toContain('6m 52s');
    expect(rows[2]).toContain('&lt;script&gt;');
    expect(allMatches(rows[2]!, /<td[^>]*>([^<]*)<\/td>/g).filter((cell) => cell === '—')).toHaveLength(2);
  });

  it('draws one line per run in each chart, skipping runs without the measure', () => {
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(chartSvg('Training loss per epoch').match(/<polyline/g)).toHaveLength(3);
    expect(chartSvg('k-NN top-1 accuracy per epoch (quick probe on subsets)').match(/<polyline/g)).toHaveLength(2);
  });

  it('says so instead of drawing an empty chart', () => {
    const page = renderReportHtml(hostile);
    expect(page.match(/<svg/g)).toHaveLength(1);
    expect(page).toContain('k-NN top-1 accuracy per epoch (quick probe on subsets): no run recorded it.');
  });

  it('writes every confusion matrix cell, in row order', () => {
    const tables = allMatches(html, /<table class="confusion">[\s\S]*?<\/table>/g);
    expect(tables).toHaveLength(3);
    const cellsOf = (table: string) => allMatches(table, /<td[^>]*>(\d+)<\/td>/g).map(Number);
    expect(cellsOf(tables[0]!)).toEqual(teacher.confusion!.matrix.flat());
    expect(cellsOf(tables[1]!)).toEqual(student.confusion!.matrix.flat());
    expect(cellsOf(tables[2]!)).toEqual([7, 3, 2, 8]);
    expect(tables[2]).toContain('<th scope="row">one &amp; two</th>');
  });

  it('shows each query with its 8 neighbours, framed by whether the labels match', () => {
    const rows = allMatches(html, /<div class="neighbour-row">[\s\S]*?<\/div>/g);
    const queries = [...teacher.neighbours!.queries, ...student.neighbours!.queries];
    expect(rows).toHaveLength(queries.length);
    rows.forEach((row, i) => {
      const query = queries[i]!;
      expect(row.match(/<img /g)).toHaveLength(9);
      const verdicts = allMatches(row, /<figure class="neighbour (match|mismatch)">/g);
      expect(verdicts).toEqual(query.neighbours.map((n) => (n.label === query.label ? 'match' : 'mismatch')));
    });
    // Both kinds occur in the sample, so the frames are not all one colour.
    expect(rows.join('')).toContain('neighbour mismatch');
    expect(rows.join('')).toContain('neighbour match');
  });

  it('embeds the query image pixels losslessly as PNG', () => {
    const firstSource = allMatches(html, /<div class="neighbour-row">[\s\S]*?src="data:image\/png;base64,([^"]+)"/g)[0]!;
    const png = PNG.sync.read(Buffer.from(firstSource, 'base64'));
    const query = teacher.neighbours!.queries[0]!;
    expect([png.width, png.height]).toEqual([28, 28]);
    const greys = Array.from({ length: 28 * 28 }, (_, i) => png.data[i * 4]!);
    expect(greys).toEqual(Array.from(query.pixels));
  });

  it('shows the date only when given, so pages are reproducible', () => {
    expect(renderReportHtml(student)).toBe(renderReportHtml(student));
    expect(renderReportHtml(hostile)).not.toContain('2025-01-15');
    expect(renderReportHtml(hostile, { date: '2025-01-15' })).toContain('2025-01-15 · 1 run');
    expect(renderReportHtml(hostile, { date: new Date(Date.UTC(2025, 0, 15)) })).toContain('2025-01-15T00:00:00.000Z');
  });

  it('renders whatever it is given: null, NaN and missing values show as "—", never a crash', () => {
    // What a diverged run used to record, plus fields an older or damaged report.json lacks.
    const broken = {
      runId: 'run-nan', name: 'diverged', role: 'student', method: 'supervised', backend: 'native',
      model: { kind: 'mlp' }, seed: null, wallSeconds: Number.NaN,
      history: [{ epoch: 1, loss: null, knnTop1: 1 }, { epoch: 2, loss: Number.NaN }, null, { epoch: 3, loss: 2.5 }],
      probes: { knn: { top1: null, top5: Number.NaN, k: 20, temperature: 0.07 }, linear: null },
      confusion: { classNames: ['a'], matrix: null },
      neighbours: 'not a grid',
    } as unknown as RunReport;
    const page = renderReportHtml([broken, {} as RunReport]);
    const rows = allMatches(page, /<tr class="run-row">([\s\S]*?)<\/tr>/g);
    expect(rows).toHaveLength(2);
    const cells = (row: string) => allMatches(row, /<td[^>]*>([^<]*)<\/td>/g);
    // k-NN top-1/top-5, linear top-1/top-5, params, wall time: all missing.
    expect(cells(rows[0]!).filter((cell) => cell === '—')).toHaveLength(6);
    expect(page.replace(/Not shown: [^<]*/g, '')).not.toMatch(/NaN|null|undefined/);
    // Only the finite loss is drawn: one point, at epoch 3.
    expect(chartSvg('Training loss per epoch', page).match(/<circle/g)).toHaveLength(1);
    // The matrix that is no matrix is reported in its section, the rest of the page still renders.
    expect(page).toContain('<h2>Confusion matrices</h2><p class="empty">Not shown:');
    expect(page).toContain('<h2>Runs</h2>');
    expect(page).toContain('run 2'); // the nameless run gets a name
  });

  it('shows what a TensorBoard user expects: config, date, versions, per-step loss and lr, throughput, the teacher, dataset names', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => i);
    const run = makeRunReport({
      name: 'seed-student', date: '2026-12-06T18:00:00.000Z', backend: 'native', versions: { 'ssl-distill': '0.3.0', tfjs: '4.22.0' },
      config: { method: 'seed', methodConfig: { temperature: 0.2 }, optimizer: { name: 'sgd', lr: 0.05 }, plan: { kind: 'fixed' } },
      dataset: { train: 'fashion-train', test: 'fashion-test', trainCount: 600, testCount: 100, trainId: 'a1b2c3d4e5f60718', testId: '0f1e2d3c4b5a6978' },
      history: [{ epoch: 1, loss: 2.5, knnTop1: 0.5, imagesPerSecond: 812.4 }, { epoch: 2, loss: 2, knnTop1: 0.6, imagesPerSecond: 830.6 }],
      steps: { loss: steps.map((i) => 3 - i / 1000), learningRate: steps.map((i) => 0.05 * (1 - i / 1000)) },
      curveProbe: { trainImages: 600, testImages: 100 },
      teacher: { name: 'simclr-teacher', runId: 'teacher-run', probes: { knn: { top1: 0.812, top5: 0.97, k: 20, temperature: 0.07 }, linear: { top1: 0.845, top5: 0.98, epochs: 10 } } },
    });
    const page = renderReportHtml(run);
    expect(page).toContain('<p class="meta">2026-12-06T18:00:00.000Z · 1 run · dataset fashion-train → fashion-test · backend native · ssl-distill 0.3.0 · tfjs 4.22.0</p>');
    expect(page).not.toContain('a1b2c3d4e5f60718'); // names, not content hashes
    // 1000 steps drawn as 300 bucket means, the first the mean of steps 1..4.
    const lossPerStep = chartSvg('Training loss per step', page);
    expect(lossPerStep.match(/<circle/g)).toHaveLength(250);
    expect(chartSvg('Learning rate per step', page).match(/<circle/g)).toHaveLength(250);
    expect(chartSvg('Training throughput per epoch', page).match(/<circle/g)).toHaveLength(2);
    expect(page).toContain('k-NN top-1 accuracy per epoch (quick probe: 600 train, 100 test images)');
    expect(page).toContain('<td>831</td>'); // last epoch's images/s
    expect(page).toContain('simclr-teacher: 81.2% / 84.5%');
    expect(page).toContain('&quot;temperature&quot;: 0.2');
    expect(page).toContain('&quot;lr&quot;: 0.05');
  });

  it('refuses an empty list', () => {
    expect(() => renderReportHtml([])).toThrow('renderReportHtml needs at least one report, got none');
  });
});
