import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getLoss, isLossName, lossNames, lossRegistry, type LossArg, type LossName } from './registry.js';

// Source files that hold building blocks rather than losses.
const NOT_LOSS_FILES = new Set(['index.ts', 'registry.ts', 'tensor-ops.ts', 'validation.ts', 'embedding-queue.ts']);

/** A deterministic, well-spread [rows, cols] batch (no two rows equal). */
const batch = (rows: number, cols: number, phase: number) =>
  tf.tensor2d(Array.from({ length: rows * cols }, (_, k) => Math.sin(1.3 * k + phase) + 0.1 * k), [rows, cols]);

/** One small call per registered loss, built from the arguments its entry declares. */
function exampleInputs(): Record<LossName, Array<tf.Tensor | tf.Tensor[] | undefined>> {
  const labels = tf.tensor1d([0, 2, 1, 0], 'int32');
  const input = (arg: LossArg, i: number): tf.Tensor | tf.Tensor[] | undefined => {
    switch (arg) {
      case 'student': case 'teacher': case 'logits': return batch(4, 3, i);
      case 'queue': return batch(6, 3, i);
      case 'labels': return labels;
      case 'stage-logits': return [batch(4, 3, i), batch(4, 3, i + 1)];
      case 'stage-features': return [batch(4, 2, i), batch(4, 2, i + 1)];
      case 'optional': return undefined;
    }
  };
  return Object.fromEntries(lossNames.map((name) => [name, lossRegistry[name].args.map(input)])) as Record<LossName, Array<tf.Tensor | tf.Tensor[] | undefined>>;
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
