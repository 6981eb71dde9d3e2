/**
 * Training state as flat named arrays, so a trainer can checkpoint it with any byte store and a
 * restore is bit-exact. Keys are '/'-separated paths; every value is a Float32Array.
 */
export type NamedArrays = Record<string, Float32Array>;

/** Reads `key` from `state`, checking its length; the error names the key and what was expected. */
export function readArray(state: NamedArrays, key: string, expectedLength: number, what: string): Float32Array {
  const values = state[key];
  if (!values) throw new Error(`state is missing '${key}' (${what})`);
  if (values.length !== expectedLength) {
    throw new Error(`state '${key}' has ${values.length} values, expected ${expectedLength} (${what})`);
  }
  return values;
}

/** Copies `source` into `target` with `prefix/` prepended to each key. */
export function addPrefixed(target: NamedArrays, prefix: string, source: NamedArrays): void {
  for (const [key, values] of Object.entries(source)) target[`${prefix}/${key}`] = values;
}

/** The entries of `state` under `prefix/`, with the prefix removed. */
export function underPrefix(state: NamedArrays, prefix: string): NamedArrays {
  const scoped: NamedArrays = {};
  for (const [key, values] of Object.entries(state)) {
    if (key.startsWith(`${prefix}/`)) scoped[key.slice(prefix.length + 1)] = values;
  }
  return scoped;
}
