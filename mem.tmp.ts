import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { FileSystemStore } from '@ssl-distill/store';
import { importDataset, parsePipeline, runPretrain, LocalViewSource } from '@ssl-distill/pipeline';
const mb = (n: number) => (n / 2 ** 20).toFixed(0);
const mem = (what: string) => { const m = process.memoryUsage(); console.log(`${what}: rss ${mb(m.rss)} heap ${mb(m.heapUsed)} ext ${mb(m.external)} ab ${mb(m.arrayBuffers)} tensors ${tf.memory().numTensors} bytes ${mb(tf.memory().numBytes)}`); };
mem('start');
const backend = await initBackend({ backend: (process.env.B as never) ?? 'native', log: () => {} });
mem(`backend ${backend}`);
const store = new FileSystemStore('/tmp/dk/mem-store');
const spec = parsePipeline(readFileSync('examples/fashion-mnist-seed.yaml', 'utf8'), 'x.yaml');
const { datasetId } = await importDataset(spec.datasets['train']!, store);
mem('imported');
const abort = new AbortController();
let steps = 0;
const ctx = { store, views: new LocalViewSource(store), progress: () => {}, backend, log: () => {}, signal: abort.signal,
  heartbeat: () => { steps++; mem(`step ${steps}`); if (steps >= Number(process.env.STEPS ?? 3)) abort.abort(new Error('stop')); } };
try { await runPretrain(ctx as never, 'mem-teacher', 'teacher', spec.teachers['teacher']!, spec.plans['simclr']!, datasetId); } catch (e) { mem(`stopped ${(e as Error).message}`); }
