import { describe, expect, it } from 'vitest';
import { gaussianBlur, gaussianKernel1d, blurKernelSize } from './blur.js';
import { horizontalFlip, randomResizedCropBox } from './geometry.js';
import { rngFromInts } from './rng.js';

describe('horizontalFlip', () => {
  it('mirrors each row of a 3x3 two-channel image', () => {
    const data = Uint8Array.from({ length: 18 }, (_, i) => i);
    const flipped = horizontalFlip({ data, height: 3, width: 3, channels: 2 });
    expect([...flipped.data]).toEqual([4, 5, 2, 3, 0, 1, 10, 11, 8, 9, 6, 7, 16, 17, 14, 15, 12, 13]);
  });
});

describe('randomResizedCropBox', () => {
  it('takes the whole image for scale [1, 1] and ratio [1, 1] on a square', () => {
    expect(randomResizedCropBox(rngFromInts([1]), 8, 8, [1, 1], [1, 1])).toEqual({ top: 0, left: 0, height: 8, width: 8 });
  });

  it('falls back to the centred crop when no sampled box fits', () => {
    // 10x40 with area 400 and ratio 1 wants 20x20, which never fits; fallback is 10x10 centred.
    expect(randomResizedCropBox(rngFromInts([1]), 10, 40, [1, 1], [1, 1])).toEqual({ top: 0, left: 15, height: 10, width: 10 });
  });

  it('keeps boxes inside the image with area fraction and ratio near the requested ranges', () => {
    const rng = rngFromInts([2]);
    for (let i = 0; i < 500; i++) {
      const box = randomResizedCropBox(rng, 28, 28, [0.2, 1], [3 / 4, 4 / 3]);
      expect(box.top + box.height).toBeLessThanOrEqual(28);
      expect(box.left + box.width).toBeLessThanOrEqual(28);
      // Rounding each side to whole pixels moves the area by at most about one row and column.
      expect(box.height * box.width).toBeGreaterThanOrEqual(0.2 * 784 - 2 * 28);
      expect(box.width / box.height).toBeGreaterThan(0.75 * 0.8);
      expect(box.width / box.height).toBeLessThan((4 / 3) * 1.25);
    }
  });
});

describe('gaussian blur', () => {
  it('builds a normalised kernel with the hand-computed taps', () => {
    const kernel = gaussianKernel1d(3, 1);
    const edge = Math.exp(-0.5);
    expect(kernel[0]).toBeCloseTo(edge / (1 + 2 * edge), 14);
    expect(kernel[1]).toBeCloseTo(1 / (1 + 2 * edge), 14);
    expect(kernel[0] + kernel[1] + kernel[2]).toBeCloseTo(1, 15);
  });

  it('spreads an impulse into the outer product of the kernel, summing to the impulse', () => {
    const data = new Uint8Array(49);
    data[3 * 7 + 3] = 255;
    const blurred = gaussianBlur({ data, height: 7, width: 7, channels: 1 }, 3, 1);
    const kernel = gaussianKernel1d(3, 1);
    expect(blurred.data[3 * 7 + 3]).toBe(Math.round(255 * kernel[1] * kernel[1]));
    expect(blurred.data[2 * 7 + 2]).toBe(Math.round(255 * kernel[0] * kernel[0]));
    expect(blurred.data[0]).toBe(0);
    const total = blurred.data.reduce((sum, v) => sum + v, 0);
    expect(Math.abs(total - 255)).toBeLessThanOrEqual(9 * 0.5);
  });

  it('reflects at the border without repeating the edge pixel', () => {
    // Row [100, 0, 0]: reflect padding puts 0 left of pixel 0, so it keeps only its centre tap.
    const blurred = gaussianBlur({ data: Uint8Array.from([100, 0, 0]), height: 1, width: 3, channels: 1 }, 3, 1);
    const kernel = gaussianKernel1d(3, 1);
    expect([...blurred.data]).toEqual([Math.round(100 * kernel[1]), Math.round(100 * kernel[0]), 0]);
  });

  it('sizes the kernel to a tenth of the shorter side, odd', () => {
    expect([16, 28, 32, 96, 224].map((side) => blurKernelSize(side, side))).toEqual([1, 3, 3, 9, 23]);
  });
});
