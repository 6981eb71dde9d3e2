import { describe, expect, it } from 'vitest';
import { colorJitter, grayscale, solarize } from './color.js';
import type { HwcImage } from './image.js';

function image(height: number, width: number, channels: number, values: number[]): HwcImage {
  return { data: Uint8Array.from(values), height, width, channels };
}

const IDENTITY = { brightness: 1, contrast: 1, saturation: 1, hue: 0, order: [0, 1, 2, 3] };

describe('colour ops', () => {
  it('brightness scales and clips', () => {
    const out = colorJitter(image(1, 3, 1, [0, 100, 200]), { ...IDENTITY, brightness: 1.5 });
    expect([...out.data]).toEqual([0, 150, 255]);
  });

  it('contrast blends towards the mean luminance', () => {
    // RGB luminance 0.299 r + 0.587 g + 0.114 b: pixels (100,100,100) and (0,0,0) have mean 50.
    const out = colorJitter(image(1, 2, 3, [100, 100, 100, 0, 0, 0]), { ...IDENTITY, contrast: 0.5 });
    expect([...out.data]).toEqual([75, 75, 75, 25, 25, 25]);
  });

  it('saturation 0 and grayscale give the ITU-R 601 luminance in every channel', () => {
    const luma = Math.round(0.299 * 100 + 0.587 * 50 + 0.114 * 200); // 82.05 -> 82
    const rgb = image(1, 1, 3, [100, 50, 200]);
    expect([...colorJitter(rgb, { ...IDENTITY, saturation: 0 }).data]).toEqual([luma, luma, luma]);
    expect([...grayscale(rgb).data]).toEqual([luma, luma, luma]);
    // Two channels: luminance is the channel mean.
    expect([...grayscale(image(1, 1, 2, [10, 31])).data]).toEqual([21, 21]);
  });

  it('hue rotates through HSV: a third of a turn maps red to green and green to blue', () => {
    const out = colorJitter(image(1, 2, 3, [255, 0, 0, 0, 255, 0]), { ...IDENTITY, hue: 1 / 3 });
    expect([...out.data]).toEqual([0, 255, 0, 0, 0, 255]);
    // (200, 100, 100) is hue 0, saturation 0.5, value 200; half a turn gives its complement.
    const pink = colorJitter(image(1, 1, 3, [200, 100, 100]), { ...IDENTITY, hue: 0.5 });
    expect([...pink.data]).toEqual([100, 200, 200]);
  });

  it('saturation and hue leave a 1-channel image unchanged', () => {
    const gray = image(1, 3, 1, [5, 120, 250]);
    expect([...colorJitter(gray, { ...IDENTITY, saturation: 0, hue: 0.4 }).data]).toEqual([5, 120, 250]);
    expect([...grayscale(gray).data]).toEqual([5, 120, 250]);
  });

  it('applies the steps in the given order, clipping in between', () => {
    // Brightness 2 then contrast 0.5: [0, 255] (200*2 clipped), mean 127.5 -> [63.75, 191.25].
    // Contrast 0.5 then brightness 2: mean 100 -> [50, 150] -> [100, 255].
    const source = image(1, 2, 1, [0, 200]);
    const factors = { ...IDENTITY, brightness: 2, contrast: 0.5 };
    expect([...colorJitter(source, { ...factors, order: [0, 1, 2, 3] }).data]).toEqual([64, 191]);
    expect([...colorJitter(source, { ...factors, order: [1, 0, 2, 3] }).data]).toEqual([100, 255]);
  });

  it('solarize inverts values at or above the threshold', () => {
    expect([...solarize(image(1, 4, 1, [0, 127, 128, 200]), 128).data]).toEqual([0, 127, 127, 55]);
  });
});
