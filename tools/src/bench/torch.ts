// The PyTorch reference columns: runs tools/torch/bench.py and reads the JSON it prints.
//
// What is read of tools/torch/bench.py's interface:
//   python3 tools/torch/bench.py --archs a,b,r50,aug96 --threads 1,2 --batch 128 --steps 5 --warmup 2
// prints on stdout one JSON object:
//   { "torch": "1.13.1", "mkldnn": true, "blas": ["/usr/lib/.../libopenblas.so.0"], "batch": 128,
//     "results": [ { "arch": "a", "threads": 1, "forward_images_per_s": 812.5, "train_images_per_s": 201.3 },
//                  { "arch": "r50", "threads": 1, "forward_images_per_s": 9.1, "params": 23508032 },
//                  { "arch": "aug96", "threads": 1, "views_per_cpu_s": 723.0 }, ... ] }
// with one result per requested arch and thread count; its archs are the model and augmentation row
// ids of rows.ts; a model row has the metrics rows.ts times for it, and torchvision rows their
// backbone's parameter count (without the classifier).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, TORCH_SCRIPT } from './paths.js';
import { AUGMENT_ROWS, isModelRow, metricsOf, MODEL_ROWS, type AugmentRowId, type ModelMetric, type ModelRowId } from './rows.js';

const execFileAsync = promisify(execFile);

const TORCH_INSTALL_HINT = `apt-get install python3-torch libopenblas0-pthread (OpenBLAS set-up: ${path.dirname(TORCH_SCRIPT)}/README.md)`;
/** apt's python3-torch installs into the system python, which a pyenv or venv python3 on PATH does not see. */
const DEFAULT_PYTHONS = ['python3', '/usr/bin/python3'];
const OUTPUT = `${TORCH_SCRIPT}'s output`;

/** images/s for the model metrics; views per CPU second for 'views'. */
export type TorchMetric = ModelMetric | 'views';

export interface TorchResult {
  row: ModelRowId | AugmentRowId;
  threads: number;
  rates: Partial<Record<TorchMetric, number>>;
  /** The torchvision backbone's parameters, when bench.py reports them. */
  params?: number;
}

const METRIC_KEYS: Record<TorchMetric, string> = { forward: 'forward_images_per_s', train: 'train_images_per_s', views: 'views_per_cpu_s' };

export interface TorchReport {
  torchVersion: string;
  /** Whether convolutions ran on oneDNN. */
  mkldnn: boolean;
  /** The BLAS libraries the process loaded. */
  blas: string[];
  batch: number;
  results: TorchResult[];
}

export type TorchOutcome =
  | ({ status: 'ok'; python: string } & TorchReport)
  | { status: 'skipped' | 'failed'; reason: string };

export interface TorchRequest {
  rows: (ModelRowId | AugmentRowId)[];
  threads: number[];
  batch: number;
  steps: number;
  warmup: number;
  /** Default: the first of DEFAULT_PYTHONS that imports torch. */
  python?: string;
}

export async function runTorchBench(request: TorchRequest): Promise<TorchOutcome> {
  if (request.rows.length === 0) return { status: 'skipped', reason: 'no model rows requested' };
  if (!existsSync(path.join(REPO_ROOT, TORCH_SCRIPT))) return { status: 'skipped', reason: `${TORCH_SCRIPT} not found` };
  const candidates = request.python ? [request.python] : DEFAULT_PYTHONS;
  const python = await firstWithTorch(candidates);
  if (!python) {
    return { status: 'skipped', reason: `no python with torch (tried ${candidates.join(', ')}); install it: ${TORCH_INSTALL_HINT}` };
  }
  const args = [
    TORCH_SCRIPT,
    ...['--archs', request.rows.join(','), '--threads', request.threads.join(',')],
    ...['--batch', String(request.batch), '--steps', String(request.steps), '--warmup', String(request.warmup)],
  ];
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(python, args, { cwd: REPO_ROOT, maxBuffer: 1 << 24 }));
  } catch (error) {
    return { status: 'failed', reason: `${python} ${args.join(' ')} failed: ${lastLine(errorOutput(error))}` };
  }
  try {
    return { status: 'ok', python, ...parseTorchReport(stdout, request) };
  } catch (error) {
    return { status: 'failed', reason: (error as Error).message };
  }
}

async function firstWithTorch(pythons: string[]): Promise<string | undefined> {
  for (const python of pythons) {
    try {
      await execFileAsync(python, ['-c', 'import torch']);
      return python;
    } catch {
      // not installed, or no torch: try the next
    }
  }
  return undefined;
}

function errorOutput(error: unknown): string {
  const { stderr, message } = error as { stderr?: string; message?: string };
  return stderr?.trim() || message || String(error);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

/** Reads bench.py's JSON (see the contract above); errors name the field that is wrong. */
export function parseTorchReport(stdout: string, request: Pick<TorchRequest, 'rows' | 'threads' | 'batch'>): TorchReport {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (error) {
    throw new Error(`${OUTPUT} is not JSON: ${(error as Error).message}`);
  }
  const report = objectAt(json, 'the top level');
  if (typeof report.torch !== 'string') throw new Error(`${OUTPUT}: torch (the version) must be a string`);
  if (typeof report.mkldnn !== 'boolean') throw new Error(`${OUTPUT}: mkldnn must be true or false`);
  const blas = report.blas;
  if (!Array.isArray(blas) || !blas.every((library) => typeof library === 'string')) {
    throw new Error(`${OUTPUT}: blas must be an array of library paths`);
  }
  const batch = positiveNumber(report, 'batch', '');
  if (batch !== request.batch) throw new Error(`${OUTPUT}: batch ${batch} differs from the requested ${request.batch}`);
  if (!Array.isArray(report.results)) throw new Error(`${OUTPUT}: results must be an array`);
  const archs = [...Object.keys(MODEL_ROWS), ...Object.keys(AUGMENT_ROWS)];
  const results = report.results.map((item: unknown, i): TorchResult => {
    const path = `results[${i}].`;
    const result = objectAt(item, path.slice(0, -1));
    if (!(typeof result.arch === 'string' && archs.includes(result.arch))) {
      throw new Error(`${OUTPUT}: ${path}arch must be one of ${archs.join(', ')}, got ${JSON.stringify(result.arch)}`);
    }
    const row = result.arch as ModelRowId | AugmentRowId;
    const metrics: readonly TorchMetric[] = isModelRow(row) ? metricsOf(row) : ['views'];
    const rates = Object.fromEntries(metrics.map((metric) => [metric, positiveNumber(result, METRIC_KEYS[metric], path)]));
    return {
      row,
      threads: positiveNumber(result, 'threads', path),
      rates,
      ...(result.params !== undefined && { params: positiveNumber(result, 'params', path) }),
    };
  });
  for (const row of request.rows) {
    for (const threads of request.threads) {
      if (!results.some((result) => result.row === row && result.threads === threads)) {
        throw new Error(`${OUTPUT}: no result for arch ${row} at ${threads} threads`);
      }
    }
  }
  return { torchVersion: report.torch, mkldnn: report.mkldnn, blas: blas as string[], batch, results };
}

function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${OUTPUT}: ${path} must be a JSON object`);
  return value as Record<string, unknown>;
}

function positiveNumber(object: Record<string, unknown>, key: string, path: string): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${OUTPUT}: ${path}${key} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return value;
}
