import { describe, expect, it } from 'vitest';
import { detExp, detLog } from './detmath.js';

describe('detExp / detLog', () => {
  it('agree with Math.exp and Math.log to double precision over the ranges augmentation uses', () => {
    for (let x = -20; x <= 20; x += 0.137) {
      expect(Math.abs(detExp(x) - Math.exp(x)) / Math.exp(x)).toBeLessThan(1e-15);
    }
    for (let x = 0.001; x < 50; x *= 1.37) {
      expect(Math.abs(detLog(x) - Math.log(x))).toBeLessThan(2e-15 * Math.max(1, Math.abs(Math.log(x))));
    }
  });

  it('are exact at the anchor points and handle the edges', () => {
    expect(detExp(0)).toBe(1);
    expect(detLog(1)).toBe(0);
    expect(detLog(2)).toBeCloseTo(0.6931471805599453, 15);
    expect(detExp(1)).toBeCloseTo(2.718281828459045, 15);
    expect(detLog(0)).toBe(-Infinity);
    expect(detLog(-1)).toBeNaN();
    expect(detExp(1000)).toBe(Infinity);
    expect(detExp(-1000)).toBe(0);
  });
});
