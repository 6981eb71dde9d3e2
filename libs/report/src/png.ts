import { PNG } from 'pngjs';
import type { Pixels } from './run-report.js';

/** A data: URI holding a PNG of uint8 HWC pixels with 1 (grey), 3 (RGB) or 4 (RGBA) channels. */
export function pngDataUri(pixels: Pixels, width: number, height: number, channels: number): string {
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new Error(`pngDataUri: channels must be 1, 3 or 4, got ${channels}`);
  }
  if (pixels.length !== width * height * channels) {
    throw new Error(
      `pngDataUri: ${pixels.length} pixel values do not fill ${height}x${width}x${channels} (${width * height * channels})`,
    );
  }
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const source = i * channels;
    const target = i * 4;
    for (let c = 0; c < 3; c++) png.data[target + c] = pixels[channels === 1 ? source : source + c]!;
    png.data[target + 3] = channels === 4 ? pixels[source + 3]! : 255;
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}
