// Single-thread throughput of the SimCLR preset: node --import tsx libs/augment/bench/simclr-throughput.ts
import { augmentView, renderBatch, rngFromInts, type HwcImage, type ViewPlan } from '../src/index.js';

const plan: ViewPlan = { kind: 'replay', epochs: 1, seed: 1, preset: 'simclr' };

function noiseImages(count: number, side: number, channels: number): HwcImage[] {
  const rng = rngFromInts([side, channels]);
  return Array.from({ length: count }, () => ({
    data: Uint8Array.from({ length: side * side * channels }, () => rng.int(256)),
    height: side,
    width: side,
    channels,
  }));
}

for (const [side, channels] of [
  [28, 1],
  [32, 3],
] as const) {
  const images = noiseImages(256, side, channels);
  const coordinates = images.flatMap((_, sample) => [0, 1].map((view) => ({ sample, epoch: 0, view })));
  augmentView(images[0], plan, coordinates[0]); // warm-up
  let views = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  while (process.hrtime.bigint() - start < 3_000_000_000n) {
    renderBatch((sample) => images[sample], plan, coordinates);
    views += coordinates.length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`simclr ${side}x${side}x${channels}: ${Math.round(views / seconds)} views/s wall, ${Math.round(views / cpuSeconds)} views/s of CPU time`);
}
