import * as tf from '@tensorflow/tfjs';

import { epilogueArgs } from './epilogue.js';
import { nativeKernel, type NativeKernelFunc } from './native_kernel.js';

/** BatchMatMul and _FusedMatMul, with transposes and batch broadcasting of one side. */
const matMul: NativeKernelFunc = ({ inputs, backend, attrs }) => {
  const { a, b } = inputs;
  const transposeA = attrs.transposeA === true;
  const transposeB = attrs.transposeB === true;
  const aValues = backend.float32Values(a);
  const bValues = backend.float32Values(b);
  if (!aValues || !bValues || a.shape.length < 2 || b.shape.length < 2) return undefined;
  const [aRows, aCols] = a.shape.slice(-2);
  const [bRows, bCols] = b.shape.slice(-2);
  const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols];
  const [kB, n] = transposeB ? [bCols, bRows] : [bRows, bCols];
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  const batches = Math.max(batchA, batchB);
  // Mismatches and empty products are left to the cpu kernel, which reports or handles them.
  if (k !== kB || m * n * k * batches === 0 || (batchA !== batches && batchA !== 1) || (batchB !== batches && batchB !== 1)) {
    return undefined;
  }
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  if (tf.util.sizeFromShape(outer) !== batches) return undefined;
  const outShape = [...outer, m, n];
  const epilogue = epilogueArgs(backend, inputs, attrs, outShape.length, n);
  if (!epilogue) return undefined;
  const out = backend.outputBuffer(batches * m * n);
  const shape = Int32Array.of(batchA, batchB, m, n, k, Number(transposeA), Number(transposeB));
  backend.addon.matMul(aValues, bValues, shape, out, ...epilogue);
  return backend.output(outShape, out);
};

export const MATMUL_KERNELS: tf.KernelConfig[] = [
  nativeKernel(tf.BatchMatMul, matMul),
  nativeKernel(tf._FusedMatMul, matMul),
];
