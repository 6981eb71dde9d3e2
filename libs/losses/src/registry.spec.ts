import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getLoss, isLossName, lossNames, lossRegistry, type LossName } from './registry.js';

// Source files that hold building blocks rather than losses.
const NOT_LOSS_FILES = new Set(['index.ts', 'registry.ts', 'tensor-ops.ts', 'validation.ts', 'embedding-queue.ts']);

/** A deterministic, well-spread [rows, cols] batch (no two rows equal). */
const batch = (rows: number, cols: number, phase: number) =>
  tf.tensor2d(Array.from({ length: rows * cols }, (_, k) => Math.sin(1.3 * k + phase) + 0.1 * k), [rows, cols]);

// One small call per registered loss, in its documented argument order.
function exampleInputs(): Record<LossName, Array<tf.Tensor | tf.Tensor[] | undefined>> {
  const labels = tf.tensor1d([0, 2, 1, 0], 'int32');
  return {
    seed: [batch(4, 3, 0), batch(4, 3, 1), batch(6, 3, 2)],
    'infonce-simclr': [batch(4, 3, 0), batch(4, 3, 1)],
    'infonce-moco': [batch(4, 3, 0), batch(4, 3, 1), batch(6, 3, 2)],
    'negative-cosine': [batch(4, 3, 0), batch(4, 3, 1)],
    'negative-cosine-symmetric': [batch(4, 3, 0), batch(4, 3, 1), batch(4, 3, 2), batch(4, 3, 3)],
    kassl: [batch(4, 3, 0), batch(4, 3, 1), batch(4, 3, 2), batch(4, 3, 3)],
    'l2-regression': [batch(4, 3, 0), batch(4, 3, 1)],
    'binary-contrastive': [batch(4, 3, 0), batch(4, 3, 1), undefined],
    'hinton-kd': [batch(4, 3, 0), batch(4, 3, 1), labels],
    'rkd-distance': [batch(4, 2, 0), batch(4, 5, 1)],
    'rkd-angle': [batch(4, 2, 0), batch(4, 5, 1)],
    rkd: [batch(4, 2, 0), batch(4, 5, 1)],
    'triplet-kd': [batch(4, 3, 0), batch(4, 3, 1), undefined],
    'self-distillation': [[batch(4, 3, 0), batch(4, 3, 1)], [batch(4, 2, 2), batch(4, 2, 3)], labels],
  };
}

type AnyLoss = (...args: unknown[]) => tf.Scalar;

describe('lossRegistry', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('registers every loss function exported by every loss file', async () => {
    const registered = new Set<unknown>(Object.values(lossRegistry).map((entry) => entry.fn));
    const lossFiles = readdirSync(new URL('.', import.meta.url)).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !NOT_LOSS_FILES.has(file),
    );
    expect(lossFiles.length).toBeGreaterThanOrEqual(10);
    for (const file of lossFiles) {
      const exported = Object.entries(await import(`./${file}`)).filter(([, value]) => typeof value === 'function');
      expect(exported.length, `${file} exports no loss`).toBeGreaterThan(0);
      for (const [name, fn] of exported) expect(registered.has(fn), `${file}: ${name} is not in the registry`).toBe(true);
    }
  });

  it('calls every loss with its defaults, which are the values it uses when given none', () => {
    const inputs = exampleInputs();
    expect(Object.keys(inputs).sort()).toEqual([...lossNames].sort());
    for (const name of lossNames) {
      const { fn, defaults, description } = lossRegistry[name];
      expect(description.length, name).toBeGreaterThan(10);
      const withDefaults = (fn as AnyLoss)(...inputs[name], defaults);
      const withoutOptions = (fn as AnyLoss)(...inputs[name]);
      expect(withDefaults.rank, name).toBe(0);
      const value = withDefaults.dataSync()[0]!;
      expect(Number.isFinite(value), `${name} gave ${value}`).toBe(true);
      expect(withoutOptions.dataSync()[0], name).toBe(value);
      tf.dispose([withDefaults, withoutOptions]);
    }
  });

  it('looks losses up by name and lists the known names for an unknown one', () => {
    expect(getLoss('seed')).toBe(lossRegistry.seed);
    expect(isLossName('rkd-angle')).toBe(true);
    expect(isLossName('toString')).toBe(false);
    expect(() => getLoss('sead')).toThrow(`unknown loss 'sead' (expected one of ${lossNames.join(', ')})`);
  });
});
