// Load test of the view workers:
//   node --conditions=@ssl-distill/source --import tsx tools/src/loadtest/views.ts --workers 1,2,4,8 [--limit N] [--batch 256] [--json]
// Imports Fashion-MNIST's training images into a temporary filesystem store, then for each worker
// count starts that many `ingest worker` processes and times one epoch of views of every sample.
// Uses NATS_URL when set, else starts a private nats-server. Exits 1 when a run lost, duplicated
// or changed a view.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNatsServer } from '@ssl-distill/bus/testing';
import { FASHION_MNIST_DIR } from '@ssl-distill/data';
import { openStore } from '@ssl-distill/service';
import { importDataset } from '@ssl-distill/data-access';
import { Command } from 'commander';
import { positiveInteger as positive } from '../cli-args.js';
import { formatRows, localEpochDigest, runLoadTest } from './loadtest.js';

const options = new Command('loadtest-views')
  .description('views/s of 1..N ingest workers over NATS, with an exactly-once and bit-identity check')
  .option('--workers <list>', 'comma-separated worker counts', (value) => value.split(',').map(positive), [1, 2, 4, 8])
  .option('--limit <n>', 'samples (default: all 60000 training images)', positive)
  .option('--batch <n>', 'views per request (NATS max_payload, 1 MiB by default, caps it at ~330 for 28x28 images)', positive, 256)
  .option('--in-flight <n>', 'requests in flight per worker', positive, 4)
  .option('--dataset-dir <dir>', 'Fashion-MNIST IDX files', FASHION_MNIST_DIR)
  .option('--json', 'print the rows as JSON')
  .parse()
  .opts<{ workers: number[]; limit?: number; batch: number; inFlight: number; datasetDir: string; json?: boolean }>();

const log = (line: string) => process.stderr.write(`${line}\n`);
const storeDir = await mkdtemp(join(tmpdir(), 'loadtest-views-'));
const nats = process.env['NATS_URL'] ? { url: process.env['NATS_URL'], stop: async () => {} } : await spawnNatsServer();
let failed = false;
try {
  const store = openStore(storeDir);
  log(`importing Fashion-MNIST train from ${options.datasetDir}`);
  const { datasetId, manifest } = await importDataset({ source: 'idx', path: options.datasetDir, split: 'train', names: 'fashion-mnist', limit: options.limit }, store);
  const count = manifest.count;
  log(`rendering the ${count} reference views locally`);
  const expected = await localEpochDigest(store, datasetId, count, options.batch);
  const rows = await runLoadTest({ natsUrl: nats.url, storeDir, datasetId, count, workerCounts: options.workers, batch: options.batch, inFlightPerWorker: options.inFlight, log });
  failed = rows.some((row) => row.notExactlyOnce.length > 0 || row.digest !== expected);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ datasetId, count, batch: options.batch, expectedDigest: expected, rows }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatRows(rows, expected)}\n`);
  }
} catch (error) {
  log(`loadtest: ${error instanceof Error ? error.message : String(error)}`);
  failed = true;
} finally {
  await nats.stop();
  await rm(storeDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
