// A small path-aware reader for untrusted config objects: every error names the field it is about.
export class ConfigError extends Error {
  constructor(readonly field: string, reason: string, readonly source?: string) {
    super(`${source ? `${source}: ` : ''}${field}: ${reason}`);
    this.name = 'ConfigError';
  }
}

type Json = unknown;

export class Fields {
  constructor(readonly value: Record<string, Json>, readonly path: string, readonly source?: string) {}

  static root(value: Json, source?: string): Fields {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ConfigError('(root)', 'expected a mapping', source);
    }
    return new Fields(value as Record<string, Json>, '', source);
  }

  private name(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  fail(key: string, reason: string): never {
    throw new ConfigError(this.name(key), reason, this.source);
  }

  /** Rejects keys the schema does not know, so typos do not silently fall back to defaults. */
  only(keys: readonly string[]): this {
    for (const key of Object.keys(this.value)) {
      if (!keys.includes(key)) this.fail(key, `unknown field (expected one of: ${keys.join(', ')})`);
    }
    return this;
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  raw(key: string): Json {
    return this.value[key];
  }

  string(key: string, fallback?: string): string {
    const v = this.value[key] ?? fallback;
    if (typeof v !== 'string' || v.length === 0) this.fail(key, v === undefined ? 'required string is missing' : `expected a non-empty string, got ${JSON.stringify(v)}`);
    return v;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const v = this.string(key, fallback);
    if (!(allowed as readonly string[]).includes(v)) this.fail(key, `expected one of ${allowed.join(', ')}, got '${v}'`);
    return v as T;
  }

  number(key: string, fallback?: number, range: { min?: number; max?: number; integer?: boolean } = {}): number {
    const v = this.value[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, v === undefined ? 'required number is missing' : `expected a number, got ${JSON.stringify(v)}`);
    if (range.integer && !Number.isInteger(v)) this.fail(key, `expected an integer, got ${v}`);
    if (range.min !== undefined && v < range.min) this.fail(key, `must be >= ${range.min}, got ${v}`);
    if (range.max !== undefined && v > range.max) this.fail(key, `must be <= ${range.max}, got ${v}`);
    return v;
  }

  int(key: string, fallback?: number, min = 0): number {
    return this.number(key, fallback, { min, integer: true });
  }

  optionalInt(key: string, min = 0): number | undefined {
    return this.has(key) ? this.int(key, undefined, min) : undefined;
  }

  boolean(key: string, fallback?: boolean): boolean {
    const v = this.value[key] ?? fallback;
    if (typeof v !== 'boolean') this.fail(key, `expected true or false, got ${JSON.stringify(v)}`);
    return v;
  }

  object(key: string, fallback?: Record<string, Json>): Fields {
    const v = this.value[key] ?? fallback;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(key, v === undefined ? 'required mapping is missing' : 'expected a mapping');
    return new Fields(v as Record<string, Json>, this.name(key), this.source);
  }

  /** A mapping of named entries (e.g. datasets), each read by `read`. */
  entries<T>(key: string, read: (entry: Fields, name: string) => T, options: { required?: boolean } = {}): Record<string, T> {
    if (!this.has(key)) {
      if (options.required) this.fail(key, 'required mapping is missing');
      return {};
    }
    const map = this.object(key);
    const out: Record<string, T> = {};
    for (const name of Object.keys(map.value)) {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) map.fail(name, 'names use lower-case letters, digits and dashes');
      out[name] = read(map.object(name), name);
    }
    return out;
  }

  list<T>(key: string, read: (item: Json, path: string) => T, fallback?: Json[]): T[] {
    const v = this.value[key] ?? fallback;
    if (!Array.isArray(v)) this.fail(key, 'expected a list');
    return v.map((item, i) => read(item, `${this.name(key)}[${i}]`));
  }

  /** The whole sub-tree as plain JSON, for configs validated by the lib that owns them. */
  json(key: string, fallback: Record<string, Json> = {}): Record<string, Json> {
    return this.object(key, fallback).value;
  }

  reference(key: string, known: Record<string, unknown>, what: string): string {
    const name = this.string(key);
    if (!(name in known)) this.fail(key, `unknown ${what} '${name}' (defined: ${Object.keys(known).join(', ') || 'none'})`);
    return name;
  }
}
