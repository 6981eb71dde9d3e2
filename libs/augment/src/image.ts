/** An 8-bit image stored row-major as height x width x channels (HWC), any channel count. */
export interface HwcImage {
  data: Uint8Array;
  height: number;
  width: number;
  channels: number;
}

/** A float image in HWC layout, e.g. a normalised view. */
export interface HwcFloatImage {
  data: Float32Array;
  height: number;
  width: number;
  channels: number;
}

export function createImage(height: number, width: number, channels: number): HwcImage {
  return { data: new Uint8Array(height * width * channels), height, width, channels };
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Throws if `image` is not a well-formed HwcImage; `name` identifies it in the message. */
export function assertImage(image: HwcImage, name = 'image'): void {
  for (const dim of ['height', 'width', 'channels'] as const) {
    if (!isPositiveInteger(image[dim])) {
      throw new RangeError(`${name}.${dim} must be a positive integer, got ${String(image[dim])}`);
    }
  }
  if (!(image.data instanceof Uint8Array)) {
    throw new TypeError(`${name}.data must be a Uint8Array`);
  }
  const expected = image.height * image.width * image.channels;
  if (image.data.length !== expected) {
    throw new RangeError(
      `${name}.data has ${image.data.length} bytes, expected ${expected} for ` +
        `${image.height}x${image.width}x${image.channels}`,
    );
  }
}

/**
 * Clamps to [0, 255] and rounds half up: the single rounding step every op applies when writing
 * uint8. The same as Math.round(value) clamped, without Math.round (several times slower in V8's
 * byte-store loops): from 0.5 up, value + 0.5 only rounds when it crosses a power of two, which is
 * an integer, so truncating it is Math.round; below 0.5 (where 0.5 - 2^-54 + 0.5 rounds to 1) it is 0.
 */
export function toByte(value: number): number {
  if (value < 0.5) return 0;
  if (value >= 255) return 255;
  return (value + 0.5) | 0;
}

/** Writes float pixel values into a new uint8 image of the given shape, rounding once. */
export function imageFromFloats(
  values: FloatValues,
  height: number,
  width: number,
  channels: number,
): HwcImage {
  const out = createImage(height, width, channels);
  for (let i = 0; i < values.length; i++) out.data[i] = toByte(values[i]);
  return out;
}

/** Float pixel values: a Float64Array, or a plain array of doubles (the scratch buffers below). */
export type FloatValues = Float64Array | number[];

// The scratch buffers are plain arrays of doubles, not Float64Arrays: once any ArrayBuffer in the
// process has been detached (tsx loading a CommonJS package such as tfjs-core does it), V8
// re-checks the buffer on every typed-array access in optimised code, and the pixel loops, a few
// accesses per value, ran 25-30% slower; plain arrays hold the same doubles and are unaffected.
let exactScratch: number[] = [];
let scratch: number[] = [];

/** A plain array of `length` doubles, packed (new Array(n).fill(x) would leave it "holey", its loads checking for holes). */
export function doubleArray(length: number): number[] {
  return Array.from({ length }, () => 0.5);
}

/** A plain array of exactly `length` doubles, reused across calls like scratchFloats (for loops that run to its length). */
export function scratchValues(length: number): number[] {
  if (exactScratch.length !== length) exactScratch = doubleArray(length);
  return exactScratch;
}

/**
 * A float buffer of at least `length` values, reused across calls (one rendering thread per
 * process or worker): the pixel loops of a view allocate nothing per pixel and little per view.
 * Its contents are garbage; each caller overwrites what it reads, and no two callers use it at once.
 */
export function scratchFloats(length: number): number[] {
  if (scratch.length < length) scratch = doubleArray(length);
  return scratch;
}
