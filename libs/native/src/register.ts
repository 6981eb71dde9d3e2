import { availableParallelism } from 'node:os';

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';

import { loadAddon, type NativeAddon } from './addon.js';
import { NativeBackend } from './backend.js';
import { registerNativeGradients } from './gradients.js';
import { CONV_KERNELS } from './kernels/conv.js';
import { ELEMENTWISE_KERNELS } from './kernels/elementwise.js';
import { MATMUL_KERNELS } from './kernels/matmul.js';
import { NATIVE_BACKEND_NAME } from './kernels/native_kernel.js';
import { POOL_KERNELS } from './kernels/pool.js';

export interface NativeBackendOptions {
  /** Threads for oneDNN and the addon's loops (default: the number of cores). */
  threads?: number;
}

export type RegisterResult = { ok: true } | { ok: false; reason: string };

// Above cpu (1) and wasm (2): when registered, it is the best backend tfjs can pick by itself.
const PRIORITY = 3;

function nativeKernels(): tf.KernelConfig[] {
  return [...CONV_KERNELS, ...POOL_KERNELS, ...MATMUL_KERNELS, ...ELEMENTWISE_KERNELS];
}

/** Every cpu kernel is also a 'native' kernel, except those the addon implements. */
function registerKernels(): void {
  const native = nativeKernels();
  const overridden = new Set(native.map((config) => config.kernelName));
  const inherited = tf
    .getKernelsForBackend('cpu')
    .filter((config) => !overridden.has(config.kernelName))
    .map((config) => ({ ...config, backendName: NATIVE_BACKEND_NAME }));
  for (const config of [...inherited, ...native]) {
    if (!tf.getKernel(config.kernelName, NATIVE_BACKEND_NAME)) tf.registerKernel(config);
  }
}

function register(addon: NativeAddon, threads: number): void {
  addon.setThreads(threads);
  if (tf.findBackendFactory(NATIVE_BACKEND_NAME)) return;
  registerKernels();
  registerNativeGradients();
  tf.registerBackend(NATIVE_BACKEND_NAME, () => new NativeBackend(addon), PRIORITY);
}

/**
 * Registers the tfjs backend 'native' (select it with tf.setBackend('native')). Never throws:
 * when the addon is not built, or is disabled with SSL_DISTILL_NATIVE=off, it returns the reason.
 * Calling it again only changes the thread count.
 */
export async function registerNativeBackend(options: NativeBackendOptions = {}): Promise<RegisterResult> {
  if (process.env.SSL_DISTILL_NATIVE === 'off') {
    return { ok: false, reason: 'native backend disabled by SSL_DISTILL_NATIVE=off' };
  }
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    return { ok: false, reason: `threads must be a positive integer, got ${threads}` };
  }
  const load = loadAddon();
  if (!load.ok) return load;
  try {
    register(load.addon, threads);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `native backend could not be registered: ${error instanceof Error ? error.message : String(error)}` };
  }
}
