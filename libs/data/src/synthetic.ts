import { rngFromInts } from '@ssl-distill/augment';
import type { Dataset } from './dataset.js';

export interface SyntheticOptions {
  count: number;
  height: number;
  width: number;
  channels: number;
  classes: number;
  seed: number;
}

/**
 * A learnable toy dataset: image i has label i % classes and shows a bright bar at the class's
 * orientation (k * 180 / classes degrees) through a jittered centre, with random brightness,
 * per-channel tint and background noise. Orientation carries the class, so a small classifier
 * learns it; position, contrast and noise keep it from being trivial. Same seed, same bytes.
 */
export function syntheticDataset(options: SyntheticOptions): Dataset {
  const { count, height, width, channels, classes, seed } = options;
  for (const name of ['count', 'height', 'width', 'channels', 'classes', 'seed'] as const) {
    const min = name === 'count' || name === 'seed' ? 0 : 1;
    if (!Number.isInteger(options[name]) || options[name] < min) {
      throw new RangeError(`syntheticDataset: ${name} must be an integer >= ${min}, got ${options[name]}`);
    }
  }
  const rng = rngFromInts([seed, count, height, width, channels, classes]);
  const size = height * width * channels;
  const images = new Uint8Array(count * size);
  const labels = new Int32Array(count);
  const halfThickness = Math.max(1, Math.min(height, width) / 14);
  for (let n = 0; n < count; n++) {
    const label = n % classes;
    labels[n] = label;
    const angle = (Math.PI * label) / classes;
    const normalX = Math.sin(angle);
    const normalY = -Math.cos(angle);
    const centreX = width * (0.5 + rng.uniform(-0.15, 0.15));
    const centreY = height * (0.5 + rng.uniform(-0.15, 0.15));
    const brightness = rng.uniform(150, 255);
    const background = rng.uniform(0, 40);
    const tint = Array.from({ length: channels }, () => (channels === 1 ? 1 : rng.uniform(0.5, 1)));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const distance = Math.abs((x + 0.5 - centreX) * normalX + (y + 0.5 - centreY) * normalY);
        // Full intensity inside the bar, a one-pixel linear fall-off at its edge.
        const coverage = Math.min(1, Math.max(0, halfThickness + 0.5 - distance));
        const pixel = n * size + (y * width + x) * channels;
        for (let c = 0; c < channels; c++) {
          const value = background + coverage * brightness * tint[c] + rng.uniform(-20, 20);
          images[pixel + c] = Math.min(255, Math.max(0, Math.round(value)));
        }
      }
    }
  }
  const classNames = Array.from({ length: classes }, (_, k) => `bar-${Math.round((180 * k) / classes)}deg`);
  return { images, labels, count, height, width, channels, classNames };
}
