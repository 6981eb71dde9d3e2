// CPU time per op of the SimCLR preset at one view size: node --import tsx libs/augment/bench/op-profile.ts [side]
import { colorJitter, grayscale } from '../src/color.js';
import { gaussianBlur } from '../src/blur.js';
import { horizontalFlip } from '../src/geometry.js';
import { cropResize } from '../src/resample.js';
import { renderBatch, rngFromInts, type HwcImage, type ViewPlan } from '../src/index.js';

const side = Number(process.argv[2] ?? 224);
const rng = rngFromInts([side, 3]);
const image: HwcImage = { data: Uint8Array.from({ length: side * side * 3 }, () => rng.int(256)), height: side, width: side, channels: 3 };
const kernel = Math.floor(Math.floor(0.1 * side) / 2) * 2 + 1;

function cpuMs(label: string, runs: number, work: () => unknown): void {
  for (let i = 0; i < 3; i++) work();
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) work();
  const used = process.cpuUsage(start);
  console.log(`${label.padEnd(28)} ${((used.user + used.system) / 1000 / runs).toFixed(3)} ms`);
}

const runs = side >= 200 ? 40 : 200;
cpuMs('cropResize (half-area crop)', runs, () => cropResize(image, { top: 10, left: 20, height: Math.round(side * 0.7), width: Math.round(side * 0.7) }, side, side));
cpuMs('horizontalFlip', runs, () => horizontalFlip(image));
cpuMs('colorJitter', runs, () => colorJitter(image, { brightness: 1.2, contrast: 0.8, saturation: 1.1, hue: 0.05, order: [3, 1, 0, 2] }));
cpuMs('grayscale', runs, () => grayscale(image));
cpuMs(`gaussianBlur k${kernel}`, runs, () => gaussianBlur(image, kernel, 1.3));
const plan: ViewPlan = { kind: 'replay', epochs: 1000, seed: 1, preset: 'simclr' };
const coordinates = Array.from({ length: 32 }, (_, i) => ({ sample: 0, epoch: i, view: 0 }));
const out = new Float32Array(32 * side * side * 3);
{ const start = process.cpuUsage(); const batches = Math.max(2, runs / 16); for (let i = 0; i < batches; i++) renderBatch(() => image, plan, coordinates, out); const used = process.cpuUsage(start); console.log(`${"renderBatch, per view".padEnd(28)} ${((used.user + used.system) / 1000 / batches / 32).toFixed(3)} ms`); }
