import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBackbone, countParams } from '@ssl-distill/models';
import { parseBenchArgs, type BenchSettings } from './options.js';
import { REPO_ROOT } from './paths.js';
import type { Measurement } from './protocol.js';
import { addTorchRatios, runBench, type BenchReport, type Cell } from './run.js';
import { formatTable } from './table.js';
import { parseTorchReport, type TorchResult } from './torch.js';

const execFileAsync = promisify(execFile);
const BENCH_COMMAND = ['--conditions=@ssl-distill/source', '--import', 'tsx', 'tools/src/bench/main.ts'];
const TINY_KNN = ['--knn-train', '500', '--knn-test', '100', '--knn-dim', '8'];

async function benchCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [...BENCH_COMMAND, ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** The table's lines split into cells (they are separated by 3 or more spaces). */
function tableLines(table: string): string[][] {
  return table.split('\n\n')[0]!.split('\n').map((line) => line.split(/ {3,}/));
}

function expectPositiveFinite(value: number): void {
  expect(Number.isFinite(value) && value > 0, `${value}`).toBe(true);
}

describe('npm run bench', () => {
  it('times every requested row on every backend in child processes and prints a table of them', async () => {
    const { code, stdout, stderr } = await benchCli([
      ...['--rows', 'b,knn', '--backends', 'wasm,cpu', '--threads', '1'],
      ...['--batch', '2', '--steps', '1', '--warmup', '1', ...TINY_KNN, '--json'],
    ]);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as BenchReport;

    expect(report.columns).toEqual([{ backend: 'wasm', threads: 1 }, { backend: 'cpu', threads: 1 }]);
    expect(report.cells.map((cell) => `${cell.backend} ${cell.row}`)).toEqual(['wasm b', 'wasm knn', 'cpu b', 'cpu knn']);
    for (const { outcome } of report.cells) {
      expect(outcome.status, JSON.stringify(outcome)).toBe('ok');
      if (outcome.status !== 'ok') continue;
      const { measurement } = outcome;
      if (measurement.kind === 'model') {
        expect(measurement.batch).toBe(2);
        expectPositiveFinite(measurement.forward!.imagesPerSecond);
        expectPositiveFinite(measurement.train!.imagesPerSecond);
        expect(measurement.train!.imagesPerSecond).toBeCloseTo(2 / measurement.train!.seconds, 6);
        expect(measurement.params).toBe(countParams(buildBackbone({ preset: 'fmnistStudent' }).model, 'trainable'));
      } else if (measurement.kind === 'knn') {
        expectPositiveFinite(measurement.seconds);
      }
    }
    expect(stderr).toContain('bench: cpu 1t row knn: ok');

    const lines = tableLines(formatTable(report));
    expect(lines.map((line) => line.slice(0, 2))).toEqual([
      ['row', 'metric'],
      ['b  ResNet 16/32/64 x1 block, 28x28x1', 'forward img/s'],
      ['b  ResNet 16/32/64 x1 block, 28x28x1', 'train img/s'],
      ['knn  k-NN 500 x 100, dim 8, k=200, T=0.07', 'probe time'],
    ]);
    expect(lines[0]!.slice(2)).toEqual(['wasm 1t', 'cpu 1t']);
    for (const line of lines.slice(1)) {
      expect(line).toHaveLength(4);
      for (const cell of line.slice(2)) expectPositiveFinite(parseFloat(cell));
    }
  });

  it('--profile lists the kernels of one training step with their share and the backend that ran each', async () => {
    const settings = parseBenchArgs(['--rows', 'b', '--backends', 'native,wasm', '--threads', '1', '--batch', '2', '--steps', '1', '--warmup', '1', '--profile']);
    const report = await runBench(settings);
    for (const cell of report.cells) {
      expect(cell.outcome.status, JSON.stringify(cell.outcome)).toBe('ok');
      if (cell.outcome.status !== 'ok' || cell.outcome.measurement.kind !== 'model') continue;
      const profile = cell.outcome.measurement.profile!;
      expect(profile.phase).toBe('train');
      const kernels = new Map(profile.kernels.map((kernel) => [kernel.kernel, kernel]));
      // fmnistStudent: a stem conv, 3 blocks of 2 convs, 2 projection shortcuts = 9 forward convolutions
      // (tfjs-layers runs them as FusedConv2D), each with its two gradients.
      const convolutions = ['Conv2D', 'FusedConv2D'].filter((name) => kernels.has(name));
      expect(convolutions.reduce((calls, name) => calls + kernels.get(name)!.calls, 0)).toBe(9);
      expect(kernels.get('Conv2DBackpropFilter')?.calls).toBe(9);
      expect(kernels.has('fusedConv2d__op')).toBe(false); // a custom-gradient op, its time is its kernels'
      const ms = profile.kernels.map((kernel) => kernel.ms);
      expect(ms).toEqual([...ms].sort((a, b) => b - a));
      if (cell.backend === 'native') {
        for (const name of convolutions) expect(kernels.get(name)!.ranOn).toBe('native');
        for (const kernel of profile.kernels) expect(['native', 'js (cpu fallback)']).toContain(kernel.ranOn);
      } else {
        for (const kernel of profile.kernels) expect(kernel.ranOn).toBe('wasm');
      }
    }
    const table = formatTable(report);
    expect(table).toContain('profile: native 1t row b (ResNet 16/32/64 x1 block, 28x28x1, batch 2), one train step: ');
    expect(table).toMatch(/\nConv2DBackpropFilter +\d+\.\d ms +\d+\.\d% +9 +native\n/);
  });

  it('an augmentation row renders SimCLR views for at least 3 s of CPU time and reports views per CPU second', async () => {
    const report = await runBench(parseBenchArgs(['--rows', 'aug96', '--backends', 'cpu', '--threads', '1']));
    const { outcome } = report.cells[0]!;
    expect(outcome.status, JSON.stringify(outcome)).toBe('ok');
    if (outcome.status !== 'ok' || outcome.measurement.kind !== 'augment') throw new Error('not an augmentation measurement');
    const { views, cpuSeconds, viewsPerCpuSecond } = outcome.measurement;
    expect(views % 32).toBe(0);
    expect(cpuSeconds).toBeGreaterThanOrEqual(3);
    expect(viewsPerCpuSecond).toBeCloseTo(views / cpuSeconds, 6);
    expect(tableLines(formatTable(report))[1]!.slice(0, 2)).toEqual(['aug96  SimCLR views, 96x96x3 from 96 px images', 'views/s a core']);
  });

  it('names an unknown row or backend and what it expected, and exits 1', async () => {
    const { code, stderr } = await benchCli(['--rows', 'b,z']);
    expect(code).toBe(1);
    expect(stderr).toContain("bench: option '--rows <list>' argument 'b,z' is invalid. unknown row 'z' (expected a, b, c, d, r18, r50, mnv3, effb0, knn, aug224, aug96)");
    expect(() => parseBenchArgs(['--backends', 'wasm,gpu'])).toThrow(
      "unknown backend 'gpu' (expected tensorflow-gpu, tensorflow, native, wasm, cpu)",
    );
    expect(() => parseBenchArgs(['--threads', '1,0'])).toThrow("'0' is not an integer >= 1");
    expect(() => parseBenchArgs(['--warmup', '0'])).toThrow("'0' is not an integer >= 1");
  });

  it('defaults to the small-image rows, native and wasm, 1 and 2 threads, batch 128, and the k-NN probe at MNIST scale', () => {
    const settings = parseBenchArgs([]);
    expect(settings).toMatchObject({
      rows: ['a', 'b', 'c', 'd', 'knn'],
      backends: ['native', 'wasm'],
      backendsGiven: false,
      threads: [1, 2],
      batch: 128,
      batchGiven: false,
      profile: false,
      knn: { trainRows: 60_000, testRows: 10_000, dim: 128, k: 200, temperature: 0.07 },
      torch: false,
    });
  });
});

describe('a child that finishes no step within --step-timeout', () => {
  it('is killed, and its cell says so with the memory it held', async () => {
    // Loading tfjs and one ResNet-18 forward pass at batch 64 take well over a second anywhere.
    const settings = parseBenchArgs(['--rows', 'c', '--backends', 'wasm', '--threads', '1', '--batch', '64', '--step-timeout', '1']);
    const started = performance.now();
    const report = await runBench(settings);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(report.cells[0]!.outcome).toEqual({
      status: 'failed',
      reason: expect.stringMatching(/^no step finished in 1 s, killed with \d+\.\d\d GiB resident$/),
    });
    expect(formatTable(report)).toContain('c  ResNet-18 (CIFAR stem), 32x32x3   forward img/s    failed');
  });
});

describe('a backend that does not start', () => {
  const knnOnly = (backendsGiven: boolean): BenchSettings => ({
    ...parseBenchArgs(['--rows', 'knn', '--threads', '1', ...TINY_KNN]),
    backends: ['native', 'wasm'],
    backendsGiven,
  });
  afterEach(() => {
    delete process.env.SSL_DISTILL_NATIVE;
  });

  it('shows n/a cells and the reason when --backends asked for it', async () => {
    process.env.SSL_DISTILL_NATIVE = 'off'; // the children inherit it: native refuses to register
    const report = await runBench(knnOnly(true));
    expect(report.columns.map((column) => column.backend)).toEqual(['native', 'wasm']);
    expect(report.cells.map((cell) => cell.outcome.status)).toEqual(['unavailable', 'ok']);
    const table = formatTable(report);
    expect(tableLines(table)[1]!.slice(2)).toEqual(['n/a', expect.stringMatching(/^\d+\.\d+ s$/)]);
    expect(table).toContain('native 1t: unavailable: Error: backend \'native\' could not be initialised: native backend disabled by SSL_DISTILL_NATIVE=off');
  });

  it('is left out of the table, with the reason, when the backends were the default', async () => {
    process.env.SSL_DISTILL_NATIVE = 'off';
    const report = await runBench(knnOnly(false));
    expect(report.columns).toEqual([{ backend: 'wasm', threads: 1 }]);
    expect(report.leftOut).toEqual([expect.stringContaining('native 1t: Error: backend \'native\' could not be initialised')]);
    expect(formatTable(report)).toContain('left out native 1t: ');
  });
});

describe('the table', () => {
  const settings = parseBenchArgs(['--rows', 'c,knn', '--backends', 'native,wasm', '--threads', '1', '--torch']);
  const throughput = (batch: number, rate: number) => ({ steps: 5, seconds: (batch * 5) / rate, imagesPerSecond: rate });
  const model = (batch: number, forward: number, train: number): Measurement => ({
    kind: 'model',
    batch,
    forward: throughput(batch, forward),
    train: throughput(batch, train),
    params: 11_168_832,
  });
  const torchResults: TorchResult[] = [{ row: 'c', threads: 1, rates: { forward: 40, train: 10 } }];
  const cells = (): Cell[] => [
    { backend: 'native', threads: 1, row: 'c', outcome: { status: 'ok', backendDetail: '', measurement: model(128, 20, 4) } },
    { backend: 'native', threads: 1, row: 'knn', outcome: { status: 'ok', backendDetail: '', measurement: { kind: 'knn', seconds: 12.345 } } },
    {
      backend: 'wasm', threads: 1, row: 'c',
      outcome: { status: 'ok', backendDetail: '', measurement: model(64, 16.4, 3.3), requestedBatchFailure: 'RuntimeError: Aborted() (wasm heap 4096 MiB)' },
    },
    { backend: 'wasm', threads: 1, row: 'knn', outcome: { status: 'oom', reason: 'RuntimeError: Aborted() (wasm heap 4096 MiB)' } },
  ];
  const report = (withCells: Cell[]): BenchReport => ({
    settings,
    columns: [{ backend: 'native', threads: 1 }, { backend: 'wasm', threads: 1 }],
    cells: withCells,
    torch: { status: 'ok', python: '/usr/bin/python3', torchVersion: '1.13.1', mkldnn: true, blas: ['/usr/lib/libopenblas.so.0'], batch: 128, results: torchResults },
    leftOut: [],
    host: { cpus: 2, loadAverageBefore: [1, 2, 3], loadAverageAfter: [4, 5, 6] },
  });

  it('puts the PyTorch columns and tfjs/PyTorch ratios next to tfjs, and marks out-of-memory and smaller-batch cells', () => {
    const withRatios = cells();
    addTorchRatios(withRatios, torchResults);
    const table = formatTable(report(withRatios));
    expect(tableLines(table)).toEqual([
      ['row', 'metric', 'native 1t', 'wasm 1t', 'torch 1t'],
      ['c  ResNet-18 (CIFAR stem), 32x32x3', 'forward img/s', '20.0 (0.50x)', '16.4* (0.41x)', '40.0'],
      ['c  ResNet-18 (CIFAR stem), 32x32x3', 'train img/s', '4.00 (0.40x)', '3.30* (0.33x)', '10.0'],
      ['knn  k-NN 60k x 10k, dim 128, k=200, T=0.07', 'probe time', '12.35 s', 'OOM (wasm 4 GB cap)', '-'],
    ]);
    expect(table).toContain('* wasm 1t row c ran at batch 64; at batch 128: RuntimeError: Aborted() (wasm heap 4096 MiB)');
    expect(table).toContain('wasm 1t row knn: oom: RuntimeError: Aborted()');
    expect(table).toContain('PyTorch 1.13.1 (/usr/bin/python3, oneDNN on, BLAS libopenblas.so.0)');
    expect(table).toContain('load average (1/5/15 min) before 1.00 2.00 3.00, after 4.00 5.00 6.00; 2 CPUs');
    expect(table).toContain('batch 128, 5 timed steps');
    expect(table).toContain('trainable backbone parameters: c 11,168,832');
  });

  it('224 px rows: their own batch, only the metrics they time, torchvision\'s parameters; augmentation rows in views/s', () => {
    const imagenet = parseBenchArgs(['--rows', 'r50,mnv3,aug96', '--backends', 'native', '--threads', '2', '--torch']);
    const results: TorchResult[] = [
      { row: 'r50', threads: 2, rates: { forward: 10 }, params: 23_508_032 },
      { row: 'mnv3', threads: 2, rates: { train: 8 }, params: 4_202_032 },
      { row: 'aug96', threads: 2, rates: { views: 700 } },
    ];
    const withCells: Cell[] = [
      { backend: 'native', threads: 2, row: 'r50', outcome: { status: 'ok', backendDetail: '', measurement: { kind: 'model', batch: 32, forward: throughput(32, 12), params: 23_508_032 } } },
      { backend: 'native', threads: 2, row: 'mnv3', outcome: { status: 'ok', backendDetail: '', measurement: { kind: 'model', batch: 32, train: throughput(32, 6), params: 4_202_032 } } },
      { backend: 'native', threads: 2, row: 'aug96', outcome: { status: 'ok', backendDetail: '', measurement: { kind: 'augment', views: 2800, cpuSeconds: 3.5, viewsPerCpuSecond: 800 } } },
    ];
    addTorchRatios(withCells, results);
    const table = formatTable({ ...report(withCells), settings: imagenet, columns: [{ backend: 'native', threads: 2 }], torch: { ...report([]).torch!, results } } as BenchReport);
    expect(tableLines(table)).toEqual([
      ['row', 'metric', 'native 2t', 'torch 2t'],
      ['r50  ResNet-50, 224x224x3', 'forward img/s', '12.0 (1.20x)', '10.0'],
      ['mnv3  MobileNet-v3-Large, 224x224x3', 'train img/s', '6.00 (0.75x)', '8.00'],
      ['aug96  SimCLR views, 96x96x3 from 96 px images', 'views/s a core', '800 (1.14x)', '700'],
    ]);
    expect(table).toContain('batch 32, 5 timed steps');
    expect(table).toContain('trainable backbone parameters: r50 23,508,032 (torchvision 23,508,032), mnv3 4,202,032 (torchvision 4,202,032)');
  });
});

describe("tools/torch/bench.py's JSON", () => {
  const request = { rows: ['a' as const, 'b' as const], threads: [1, 2], batch: 128 };
  const result = (arch: string, threads: number, train: unknown = 50) => ({ arch, threads, forward_images_per_s: 200, train_images_per_s: train });
  const output = (results: unknown[], batch = 128) =>
    JSON.stringify({ torch: '1.13.1', mkldnn: true, blas: ['/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3'], batch, results });

  it('is read into one result per row and thread count', () => {
    const parsed = parseTorchReport(output([result('a', 1), result('a', 2), result('b', 1), result('b', 2, 75.5)]), request);
    expect(parsed).toMatchObject({ torchVersion: '1.13.1', mkldnn: true, batch: 128 });
    expect(parsed.results).toHaveLength(4);
    expect(parsed.results[3]).toEqual({ row: 'b', threads: 2, rates: { forward: 200, train: 75.5 } });
  });

  it('reads only the metrics a row times, torchvision\'s parameter count, and views per CPU second', () => {
    const rows = { rows: ['r50' as const, 'aug224' as const], threads: [1], batch: 128 };
    const parsed = parseTorchReport(
      output([{ arch: 'r50', threads: 1, forward_images_per_s: 9.5, params: 23508032 }, { arch: 'aug224', threads: 1, views_per_cpu_s: 85 }]),
      rows,
    );
    expect(parsed.results).toEqual([
      { row: 'r50', threads: 1, rates: { forward: 9.5 }, params: 23508032 },
      { row: 'aug224', threads: 1, rates: { views: 85 } },
    ]);
    expect(() => parseTorchReport(output([{ arch: 'aug224', threads: 1 }]), rows)).toThrow('results[0].views_per_cpu_s must be a positive number, got undefined');
  });

  it('is rejected with the field that is wrong', () => {
    const complete = [result('a', 1), result('a', 2), result('b', 1)];
    expect(() => parseTorchReport(output(complete), request)).toThrow('no result for arch b at 2 threads');
    expect(() => parseTorchReport(output([...complete, result('b', 2, null)]), request)).toThrow(
      'results[3].train_images_per_s must be a positive number, got null',
    );
    expect(() => parseTorchReport(output([...complete, result('e', 2)]), request)).toThrow('results[3].arch must be one of a, b, c, d, r18, r50, mnv3, effb0, aug224, aug96, got "e"');
    expect(() => parseTorchReport(output([], 64), request)).toThrow('batch 64 differs from the requested 128');
    expect(() => parseTorchReport('torch not found', request)).toThrow("tools/torch/bench.py's output is not JSON");
  });
});
