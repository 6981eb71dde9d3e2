import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeBatch, initTrainingBackend, makeBatch, TINY_MLP } from '../test/helpers.js';
import { createMethod, methodNames, methodRegistry } from './registry.js';

beforeAll(async () => {
  await initTrainingBackend();
});

const batch = makeBatch({ views: 2, teacherDim: 6, classes: 3, seed: 1 });
afterAll(() => disposeBatch(batch));

const minimalConfigs: Record<string, Record<string, unknown>> = {
  simclr: {},
  mocov2: { queueSize: 16 },
  byol: {},
  seed: { teacherDim: 6, queueSize: 16 },
  'seed-mocov2': { teacherDim: 6, queueSize: 16, moco: { queueSize: 16 } },
  kassl: { teacherDim: 6 },
  'l2-regression': { teacherDim: 6 },
  supervised: { numClasses: 3 },
  hkd: { numClasses: 3 },
  rkd: { numClasses: 3, teacherDim: 6 },
  'triplet-kd': { numClasses: 3, teacherDim: 6 },
  kd: { numClasses: 3 },
  'self-distillation': { numClasses: 3 },
};

describe('method registry', () => {
  it('lists every method once, each with a minimal config here', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(minimalConfigs).sort());
  });

  it.each(methodNames)('%s builds from a minimal config and takes a finite step without leaking', (name) => {
    const method = createMethod(name, { backbone: TINY_MLP, ...minimalConfigs[name] });
    expect(method.name).toBe(name);
    expect(method.encoder).toBe(method.trainableModels().backbone);
    const before = tf.memory().numTensors;
    expect(Number.isFinite(method.step(batch).loss)).toBe(true);
    expect(method.stepCount).toBe(1);
    method.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
    expect(methodRegistry[name].description.length).toBeGreaterThan(0);
  });

  it('names the bad field of a config', () => {
    expect(() => createMethod('nope', {})).toThrow(/method: unknown method 'nope' \(expected one of: simclr, /);
    expect(() => createMethod('seed', { backbone: TINY_MLP })).toThrow(/seed\.teacherDim: is required/);
    expect(() => createMethod('mocov2', { backbone: TINY_MLP, queueSize: -3 })).toThrow(/mocov2\.queueSize: must be >= 1, got -3/);
    expect(() => createMethod('byol', { backbone: TINY_MLP, momentum: 1 })).toThrow(/byol\.momentum: must be < 1, got 1/);
    expect(() => createMethod('simclr', { backbone: TINY_MLP, projector: { outdim: 4 } })).toThrow(/simclr\.projector\.outdim: unknown field \(did you mean outDim\?/);
    expect(() => createMethod('simclr', { backbone: TINY_MLP, optimizer: { type: 'sgd', lr: 1 } })).toThrow(/simclr\.optimizer\.lr: unknown field/);
    expect(() => createMethod('simclr', { backbone: { ...TINY_MLP, hidden: [0] } })).toThrow(/simclr\.backbone\.hidden\[0\]/);
    expect(() => createMethod('kd', { backbone: TINY_MLP, numClasses: 3, crossEntropy: 0 })).toThrow(/kd\.crossEntropy: every loss weight is 0/);
    expect(() => createMethod('kd', { backbone: TINY_MLP, numClasses: 3, rkd: { weight: 1 } })).toThrow(/kd\.teacherDim: is required by the rkd term/);
    expect(() => createMethod('kassl', { backbone: TINY_MLP, teacherDim: 6, teacherReduction: { dim: 7 } })).toThrow(
      /kassl\.teacherReduction\.dim: must be <= 6 \(the teacher's width\), got 7/,
    );
  });

  it('builds no tensors when the config is invalid', () => {
    const before = tf.memory().numTensors;
    expect(() => createMethod('seed-mocov2', { backbone: TINY_MLP, teacherDim: 6, moco: { momentum: 2 } })).toThrow(/seed-mocov2\.moco\.momentum/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names what a batch lacks', () => {
    const method = createMethod('supervised', { backbone: TINY_MLP, numClasses: 3 });
    expect(() => method.step({ views: batch.views })).toThrow(/supervised: batch\.labels is missing/);
    const floatLabels = tf.zeros([8]);
    expect(() => method.step({ views: batch.views, labels: floatLabels })).toThrow(/batch\.labels must be int32, got float32/);
    const wrongImages = tf.zeros([8, 4, 4, 1]);
    expect(() => method.step({ views: [wrongImages], labels: batch.labels! })).toThrow(/batch\.views\[0\] has shape \[8, 4, 4, 1\], expected \[8, 8, 8, 1\]/);
    tf.dispose([floatLabels, wrongImages]);
    method.dispose();
    const simclr = createMethod('simclr', { backbone: TINY_MLP });
    expect(() => simclr.step({ views: [batch.views[0]!] })).toThrow(/simclr: batch\.views has 1 view\(s\), needs 2/);
    simclr.dispose();
  });

  it('rejects a checkpoint from another configuration, naming the entry', () => {
    const small = createMethod('seed', { backbone: TINY_MLP, teacherDim: 6, queueSize: 16 });
    const large = createMethod('seed', { backbone: TINY_MLP, teacherDim: 6, queueSize: 32 });
    expect(() => large.setState(small.getState())).toThrow(/state 'contents' has 96 values, expected 192 \(queue 'teacher' rows \[32, 6\]\)/);
    const other = createMethod('simclr', { backbone: TINY_MLP });
    expect(() => small.setState(other.getState())).toThrow(/seed: state has unexpected entries 'models\/projector\/0'/);
    [small, large, other].forEach((method) => method.dispose());
  });
});
