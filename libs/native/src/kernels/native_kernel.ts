import * as tf from '@tensorflow/tfjs';

import type { NativeBackend } from '../backend.js';

export const NATIVE_BACKEND_NAME = 'native';

export interface NativeKernelArgs {
  /** The kernel's inputs; optional ones (bias, prelu weights) may be absent. */
  inputs: Record<string, tf.TensorInfo>;
  backend: NativeBackend;
  attrs: tf.NamedAttrMap;
}

/** Computes the kernel natively, or returns undefined for a case it leaves to the cpu kernel. */
export type NativeKernelFunc = (args: NativeKernelArgs) => tf.TensorInfo | tf.TensorInfo[] | undefined;

// Kernels without attributes are called with attrs undefined.
const nativeArgs = (args: Parameters<tf.KernelFunc>[0]) => ({ ...args, attrs: args.attrs ?? {} }) as unknown as NativeKernelArgs;

/**
 * A 'native' kernel config: the native implementation where it applies, else the cpu backend's
 * kernel (other dtypes, NCHW, empty tensors, unusual broadcasts), which also reports bad input.
 */
export function nativeKernel(kernelName: string, run: NativeKernelFunc): tf.KernelConfig {
  const cpu = tf.getKernel(kernelName, 'cpu');
  if (!cpu) throw new Error(`the cpu backend has no kernel '${kernelName}' to fall back to`);
  return {
    kernelName,
    backendName: NATIVE_BACKEND_NAME,
    kernelFunc: (args) => run(nativeArgs(args)) ?? cpu.kernelFunc(args),
  };
}

/** A kernel only this backend has; ../gradients.ts calls it only with inputs it supports. */
export function nativeOnlyKernel(kernelName: string, run: NativeKernelFunc): tf.KernelConfig {
  return {
    kernelName,
    backendName: NATIVE_BACKEND_NAME,
    kernelFunc: (args) => {
      const result = run(nativeArgs(args));
      if (!result) throw new Error(`${kernelName}: unsupported inputs (expected non-empty float32 tensors)`);
      return result;
    },
  };
}
