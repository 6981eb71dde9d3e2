import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * UnsortedSegmentSum, which tfjs-backend-wasm lacks: it is the gradient of gather (the triplet loss
 * gathers rows). out[segmentIds[i], ...] += x[i, ...]; ids outside [0, numSegments) are dropped, as
 * in TensorFlow. Rows are added with typed-array loops: no XNNPACK kernel scatters.
 */
export function unsortedSegmentSum({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const numSegments = attrs!.numSegments as number;
  const idsRank = segmentIds.shape.length;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`UnsortedSegmentSum on wasm: dtype ${x.dtype} is not supported`);
  if (x.shape.slice(0, idsRank).some((size, axis) => size !== segmentIds.shape[axis])) {
    throw new Error(`UnsortedSegmentSum: segmentIds shape [${segmentIds.shape}] is not a prefix of x shape [${x.shape}]`);
  }
  const rowSize = tf.util.sizeFromShape(x.shape.slice(idsRank));
  const out = wasm.makeOutput([numSegments, ...x.shape.slice(idsRank)], x.dtype);
  // Views after makeOutput: allocating may grow (and detach) the heap.
  const source = wasm.typedArrayFromHeap(x);
  const ids = wasm.typedArrayFromHeap(segmentIds);
  const target = wasm.typedArrayFromHeap(out);
  target.fill(0);
  for (let row = 0; row < ids.length; row++) {
    const segment = ids[row]!;
    if (segment < 0 || segment >= numSegments) continue;
    const from = row * rowSize;
    const to = segment * rowSize;
    for (let i = 0; i < rowSize; i++) target[to + i]! += source[from + i]!;
  }
  return out;
}
