// Named float arrays (a method's checkpoint state) in one self-describing binary blob:
// [u32 header length][header JSON: [{name, length}]][float32 data, little-endian, concatenated].
export type NamedArrays = Record<string, Float32Array>;

export function encodeNamedArrays(arrays: NamedArrays): Uint8Array {
  const names = Object.keys(arrays).sort();
  const header = new TextEncoder().encode(JSON.stringify(names.map((name) => ({ name, length: arrays[name]!.length }))));
  const floats = names.reduce((sum, name) => sum + arrays[name]!.length, 0);
  const headerPadded = Math.ceil((4 + header.length) / 4) * 4;
  const out = new Uint8Array(headerPadded + floats * 4);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  const data = new Float32Array(out.buffer, headerPadded, floats);
  let offset = 0;
  for (const name of names) {
    data.set(arrays[name]!, offset);
    offset += arrays[name]!.length;
  }
  return out;
}

export function decodeNamedArrays(bytes: Uint8Array, source = 'bundle'): NamedArrays {
  const fail = (why: string): never => {
    throw new Error(`${source}: not a tensor bundle (${why})`);
  };
  if (bytes.length < 4) fail('too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  if (4 + headerLength > bytes.length) fail('header runs past the end');
  let entries: { name: string; length: number }[] = [];
  try {
    entries = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength)));
  } catch {
    fail('unreadable header');
  }
  const headerPadded = Math.ceil((4 + headerLength) / 4) * 4;
  const floats = entries.reduce((sum, e) => sum + e.length, 0);
  if (headerPadded + floats * 4 !== bytes.length) fail(`expected ${headerPadded + floats * 4} bytes, got ${bytes.length}`);
  // Copy so the arrays are aligned and independent of the input buffer. Not `bytes.slice()`: on a
  // Node Buffer (what stores return) slice is a view, and its .buffer starts at the header.
  const copy = new Uint8Array(bytes.length - headerPadded);
  copy.set(bytes.subarray(headerPadded));
  const data = new Float32Array(copy.buffer);
  const out: NamedArrays = {};
  let offset = 0;
  for (const { name, length } of entries) {
    out[name] = data.slice(offset, offset + length);
    offset += length;
  }
  return out;
}
