import type { PresetName } from '@ssl-distill/models';

export type ImageShape = [height: number, width: number, channels: number];

export interface ModelRow {
  preset: PresetName;
  description: string;
  inputShape: ImageShape;
}

/** The architectures timed for forward and training throughput; tools/torch/bench.py uses the same ids. */
export const MODEL_ROWS = {
  a: { preset: 'fmnistTeacher', description: 'ResNet 32/64/128 x2 blocks', inputShape: [28, 28, 1] },
  b: { preset: 'fmnistStudent', description: 'ResNet 16/32/64 x1 block', inputShape: [28, 28, 1] },
  c: { preset: 'resnet18', description: 'ResNet-18 (CIFAR stem)', inputShape: [32, 32, 3] },
  d: { preset: 'mobilenetStudent', description: 'MobileNet-style student', inputShape: [28, 28, 1] },
} as const satisfies Record<string, ModelRow>;

export type ModelRowId = keyof typeof MODEL_ROWS;
export const KNN_ROW = 'knn';
export type RowId = ModelRowId | typeof KNN_ROW;
export const ROW_IDS: readonly RowId[] = [...(Object.keys(MODEL_ROWS) as ModelRowId[]), KNN_ROW];

export function isModelRow(row: RowId): row is ModelRowId {
  return row !== KNN_ROW;
}

/** The k-NN probe row: random features, timed end to end (normalise, similarities, top-k, vote). */
export interface KnnSettings {
  trainRows: number;
  testRows: number;
  dim: number;
  k: number;
  temperature: number;
}

export function rowLabel(row: RowId, knn: KnnSettings): string {
  if (!isModelRow(row)) {
    return `k-NN ${thousands(knn.trainRows)} x ${thousands(knn.testRows)}, dim ${knn.dim}, k=${knn.k}, T=${knn.temperature}`;
  }
  const { description, inputShape } = MODEL_ROWS[row];
  return `${description}, ${inputShape.join('x')}`;
}

function thousands(count: number): string {
  return count % 1000 === 0 ? `${count / 1000}k` : String(count);
}
