import { totalmem } from 'node:os';

import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs';
import type { backend_util, DataId, DataType, TensorInfo } from '@tensorflow/tfjs';

import type { NativeAddon } from './addon.js';

/**
 * Bytes of free output buffers kept for reuse at least; beyond the pool's limit, freed buffers go
 * to the GC. A training step of a ResNet at batch 128 cycles through more than 1 GB of tensors,
 * so the floor is a share of the machine's memory rather than a small constant.
 */
const POOL_LIMIT_BYTES = Math.floor(totalmem() / 4);
/** A request may take a free buffer up to this many times its size (its first elements). */
const LARGER_BUFFER_RATIO = 2;

interface ManagedBuffer {
  /** The whole buffer (tensors may hold views of part of it, e.g. a slice). */
  values: Float32Array;
  /** Tensor data entries whose values view this buffer. */
  references: number;
  /** Handed to a reader (dataSync, data, a cpu kernel's readSync): never reused. */
  escaped: boolean;
}

/**
 * A float32 kernel output computed only when something first reads it (see NativeBackend.defer).
 */
export interface DeferredOutput {
  shape: number[];
  /** The tensors it is computed from: kept alive until it has been computed or is disposed. */
  inputs: TensorInfo[];
  /** Writes the output's values into `out` (as many as `shape` holds) from the inputs' values. */
  compute(out: Float32Array, inputs: Float32Array[]): void;
  /**
   * 'broadcast': the output is inputs[0] broadcast to `shape`, which binary kernels read instead;
   * 'sum': it is inputs[0] + inputs[1], all of its shape, which the next add takes in its pass.
   */
  kind?: 'broadcast' | 'sum';
}

type TensorData = ReturnType<MathBackendCPU['data']['get']>;

/** A binary kernel's operand: its values and the shape they broadcast from. */
export interface BroadcastOperand {
  values: Float32Array;
  shape: number[];
}

/**
 * The cpu backend, with tensors in ordinary JS typed arrays (no wasm heap, no 4 GB cap); the
 * kernels registered for 'native' hand those arrays to the addon without copying.
 *
 * Native kernels write their outputs into pooled buffers: a training step allocates and frees
 * the same few sizes of megabyte tensors hundreds of times, and fresh allocations cost page
 * faults, zero-filling and V8 garbage collections (driven by external memory) that together
 * took longer than the kernels. A buffer goes back to the pool only when no tensor views it and
 * no reader has ever seen it, so values returned by dataSync() stay valid.
 */
export class NativeBackend extends MathBackendCPU {
  private readonly managed = new WeakMap<ArrayBufferLike, ManagedBuffer>();
  private readonly free = new Map<number, Float32Array[]>();
  private freeBytes = 0;
  /** Bytes of buffers that tensors view now, and the most there ever were at once. */
  private liveBytes = 0;
  private peakLiveBytes = 0;
  private readonly deferred = new WeakMap<DataId, DeferredOutput>();
  /** The storage's own get, which never computes a deferred output. */
  private readonly peek: (dataId: DataId) => TensorData;
  private peeking = 0;

  /** poolFloorBytes: free bytes the pool may always keep (a parameter for tests). */
  constructor(
    readonly addon: NativeAddon,
    private readonly poolFloorBytes = POOL_LIMIT_BYTES,
  ) {
    super();
    // The cpu backend's first write prints a banner urging tfjs-node: wrong advice here.
    (this as unknown as { firstUse: boolean }).firstUse = false;
    // Every reader of a tensor's values (kernels, readSync, other backends) goes through
    // data.get: that is where a deferred output is computed.
    const storage = this.data;
    this.peek = storage.get.bind(storage);
    storage.get = (dataId) => {
      const deferred = this.peeking === 0 ? this.deferred.get(dataId) : undefined;
      if (deferred) this.compute(dataId, deferred);
      return this.peek(dataId);
    };
  }

  /**
   * A kernel output computed when first read, or never when nothing reads it before it is
   * disposed. Three uses: tfjs's fused convolution computes its input's gradient whether or not
   * anything needs it (the image's, at a network's first layer: a 7x7 transposed convolution
   * over the whole batch); tf.broadcastTo (the mean and sum gradients, the batch norm's twice a
   * layer) feeds binary kernels, which broadcast its source themselves; and a large same-shape
   * add (gradient accumulation) that the next add takes in the same pass.
   */
  defer(output: DeferredOutput): TensorInfo {
    // The inputs as they are now: a tf.Variable is a tensor whose data id changes on assign().
    const inputs = output.inputs.map(({ dataId, shape, dtype }) => ({ dataId, shape: [...shape], dtype }));
    for (const input of inputs) this.incRef(input.dataId);
    const info = this.makeTensorInfo(output.shape, 'float32');
    this.deferred.set(info.dataId, { ...output, inputs });
    return info;
  }

  /** Whether the tensor is a deferred output not yet computed. */
  isDeferred(tensor: TensorInfo): boolean {
    return this.deferred.has(tensor.dataId);
  }

  /** The two terms of a deferred sum (DeferredOutput.kind 'sum'), when the tensor is one. */
  deferredSum(tensor: TensorInfo): [TensorInfo, TensorInfo] | undefined {
    const deferred = this.ownDeferred(tensor, 'sum');
    return deferred && [deferred.inputs[0], deferred.inputs[1]];
  }

  /** A binary kernel's operand: a deferred broadcast's source, else the tensor's own values. */
  broadcastOperand(tensor: TensorInfo): BroadcastOperand | undefined {
    const operand = this.ownDeferred(tensor, 'broadcast')?.inputs[0] ?? tensor;
    const values = this.float32Values(operand);
    return values && { values, shape: operand.shape };
  }

  /** The tensor's deferred output of this kind; a reshape shares the data id under another shape. */
  private ownDeferred(tensor: TensorInfo, kind: DeferredOutput['kind']): DeferredOutput | undefined {
    const deferred = this.deferred.get(tensor.dataId);
    return deferred && deferred.kind === kind && tf.util.arraysEqual(deferred.shape, tensor.shape) ? deferred : undefined;
  }

  /** The float32 values of a tensor, or undefined when it holds another dtype. */
  float32Values(tensor: TensorInfo): Float32Array | undefined {
    if (tensor.dtype !== 'float32') return undefined;
    const values = this.data.get(tensor.dataId).values;
    return values instanceof Float32Array ? values : undefined;
  }

  /** Memory for a native kernel's output, which the kernel overwrites entirely. */
  outputBuffer(size: number): Float32Array {
    const reused = this.takeFree(size) ?? this.takeFree(this.largerFreeSize(size));
    if (reused) return reused.length === size ? reused : reused.subarray(0, size);
    this.evictFor(size * Float32Array.BYTES_PER_ELEMENT);
    // Not zero-filled: the kernel writes every element.
    const bytes = Buffer.allocUnsafeSlow(size * Float32Array.BYTES_PER_ELEMENT);
    const values = new Float32Array(bytes.buffer, bytes.byteOffset, size);
    this.managed.set(values.buffer, { values, references: 0, escaped: false });
    return values;
  }

  output(shape: number[], values: Float32Array): TensorInfo {
    return this.makeTensorInfo(shape, 'float32', values);
  }

  private compute(dataId: DataId, deferred: DeferredOutput): void {
    this.deferred.delete(dataId);
    const values = this.outputBuffer(tf.util.sizeFromShape(deferred.shape));
    try {
      deferred.compute(values, deferred.inputs.map((input) => this.float32Values(input) as Float32Array));
    } finally {
      this.releaseInputs(deferred);
    }
    this.peek(dataId).values = values;
    this.reference(values);
  }

  private releaseInputs(deferred: DeferredOutput): void {
    for (const input of deferred.inputs) this.disposeData(input.dataId);
  }

  /** Runs f with data.get leaving deferred outputs uncomputed (reference counting, disposal). */
  private withoutComputing<T>(f: () => T): T {
    this.peeking++;
    try {
      return f();
    } finally {
      this.peeking--;
    }
  }

  override refCount(dataId: DataId): number {
    return this.withoutComputing(() => super.refCount(dataId));
  }

  override incRef(dataId: DataId): void {
    this.withoutComputing(() => super.incRef(dataId));
  }

  override decRef(dataId: DataId): void {
    this.withoutComputing(() => super.decRef(dataId));
  }

  override write(values: backend_util.BackendValues, shape: number[], dtype: DataType): DataId {
    this.reference(values);
    return super.write(values, shape, dtype);
  }

  /** A tensor now views `values`: the first such tensor makes its buffer live (see release). */
  private reference(values: backend_util.BackendValues): void {
    const managed = this.managedBuffer(values);
    if (managed && managed.references++ === 0) {
      this.liveBytes += managed.values.byteLength;
      this.peakLiveBytes = Math.max(this.peakLiveBytes, this.liveBytes);
    }
  }

  override readSync(dataId: DataId): backend_util.BackendValues {
    const values = this.data.get(dataId).values;
    const managed = this.managedBuffer(values);
    // The start of a larger buffer: a reader gets an array of its own, whose .buffer is its values.
    if (managed && (values as Float32Array).length !== managed.values.length && (values as Float32Array).byteOffset === 0) return (values as Float32Array).slice();
    if (managed) managed.escaped = true;
    return super.readSync(dataId);
  }

  override disposeData(dataId: DataId, force = false): boolean {
    // data.get() of a missing id would try to move it from another backend: check has() first.
    const values = this.data.has(dataId) ? this.peek(dataId).values : undefined;
    const released = this.withoutComputing(() => super.disposeData(dataId, force));
    if (this.data.has(dataId)) return released;
    if (values) this.release(values);
    const deferred = this.deferred.get(dataId);
    if (deferred) {
      this.deferred.delete(dataId);
      this.releaseInputs(deferred);
    }
    return released;
  }

  override dispose(): void {
    this.free.clear();
    this.freeBytes = 0;
    super.dispose();
  }

  /**
   * The pool may hold as much as the tensors of this process ever needed at once: with less, a
   * 224-px training step (EfficientNet-B0 at batch 32 peaked at about 13 GB before the lean
   * backprop) mapped gigabytes afresh, and the page faults cost more than the kernels that wrote them. Live and free buffers together stay under that
   * high-water mark, give or take the one being allocated (see evictFor).
   */
  private poolLimit(): number {
    return Math.max(this.poolFloorBytes, this.peakLiveBytes);
  }

  /** Drops free buffers (of other sizes) until a new one of `bytes` fits under the pool's limit with the live ones. */
  private evictFor(bytes: number): void {
    const limit = Math.max(this.poolLimit(), this.liveBytes + bytes);
    for (const [size, buffers] of this.free) {
      while (buffers.length > 0 && this.liveBytes + bytes + this.freeBytes > limit) {
        this.freeBytes -= (buffers.pop() as Float32Array).byteLength;
      }
      if (buffers.length === 0) this.free.delete(size);
      if (this.liveBytes + bytes + this.freeBytes <= limit) return;
    }
  }

  /**
   * The smallest free buffer length from size to 2 x size elements. A partial last batch (5000
   * images in batches of 256 end with 136) would otherwise allocate a buffer of a new size for
   * every tensor it makes, which the pool then keeps: 0.1-0.2 GB of the README's first command.
   */
  private largerFreeSize(size: number): number | undefined {
    let best: number | undefined;
    for (const length of this.free.keys()) {
      if (length > size && length <= LARGER_BUFFER_RATIO * size && (best === undefined || length < best)) best = length;
    }
    return best;
  }

  /** A free buffer of exactly `length` elements, out of the pool (no list is left empty). */
  private takeFree(length: number | undefined): Float32Array | undefined {
    const buffers = length === undefined ? undefined : this.free.get(length);
    const buffer = buffers?.pop();
    if (!buffer) return undefined;
    if (buffers!.length === 0) this.free.delete(length!);
    this.freeBytes -= buffer.byteLength;
    return buffer;
  }

  private managedBuffer(values: backend_util.BackendValues | undefined): ManagedBuffer | undefined {
    return values instanceof Float32Array ? this.managed.get(values.buffer) : undefined;
  }

  private release(values: backend_util.BackendValues): void {
    const managed = this.managedBuffer(values);
    if (!managed || --managed.references > 0) return;
    const { values: whole } = managed;
    this.liveBytes -= whole.byteLength;
    if (managed.escaped || this.freeBytes + whole.byteLength > this.poolLimit()) return;
    const sameSize = this.free.get(whole.length);
    if (sameSize) sameSize.push(whole);
    else this.free.set(whole.length, [whole]);
    this.freeBytes += whole.byteLength;
  }
}
