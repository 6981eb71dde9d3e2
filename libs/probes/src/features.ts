/** Frozen features of `labels.length` samples, row-major `[labels.length, dim]`. */
export interface FeatureSet {
  features: Float32Array;
  labels: Int32Array;
  dim: number;
}

/** Throws an error naming the field of `set` (called `name` in messages) that is inconsistent. */
export function checkFeatureSet(name: string, set: FeatureSet): void {
  if (!Number.isInteger(set.dim) || set.dim <= 0) {
    throw new Error(`${name}.dim must be a positive integer, got ${set.dim}`);
  }
  if (set.labels.length === 0) throw new Error(`${name}.labels is empty`);
  const expected = set.labels.length * set.dim;
  if (set.features.length !== expected) {
    throw new Error(
      `${name}.features has length ${set.features.length}, expected ${name}.labels.length (${set.labels.length}) * ${name}.dim (${set.dim}) = ${expected}`,
    );
  }
  const negative = set.labels.findIndex((label) => label < 0);
  if (negative >= 0) throw new Error(`${name}.labels[${negative}] is ${set.labels[negative]}, labels must be >= 0`);
}

/** Checks both sets, that they share a dim, and resolves the class count (default: max label + 1). */
export function checkTrainTest(train: FeatureSet, test: FeatureSet, numClasses?: number): number {
  checkFeatureSet('train', train);
  checkFeatureSet('test', test);
  if (train.dim !== test.dim) throw new Error(`test.dim (${test.dim}) differs from train.dim (${train.dim})`);
  const maxLabel = Math.max(maxOf(train.labels), maxOf(test.labels));
  if (numClasses === undefined) return maxLabel + 1;
  if (!Number.isInteger(numClasses) || numClasses <= maxLabel) {
    throw new Error(`numClasses (${numClasses}) must be an integer greater than the largest label (${maxLabel})`);
  }
  return numClasses;
}

function maxOf(values: Int32Array): number {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  return max;
}
