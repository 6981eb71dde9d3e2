import type * as tf from '@tensorflow/tfjs';
import type { BatchNeeds, MethodBatch } from './method.js';

function shapeText(tensor: tf.Tensor): string {
  return `[${tensor.shape.join(', ')}]`;
}

/**
 * Checks that `batch` holds what `method` needs, with matching batch sizes and shapes; errors name
 * the batch field (e.g. "seed: batch.teacherEmbeddings[0] has shape [8, 64], expected [8, 128]").
 */
export function checkBatch(method: string, batch: MethodBatch, needs: BatchNeeds, inputShape: readonly number[]): void {
  const fail = (message: string): never => {
    throw new Error(`${method}: ${message}`);
  };
  if (batch.views.length < needs.views) {
    fail(`batch.views has ${batch.views.length} view(s), needs ${needs.views}`);
  }
  const rows = batch.views[0]!.shape[0]!;
  const expectShape = (field: string, tensor: tf.Tensor | undefined, shape: readonly number[]) => {
    if (!tensor) return fail(`${field} is missing`);
    if (tensor.rank !== shape.length || tensor.shape.some((size, axis) => size !== shape[axis])) {
      fail(`${field} has shape ${shapeText(tensor)}, expected [${shape.join(', ')}]`);
    }
  };
  for (let view = 0; view < needs.views; view++) {
    expectShape(`batch.views[${view}]`, batch.views[view], [rows, ...inputShape]);
    if (needs.teacherDim !== undefined) {
      expectShape(`batch.teacherEmbeddings[${view}]`, batch.teacherEmbeddings?.[view], [rows, needs.teacherDim]);
    }
    if (needs.teacherClasses !== undefined) {
      expectShape(`batch.teacherLogits[${view}]`, batch.teacherLogits?.[view], [rows, needs.teacherClasses]);
    }
  }
  if (needs.labels) {
    expectShape('batch.labels', batch.labels, [rows]);
    if (batch.labels!.dtype !== 'int32') fail(`batch.labels must be int32, got ${batch.labels!.dtype}`);
  }
}
