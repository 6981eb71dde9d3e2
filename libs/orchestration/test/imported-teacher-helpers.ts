// The imported-teacher pipelines of the embedded and the services tests.
import { join } from 'node:path';
import { ROOT } from './helpers.js';

export const TEACHER_FIXTURE = join(ROOT, 'libs/models/test/fixtures/teacher');

/** A tiny ResNet student of the imported teacher `resnet` on 32 x 32 RGB images. */
export const student = (method: string, extra = '') =>
  `{ model: { kind: resnet, inputShape: [32, 32, 3], widths: [4, 8], blocksPerStage: 1, stem: small }, method: ${method}, teacher: resnet, dataset: train, plan: aug, epochs: 1, batchSize: 32${extra} }`;

/** The fixture as a pipeline teacher: torchvision-style preprocessing, 10 logits. */
export function importedYaml(path: string, students: Record<string, string>): string {
  return `
name: imported
seed: 3
datasets:
  train: { source: synthetic, count: 96, height: 32, width: 32, channels: 3, classes: 10, seed: 1 }
plans:
  aug: { kind: replay, epochs: 1, views: 2, preset: simclr }
teachers:
  resnet:
    import: { path: ${path} }
    input: { size: [32, 32], channels: 3, layout: nchw, scale: 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }
    output: embedding
    logits: logits
students:
${Object.entries(students).map(([name, s]) => `  ${name}: ${s}`).join('\n')}
`;
}

