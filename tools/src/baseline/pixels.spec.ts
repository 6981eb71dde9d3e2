import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { syntheticDataset, writeIdxDataset } from '@ssl-distill/data';
import { initBackend } from '@ssl-distill/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pixelFeatures, pixelKnn } from './pixels.js';

const shape = { height: 12, width: 12, channels: 1, classes: 4 };
const train = syntheticDataset({ count: 400, seed: 1, ...shape });
const test = syntheticDataset({ count: 100, seed: 2, ...shape });

describe('raw-pixel k-NN baseline', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('renders the pixels as the evaluate stage does (fixed plan, default normalisation)', () => {
    const tiny = { ...train, images: Uint8Array.of(0, 255, 51), count: 3, height: 1, width: 1, labels: Int32Array.of(0, 1, 0) };
    const { features, dim } = pixelFeatures(tiny);
    expect(dim).toBe(1);
    expect(Array.from(features)).toEqual([-1, 1, Math.fround(0.4 - 1)]);
  });

  it('classifies the bar orientations well above chance, and no better with labels shuffled', () => {
    const before = tf.memory().numTensors;
    const { top1 } = pixelKnn(train, test, { k: 20 });
    expect(top1).toBeGreaterThan(0.6);
    const shuffled = { ...train, labels: train.labels.map((_, i) => train.labels[(i * 7 + 3) % train.count]!) };
    expect(pixelKnn(shuffled, test, { k: 20 }).top1).toBeLessThan(0.45);
    expect(tf.memory().numTensors).toBe(before);
  });

  describe('command', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'pixels-baseline-'));
      writeIdxDataset(dir, train, 'train');
      writeIdxDataset(dir, test, 'test');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const run = (...args: string[]) =>
      execFileSync(process.execPath, ['--conditions=@ssl-distill/source', '--import', 'tsx', join(import.meta.dirname, 'main.ts'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

    /** The exit status and stderr of a run that must fail. */
    const runFailing = (...args: string[]): { status: number; stderr: string } => {
      try {
        run(...args);
      } catch (error) {
        return error as { status: number; stderr: string };
      }
      throw new Error(`baseline ${args.join(' ')} succeeded`);
    };

    it('prints the probe as JSON, equal to the library call', () => {
      const result = JSON.parse(run('--dataset-dir', dir, '--k', '20', '--json'));
      expect(result).toMatchObject({ features: 'pixels', train: 400, test: 100, k: 20 });
      expect(result.top1).toBeCloseTo(pixelKnn(train, test, { k: 20 }).top1, 10);
    });

    it('fails with a message naming the missing files', () => {
      const failure = runFailing('--dataset-dir', join(dir, 'missing'));
      expect(failure.status).toBe(1);
      expect(failure.stderr).toMatch(/^baseline: .*train images/m);
    });

    it('rejects a k that is not a positive integer', () => {
      const failure = runFailing('--dataset-dir', dir, '--k', '0');
      expect(failure.status).not.toBe(0);
      expect(failure.stderr).toMatch(/--k <n>.*expected a positive integer/);
    });
  });
});
