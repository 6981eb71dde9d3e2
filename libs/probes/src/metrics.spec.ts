import { describe, expect, it } from 'vitest';
import { confusionMatrix, rankScores } from './metrics.js';

describe('confusionMatrix', () => {
  it('counts (truth, prediction) pairs row-major', () => {
    const matrix = confusionMatrix(new Int32Array([0, 0, 1, 2, 2, 2]), new Int32Array([0, 1, 1, 2, 0, 2]), 3);
    expect(Array.from(matrix.counts)).toEqual([1, 1, 0, 0, 1, 0, 1, 0, 2]);
  });

  it('rejects predictions outside the classes', () => {
    expect(() => confusionMatrix(new Int32Array([0]), new Int32Array([3]), 3)).toThrow(/predictions\[0\] = 3/);
    expect(() => confusionMatrix(new Int32Array([0, 1]), new Int32Array([0]), 3)).toThrow(/predictions\.length/);
  });
});

describe('rankScores', () => {
  it('predicts the argmax (lower class on ties) and counts top-1 and top-5 hits', () => {
    const scores = [
      // row 0: truth 2 is the max -> top-1 hit
      0.1, 0.2, 0.9, 0.0, 0.0, 0.0,
      // row 1: truth 5 ranks 6th (five classes beat it) -> miss for both
      0.6, 0.5, 0.4, 0.3, 0.2, 0.1,
      // row 2: classes 1 and 3 tie at the max; prediction 1, truth 3 ranks 2nd -> top-5 hit only
      0.0, 0.7, 0.0, 0.7, 0.0, 0.0,
    ];
    const result = rankScores(scores, 6, new Int32Array([2, 5, 3]));
    expect(Array.from(result.predictions)).toEqual([2, 0, 1]);
    expect(result.top1).toBeCloseTo(1 / 3, 12);
    expect(result.top5).toBeCloseTo(2 / 3, 12);
  });
});
