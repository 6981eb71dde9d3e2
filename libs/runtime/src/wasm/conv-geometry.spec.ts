import { describe, expect, it } from 'vitest';
import { filterGradientPadAfter, inputGradientPhases, inputGradientWindow, type ConvAxis } from './conv-geometry.js';

// 'same' 3-tap convolution of 9 inputs at stride 2: 5 outputs, one zero of padding before.
const sameStride2: ConvAxis = { inSize: 9, outSize: 5, filterSize: 3, stride: 2, dilation: 1, padBefore: 1 };
// 'valid' 1-tap convolution of 7 inputs at stride 2: 4 outputs.
const pointwiseStride2: ConvAxis = { inSize: 7, outSize: 4, filterSize: 1, stride: 2, dilation: 1, padBefore: 0 };

describe('input gradient window over the zero-inserted dy', () => {
  it('pads one zero before z for a same-padded 3-tap filter', () => {
    // zpad starts (3-1) - 1 = 1 element before z[0] and is 9 + 2 = 11 long; z is 5*2 = 10 long.
    expect(inputGradientWindow(sameStride2)).toEqual({ start: 0, end: 10, padBefore: 1, padAfter: 0 });
  });

  it('crops the trailing inserted zero that lies past the input', () => {
    // z = [d0 0 d1 0 d2 0 d3 0] is 8 long but dx has only 7 positions.
    expect(inputGradientWindow(pointwiseStride2)).toEqual({ start: 0, end: 7, padBefore: 0, padAfter: 0 });
  });
});

describe('input gradient phases', () => {
  it('splits a stride-2 3-tap gradient into a 1-tap and a 2-tap correlation', () => {
    // dx[2i] = dy[i] w[1];  dx[2i+1] = dy[i] w[2] + dy[i+1] w[0]
    const phases = inputGradientPhases(sameStride2);
    expect(phases.phases).toBe(2);
    expect(phases.phaseLength).toBe(5);
    expect(phases.taps).toBe(2);
    expect([0, 1].map((tap) => phases.filterIndex(0, tap))).toEqual([1, -1]);
    expect([0, 1].map((tap) => phases.filterIndex(1, tap))).toEqual([2, 0]);
    // Phase 1 at i = 4 reads dy[5], one past the 5 outputs: a zero of padding.
    expect(phases.window).toEqual({ start: 0, end: 5, padBefore: 0, padAfter: 1 });
  });

  it('leaves a phase without taps when the filter is smaller than the stride', () => {
    const phases = inputGradientPhases(pointwiseStride2);
    expect(phases.taps).toBe(1);
    expect(phases.filterIndex(0, 0)).toBe(0);
    expect(phases.filterIndex(1, 0)).toBe(-1);
  });

  it('places dilated taps', () => {
    // 'valid' 3-tap filter, dilation 2, stride 1, 9 inputs: dx[i] = sum_k dy[i - 2k] w[k].
    const phases = inputGradientPhases({ inSize: 9, outSize: 5, filterSize: 3, stride: 1, dilation: 2, padBefore: 0 });
    expect(phases.taps).toBe(5);
    expect([0, 1, 2, 3, 4].map((tap) => phases.filterIndex(0, tap))).toEqual([2, -1, 1, -1, 0]);
    expect(phases.window).toEqual({ start: 0, end: 5, padBefore: 4, padAfter: 4 });
  });
});

describe('filter gradient padding', () => {
  it('adds the zeros the last tap reads past the input', () => {
    // dw[k] = sum_o x[k + 2o - 1]: k = 2, o = 4 reads x[9], one past the 9 inputs.
    expect(filterGradientPadAfter(sameStride2)).toBe(1);
    expect(filterGradientPadAfter(pointwiseStride2)).toBe(0);
  });
});
