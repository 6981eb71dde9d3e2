import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendLoader, BackendName } from './backend.js';

// initBackend keeps per-process state (the chosen backend, failures already reported), so each
// test loads a fresh copy of the module.
async function freshBackendModule() {
  vi.resetModules();
  return import('./backend.js');
}

function fakeLoaders(outcomes: Partial<Record<BackendName, string | true>>) {
  const calls: BackendName[] = [];
  const loaders: Partial<Record<BackendName, BackendLoader>> = {};
  for (const [name, outcome] of Object.entries(outcomes) as Array<[BackendName, string | true]>) {
    loaders[name] = async () => {
      calls.push(name);
      return outcome === true ? { ok: true } : { ok: false, reason: outcome };
    };
  }
  return { loaders, calls };
}

const savedEnv = process.env.SSL_DISTILL_BACKEND;
beforeEach(() => {
  delete process.env.SSL_DISTILL_BACKEND;
});
afterEach(() => {
  if (savedEnv === undefined) delete process.env.SSL_DISTILL_BACKEND;
  else process.env.SSL_DISTILL_BACKEND = savedEnv;
});

describe('backend names', () => {
  it('parses every backend name and auto', async () => {
    const { parseBackendName, BACKEND_ORDER } = await freshBackendModule();
    for (const name of [...BACKEND_ORDER, 'auto']) expect(parseBackendName(name)).toBe(name);
  });

  it('rejects an unknown name, naming it and the choices', async () => {
    const { parseBackendName } = await freshBackendModule();
    expect(() => parseBackendName('webgpu')).toThrow(
      "unknown backend 'webgpu' (expected auto, tensorflow-gpu, tensorflow, native, wasm, cpu)",
    );
  });

  it('prefers the fastest backend in auto order', async () => {
    const { backendPreference } = await freshBackendModule();
    expect(backendPreference()).toEqual(['tensorflow-gpu', 'tensorflow', 'native', 'wasm', 'cpu']);
  });

  it('takes SSL_DISTILL_BACKEND, and an explicit request over it', async () => {
    const { backendPreference } = await freshBackendModule();
    process.env.SSL_DISTILL_BACKEND = 'cpu';
    expect(backendPreference()).toEqual(['cpu']);
    expect(backendPreference('wasm')).toEqual(['wasm']);
    process.env.SSL_DISTILL_BACKEND = 'tpu';
    expect(() => backendPreference()).toThrow("unknown backend 'tpu'");
  });
});

describe('initBackend', () => {
  it('takes the first backend that loads, reporting the ones before it in one line each', async () => {
    const { initBackend, activeBackend } = await freshBackendModule();
    const { loaders, calls } = fakeLoaders({
      'tensorflow-gpu': 'no CUDA',
      tensorflow: 'not installed',
      native: true,
      wasm: true,
      cpu: true,
    });
    const lines: string[] = [];
    expect(await initBackend({ loaders, log: (line) => lines.push(line) })).toBe('native');
    expect(calls).toEqual(['tensorflow-gpu', 'tensorflow', 'native']);
    expect(activeBackend()).toBe('native');
    expect(lines).toEqual([
      'ssl-distill: backend tensorflow-gpu unavailable: no CUDA',
      'ssl-distill: backend tensorflow unavailable: not installed',
      'ssl-distill: tfjs backend native',
    ]);
  });

  it('reports each unavailable backend once per process', async () => {
    const { initBackend } = await freshBackendModule();
    const { loaders } = fakeLoaders({ 'tensorflow-gpu': 'a', tensorflow: 'b', native: 'c', wasm: 'd', cpu: 'e' });
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    await expect(initBackend({ loaders, log })).rejects.toThrow(
      'no tfjs backend could be initialised (tried tensorflow-gpu, tensorflow, native, wasm, cpu)',
    );
    expect(lines).toHaveLength(5);
    await expect(initBackend({ loaders, log })).rejects.toThrow('no tfjs backend');
    expect(lines).toHaveLength(5);
  });

  it('throws with the reason when a backend asked for by name does not load', async () => {
    const { initBackend, activeBackend } = await freshBackendModule();
    const { loaders, calls } = fakeLoaders({ native: 'CPU lacks AVX2', cpu: true });
    await expect(initBackend({ backend: 'native', loaders, log: () => {} })).rejects.toThrow(
      "backend 'native' could not be initialised: CPU lacks AVX2",
    );
    expect(calls).toEqual(['native']);
    expect(activeBackend()).toBeUndefined();
  });

  it('follows SSL_DISTILL_BACKEND, and an explicit option over it', async () => {
    const { initBackend } = await freshBackendModule();
    const { loaders, calls } = fakeLoaders({ native: true, wasm: true, cpu: true });
    process.env.SSL_DISTILL_BACKEND = 'cpu';
    expect(await initBackend({ loaders, log: () => {} })).toBe('cpu');
    expect(await initBackend({ backend: 'wasm', loaders, log: () => {} })).toBe('wasm');
    expect(calls).toEqual(['cpu', 'wasm']);
  });

  it('reports why tfjs-node cannot be used when it is not installed', async () => {
    const { initBackend } = await freshBackendModule();
    await expect(initBackend({ backend: 'tensorflow', log: () => {} })).rejects.toThrow(
      /backend 'tensorflow' could not be initialised: @tensorflow\/tfjs-node did not load: /,
    );
  });

  it('rejects a thread count that is not a positive integer', async () => {
    const { initBackend } = await freshBackendModule();
    await expect(initBackend({ backend: 'wasm', threads: 0, log: () => {} })).rejects.toThrow(
      'wasm threads must be a positive integer, got 0',
    );
  });

  it('activates wasm with the training kernels, then cpu on request', async () => {
    const { initBackend, activeBackend } = await freshBackendModule();
    const lines: string[] = [];
    expect(await initBackend({ backend: 'wasm', log: (line) => lines.push(line) })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(activeBackend()).toBe('wasm');
    expect(lines).toEqual(['ssl-distill: tfjs backend wasm (threads 1)']);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(await initBackend({ backend: 'cpu', log: () => {} })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('re-activates its backend when tfjs was switched away from it', async () => {
    const { initBackend } = await freshBackendModule();
    await initBackend({ backend: 'wasm', log: () => {} });
    await tf.setBackend('cpu');
    expect(await initBackend({ backend: 'wasm', log: () => {} })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });
});
