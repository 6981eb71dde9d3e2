import { Command, InvalidArgumentError, Option } from 'commander';
import { BACKEND_ORDER, type BackendName } from '@ssl-distill/runtime';
import { positiveInteger } from '../cli-args.js';
import { DEFAULT_ROW_IDS, ROW_IDS, type KnnSettings, type RowId } from './rows.js';

export interface BenchSettings {
  rows: RowId[];
  backends: BackendName[];
  /** Without --backends, configurations whose backend cannot start are left out of the table instead of shown as n/a. */
  backendsGiven: boolean;
  threads: number[];
  batch: number;
  /** Without --batch, rows with a batch of their own (the 224 px ones) run at it. */
  batchGiven: boolean;
  steps: number;
  warmup: number;
  knn: KnnSettings;
  /** A child that finishes no step for this long is killed. */
  stepTimeoutSeconds: number;
  torch: boolean;
  /** Print each model row's kernels of one step, with their share of the time and the backend that ran them. */
  profile: boolean;
  /** Python to run tools/torch/bench.py with; default: the first of python3, /usr/bin/python3 that imports torch. */
  python?: string;
  json: boolean;
}

export const DEFAULT_BACKENDS: readonly BackendName[] = ['native', 'wasm'];
export const DEFAULT_BATCH = 128;
const KNN_NEIGHBOURS = 200;
const KNN_TEMPERATURE = 0.07;

function listOf<T extends string>(what: string, allowed: readonly T[]) {
  return (text: string): T[] => {
    const items = [...new Set(text.split(',').map((item) => item.trim()).filter((item) => item !== ''))];
    if (items.length === 0) throw new InvalidArgumentError(`no ${what} given`);
    for (const item of items) {
      if (!(allowed as readonly string[]).includes(item)) {
        throw new InvalidArgumentError(`unknown ${what} '${item}' (expected ${allowed.join(', ')})`);
      }
    }
    return items as T[];
  };
}

function threadList(text: string): number[] {
  return [...new Set(text.split(',').map((item) => positiveInteger(item.trim())))];
}

function benchCommand(): Command {
  return new Command('bench')
    .description(
      'Forward and training images/s of the model rows, and the k-NN probe time, for each backend and thread count. ' +
        'Each backend x threads x row runs in its own child process.',
    )
    .option(
      '--rows <list>',
      `rows to time: ${ROW_IDS.join(', ')} (r18, r50, mnv3, effb0: 224x224x3 models; aug224, aug96: SimCLR views on one core)`,
      listOf('row', ROW_IDS),
      [...DEFAULT_ROW_IDS],
    )
    .addOption(
      new Option('--backends <list>', `tfjs backends: ${BACKEND_ORDER.join(', ')} (default: ${DEFAULT_BACKENDS.join(', ')}, those that load)`)
        .argParser(listOf('backend', BACKEND_ORDER)),
    )
    .option('--threads <list>', 'thread counts', threadList, [1, 2])
    .option('--batch <n>', `images per step (default ${DEFAULT_BATCH}; the 224 px rows: 32)`, positiveInteger)
    .option('--steps <n>', 'timed steps', positiveInteger, 5)
    // At least one: the first step creates optimizer state and sets up kernels, and the leak check needs it done.
    .option('--warmup <n>', 'untimed steps before timing', positiveInteger, 2)
    .option('--knn-train <n>', 'k-NN train rows', positiveInteger, 60_000)
    .option('--knn-test <n>', 'k-NN test rows', positiveInteger, 10_000)
    .option('--knn-dim <n>', 'k-NN feature dimension', positiveInteger, 128)
    .option('--step-timeout <s>', 'kill a child that finishes no step for this many seconds', positiveInteger, 300)
    .option('--torch', 'add PyTorch columns (tools/torch/bench.py) and tfjs/PyTorch ratios', false)
    .option('--profile', 'print, for each model row, the kernels of one step (training, else forward): share of the time and the backend that ran each', false)
    .option('--python <command>', 'python with torch for --torch (default: python3, else /usr/bin/python3)')
    .option('--json', 'print the report as JSON instead of a table', false)
    .exitOverride()
    .configureOutput({ outputError: () => {} }); // main.ts prints the error once, prefixed
}

interface ParsedOptions {
  rows: RowId[];
  backends?: BackendName[];
  threads: number[];
  batch: number;
  /** Without --batch, rows with a batch of their own (the 224 px ones) run at it. */
  batchGiven: boolean;
  steps: number;
  warmup: number;
  knnTrain: number;
  knnTest: number;
  knnDim: number;
  stepTimeout: number;
  torch: boolean;
  profile: boolean;
  python?: string;
  json: boolean;
}

/** Parses the arguments after `npm run bench --`; throws a CommanderError naming the bad option. */
export function parseBenchArgs(args: readonly string[]): BenchSettings {
  const options = benchCommand().parse(args, { from: 'user' }).opts<ParsedOptions>();
  return {
    rows: options.rows,
    backends: options.backends ?? [...DEFAULT_BACKENDS],
    backendsGiven: options.backends !== undefined,
    threads: options.threads,
    batch: options.batch ?? DEFAULT_BATCH,
    batchGiven: options.batch !== undefined,
    steps: options.steps,
    warmup: options.warmup,
    knn: { trainRows: options.knnTrain, testRows: options.knnTest, dim: options.knnDim, k: KNN_NEIGHBOURS, temperature: KNN_TEMPERATURE },
    stepTimeoutSeconds: options.stepTimeout,
    torch: options.torch,
    profile: options.profile,
    python: options.python,
    json: options.json,
  };
}
