import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { CompositeKernel } from './kernel-scope.js';

// Tensors are immutable, so a copy of the same type can share its source's buffer, as the cpu
// backend does; wasm's Identity and Cast copy every element.

export const shareBuffer: tf.KernelConfig['kernelFunc'] = ({ inputs, backend }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  (backend as BackendWasm).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/** Cast that shares the buffer when the type does not change, and maps numbers to bool as x != 0. */
export const castSharingBuffers: CompositeKernel = (scope, { inputs, attrs }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  if (x.dtype === attrs.dtype) return x;
  // wasm's Cast copies numbers into bytes (2.5 -> 2) instead of testing them against zero.
  if (attrs.dtype === 'bool' && x.dtype !== 'string') {
    const zero = x.dtype === 'float32' ? new Float32Array(1) : new Int32Array(1);
    return scope.run('NotEqual', { a: x, b: scope.fromValues(zero, []) });
  }
  return scope.run('Cast', inputs, attrs);
};
