import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { BackendLoadResult } from '../load-result.js';

// tfjs-backend-wasm 4.22 turns its threaded build off under Node. The build does run there once
// three browser assumptions are bridged for the duration of the initialisation:
//  1. it hands its worker script and its own source to workers as Blob URLs, which Node workers
//     cannot load: the Blob texts are recorded and written to files instead;
//  2. the worker evaluates the module source on its own, so the free variables that source has
//     in the tfjs Node bundle (its rollup names for require('fs') etc.) are defined first;
//  3. it caps XNNPACK's pool at half the logical cores it sees (counting hyper-threads twice),
//     so os.cpus() reports enough cores for the requested count.
// Its pool workers keep Node's event loop alive, so they are unref'd afterwards.

const MODULE_SOURCE_PREFIX = 'var WasmBackendModuleThreadedSimd';
const BUNDLE_FREE_VARIABLES =
  "var require$$0 = require('fs'), require$$1 = require('path'), require$$3 = require('perf_hooks'), " +
  "require$$4 = require('os'), commonjsGlobal = globalThis;\n";

interface NodeWorker {
  unref(): void;
}
interface PThreads {
  runningWorkers: NodeWorker[];
  unusedWorkers: NodeWorker[];
}

/** Installs the bridges above; returns the function that removes them. */
function bridgeThreadedBuild(scriptDir: string, threads: number): () => void {
  const { Blob: OriginalBlob } = globalThis;
  const { createObjectURL } = URL;
  const mutableOs = os as { cpus: typeof os.cpus };
  const { cpus } = mutableOs;
  const blobTexts = new WeakMap<Blob, string>();
  let moduleSourcePath = '';
  let scripts = 0;

  globalThis.Blob = class RecordingBlob extends OriginalBlob {
    constructor(...args: ConstructorParameters<typeof Blob>) {
      super(...args);
      const [parts] = args;
      if (!parts?.every((part) => typeof part === 'string')) return;
      const text = parts.join('');
      blobTexts.set(this, text);
      if (text.startsWith(MODULE_SOURCE_PREFIX)) {
        moduleSourcePath = join(scriptDir, 'module.js');
        writeFileSync(moduleSourcePath, BUNDLE_FREE_VARIABLES + text);
      }
    }
  };
  URL.createObjectURL = (blob: Blob) => {
    const text = blobTexts.get(blob);
    if (text === undefined) return createObjectURL(blob);
    // The worker script turns the module-source Blob it is sent into a URL to load: our file.
    const path = join(scriptDir, `worker-${scripts++}.js`);
    writeFileSync(path, `URL.createObjectURL = () => ${JSON.stringify(moduleSourcePath)};\nURL.revokeObjectURL = () => {};\n${text}`);
    return path;
  };
  const cores = cpus();
  mutableOs.cpus = () => Array.from({ length: Math.max(cores.length, 2 * threads) }, (_, i) => cores[i % cores.length]!);

  return () => {
    globalThis.Blob = OriginalBlob;
    URL.createObjectURL = createObjectURL;
    mutableOs.cpus = cpus;
  };
}

/**
 * Activates tfjs's wasm backend with `threads` XNNPACK threads (1: the single-threaded SIMD
 * build). The count is fixed by the first initialisation in a process.
 */
export async function initWasmBackend(threads: number): Promise<BackendLoadResult> {
  if (!Number.isInteger(threads) || threads < 1) {
    return { ok: false, reason: `wasm threads must be a positive integer, got ${threads}` };
  }
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (tf.findBackend('wasm')) {
    const current = wasm.getThreadsCount();
    if (current !== threads) return { ok: false, reason: `wasm is already running with ${current} thread(s), not ${threads}` };
    return (await tf.setBackend('wasm')) ? { ok: true, detail: `threads ${current}` } : { ok: false, reason: 'tfjs could not switch to wasm' };
  }
  if (threads === 1) {
    return (await tf.setBackend('wasm')) ? { ok: true, detail: 'threads 1' } : { ok: false, reason: 'tfjs could not initialise wasm' };
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  // Workers read these scripts while the module initialises; afterwards they are not needed.
  const scriptDir = mkdtempSync(join(os.tmpdir(), 'ssl-distill-wasm-'));
  const removeBridges = bridgeThreadedBuild(scriptDir, threads);
  let activated: boolean;
  try {
    activated = await tf.setBackend('wasm');
  } finally {
    removeBridges();
    rmSync(scriptDir, { recursive: true, force: true });
  }
  if (!activated) return { ok: false, reason: `tfjs could not initialise wasm with ${threads} threads` };
  const { PThread } = (tf.backend() as BackendWasm).wasm as unknown as { PThread: PThreads };
  for (const worker of [...PThread.runningWorkers, ...PThread.unusedWorkers]) worker.unref();
  return { ok: true, detail: `threads ${wasm.getThreadsCount()}` };
}
