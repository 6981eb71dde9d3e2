// What bench:memory feeds the pipeline: synthetic 224x224 JPEG folders and the pipeline file of
// its student. Kept apart from memory.ts (which runs on import) so a spec can check them.
import { existsSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

export const SIDE = 224;
export const CLASSES = 10;

/** Where image i of a generated folder lives (class i mod CLASSES). */
export const imagePath = (dir: string, i: number) => join(dir, `class-${i % CLASSES}`, `${i}.jpg`);

/**
 * Image i (a smooth random image: a 7x7 noise tile scaled up, plus a class tint, as a JPEG) of a
 * `count`-image folder; hard-linked from `from` (a complete folder of at least `count` images)
 * when given, since image i is the same whatever the folder's size. A complete folder is marked
 * and left alone; an interrupted one is finished.
 */
export async function writeJpegs(dir: string, count: number, from?: string): Promise<void> {
  const marker = join(dir, `.complete-${count}`);
  if (existsSync(marker)) return;
  for (let label = 0; label < Math.min(CLASSES, count); label++) mkdirSync(join(dir, `class-${label}`), { recursive: true });
  for (let i = 0; i < count; i++) {
    if (existsSync(imagePath(dir, i))) continue;
    if (from) {
      linkSync(imagePath(from, i), imagePath(dir, i));
      continue;
    }
    const label = i % CLASSES;
    const tile = Buffer.alloc(7 * 7 * 3);
    for (let p = 0; p < tile.length; p++) tile[p] = (((i * 2654435761 + p * 40503) >>> 0) % 200) + (p % 3 === label % 3 ? 55 : 0);
    const jpeg = await sharp(tile, { raw: { width: 7, height: 7, channels: 3 } }).resize(SIDE + (i % 3) * 16, SIDE, { kernel: 'cubic' }).jpeg({ quality: 85 }).toBuffer();
    writeFileSync(imagePath(dir, i), jpeg);
  }
  writeFileSync(marker, '');
}

/**
 * The pipeline file of the bench's student: a tiny SEED ResNet at 224 px, batch 64, no checkpoint
 * within `steps`. It names a teacher only because a SEED student must; the bench trains it on its
 * own teacher's feature cache.
 */
export const benchPipelineYaml = (steps: number) => `
name: bench-memory
datasets: { train: { source: synthetic, count: 4 } }
plans: { fixed: { kind: fixed } }
teachers:
  tiny: { model: { kind: resnet, inputShape: [${SIDE}, ${SIDE}, 3], widths: [8, 16], blocksPerStage: 1, stem: imagenet }, method: supervised, dataset: train, plan: fixed, epochs: 1 }
students:
  tiny: { model: { kind: resnet, inputShape: [${SIDE}, ${SIDE}, 3], widths: [8, 16], blocksPerStage: 1, stem: imagenet }, method: seed, teacher: tiny, dataset: train, plan: fixed,
          epochs: 1, batchSize: 64, checkpointEvery: ${steps + 1}, methodConfig: { queueSize: 256 } }
`;
