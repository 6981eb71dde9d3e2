import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'native' | 'wasm' | 'cpu';
export const BACKEND_ORDER: BackendName[] = ['tensorflow-gpu', 'tensorflow', 'native', 'wasm', 'cpu'];

export interface BackendOptions {
  /** A backend name, or 'auto' (default: env SSL_DISTILL_BACKEND, else the first that loads). */
  backend?: BackendName | 'auto';
  /** Worker threads for backends that can use them. */
  threads?: number;
  log?: (message: string) => void;
}

export function backendPreference(requested?: string): BackendName[] {
  const name = requested ?? process.env.SSL_DISTILL_BACKEND ?? 'auto';
  if (name === 'auto') return BACKEND_ORDER;
  if (!(BACKEND_ORDER as string[]).includes(name)) {
    throw new Error(`unknown backend '${name}' (expected auto or one of ${BACKEND_ORDER.join(', ')})`);
  }
  return [name as BackendName];
}

let active: BackendName | undefined;

// STUB (being replaced): only wasm and cpu are wired here so far.
export async function initBackend(options: BackendOptions = {}): Promise<BackendName> {
  if (active) return active;
  for (const name of backendPreference(options.backend)) {
    if (name === 'wasm') {
      await import('@tensorflow/tfjs-backend-wasm');
      if (await tf.setBackend('wasm')) return (active = 'wasm');
    } else if (name === 'cpu') {
      if (await tf.setBackend('cpu')) return (active = 'cpu');
    }
  }
  throw new Error('no tfjs backend could be initialised');
}
