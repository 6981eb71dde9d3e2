#!/usr/bin/env node
// ingest: imports datasets into the store (`import`), and runs as a worker that imports on
// ImportJob messages and serves augmented view batches (`worker`). Wiring only; the logic is in
// @ssl-distill/data-access (datasets, views) and @ssl-distill/orchestration (the worker).
import { Command, InvalidArgumentError, Option } from 'commander';
import { addServiceOptions, openStore, progressOnBus, resolveServiceConfig, resolveStoreConfig, startService, stopOnSignals, terminalRenderer, type ServiceFlags } from '@ssl-distill/service';
import { DEFAULT_SHARD_SIZE, importDataset, parseDatasetSource, serveViews, LocalViewSource } from '@ssl-distill/data-access';
import { exitWithFailure, versionText } from '@ssl-distill/stages';
import { jobKindsOf, jobTimingFromEnv, startJobWorkers, untilStoreWorks, WorkerPresence, workerName } from '@ssl-distill/orchestration';

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(value);
}

interface ImportFlags extends ServiceFlags {
  source: string;
  path?: string;
  split?: string;
  names?: string;
  limit?: number;
  size?: number;
  count?: number;
  height?: number;
  width?: number;
  channels?: number;
  classes?: number;
  seed?: number;
  skipBad?: boolean;
  shardSize: number;
  json?: boolean;
}

async function importAction(flags: ImportFlags): Promise<void> {
  const { source, path, split, names, limit, size, count, height, width, channels, classes, seed } = flags;
  const skipBad = flags.skipBad || undefined;
  const dataset = parseDatasetSource({ source, path, split, names, limit, size, count, height, width, channels, classes, seed, skipBad }, 'import');
  const store = openStore(resolveStoreConfig(flags));
  const result = await importDataset(dataset, store, { shardSize: flags.shardSize, progress: terminalRenderer(), log: (message) => process.stderr.write(`${message}\n`) });
  const { datasetId, manifest, written, skipped } = result;
  if (flags.json) {
    const summary = { datasetId, written, count: manifest.count, shape: [manifest.height, manifest.width, manifest.channels], classes: manifest.classNames.length, shards: manifest.shards.length, skipped, source: manifest.source, store: store.describe() };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    process.stderr.write(`${written ? 'imported' : 'already stored'}: ${manifest.count} images ${manifest.height}x${manifest.width}x${manifest.channels} from ${manifest.source} into ${store.describe()}\n`);
    if (skipped.length > 0) process.stderr.write(`skipped ${skipped.length} bad files:\n${skipped.map((s) => `  ${s.file}: ${s.reason}\n`).join('')}`);
    process.stdout.write(`${datasetId}\n`);
  }
}

async function workerAction(flags: ServiceFlags & { concurrency: number }): Promise<void> {
  const config = resolveServiceConfig(flags, process.env, { requireNats: true });
  let presence: WorkerPresence | undefined;
  const service = await startService('ingest-worker', config, { ready: async () => presence?.isReady() ?? false });
  const stopped = stopOnSignals(service);
  presence = new WorkerPresence(service.bus, workerName('ingest'), ['import'], flags.concurrency).start();
  if (!(await untilStoreWorks(service, presence, 'ingest', stopped))) return;
  await serveViews(service.bus, service.store);
  const log = (message: string) => service.logger.info(message);
  // Import jobs need no tfjs backend and no views; results land in jobs/{jobId}/result.json like every stage's.
  const { ackWaitMs, maxDeliver } = jobTimingFromEnv(process.env);
  await startJobWorkers(jobKindsOf('ingest'), {
    bus: service.bus, store: service.store, progress: progressOnBus(service.bus, service.logger), log, concurrency: flags.concurrency, ackWaitMs, maxDeliver, presence,
    context: (progress, heartbeat, signal) => ({ store: service.store, views: new LocalViewSource(service.store), progress, backend: 'none', log, heartbeat, signal }),
  });
  service.logger.info('serving view batches and import jobs');
  await stopped;
}

const program = new Command('ingest')
  .version(versionText('ingest'), '--version', 'print the version')
  .description('Import datasets into the store as verified shards; serve augmented view batches to other stages.')
  .showHelpAfterError();

addServiceOptions(
  program
    .command('import')
    .description('import a dataset and print its id (the same content always gets the same id)')
    .addOption(new Option('--source <kind>', 'reader').choices(['idx', 'cifar', 'folder', 'synthetic']).makeOptionMandatory())
    .option('--path <dir>', 'directory of the raw files (idx, cifar, folder)')
    .addOption(new Option('--split <split>', 'idx and cifar split').choices(['train', 'test']))
    .addOption(new Option('--names <set>', 'idx class names').choices(['fashion-mnist', 'mnist']))
    .option('--limit <n>', 'import only the first n images', integer)
    .option('--size <pixels>', 'folder: shorter side to size, then the centre size x size crop', integer)
    .option('--skip-bad', 'folder: leave out empty, corrupt and non-image files (and list them) instead of failing')
    .option('--count <n>', 'synthetic: images', integer)
    .option('--height <pixels>', 'synthetic: image height', integer)
    .option('--width <pixels>', 'synthetic: image width', integer)
    .option('--channels <n>', 'synthetic: channels; folder: 1 (gray) or 3 (RGB)', integer)
    .option('--classes <n>', 'synthetic: classes', integer)
    .option('--seed <n>', 'synthetic: seed', integer)
    .option('--shard-size <n>', 'images per shard', integer, DEFAULT_SHARD_SIZE)
    .option('--json', 'print a JSON summary instead of the bare id'),
  { bus: false, health: false },
).action(importAction);

addServiceOptions(
  program
    .command('worker')
    .description('consume ImportJob messages (durable "import-workers") and serve view batches (queue group "augment-workers") until SIGTERM')
    .option('--concurrency <n>', 'import jobs run at once', integer, 1),
).action(workerAction);

try {
  await program.parseAsync();
} catch (error) {
  exitWithFailure('ingest', error);
}
