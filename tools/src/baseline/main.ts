// `npm run baseline -- [--dataset-dir DIR] [--k 200] [--temperature 0.07] [--json]`: k-NN top-1/top-5
// of raw pixels on an IDX dataset (train split as the memory bank, test split probed), the same
// probe the evaluate stage runs on learned features.
import { FASHION_MNIST_DIR, loadIdxDataset } from '@ssl-distill/data';
import { initBackend } from '@ssl-distill/runtime';
import { Command } from 'commander';
import { positiveInteger, positiveNumber } from '../cli-args.js';
import { pixelKnn } from './pixels.js';

const options = new Command('baseline')
  .description('k-NN probe on raw pixels: the floor a learned embedding has to clear')
  .option('--dataset-dir <dir>', 'IDX files (train-* and t10k-*)', FASHION_MNIST_DIR)
  .option('--k <n>', 'neighbours that vote', positiveInteger, 200)
  .option('--temperature <t>', 'vote weight exp(similarity / t)', positiveNumber, 0.07)
  .option('--json', 'print the result as JSON')
  .parse()
  .opts<{ datasetDir: string; k: number; temperature: number; json?: boolean }>();

try {
  const backend = await initBackend();
  const train = loadIdxDataset(options.datasetDir, { split: 'train' });
  const test = loadIdxDataset(options.datasetDir, { split: 'test' });
  const started = performance.now();
  const { top1, top5 } = pixelKnn(train, test, { k: options.k, temperature: options.temperature });
  const seconds = (performance.now() - started) / 1000;
  const result = { features: 'pixels', dataset: options.datasetDir, train: train.count, test: test.count, k: options.k, temperature: options.temperature, top1, top5, seconds, backend };
  if (options.json) console.log(JSON.stringify(result));
  else console.log(`raw pixels, ${train.count} x ${test.count}, k=${options.k}, T=${options.temperature}: k-NN top-1 ${(top1 * 100).toFixed(2)}%, top-5 ${(top5 * 100).toFixed(2)}% (${seconds.toFixed(1)} s, ${backend})`);
} catch (error) {
  console.error(`baseline: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
