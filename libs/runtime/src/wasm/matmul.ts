import type * as tf from '@tensorflow/tfjs';
import type { CompositeKernel } from './kernel-scope.js';

function batchSize(info: tf.TensorInfo): number {
  return info.shape.slice(0, -2).reduce((product, size) => product * size, 1);
}

function swapLastTwoAxes(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, axis) => axis);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
  return perm;
}

/**
 * BatchMatMul / _FusedMatMul with the transposes done first. The wasm backend sends only
 * untransposed, unbatched products to XNNPACK; every other case takes a scalar loop that is
 * several times slower than transposing the operand and running XNNPACK.
 */
export function matMulWithExplicitTransposes(kernelName: 'BatchMatMul' | '_FusedMatMul'): CompositeKernel {
  return (scope, { inputs, attrs }) => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    if ((!transposeA && !transposeB) || batchSize(a) !== 1 || batchSize(b) !== 1) {
      return scope.run(kernelName, inputs, attrs);
    }
    const plainA = transposeA ? scope.transpose(a, swapLastTwoAxes(a.shape.length)) : a;
    const plainB = transposeB ? scope.transpose(b, swapLastTwoAxes(b.shape.length)) : b;
    return scope.run(kernelName, { ...inputs, a: plainA, b: plainB }, { ...attrs, transposeA: false, transposeB: false });
  };
}
