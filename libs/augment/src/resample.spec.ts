import { describe, expect, it } from 'vitest';
import type { HwcImage } from './image.js';
import { cropResize, resize } from './resample.js';

function image(height: number, width: number, channels: number, values: number[]): HwcImage {
  return { data: Uint8Array.from(values), height, width, channels };
}

describe('cropResize', () => {
  it('copies a crop of a known region exactly when the size is unchanged', () => {
    const source = image(3, 3, 1, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const crop = cropResize(source, { top: 1, left: 1, height: 2, width: 2 }, 2, 2);
    expect([...crop.data]).toEqual([5, 6, 8, 9]);
  });

  it('interpolates bilinearly with half-pixel centres when enlarging', () => {
    // 1x2 -> 1x4: output centres map to input x = 0.25, 0.75, 1.25, 1.75 (pixel centres at 0.5, 1.5).
    const enlarged = resize(image(1, 2, 1, [0, 200]), 1, 4);
    expect([...enlarged.data]).toEqual([0, 50, 150, 200]);
    // 2x2 -> 4x4, point (row 1, col 1) samples (0.75, 0.75): 0.75*0.75*a + 0.75*0.25*b + 0.25*0.75*c + 0.25*0.25*d.
    const big = resize(image(2, 2, 1, [0, 80, 160, 240]), 4, 4);
    expect(big.data[1 * 4 + 1]).toBe(Math.round(0.5625 * 0 + 0.1875 * 80 + 0.1875 * 160 + 0.0625 * 240));
  });

  it('averages with a widened triangle when shrinking (antialiasing)', () => {
    // 1x4 -> 1x2: scale 2, taps at distance 0.5, 0.5, 1.5 from the centre weigh 0.75, 0.75, 0.25 (/1.75).
    const small = resize(image(1, 4, 1, [0, 70, 140, 210]), 1, 2);
    expect([...small.data]).toEqual([(0.75 * 0 + 0.75 * 70 + 0.25 * 140) / 1.75, (0.25 * 70 + 0.75 * 140 + 0.75 * 210) / 1.75]);
  });

  it('keeps channels separate and reads only inside the crop', () => {
    const source = image(1, 3, 2, [10, 100, 20, 200, 250, 0]);
    const crop = cropResize(source, { top: 0, left: 0, height: 1, width: 2 }, 1, 4);
    // Centres 0.25, 0.75, 1.25, 1.75: the last reads only pixel 1, never pixel 2 (250, 0) outside the crop.
    expect([...crop.data]).toEqual([10, 100, 13, 125, 18, 175, 20, 200]);
  });

  it('rejects a crop box outside the image', () => {
    const source = image(2, 2, 1, [0, 0, 0, 0]);
    expect(() => cropResize(source, { top: 1, left: 0, height: 2, width: 1 }, 1, 1)).toThrow(/crop box/);
  });
});
