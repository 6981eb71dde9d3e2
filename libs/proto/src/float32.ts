// Float tensors travel as `bytes` of little-endian float32 (see the .proto comments). Typed
// arrays use the host's byte order, so these helpers refuse to run on a big-endian host
// rather than silently byte-swap every embedding.
const hostIsLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function requireLittleEndianHost(): void {
  if (!hostIsLittleEndian) throw new Error('float32 tensor bytes need a little-endian host');
}

/** The bytes of `values` for a `bytes` field (a view, no copy). */
export function float32ToBytes(values: Float32Array): Uint8Array {
  requireLittleEndianHost();
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * Reads a `bytes` field of float32 values. Decoded fields may start at any offset of the
 * message buffer; unaligned ones are copied because a Float32Array must be 4-byte aligned.
 */
export function bytesToFloat32(bytes: Uint8Array, field = 'bytes'): Float32Array {
  requireLittleEndianHost();
  if (bytes.byteLength % Float32Array.BYTES_PER_ELEMENT !== 0) {
    throw new RangeError(`${field}: ${bytes.byteLength} bytes is not a whole number of float32 values`);
  }
  const aligned = bytes.byteOffset % Float32Array.BYTES_PER_ELEMENT === 0 ? bytes : new Uint8Array(bytes);
  return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / Float32Array.BYTES_PER_ELEMENT);
}
