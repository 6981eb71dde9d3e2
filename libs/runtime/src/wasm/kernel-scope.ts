import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type KernelFunc = tf.KernelConfig['kernelFunc'];

export interface CompositeKernelArgs {
  inputs: tf.NamedTensorInfoMap;
  attrs: tf.NamedAttrMap;
}

/** A kernel written as a composition of other wasm kernels; returns its single output. */
export type CompositeKernel = (scope: WasmKernelScope, args: CompositeKernelArgs) => tf.TensorInfo;

type Pairs = Array<[number, number]>;

/**
 * Composes wasm kernels inside another wasm kernel. Kernel functions run below the engine (no
 * tape, no tidy), so every intermediate is tracked here and released by `runComposite`; buffers
 * are reference-counted, so an intermediate that the output aliases (Reshape) stays alive.
 */
export class WasmKernelScope {
  private readonly intermediates: tf.TensorInfo[] = [];

  constructor(
    readonly backend: BackendWasm,
    /** Kernels this module replaced, by name, so composites can still call the originals. */
    private readonly replaced: ReadonlyMap<string, KernelFunc> = new Map(),
  ) {}

  run(kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
    const kernelFunc = this.replaced.get(kernelName) ?? tf.getKernel(kernelName, 'wasm')?.kernelFunc;
    if (!kernelFunc) throw new Error(`wasm kernel '${kernelName}' is not registered`);
    const out = kernelFunc({ inputs, backend: this.backend, attrs });
    if (Array.isArray(out)) throw new Error(`wasm kernel '${kernelName}' returned several outputs`);
    this.intermediates.push(out);
    return out;
  }

  /** A new tensor holding `values` (small host-computed data such as per-channel factors). */
  fromValues(values: Float32Array | Int32Array, shape: number[]): tf.TensorInfo {
    const out = this.backend.makeOutput(shape, values instanceof Int32Array ? 'int32' : 'float32', undefined, values);
    this.intermediates.push(out);
    return out;
  }

  /** The values of a small tensor, on the host. */
  read(x: tf.TensorInfo): Float32Array {
    return this.backend.readSync(x.dataId) as Float32Array;
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  sum(x: tf.TensorInfo, axis: number[]): tf.TensorInfo {
    return this.run('Sum', { x }, { axis, keepDims: false });
  }

  /** Zero-pads each axis by [before, after]; a no-op when all pads are zero. */
  pad(x: tf.TensorInfo, paddings: Pairs): tf.TensorInfo {
    if (paddings.every(([before, after]) => before === 0 && after === 0)) return x;
    return this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }

  /** x[begin[i] : end[i]] on every axis; a no-op when the range is the whole tensor. */
  crop(x: tf.TensorInfo, begin: number[], end: number[]): tf.TensorInfo {
    if (begin.every((b, i) => b === 0 && end[i] === x.shape[i])) return x;
    const strides = begin.map(() => 1);
    return this.run(
      'StridedSlice',
      { x },
      { begin, end, strides, beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0 },
    );
  }

  /**
   * Zero insertion along H and W of an NHWC tensor: [N,H,W,C] -> [N,H*sh,W*sw,C] with each value
   * followed by stride-1 zeros (a strided convolution's gradient becomes a stride-1 one).
   */
  zeroInsert(x: tf.TensorInfo, strideHeight: number, strideWidth: number): tf.TensorInfo {
    if (strideHeight === 1 && strideWidth === 1) return x;
    const [n, h, w, c] = x.shape as [number, number, number, number];
    const spread = this.reshape(x, [n, h, 1, w, 1, c]);
    const padded = this.pad(spread, [[0, 0], [0, 0], [0, strideHeight - 1], [0, 0], [0, strideWidth - 1], [0, 0]]);
    return this.reshape(padded, [n, h * strideHeight, w * strideWidth, c]);
  }

  /** Runs `kernel`, releasing every intermediate but the output, also when it throws. */
  static runComposite(
    kernel: CompositeKernel,
    args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown },
    replaced: ReadonlyMap<string, KernelFunc>,
  ): tf.TensorInfo {
    const scope = new WasmKernelScope(args.backend as BackendWasm, replaced);
    let out: tf.TensorInfo | undefined;
    try {
      out = kernel(scope, { inputs: args.inputs, attrs: args.attrs ?? {} });
      if (scope.intermediates.includes(out)) return out;
      // A no-op helper handed back a kernel input (a Tensor): the engine needs a new reference.
      scope.backend.incRef(out.dataId);
      return { dataId: out.dataId, shape: out.shape, dtype: out.dtype };
    } finally {
      for (const info of scope.intermediates) {
        if (info !== out) scope.backend.disposeData(info.dataId);
      }
    }
  }
}
