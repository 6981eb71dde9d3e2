import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { luminanceAt, resize, type HwcImage } from '@ssl-distill/augment';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DatasetFileError, type Dataset } from './dataset.js';

const DECODERS: Record<string, (bytes: Buffer) => { width: number; height: number; data: Uint8Array }> = {
  '.png': (bytes) => PNG.sync.read(bytes),
  '.jpg': (bytes) => jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true }),
  '.jpeg': (bytes) => jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true }),
};

interface DecodedImage {
  file: string;
  label: number;
  /** RGBA, 4 bytes per pixel, as both decoders return it. */
  rgba: Uint8Array;
  height: number;
  width: number;
}

function decodeImage(file: string, label: number): DecodedImage {
  const decoder = DECODERS[extname(file).toLowerCase()];
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = decoder(readFileSync(file));
  } catch (error) {
    throw new DatasetFileError(file, `cannot decode image (${(error as Error).message})`);
  }
  if (decoded.data.length !== decoded.width * decoded.height * 4) {
    throw new DatasetFileError(file, `decoder returned ${decoded.data.length} bytes for ${decoded.width}x${decoded.height} RGBA`);
  }
  return { file, label, rgba: decoded.data, height: decoded.height, width: decoded.width };
}

function isGray(rgba: Uint8Array): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
  }
  return true;
}

/** RGBA to 1 (ITU-R 601 luminance, rounded) or 3 (RGB) channels; alpha is dropped, not composited. */
function fromRgba(image: DecodedImage, channels: 1 | 3): HwcImage {
  const pixels = image.height * image.width;
  const data = new Uint8Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    if (channels === 1) data[p] = Math.round(luminanceAt(image.rgba, 4 * p, 3));
    else data.set(image.rgba.subarray(4 * p, 4 * p + 3), 3 * p);
  }
  return { data, height: image.height, width: image.width, channels };
}

export interface ImageFolderOptions {
  /** Resize every image to this size (bilinear, antialiased); without it all images must share one size. */
  size?: { height: number; width: number };
  /** Output channels; default 1 when every image is gray (R = G = B everywhere), else 3. */
  channels?: 1 | 3;
}

/**
 * Loads `dir/<class>/<image>.{png,jpg,jpeg}`: one class per subfolder, classes and files in sorted
 * order. Other files are ignored; a class folder without images is an error.
 */
export function loadImageFolder(dir: string, options: ImageFolderOptions = {}): Dataset {
  const classNames = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
  if (classNames.length === 0) throw new DatasetFileError(dir, 'no class subfolders');
  const decoded = classNames.flatMap((className, label) => {
    const classDir = join(dir, className);
    const files = readdirSync(classDir)
      .filter((name) => Object.hasOwn(DECODERS, extname(name).toLowerCase()))
      .sort();
    if (files.length === 0) throw new DatasetFileError(classDir, 'class folder has no .png/.jpg/.jpeg images');
    return files.map((name) => decodeImage(join(classDir, name), label));
  });
  const channels = options.channels ?? (decoded.every((image) => isGray(image.rgba)) ? 1 : 3);
  const { height, width } = options.size ?? decoded[0];
  const size = height * width * channels;
  const images = new Uint8Array(decoded.length * size);
  const labels = new Int32Array(decoded.length);
  decoded.forEach((image, n) => {
    if (options.size === undefined && (image.height !== height || image.width !== width)) {
      throw new DatasetFileError(
        image.file,
        `is ${image.height}x${image.width} but ${decoded[0].file} is ${height}x${width}; pass a size to resize`,
      );
    }
    let converted = fromRgba(image, channels);
    if (converted.height !== height || converted.width !== width) converted = resize(converted, height, width);
    images.set(converted.data, n * size);
    labels[n] = image.label;
  });
  return { images, labels, count: decoded.length, height, width, channels, classNames };
}
