import { describe, expect, it } from 'vitest';
import { rngFromInts } from './rng.js';
import { weightedRows } from './weighted-rows.js';

describe('weightedRows', () => {
  it('sums weight times row value tap by tap, bit for bit, for every tap count around its four-tap passes', () => {
    const rng = rngFromInts([3]);
    const length = 7;
    const source = Float64Array.from({ length: 12 * length }, () => rng.uniform(0, 255));
    for (let taps = 1; taps <= 11; taps++) {
      const weights = Float64Array.from({ length: taps }, () => rng.uniform(0, 1));
      const starts = Int32Array.from({ length: taps }, () => rng.int(11 * length));
      const out = new Float64Array(length + 2).fill(-1);
      weightedRows(source, starts, weights, length, out, 1);
      const expected = Array.from({ length }, (_, i) => {
        let sum = 0;
        for (let t = 0; t < taps; t++) sum += weights[t] * source[starts[t] + i];
        return sum;
      });
      expect([...out]).toEqual([-1, ...expected, -1]);
    }
  });

  it('weighs each row: a hand-computed example', () => {
    const source = Float64Array.from([1, 2, 10, 20, 100, 200]);
    const out = new Float64Array(2);
    weightedRows(source, Int32Array.from([0, 2, 4]), Float64Array.from([0.5, 0.25, 0.125]), 2, out, 0);
    expect([...out]).toEqual([0.5 + 2.5 + 12.5, 1 + 5 + 25]);
  });
});
