import type * as tf from '@tensorflow/tfjs';

// Input checks shared by every loss. Each error names the loss, the argument and the shapes, so a
// wrong wiring in a method (student and teacher swapped, a queue of the wrong width) is obvious.

function shapeText(tensor: tf.Tensor): string {
  return `[${tensor.shape.join(', ')}]`;
}

export function requireRank(where: string, name: string, tensor: tf.Tensor, rank: number, layout: string): void {
  if (tensor.rank !== rank) {
    throw new Error(`${where}: ${name} must be a ${rank}-D tensor ${layout}, got shape ${shapeText(tensor)}`);
  }
}

/** A batch of row vectors [N, D]. */
export function requireMatrix(where: string, name: string, tensor: tf.Tensor, layout = '[N, D]'): void {
  requireRank(where, name, tensor, 2, layout);
}

/** A batch whose first axis is the sample axis: [N, ...features]. */
export function requireBatch(where: string, name: string, tensor: tf.Tensor): void {
  if (tensor.rank < 2) {
    throw new Error(`${where}: ${name} must be a batch [N, ...features] of rank >= 2, got shape ${shapeText(tensor)}`);
  }
}

export function requireSameShape(where: string, nameA: string, a: tf.Tensor, nameB: string, b: tf.Tensor): void {
  if (a.shape.length !== b.shape.length || a.shape.some((size, axis) => size !== b.shape[axis])) {
    throw new Error(`${where}: ${nameA} ${shapeText(a)} and ${nameB} ${shapeText(b)} must have the same shape`);
  }
}

/** Several [N, D] batches that must all share the first one's shape (e.g. the four tensors of a two-view loss). */
export function requireMatchingMatrices(where: string, named: Record<string, tf.Tensor>): void {
  const [[firstName, first], ...rest] = Object.entries(named) as Array<[string, tf.Tensor]>;
  requireMatrix(where, firstName!, first!);
  for (const [name, tensor] of rest) requireSameShape(where, firstName!, first!, name, tensor);
}

export function requireSameRows(where: string, nameA: string, a: tf.Tensor, nameB: string, b: tf.Tensor): void {
  if (a.shape[0] !== b.shape[0]) {
    throw new Error(`${where}: ${nameA} ${shapeText(a)} and ${nameB} ${shapeText(b)} must have the same number of rows N`);
  }
}

/** The last axis of `tensor` must match the embedding width of `reference` (e.g. a queue [K, D]). */
export function requireSameWidth(where: string, name: string, tensor: tf.Tensor, referenceName: string, reference: tf.Tensor): void {
  const width = reference.shape[reference.rank - 1];
  if (tensor.shape[tensor.rank - 1] !== width) {
    throw new Error(
      `${where}: ${name} ${shapeText(tensor)} must have ${width} columns like ${referenceName} ${shapeText(reference)}`,
    );
  }
}

export function requireMinRows(where: string, name: string, tensor: tf.Tensor, minimum: number, reason: string): void {
  if (tensor.shape[0]! < minimum) {
    throw new Error(`${where}: ${name} ${shapeText(tensor)} needs at least ${minimum} rows (${reason})`);
  }
}

/** Integer class labels [N] for a batch of N logit rows. */
export function requireLabels(where: string, name: string, labels: tf.Tensor, rows: number): void {
  requireRank(where, name, labels, 1, '[N] of class indices');
  if (labels.dtype !== 'int32') {
    throw new Error(`${where}: ${name} must be int32 class indices, got dtype ${labels.dtype}`);
  }
  if (labels.shape[0] !== rows) {
    throw new Error(`${where}: ${name} ${shapeText(labels)} must have one label per row (N = ${rows})`);
  }
}

export function requirePositive(where: string, name: string, value: number): void {
  if (!(value > 0)) throw new Error(`${where}: option ${name} must be > 0, got ${value}`);
}

export function requireNonNegative(where: string, name: string, value: number): void {
  if (!(value >= 0)) throw new Error(`${where}: option ${name} must be >= 0, got ${value}`);
}

export function requireUnitInterval(where: string, name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new Error(`${where}: option ${name} must be in [0, 1], got ${value}`);
}

/**
 * Merges caller options over a loss's defaults. Unknown keys and wrongly typed values are errors
 * (options often come from pipeline YAML, where a typo would otherwise silently use the default);
 * keys given as undefined keep the default.
 */
export function resolveOptions<T extends object>(where: string, defaults: Readonly<T>, options: Partial<T> | undefined): T {
  const resolved = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(options ?? {})) {
    if (!(key in defaults)) {
      const known = Object.keys(defaults);
      throw new Error(`${where}: unknown option '${key}' (expected ${known.length ? known.join(', ') : 'no options'})`);
    }
    if (value === undefined) continue;
    const expected = typeof resolved[key];
    if (typeof value !== expected || (expected === 'number' && !Number.isFinite(value))) {
      const kind = expected === 'number' ? 'finite number' : expected;
      throw new Error(`${where}: option ${key} must be a ${kind}, got ${String(value)}`);
    }
    resolved[key] = value;
  }
  return resolved as T;
}
