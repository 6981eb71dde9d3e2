import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

interface TiledAxis {
  size: number;
  reps: number;
}

/**
 * Merges neighbouring axes that tile as one: an axis followed by an untiled axis repeats whole
 * contiguous blocks, and two size-1 axes repeat one value. Fewer axes mean longer copies.
 */
export function mergeTiledAxes(shape: number[], reps: number[]): TiledAxis[] {
  const merged: TiledAxis[] = [];
  shape.forEach((size, axis) => {
    const next = { size, reps: reps[axis]! };
    const last = merged[merged.length - 1];
    if (last && next.reps === 1) {
      last.size *= next.size;
    } else if (last && last.size === 1 && next.size === 1) {
      last.reps *= next.reps;
    } else {
      merged.push(next);
    }
  });
  return merged.length > 0 ? merged : [{ size: 1, reps: 1 }];
}

/** Every flat offset, in a tensor of `strides`, whose index lies inside `extent` on each axis. */
function blockOffsets(extent: number[], strides: number[]): number[] {
  let offsets = [0];
  extent.forEach((size, axis) => {
    offsets = offsets.flatMap((offset) => Array.from({ length: size }, (_, i) => offset + i * strides[axis]!));
  });
  return offsets;
}

/**
 * Tile as memory moves. The wasm Tile kernel computes a multi-index per element, about 100x
 * slower than copying; tiling moves data and does no arithmetic, so no XNNPACK kernel applies.
 * The input is placed once, then each axis is filled by doubling copies (copyWithin) in place.
 */
export function tileByCopies({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const { x } = inputs as { x: tf.TensorInfo };
  const reps = attrs!.reps as number[];
  if (x.dtype === 'string') throw new Error('Tile on wasm: string tensors are not supported');
  const out = wasm.makeOutput(x.shape.map((size, axis) => size * reps[axis]!), x.dtype);
  if (tf.util.sizeFromShape(out.shape) === 0) return out;
  // Views after makeOutput: allocating may grow (and detach) the heap.
  const source = wasm.typedArrayFromHeap(x);
  const target = wasm.typedArrayFromHeap(out);
  const axes = mergeTiledAxes(x.shape, reps);
  const outShape = axes.map(({ size, reps: times }) => size * times);
  const outStrides = [...tf.util.computeStrides(outShape), 1];
  const innerSize = axes[axes.length - 1]!.size;
  const rowOffsets = blockOffsets(axes.slice(0, -1).map(({ size }) => size), outStrides);
  rowOffsets.forEach((offset, row) => target.set(source.subarray(row * innerSize, (row + 1) * innerSize), offset));
  for (let axis = axes.length - 1; axis >= 0; axis--) {
    const { size, reps: times } = axes[axis]!;
    if (times === 1) continue;
    const filledLength = size * outStrides[axis]!;
    const fullLength = filledLength * times;
    for (const base of blockOffsets(axes.slice(0, axis).map((a) => a.size), outStrides)) {
      for (let filled = filledLength; filled < fullLength; filled *= 2) {
        target.copyWithin(base + filled, base, base + Math.min(filled, fullLength - filled));
      }
    }
  }
  return out;
}
