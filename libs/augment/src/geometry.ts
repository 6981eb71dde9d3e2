import { detExp, detLog } from './detmath.js';
import { createImage, type HwcImage } from './image.js';
import type { CropBox } from './resample.js';
import type { Rng } from './rng.js';

/** Mirrors the image left-right. */
export function horizontalFlip(image: HwcImage): HwcImage {
  const { height, width, channels } = image;
  const out = createImage(height, width, channels);
  const rowLength = width * channels;
  for (let rowStart = 0; rowStart < image.data.length; rowStart += rowLength) {
    for (let x = 0; x < width; x++) {
      const from = rowStart + (width - 1 - x) * channels;
      const to = rowStart + x * channels;
      for (let c = 0; c < channels; c++) out.data[to + c] = image.data[from + c];
    }
  }
  return out;
}

/**
 * torchvision's RandomResizedCrop box: up to 10 tries of an area fraction uniform in `scale` and an
 * aspect ratio log-uniform in `ratio`; if none fits, the largest centred crop with a clamped ratio.
 */
export function randomResizedCropBox(
  rng: Rng,
  height: number,
  width: number,
  scale: readonly [number, number],
  ratio: readonly [number, number],
): CropBox {
  const area = height * width;
  const logRatioLow = detLog(ratio[0]);
  const logRatioHigh = detLog(ratio[1]);
  for (let attempt = 0; attempt < 10; attempt++) {
    const targetArea = area * rng.uniform(scale[0], scale[1]);
    const aspect = detExp(rng.uniform(logRatioLow, logRatioHigh));
    const cropWidth = Math.round(Math.sqrt(targetArea * aspect));
    const cropHeight = Math.round(Math.sqrt(targetArea / aspect));
    if (cropWidth > 0 && cropWidth <= width && cropHeight > 0 && cropHeight <= height) {
      const top = rng.int(height - cropHeight + 1);
      const left = rng.int(width - cropWidth + 1);
      return { top, left, height: cropHeight, width: cropWidth };
    }
  }
  const imageRatio = width / height;
  let cropWidth = width;
  let cropHeight = height;
  if (imageRatio < ratio[0]) cropHeight = Math.round(width / ratio[0]);
  else if (imageRatio > ratio[1]) cropWidth = Math.round(height * ratio[1]);
  return {
    top: Math.floor((height - cropHeight) / 2),
    left: Math.floor((width - cropWidth) / 2),
    height: cropHeight,
    width: cropWidth,
  };
}
