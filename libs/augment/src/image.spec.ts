import { describe, expect, it } from 'vitest';
import { toByte } from './image.js';
import { rngFromInts } from './rng.js';

/** The definition toByte must match: Math.round (half up), clamped to [0, 255]. */
function roundedByte(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value)));
}

/** The doubles just below and just above `value`. */
function neighbours(value: number): [number, number] {
  const bits = new Float64Array([value]);
  const word = new BigInt64Array(bits.buffer);
  const towardZero = word[0] - 1n;
  const awayFromZero = word[0] + 1n;
  const below = new Float64Array(new BigInt64Array([value > 0 ? towardZero : awayFromZero]).buffer)[0];
  const above = new Float64Array(new BigInt64Array([value > 0 ? awayFromZero : towardZero]).buffer)[0];
  return [below, above];
}

describe('toByte', () => {
  it('is Math.round clamped to [0, 255] at every half and integer, their float neighbours, and random values', () => {
    const values: number[] = [0, -0, 1e-300, 0.25, 0.5 - 2 ** -54, 255.4, 300, -7.5];
    for (let k = -4; k <= 520; k++) {
      const value = k / 2;
      values.push(value, ...(value === 0 ? [] : neighbours(value)));
    }
    const rng = rngFromInts([42]);
    for (let i = 0; i < 10000; i++) values.push(rng.uniform(-10, 270));
    const mismatches = values.filter((value) => toByte(value) !== roundedByte(value));
    expect(mismatches).toEqual([]);
    expect(toByte(0.5 - 2 ** -54)).toBe(0);
    expect(toByte(0.5)).toBe(1);
    expect(toByte(254.5)).toBe(255);
    expect(neighbours(254.5)[0]).toBeLessThan(254.5);
    expect(toByte(neighbours(254.5)[0])).toBe(254);
  });
});
