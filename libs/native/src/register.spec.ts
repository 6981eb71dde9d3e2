import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadAddon, tryLoadAddon, type NativeAddon } from './addon.js';
import { NATIVE_BACKEND_NAME, registerNativeBackend } from './index.js';
import { nativeDisabled } from './testing/compare.js';

describe('registerNativeBackend', () => {
  it('registers a backend with every cpu kernel (or, with SSL_DISTILL_NATIVE=off, says why not)', async () => {
    if (nativeDisabled) {
      expect(await registerNativeBackend()).toEqual({ ok: false, reason: expect.stringContaining('SSL_DISTILL_NATIVE=off') });
      expect(tf.findBackendFactory(NATIVE_BACKEND_NAME)).toBeNull();
      return;
    }
    expect(await registerNativeBackend({ threads: 1 })).toEqual({ ok: true });
    expect(await registerNativeBackend({ threads: 2 })).toEqual({ ok: true }); // again: only the thread count changes
    expect((loadAddon() as { addon: NativeAddon }).addon.threads()).toBe(2);
    const nativeKernels = new Set(tf.getKernelsForBackend(NATIVE_BACKEND_NAME).map((config) => config.kernelName));
    const missing = tf.getKernelsForBackend('cpu').filter((config) => !nativeKernels.has(config.kernelName));
    expect(missing).toEqual([]);
    expect(await tf.setBackend(NATIVE_BACKEND_NAME)).toBe(true);
    expect(tf.tidy(() => tf.add(tf.tensor([1, 2]), tf.tensor([3, 4])).arraySync())).toEqual([4, 6]);
  });

  it('returns a reason instead of throwing for a bad thread count', async () => {
    const result = await registerNativeBackend({ threads: 0 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(nativeDisabled ? /SSL_DISTILL_NATIVE=off/ : /threads must be a positive integer, got 0/);
  });

  it('explains a missing addon instead of throwing', () => {
    const result = tryLoadAddon('/nonexistent/ssl_distill_native.node');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^native addon not built: .*Cannot find module/);
  });
});

describe.skipIf(nativeDisabled)('the addon', () => {
  const addon = () => {
    const load = loadAddon();
    if (!load.ok) throw new Error(load.reason);
    return load.addon;
  };

  it('rejects bad arguments with errors that name them', () => {
    const geometry = Int32Array.of(1, 4, 4, 1, 4, 4, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
    const filter = new Float32Array(18);
    expect(() => addon().conv2d(new Float32Array(3), filter, geometry, new Float32Array(32), null, 0, 0, null)).toThrow(
      "conv2d: 'x' has 3 values, expected 16",
    );
    expect(() => addon().conv2d(new Float32Array(16), filter, geometry.subarray(1), new Float32Array(32), null, 0, 0, null)).toThrow(
      "conv2d: 'geometry' must hold 17 integers",
    );
    expect(() => addon().conv2d(new Float32Array(16), filter, geometry, new Float32Array(32), new Float32Array(3), 0, 0, null)).toThrow(
      "conv2d: 'bias' has 3 values, expected 1 or 2 (one per channel)",
    );
    const shape = Int32Array.of(1, 1, 2, 2, 2, 0, 0);
    expect(() => addon().matMul(new Float64Array(4) as unknown as Float32Array, new Float32Array(4), shape, new Float32Array(4), null, 0, 0, null)).toThrow(
      "matMul: 'a' must be a Float32Array",
    );
    expect(() => addon().matMul(new Float32Array(4), new Float32Array(4), shape, new Float32Array(4), null, 9, 0, null)).toThrow(
      'matMul: unknown activation code 9',
    );
    expect(() => addon().setThreads(0)).toThrow("setThreads: 'threads' must be between 1 and 1024");
    expect(addon().info()).toMatch(/^oneDNN \d+\.\d+\.\d+, \d+ threads$/);
  });
});
