// npm run bench:memory -- [--sizes 10000,50000,126000] [--steps 20] [--dir /tmp/ssl-distill-bench-memory]
// Generates one folder of 224x224 JPEGs for the largest size (10 class subfolders; kept for reruns)
// and hard-links its first images into a folder per smaller size. For each size, in a fresh child
// process: imports the folder (sharp) into a fresh store, extracts a tiny teacher's features (fixed
// plan), and trains a tiny SEED student a fixed number of steps, printing the child's peak RSS after
// each phase and images/s as a table row when the size is done (the store is then deleted: a rerun
// must import again, not find the dataset stored). Also times the old in-memory jpeg-js folder reader
// on 500 of the images. Progress (every 10%) goes to stderr.
// SSL_DISTILL_BACKEND picks the backend as everywhere. A benchmark, not a test: numbers depend on the machine and what else runs on it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { loadImageFolder } from '@ssl-distill/data';
import { parsePipeline } from '@ssl-distill/spec';
import { importDataset, LocalViewSource, saveNetwork } from '@ssl-distill/data-access';
import type { ProgressSink } from '@ssl-distill/service';
import { runExtract, runStudent } from '@ssl-distill/stages';
import { initBackend } from '@ssl-distill/runtime';
import { FileSystemStore } from '@ssl-distill/store';
import { benchPipelineYaml, CLASSES, SIDE, writeJpegs } from './memory-data.js';

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Writes a stage's progress to stderr every 10% (a 126k run takes an hour on a busy machine). */
function progressLog(size: number): ProgressSink {
  let lastTenth = -1;
  return (event) => {
    const tenth = Math.floor((10 * event.step) / Math.max(1, event.total));
    if (tenth === lastTenth && event.state === 'running') return;
    lastTenth = tenth;
    process.stderr.write(`bench:memory ${size}: ${event.stage} ${event.step}/${event.total} ${event.state} (${new Date().toISOString()}, peak RSS ${peakRssMb().toFixed(0)} MB)\n`);
  };
}

/** One size, in this (child) process: prints one JSON line. */
async function child(dir: string, size: number, steps: number): Promise<void> {
  const backend = await initBackend({ log: () => {} });
  const store = new FileSystemStore(join(dir, `store-${size}`));
  const row: Record<string, number | string> = { size, backend };
  let started = performance.now();
  const progress = progressLog(size);
  const { datasetId, manifest } = await importDataset({ source: 'folder', path: join(dir, `images-${size}`), size: SIDE }, store, { progress });
  row['importImagesPerSecond'] = size / ((performance.now() - started) / 1000);
  row['shards'] = manifest.shards.length;
  row['peakRssAfterImportMb'] = peakRssMb();
  process.stderr.write(`bench:memory ${size}: imported\n`);

  const teacherId = `bench-tiny-${size}`;
  const teacher = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [SIDE, SIDE, 3], filters: 16, kernelSize: 8, strides: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 64, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  await saveNetwork(store, `teachers/${teacherId}/`, { backbone: teacher });
  const ctx = { store, views: new LocalViewSource(store), progress, backend, log: () => {} };
  started = performance.now();
  await runExtract(ctx, `bench-extract-${size}`, teacherId, datasetId, { kind: 'fixed' }, { batchSize: 64 });
  row['extractImagesPerSecond'] = manifest.count / ((performance.now() - started) / 1000);
  row['peakRssAfterExtractMb'] = peakRssMb();
  process.stderr.write(`bench:memory ${size}: extracted\n`);

  const spec = parsePipeline(benchPipelineYaml(steps), 'bench-memory.yaml');
  const abort = new AbortController();
  let done = 0;
  started = performance.now();
  const trainCtx = { ...ctx, signal: abort.signal, heartbeat: () => ++done >= steps && abort.abort(new Error('steps done')) };
  await runStudent(trainCtx, `bench-train-${size}`, 'tiny', spec.students['tiny']!, spec.plans['fixed']!, datasetId, teacherId).catch((error: Error) => {
    if (!abort.signal.aborted) throw error;
  });
  row['trainImagesPerSecond'] = (done * 64) / ((performance.now() - started) / 1000);
  row['peakRssMb'] = peakRssMb();
  process.stdout.write(`${JSON.stringify(row)}\n`);
}

/** The old path: the whole folder decoded by jpeg-js into one array (500 images). */
function oldImport(dir: string, from: string): number {
  const subset = join(dir, 'old-subset');
  if (!existsSync(subset)) {
    for (const classDir of readdirSync(from).filter((name) => name.startsWith('class-'))) {
      mkdirSync(join(subset, classDir), { recursive: true });
      for (const file of readdirSync(join(from, classDir)).slice(0, 500 / CLASSES)) symlinkSync(join(from, classDir, file), join(subset, classDir, file));
    }
  }
  const started = performance.now();
  const dataset = loadImageFolder(subset, { size: { height: SIDE, width: SIDE }, channels: 3 });
  return dataset.count / ((performance.now() - started) / 1000);
}

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,50000,126000' }, steps: { type: 'string', default: '20' }, dir: { type: 'string', default: '/tmp/ssl-distill-bench-memory' }, child: { type: 'string' } } });
const dir = values.dir!;
const steps = Number(values.steps);
const HEADER = 'images  shards  import img/s (sharp)  extract img/s  train img/s  peak RSS after import / extract / train (MB)';
const f = (value: number) => value.toFixed(0);
const tableRow = (r: Record<string, number>) =>
  `${String(r['size']).padStart(6)}  ${String(r['shards']).padStart(6)}  ${f(r['importImagesPerSecond']!).padStart(20)}  ${f(r['extractImagesPerSecond']!).padStart(13)}  ${f(r['trainImagesPerSecond']!).padStart(11)}  ${f(r['peakRssAfterImportMb']!)} / ${f(r['peakRssAfterExtractMb']!)} / ${f(r['peakRssMb']!)}`;

if (values.child) {
  await child(dir, Number(values.child), steps);
} else {
  const sizes = values.sizes!.split(',').map(Number);
  const largest = Math.max(...sizes);
  await writeJpegs(join(dir, `images-${largest}`), largest);
  // Each row is printed when its size is done, so a run stopped early keeps the sizes it finished.
  let headerPrinted = false;
  for (const size of sizes) {
    await writeJpegs(join(dir, `images-${size}`), size, size === largest ? undefined : join(dir, `images-${largest}`));
    const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', String(size), '--steps', String(steps), '--dir', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    rmSync(join(dir, `store-${size}`), { recursive: true, force: true });
    if (run.status !== 0) throw new Error(`bench:memory size ${size} failed (exit ${run.status})`);
    const row = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    if (!headerPrinted) console.log(`${HEADER}  (backend ${row['backend']})`);
    headerPrinted = true;
    console.log(tableRow(row));
  }
  const jpegJs = oldImport(dir, join(dir, `images-${sizes[0]}`));
  console.log(`old in-memory jpeg-js folder reader, 500 images: ${f(jpegJs)} img/s (and it holds the whole set: 147 KiB an image)`);
}
