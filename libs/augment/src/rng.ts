// Seeded randomness for the determinism contract: a view's random draws depend only on
// (planSeed, sample, epoch, view), through integer hashing and an integer PRNG, so every
// process on every engine draws the same numbers.

const UINT32_RANGE = 2 ** 32;

function rotl32(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** MurmurHash3 (x86, 32-bit) over a list of 32-bit words. */
export function murmur3Words(words: readonly number[], seed: number): number {
  let h = seed | 0;
  for (const word of words) {
    let k = Math.imul(word | 0, 0xcc9e2d51);
    k = rotl32(k, 15);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = rotl32(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= words.length * 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** sfc32: a small fast PRNG with 128 bits of state, integer-only. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: readonly [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = seed.map((word) => word | 0) as [number, number, number, number];
    // Warm-up decorrelates nearby seeds before the first draw.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = rotl32(this.c, 21);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1), a multiple of 2^-32. */
  next(): number {
    return this.nextUint32() / UINT32_RANGE;
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** True with probability p: never for p = 0, always for p = 1. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): number[] {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  }
}

function assertIndex(value: number, name: string, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer in [0, ${max}], got ${value}`);
  }
}

/** A generator seeded by hashing integer coordinates (each a uint32) into a 128-bit state. */
export function rngFromInts(words: readonly number[]): Rng {
  const seed = [0, 1, 2, 3].map((lane) => murmur3Words(words, 0x9e3779b9 + lane * 0x6a09e667)) as [
    number,
    number,
    number,
    number,
  ];
  return new Rng(seed);
}

/** The generator for one view: the same (planSeed, sample, epoch, view) gives the same draws everywhere. */
export function viewRng(planSeed: number, sample: number, epoch: number, view: number): Rng {
  assertIndex(planSeed, 'planSeed', UINT32_RANGE - 1);
  assertIndex(sample, 'sample', Number.MAX_SAFE_INTEGER);
  assertIndex(epoch, 'epoch', UINT32_RANGE - 1);
  assertIndex(view, 'view', UINT32_RANGE - 1);
  const sampleHigh = Math.floor(sample / UINT32_RANGE);
  return rngFromInts([planSeed, sample % UINT32_RANGE, sampleHigh, epoch, view]);
}

/**
 * mulberry32: a small, fast, seeded generator of floats in [0, 1), for callers that need a plain
 * `() => number` (probe shuffling, synthetic test data, benchmarks) rather than a view's Rng.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of [0, n) drawn from `random`. */
export function shuffledIndices(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}
