import { describe, expect, it } from 'vitest';
import { murmur3Words, Rng, rngFromInts, viewRng } from './rng.js';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe('murmur3Words', () => {
  it('matches the MurmurHash3 x86_32 reference vectors (bytes 21 43 65 87 = word 0x87654321)', () => {
    expect(murmur3Words([], 0)).toBe(0);
    expect(murmur3Words([], 1)).toBe(0x514e28b7);
    expect(murmur3Words([0x87654321], 0)).toBe(0xf55b516b);
    expect(murmur3Words([0x87654321], 0x5082edee)).toBe(0x2362f9de);
  });
});

describe('Rng', () => {
  it('replays the same sequence from the same seed and diverges for another seed', () => {
    expect(draws(rngFromInts([1, 2, 3]), 50)).toEqual(draws(rngFromInts([1, 2, 3]), 50));
    const other = draws(rngFromInts([1, 2, 4]), 50);
    const same = draws(rngFromInts([1, 2, 3]), 50).filter((value, i) => value === other[i]);
    expect(same.length).toBeLessThan(2);
  });

  it('gives view generators that differ in every coordinate', () => {
    const base = draws(viewRng(7, 10, 0, 0), 4);
    for (const rng of [viewRng(8, 10, 0, 0), viewRng(7, 11, 0, 0), viewRng(7, 10, 1, 0), viewRng(7, 10, 0, 1)]) {
      expect(draws(rng, 4)).not.toEqual(base);
    }
    expect(draws(viewRng(7, 10, 0, 0), 4)).toEqual(base);
    // Sample indices above 2^32 keep their high bits.
    expect(draws(viewRng(7, 2 ** 32 + 10, 0, 0), 4)).not.toEqual(base);
  });

  it('rejects coordinates that are not uint32 integers, naming them', () => {
    expect(() => viewRng(-1, 0, 0, 0)).toThrow(/planSeed/);
    expect(() => viewRng(0, 1.5, 0, 0)).toThrow(/sample/);
    expect(() => viewRng(0, 0, 2 ** 32, 0)).toThrow(/epoch/);
    expect(() => viewRng(0, 0, 0, -2)).toThrow(/view/);
  });

  it('is uniform enough: mean, chance(p) rate and permutations', () => {
    const rng = rngFromInts([42]);
    const n = 20000;
    let sum = 0;
    let hits = 0;
    for (let i = 0; i < n; i++) {
      sum += rng.next();
      if (rng.chance(0.3)) hits++;
    }
    // Tolerances are about 5 standard errors.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(hits / n - 0.3)).toBeLessThan(5 * Math.sqrt(0.21 / n));
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
    expect([...rng.permutation(6)].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
