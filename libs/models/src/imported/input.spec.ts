import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initDefaultBackend } from '../../test/helpers.js';
import { poolToVectors, toTeacherPixels, type TeacherInput } from '../index.js';

const input = (over: Partial<TeacherInput>): TeacherInput => ({ size: [1, 2], channels: 2, layout: 'nhwc', scale: 255, mean: [0], std: [1], ...over });

describe('toTeacherPixels', () => {
  beforeAll(async () => {
    await initDefaultBackend();
  });

  // One image, 1 x 2 pixels, 2 channels, rendered under the plans' default (x - 0.5) / 0.5:
  // view values -1, 0, 0.5, 1 are [0, 1] pixels 0, 0.5, 0.75, 1.
  const views = { data: Float32Array.of(-1, 0, 0.5, 1), shape: [1, 1, 2, 2] as [number, number, number, number] };
  const plan = { mean: [0.5], std: [0.5] };

  it('re-encodes by the teacher: (raw / scale - mean) / std per channel, then lays out NCHW', () => {
    const out = toTeacherPixels(views, plan, input({ layout: 'nchw', mean: [0.25, 0.5], std: [0.5, 0.25] }));
    expect(out.shape).toEqual([1, 2, 1, 2]);
    // channel 0: pixels 0, 0.75 -> (p - 0.25) / 0.5; channel 1: pixels 0.5, 1 -> (p - 0.5) / 0.25
    expect(Array.from(out.data)).toEqual([-0.5, 1, 0, 2]);
  });

  it('scale 1 keeps 0..255 values (Caffe-style teachers) and NHWC keeps the order', () => {
    const out = toTeacherPixels(views, plan, input({ scale: 1, mean: [100], std: [2] }));
    expect(out.shape).toEqual([1, 1, 2, 2]);
    expect(Array.from(out.data)).toEqual([(0 - 100) / 2, (127.5 - 100) / 2, (191.25 - 100) / 2, (255 - 100) / 2]);
  });

  it('resizes to the teacher size (a constant image stays constant)', () => {
    const before = tf.memory().numTensors;
    const flat = { data: new Float32Array(4 * 4 * 2).fill(0), shape: [1, 4, 4, 2] as [number, number, number, number] };
    const out = toTeacherPixels(flat, plan, input({ size: [8, 6], mean: [0.5], std: [0.5] }));
    expect(out.shape).toEqual([1, 8, 6, 2]);
    expect(Math.max(...Array.from(out.data, Math.abs))).toBeLessThan(1e-6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses views with another channel count', () => {
    expect(() => toTeacherPixels(views, plan, input({ channels: 3 }))).toThrow('input.channels: the views have 2 channel(s), the teacher takes 3');
  });
});

describe('poolToVectors', () => {
  it('averages NCHW and NHWC feature maps over space, passes [N, D] through', () => {
    // [1, 2, 1, 2] NCHW: channel 0 = 1, 3; channel 1 = 10, 30
    expect(Array.from(poolToVectors({ data: Float32Array.of(1, 3, 10, 30), dims: [1, 2, 1, 2] }, 'nchw', 'output').data)).toEqual([2, 20]);
    // the same map NHWC: [1, 1, 2, 2]
    expect(Array.from(poolToVectors({ data: Float32Array.of(1, 10, 3, 30), dims: [1, 1, 2, 2] }, 'nhwc', 'output').data)).toEqual([2, 20]);
    expect(poolToVectors({ data: Float32Array.of(1, 2, 3), dims: [1, 3] }, 'nchw', 'output').dim).toBe(3);
    expect(() => poolToVectors({ data: new Float32Array(6), dims: [1, 2, 3] }, 'nchw', 'output')).toThrow(/must be \[N, D\] or a rank-4 feature map/);
  });
});
