/// <reference types="emscripten" />
// (The reference above gives the wasm module its HEAPU8 type.)
// A measuring child process: chooses its tfjs backend once, times one row, and reports a ChildReport
// to the parent over the IPC channel. Started by run.ts with the job as its only argument.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '@ssl-distill/runtime';
import { measureRow } from './measure.js';
import { WASM_HEAP_CAP_BYTES, type CellJob, type ChildMessage, type ChildReport } from './protocol.js';

async function run(job: CellJob, onStep: () => void): Promise<ChildReport> {
  let backendDetail = '';
  try {
    await initBackend({ backend: job.backend, threads: job.threads, log: (line) => (backendDetail = line) });
  } catch (error) {
    return { ok: false, stage: 'backend', message: messageOf(error), outOfMemory: false };
  }
  try {
    return { ok: true, backendDetail, measurement: await measureRow(job, onStep) };
  } catch (error) {
    const heapBytes = wasmHeapBytes();
    const heapNote = heapBytes === undefined ? '' : ` (wasm heap ${Math.round(heapBytes / 2 ** 20)} MiB)`;
    return { ok: false, stage: 'measure', message: messageOf(error) + heapNote, outOfMemory: isOutOfMemory(error, heapBytes) };
  }
}

/**
 * wasm tells of a failed allocation only by a bare "Aborted()" or a "memory access out of bounds" after
 * it: a wasm RuntimeError with the heap within 1 GiB of its 4 GiB cap is taken for running out of memory.
 */
function isOutOfMemory(error: unknown, wasmHeapBytes: number | undefined): boolean {
  if (error instanceof RangeError && /allocation failed/i.test(error.message)) return true; // a JS ArrayBuffer (cpu, native)
  return error instanceof Error && error.name === 'RuntimeError' && wasmHeapBytes !== undefined && wasmHeapBytes > WASM_HEAP_CAP_BYTES - 2 ** 30;
}

function wasmHeapBytes(): number | undefined {
  return tf.getBackend() === 'wasm' ? (tf.backend() as BackendWasm).wasm.HEAPU8.byteLength : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

const send = process.send?.bind(process);
if (!send) throw new Error('bench child.ts reports over an IPC channel: start it through run.ts (npm run bench)');
const report = await run(JSON.parse(process.argv[2] ?? '') as CellJob, () => send({ type: 'step' } satisfies ChildMessage));
// Exit explicitly: backend thread pools may keep the event loop alive.
send({ type: 'report', report } satisfies ChildMessage, () => process.exit(0));
