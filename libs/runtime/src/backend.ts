import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './wasm/register.js';
import { initWasmBackend } from './wasm/init.js';
import type { BackendLoadResult } from './load-result.js';
import { installLeanBackprop } from './lean-backprop.js';
import { installLeanLayers } from './lean-layers.js';

export type { BackendLoadResult };

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'native' | 'wasm' | 'cpu';
/** A backend name, or 'auto': the first of BACKEND_ORDER that loads. */
export type BackendRequest = BackendName | 'auto';

/** Fastest first. */
export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'native', 'wasm', 'cpu'];

/** Makes one backend tfjs's active backend, or reports why it cannot (never throws on purpose). */
export type BackendLoader = (options: { threads?: number }) => Promise<BackendLoadResult>;

export interface BackendOptions {
  /** Default: env SSL_DISTILL_BACKEND, else 'auto'. */
  backend?: BackendRequest;
  /** Worker threads for backends that can use them (wasm default: 1). */
  threads?: number;
  /** Where the one-line backend reports go (default: console.error). */
  log?: (message: string) => void;
  /** Replaces how particular backends are loaded (embedding, tests). */
  loaders?: Partial<Record<BackendName, BackendLoader>>;
}

export function parseBackendName(name: string): BackendRequest {
  if (name === 'auto' || (BACKEND_ORDER as readonly string[]).includes(name)) return name as BackendRequest;
  throw new Error(`unknown backend '${name}' (expected auto, ${BACKEND_ORDER.join(', ')})`);
}

function resolveRequest(requested?: string): BackendRequest {
  return parseBackendName(requested || process.env.SSL_DISTILL_BACKEND || 'auto');
}

/** The backends initBackend would try, in order. */
export function backendPreference(requested?: string): BackendName[] {
  const request = resolveRequest(requested);
  return request === 'auto' ? [...BACKEND_ORDER] : [request];
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

async function activate(tfjsName: string): Promise<BackendLoadResult> {
  if (!(await tf.setBackend(tfjsName))) return { ok: false, reason: `tfjs could not initialise its '${tfjsName}' backend` };
  // The cpu backend (and 'native', built on it) prints a banner on first use urging tfjs-node; the
  // runtime has already logged its choice and why tfjs-node is absent.
  const backend = tf.backend() as { firstUse?: boolean };
  if (backend.firstUse) backend.firstUse = false;
  return { ok: true };
}

// A variable specifier keeps TypeScript (and bundlers) from requiring these optional packages.
async function importOptional(specifier: string): Promise<Record<string, unknown>> {
  return (await import(specifier)) as Record<string, unknown>;
}

function tfjsNodeLoader(packageName: string): BackendLoader {
  return async () => {
    try {
      await importOptional(packageName);
    } catch (error) {
      return { ok: false, reason: `${packageName} did not load: ${errorMessage(error)}` };
    }
    return activate('tensorflow'); // both packages register their backend as 'tensorflow'
  };
}

type RegisterNativeBackend = (options?: { threads?: number }) => Promise<BackendLoadResult>;

const loadNative: BackendLoader = async ({ threads }) => {
  const packageName = '@ssl-distill/native';
  let registerNativeBackend: unknown;
  try {
    ({ registerNativeBackend } = await importOptional(packageName));
  } catch (error) {
    return { ok: false, reason: `${packageName} did not load: ${errorMessage(error)}` };
  }
  if (typeof registerNativeBackend !== 'function') {
    return { ok: false, reason: `${packageName} does not export registerNativeBackend()` };
  }
  const registered = await (registerNativeBackend as RegisterNativeBackend)({ threads });
  return registered.ok ? activate('native') : registered;
};

const loadWasm: BackendLoader = async ({ threads = 1 }) => {
  const activated = await initWasmBackend(threads);
  if (activated.ok) registerWasmTrainingKernels();
  return activated;
};

const defaultLoaders: Record<BackendName, BackendLoader> = {
  'tensorflow-gpu': tfjsNodeLoader('@tensorflow/tfjs-node-gpu'),
  tensorflow: tfjsNodeLoader('@tensorflow/tfjs-node'),
  native: loadNative,
  wasm: loadWasm,
  cpu: async () => activate('cpu'),
};

let active: { name: BackendName; tfjsName: string } | undefined;
const reportedUnavailable = new Set<BackendName>();

/** The backend initBackend chose, if it ran. */
export function activeBackend(): BackendName | undefined {
  return active?.name;
}

/**
 * Chooses and activates the tfjs backend, once per process. In 'auto' order a backend that does not load is reported in
 * one line and skipped; a backend asked for by name that does not load is an error.
 */
export async function initBackend(options: BackendOptions = {}): Promise<BackendName> {
  const log = options.log ?? ((message: string) => console.error(message));
  const request = resolveRequest(options.backend);
  // Again only when a different backend is asked for, or tfjs was switched away from ours.
  if (active && (request === 'auto' || request === active.name) && tf.getBackend() === active.tfjsName) return active.name;
  const candidates = request === 'auto' ? BACKEND_ORDER : [request];
  for (const name of candidates) {
    const loader = options.loaders?.[name] ?? defaultLoaders[name];
    let result: BackendLoadResult;
    try {
      result = await loader({ threads: options.threads });
    } catch (error) {
      result = { ok: false, reason: errorMessage(error) };
    }
    if (result.ok) {
      active = { name, tfjsName: tf.getBackend() };
      // Training steps hold a fraction of the activations (same numbers); =0 measures stock tfjs.
      if (process.env.SSL_DISTILL_LEAN_BACKPROP !== '0') {
        installLeanBackprop(log);
        installLeanLayers(log);
      }
      log(`ssl-distill: tfjs backend ${name}${result.detail ? ` (${result.detail})` : ''}`);
      return name;
    }
    if (request !== 'auto') throw new Error(`backend '${name}' could not be initialised: ${result.reason}`);
    if (!reportedUnavailable.has(name)) {
      reportedUnavailable.add(name);
      log(`ssl-distill: backend ${name} unavailable: ${result.reason}`);
    }
  }
  throw new Error(`no tfjs backend could be initialised (tried ${candidates.join(', ')})`);
}
