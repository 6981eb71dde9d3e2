import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, planId, planShape, resolvePlan, validatePlan } from './plan.js';
import { presetPipelines } from './presets.js';

describe('validatePlan', () => {
  it('fills defaults', () => {
    expect(validatePlan({ kind: 'replay', epochs: 3, seed: 1, preset: 'simclr' })).toEqual({
      kind: 'replay',
      epochs: 3,
      seed: 1,
      views: 2,
      preset: 'simclr',
      normalize: { mean: [0.5], std: [0.5] },
    });
  });

  it.each([
    [{ kind: 'other' }, /plan\.kind/],
    [{ kind: 'replay', epochs: 0, seed: 1, preset: 'simclr' }, /plan\.epochs/],
    [{ kind: 'replay', epochs: 1, seed: -1, preset: 'simclr' }, /plan\.seed/],
    [{ kind: 'replay', epochs: 1, seed: 1, preset: 'swav' }, /plan\.preset/],
    [{ kind: 'replay', epochs: 1, seed: 1 }, /exactly one of 'preset' and 'pipelines'/],
    [{ kind: 'replay', epochs: 1, seed: 1, preset: 'byol', epoch: 2 }, /plan\.epoch is not a known field/],
    [{ kind: 'replay', epochs: 1, seed: 1, pipelines: [[{ op: 'horizontalFlip', p: 1.5 }]] }, /plan\.pipelines\[0\]\[0\]\.p/],
    [{ kind: 'replay', epochs: 1, seed: 1, pipelines: [[{ op: 'rotate' }]] }, /plan\.pipelines\[0\]\[0\]\.op/],
    [
      { kind: 'replay', epochs: 1, seed: 1, pipelines: [[{ op: 'gaussianBlur', p: 1, kernelSize: 4, sigma: [0.1, 2] }]] },
      /plan\.pipelines\[0\]\[0\]\.kernelSize must be odd/,
    ],
    [
      { kind: 'replay', epochs: 1, seed: 1, pipelines: [[{ op: 'randomResizedCrop', scale: [0.9, 0.2], ratio: [1, 1] }]] },
      /plan\.pipelines\[0\]\[0\]\.scale must have low <= high/,
    ],
    [{ kind: 'fixed', normalize: { mean: [0.5], std: [0] } }, /plan\.normalize\.std\[0\]/],
    [{ kind: 'fixed', size: { height: 28 } }, /plan\.size\.width/],
  ])('rejects %j naming the bad field', (plan, message) => {
    expect(() => validatePlan(plan)).toThrow(message);
  });
});

describe('planId', () => {
  it('is sha256 of the canonical JSON with defaults filled', () => {
    const canonical = '{"augmentVersion":1,"plan":{"kind":"fixed","normalize":{"mean":[0.5],"std":[0.5]}}}';
    expect(planId({ kind: 'fixed' })).toBe(createHash('sha256').update(canonical).digest('hex').slice(0, 16));
  });

  it('ignores key order and spelled-out defaults but not content', () => {
    const id = planId({ kind: 'replay', epochs: 2, seed: 5, preset: 'mocov2' });
    expect(planId({ seed: 5, preset: 'mocov2', views: 2, epochs: 2, kind: 'replay' })).toBe(id);
    expect(planId({ kind: 'replay', epochs: 2, seed: 6, preset: 'mocov2' })).not.toBe(id);
    expect(planId({ kind: 'replay', epochs: 3, seed: 5, preset: 'mocov2' })).not.toBe(id);
  });

  it('canonicalJson sorts keys at every level', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[{"c":2,"d":1}]}');
  });
});

describe('presets', () => {
  it('SimCLR on 28x28 crops at least 20% and drops blur; on 32x32 it blurs with a 3-tap kernel', () => {
    const tiny = presetPipelines('simclr', { height: 28, width: 28 });
    expect(tiny).toHaveLength(1);
    expect(tiny[0].map((op) => op.op)).toEqual(['randomResizedCrop', 'horizontalFlip', 'colorJitter', 'grayscale']);
    expect(tiny[0][0]).toMatchObject({ scale: [0.2, 1] });
    expect(tiny[0][2]).toMatchObject({ p: 0.8, brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 });
    const cifar = presetPipelines('simclr', { height: 32, width: 32 });
    expect(cifar[0][0]).toMatchObject({ scale: [0.08, 1] });
    expect(cifar[0][4]).toEqual({ op: 'gaussianBlur', p: 0.5, kernelSize: 3, sigma: [0.1, 2] });
  });

  it('BYOL has two asymmetric views: blur 1.0 / 0.1 and solarize 0 / 0.2', () => {
    const [first, second] = presetPipelines('byol', { height: 96, width: 96 });
    expect(first.filter((op) => op.op === 'gaussianBlur')).toEqual([{ op: 'gaussianBlur', p: 1, kernelSize: 9, sigma: [0.1, 2] }]);
    expect(first.some((op) => op.op === 'solarize')).toBe(false);
    expect(second.find((op) => op.op === 'gaussianBlur')).toMatchObject({ p: 0.1 });
    expect(second.find((op) => op.op === 'solarize')).toEqual({ op: 'solarize', p: 0.2, threshold: 128 });
  });

  it('MoCo-v2 crops from 20% and blurs half the time', () => {
    const [pipeline] = presetPipelines('mocov2', { height: 64, width: 64 });
    expect(pipeline[0]).toMatchObject({ scale: [0.2, 1] });
    expect(pipeline.find((op) => op.op === 'gaussianBlur')).toMatchObject({ p: 0.5, kernelSize: 7 });
  });

  it('resolves normalisation per channel and checks its length against the image', () => {
    const resolved = resolvePlan({ kind: 'fixed', normalize: { mean: [0.4, 0.5, 0.6], std: [0.2] } }, { height: 4, width: 4, channels: 3 });
    expect([...resolved.mean]).toEqual([0.4, 0.5, 0.6]);
    expect([...resolved.std]).toEqual([0.2, 0.2, 0.2]);
    expect(() => resolvePlan({ kind: 'fixed', normalize: { mean: [0.4, 0.5], std: [0.2, 0.2] } }, { height: 4, width: 4, channels: 3 })).toThrow(
      /plan\.normalize\.mean has 2 values; expected 1 or 3/,
    );
  });

  it('planShape counts epochs and views', () => {
    expect(planShape({ kind: 'fixed' })).toEqual({ epochs: 1, views: 1 });
    expect(planShape({ kind: 'replay', epochs: 4, seed: 0, preset: 'byol' })).toEqual({ epochs: 4, views: 2 });
  });
});
