import { totalmem } from 'node:os';

import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { backend_util, DataId, DataType, TensorInfo } from '@tensorflow/tfjs';

import type { NativeAddon } from './addon.js';

/**
 * Bytes of free output buffers kept for reuse; beyond this, freed buffers go to the GC. A
 * training step of a ResNet at batch 128 cycles through more than 1 GB of tensors, so the limit
 * is a share of the machine's memory rather than a small constant.
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

  constructor(readonly addon: NativeAddon) {
    super();
    // The cpu backend's first write prints a banner urging tfjs-node: wrong advice here.
    (this as unknown as { firstUse: boolean }).firstUse = false;
  }

  /** The float32 values of a tensor, or undefined when it holds another dtype. */
  float32Values(tensor: TensorInfo): Float32Array | undefined {
    if (tensor.dtype !== 'float32') return undefined;
    const values = this.data.get(tensor.dataId).values;
    return values instanceof Float32Array ? values : undefined;
  }

  /** Memory for a native kernel's output, which the kernel overwrites entirely. */
  outputBuffer(size: number): Float32Array {
    const reused = this.free.get(size)?.pop() ?? this.takeLarger(size);
    if (reused) {
      this.freeBytes -= reused.byteLength;
      return reused.length === size ? reused : reused.subarray(0, size);
    }
    // Not zero-filled: the kernel writes every element.
    const bytes = Buffer.allocUnsafeSlow(size * Float32Array.BYTES_PER_ELEMENT);
    const values = new Float32Array(bytes.buffer, bytes.byteOffset, size);
    this.managed.set(values.buffer, { values, references: 0, escaped: false });
    return values;
  }

  output(shape: number[], values: Float32Array): TensorInfo {
    return this.makeTensorInfo(shape, 'float32', values);
  }

  override write(values: backend_util.BackendValues, shape: number[], dtype: DataType): DataId {
    const managed = this.managedBuffer(values);
    if (managed) managed.references++;
    return super.write(values, shape, dtype);
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
    const values = this.data.has(dataId) ? this.data.get(dataId).values : undefined;
    const released = super.disposeData(dataId, force);
    if (values && !this.data.has(dataId)) this.release(values);
    return released;
  }

  override dispose(): void {
    this.free.clear();
    this.freeBytes = 0;
    super.dispose();
  }

  /**
   * The smallest free buffer of size to 2 x size elements. A partial last batch (5000 images in
   * batches of 256 end with 136) would otherwise allocate a buffer of a new size for every tensor
   * it makes, which the pool then keeps: 0.1-0.2 GB of the README's first command.
   */
  private takeLarger(size: number): Float32Array | undefined {
    let best: number | undefined;
    for (const [length, buffers] of this.free) {
      if (buffers.length > 0 && length > size && length <= LARGER_BUFFER_RATIO * size && (best === undefined || length < best)) best = length;
    }
    return best === undefined ? undefined : this.free.get(best)!.pop();
  }

  private managedBuffer(values: backend_util.BackendValues | undefined): ManagedBuffer | undefined {
    return values instanceof Float32Array ? this.managed.get(values.buffer) : undefined;
  }

  private release(values: backend_util.BackendValues): void {
    const managed = this.managedBuffer(values);
    if (!managed || --managed.references > 0 || managed.escaped) return;
    const { values: whole } = managed;
    if (this.freeBytes + whole.byteLength > POOL_LIMIT_BYTES) return;
    const sameSize = this.free.get(whole.length);
    if (sameSize) sameSize.push(whole);
    else this.free.set(whole.length, [whole]);
    this.freeBytes += whole.byteLength;
  }
}
