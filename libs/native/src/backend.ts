import { totalmem } from 'node:os';

import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { backend_util, DataId, DataType, TensorInfo } from '@tensorflow/tfjs';

import type { NativeAddon } from './addon.js';

/**
 * Bytes of free output buffers kept for reuse at least; beyond the pool's limit, freed buffers go
 * to the GC. A training step of a ResNet at batch 128 cycles through more than 1 GB of tensors,
 * so the floor is a share of the machine's memory rather than a small constant.
 */
const POOL_LIMIT_BYTES = Math.floor(totalmem() / 4);

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
  /** Bytes of buffers that tensors view now, and the most there ever were at once. */
  private liveBytes = 0;
  private peakLiveBytes = 0;

  /** poolFloorBytes: free bytes the pool may always keep (a parameter for tests). */
  constructor(
    readonly addon: NativeAddon,
    private readonly poolFloorBytes = POOL_LIMIT_BYTES,
  ) {
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
    const reused = this.free.get(size)?.pop();
    if (reused) {
      this.freeBytes -= reused.byteLength;
      return reused;
    }
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

  override write(values: backend_util.BackendValues, shape: number[], dtype: DataType): DataId {
    const managed = this.managedBuffer(values);
    if (managed && managed.references++ === 0) {
      this.liveBytes += managed.values.byteLength;
      this.peakLiveBytes = Math.max(this.peakLiveBytes, this.liveBytes);
    }
    return super.write(values, shape, dtype);
  }

  override readSync(dataId: DataId): backend_util.BackendValues {
    const managed = this.managedBuffer(this.data.get(dataId).values);
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
   * The pool may hold as much as the tensors of this process ever needed at once: tfjs keeps every
   * gradient of a backward pass until the pass ends, and a 224-px EfficientNet-B0 step at batch 32
   * peaks at about 13 GB; with less, each step mapped gigabytes afresh, and the page faults cost
   * more than the kernels that wrote them. Live and free buffers together stay under that
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
