import type { PresetName } from '@ssl-distill/models';

export type ImageShape = [height: number, width: number, channels: number];

export type ModelMetric = 'forward' | 'train';
export const MODEL_METRICS: readonly ModelMetric[] = ['forward', 'train'];

export interface ModelRow {
  preset: PresetName;
  description: string;
  inputShape: ImageShape;
  /** The row's images per step unless --batch is given (default: --batch's default). */
  batch?: number;
  /** What is timed (default both): a 224 px teacher is only run forward, a student only trained. */
  metrics?: readonly ModelMetric[];
}

/** The 224 px rows' batch (the and the SEED paper's students' setting on one machine). */
const IMAGENET_BATCH = 32;
const IMAGENET_SHAPE: ImageShape = [224, 224, 3];

/** The architectures timed for forward and training throughput; tools/torch/bench.py uses the same ids. */
export const MODEL_ROWS = {
  a: { preset: 'fmnistTeacher', description: 'ResNet 32/64/128 x2 blocks', inputShape: [28, 28, 1] },
  b: { preset: 'fmnistStudent', description: 'ResNet 16/32/64 x1 block', inputShape: [28, 28, 1] },
  c: { preset: 'resnet18', description: 'ResNet-18 (CIFAR stem)', inputShape: [32, 32, 3] },
  d: { preset: 'mobilenetStudent', description: 'MobileNet-style student', inputShape: [28, 28, 1] },
  r18: { preset: 'resnet18ImageNet', description: 'ResNet-18', inputShape: IMAGENET_SHAPE, batch: IMAGENET_BATCH },
  r50: { preset: 'resnet50ImageNet', description: 'ResNet-50', inputShape: IMAGENET_SHAPE, batch: IMAGENET_BATCH, metrics: ['forward'] },
  mnv3: { preset: 'mobilenetV3Large', description: 'MobileNet-v3-Large', inputShape: IMAGENET_SHAPE, batch: IMAGENET_BATCH, metrics: ['train'] },
  effb0: { preset: 'efficientNetB0', description: 'EfficientNet-B0', inputShape: IMAGENET_SHAPE, batch: IMAGENET_BATCH, metrics: ['train'] },
} as const satisfies Record<string, ModelRow>;

/** SimCLR-preset view rendering on one core (ours: libs/augment; PyTorch's: torchvision on PIL images). */
export const AUGMENT_ROWS = {
  aug224: { side: 224 },
  aug96: { side: 96 },
} as const satisfies Record<string, { side: number }>;

export type ModelRowId = keyof typeof MODEL_ROWS;
export type AugmentRowId = keyof typeof AUGMENT_ROWS;
export const KNN_ROW = 'knn';
export type RowId = ModelRowId | AugmentRowId | typeof KNN_ROW;
export const ROW_IDS: readonly RowId[] = [...(Object.keys(MODEL_ROWS) as ModelRowId[]), KNN_ROW, ...(Object.keys(AUGMENT_ROWS) as AugmentRowId[])];
/** The 224 px rows take minutes a column: they run when asked for. */
export const DEFAULT_ROW_IDS: readonly RowId[] = ['a', 'b', 'c', 'd', KNN_ROW];

export function isModelRow(row: RowId): row is ModelRowId {
  return row in MODEL_ROWS;
}

export function isAugmentRow(row: RowId): row is AugmentRowId {
  return row in AUGMENT_ROWS;
}

export function metricsOf(row: ModelRowId): readonly ModelMetric[] {
  const spec: ModelRow = MODEL_ROWS[row];
  return spec.metrics ?? MODEL_METRICS;
}

/** A model row's batch: --batch when given, else the row's own, else --batch's default. */
export function batchOf(row: RowId, settings: { batch: number; batchGiven: boolean }): number {
  if (settings.batchGiven || !isModelRow(row)) return settings.batch;
  const spec: ModelRow = MODEL_ROWS[row];
  return spec.batch ?? settings.batch;
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
  if (isAugmentRow(row)) {
    const { side } = AUGMENT_ROWS[row];
    return `SimCLR views, ${side}x${side}x3 from ${side} px images`;
  }
  if (!isModelRow(row)) {
    return `k-NN ${thousands(knn.trainRows)} x ${thousands(knn.testRows)}, dim ${knn.dim}, k=${knn.k}, T=${knn.temperature}`;
  }
  const { description, inputShape } = MODEL_ROWS[row];
  return `${description}, ${inputShape.join('x')}`;
}

function thousands(count: number): string {
  return count % 1000 === 0 ? `${count / 1000}k` : String(count);
}
