import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdamWOptimizer } from './adamw.js';
import { createOptimizer } from './config.js';
import type { Optimizer } from './optimizer.js';
import { SgdOptimizer } from './sgd.js';

beforeAll(async () => {
  await initBackend();
});

const created: tf.Tensor[] = [];
afterEach(() => {
  tf.dispose(created.splice(0));
});

/** A rank-2 "kernel" (decayed by default) and a rank-1 "bias" (not decayed). */
function kernelAndBias(): [tf.Variable, tf.Variable] {
  const kernel = tf.tidy(() => tf.variable(tf.tensor2d([[1, -2]])));
  const bias = tf.tidy(() => tf.variable(tf.tensor1d([1])));
  created.push(kernel, bias);
  return [kernel, bias];
}

function stepWith(optimizer: Optimizer, gradients: number[][], learningRate: number): void {
  const tensors = gradients.map((g, i) => tf.tensor(g, optimizer.variables[i]!.shape));
  optimizer.applyGradients(tensors, learningRate);
  tf.dispose(tensors);
}

const values = (v: tf.Tensor) => Array.from(v.dataSync());

describe('SgdOptimizer', () => {
  it('matches hand-computed momentum + weight decay steps, bias not decayed', () => {
    const [kernel, bias] = kernelAndBias();
    const sgd = new SgdOptimizer([kernel, bias], { momentum: 0.9, weightDecay: 0.1 });
    // Step 1: g = [0.5, 1] + 0.1 * [1, -2] = [0.6, 0.8]; v = g; w = [1, -2] - 0.1 v = [0.94, -2.08].
    //         bias: g = 0.5 (no decay); v = 0.5; b = 1 - 0.05 = 0.95.
    stepWith(sgd, [[0.5, 1], [0.5]], 0.1);
    expect(values(kernel)[0]).toBeCloseTo(0.94, 6);
    expect(values(kernel)[1]).toBeCloseTo(-2.08, 6);
    expect(values(bias)[0]).toBeCloseTo(0.95, 6);
    // Step 2: g = [0.5 + 0.094, 1 - 0.208] = [0.594, 0.792]; v = 0.9 [0.6, 0.8] + g = [1.134, 1.512];
    //         w = [0.94 - 0.1134, -2.08 - 0.1512]. bias: v = 0.45 + 0.5 = 0.95; b = 0.95 - 0.095.
    stepWith(sgd, [[0.5, 1], [0.5]], 0.1);
    expect(values(kernel)[0]).toBeCloseTo(0.8266, 6);
    expect(values(kernel)[1]).toBeCloseTo(-2.2312, 6);
    expect(values(bias)[0]).toBeCloseTo(0.855, 6);
    expect(sgd.iterations).toBe(2);
    sgd.dispose();
  });

  it('applies the Nesterov look-ahead', () => {
    const [kernel, bias] = kernelAndBias();
    const sgd = new SgdOptimizer([kernel, bias], { momentum: 0.9, nesterov: true, weightDecay: 0.1 });
    // g = [0.6, 0.8]; v = g; direction = g + 0.9 v = [1.14, 1.52]; w = [1 - 0.114, -2 - 0.152].
    stepWith(sgd, [[0.5, 1], [0.5]], 0.1);
    expect(values(kernel)[0]).toBeCloseTo(0.886, 6);
    expect(values(kernel)[1]).toBeCloseTo(-2.152, 6);
    sgd.dispose();
  });

  it('skips variables without a gradient and leaks no tensors', () => {
    const [kernel, bias] = kernelAndBias();
    const before = tf.memory().numTensors;
    const sgd = new SgdOptimizer([kernel, bias]);
    const gradient = tf.tensor2d([[1, 1]]);
    sgd.applyGradients([gradient, null], 0.1);
    expect(values(bias)).toEqual([1]);
    expect(values(kernel)[0]).toBeCloseTo(0.9, 6);
    gradient.dispose();
    sgd.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('AdamWOptimizer', () => {
  it('matches a scalar reference implementation over three steps', () => {
    const [kernel, bias] = kernelAndBias();
    const adam = new AdamWOptimizer([kernel, bias], { weightDecay: 0.5 });
    const gradients = [[[0.3, -1]], [[0.1, 2]], [[-0.2, 0.5]]];
    // Reference: the AdamW formulas written out per element in float64.
    const w = [1, -2];
    const m = [0, 0];
    const v = [0, 0];
    gradients.forEach(([g], step) => {
      const t = step + 1;
      for (let i = 0; i < 2; i++) {
        m[i] = 0.9 * m[i]! + 0.1 * g![i]!;
        v[i] = 0.999 * v[i]! + 0.001 * g![i]! ** 2;
        w[i] = w[i]! * (1 - 0.01 * 0.5) - (0.01 * (m[i]! / (1 - 0.9 ** t))) / (Math.sqrt(v[i]! / (1 - 0.999 ** t)) + 1e-8);
      }
      stepWith(adam, [g!, [0]], 0.01);
    });
    expect(values(kernel)[0]).toBeCloseTo(w[0]!, 5);
    expect(values(kernel)[1]).toBeCloseTo(w[1]!, 5);
    // Zero gradient, no decay on the bias: Adam's update is 0 / (0 + eps) = 0.
    expect(values(bias)).toEqual([1]);
    adam.dispose();
  });
});

describe('optimizer state', () => {
  it('round-trips: restored optimizer continues exactly like the original', () => {
    const run = (restoreAfter?: number) => {
      const [kernel, bias] = kernelAndBias();
      let optimizer = createOptimizer({ type: 'adamw', weightDecay: 0.1 }, [kernel, bias]);
      for (let step = 0; step < 4; step++) {
        if (step === restoreAfter) {
          const state = optimizer.getState();
          optimizer.dispose();
          optimizer = createOptimizer({ type: 'adamw', weightDecay: 0.1 }, [kernel, bias]);
          optimizer.setState(state);
        }
        stepWith(optimizer, [[0.3 * step - 0.2, 1 - step], [step]], 0.05);
      }
      optimizer.dispose();
      return [...values(kernel), ...values(bias)];
    };
    expect(run(2)).toEqual(run());
  });

  it('rejects a state with a wrongly sized slot, naming it', () => {
    const [kernel, bias] = kernelAndBias();
    const sgd = new SgdOptimizer([kernel, bias]);
    const state = sgd.getState();
    expect(Object.keys(state).sort()).toEqual(['iterations', 'slots/velocity/0', 'slots/velocity/1']);
    state['slots/velocity/0'] = new Float32Array(3);
    expect(() => sgd.setState(state)).toThrow(/'slots\/velocity\/0' has 3 values, expected 2/);
    sgd.dispose();
  });

  it('validates configs by field name', () => {
    const [kernel] = kernelAndBias();
    expect(() => createOptimizer({ type: 'sgd', momentum: 1.5 }, [kernel])).toThrow(/optimizer\.momentum: must be < 1, got 1\.5/);
    expect(() => createOptimizer({ type: 'rmsprop' }, [kernel])).toThrow(/optimizer\.type: unknown value 'rmsprop' \(expected one of: sgd, adamw\)/);
    expect(() => createOptimizer({ type: 'sgd', momentun: 0.9 }, [kernel])).toThrow(/optimizer\.momentun: unknown field \(did you mean momentum\?/);
  });
});
