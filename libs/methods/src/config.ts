/**
 * Reads a plain config object field by field. Every error names the field by its full path
 * (e.g. "seed.queueSize"), and `finish()` rejects fields nobody read, which catches typos.
 */
export class ConfigReader {
  private readonly seen = new Set<string>();
  private readonly fields: Record<string, unknown>;

  constructor(
    readonly path: string,
    raw: unknown,
  ) {
    if (raw === undefined) raw = {};
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new Error(`${path} must be an object, got ${describe(raw)}`);
    }
    this.fields = raw as Record<string, unknown>;
  }

  private take(key: string): unknown {
    this.seen.add(key);
    return this.fields[key];
  }

  name(key: string): string {
    return `${this.path}.${key}`;
  }

  has(key: string): boolean {
    return this.fields[key] !== undefined;
  }

  /** A field passed on as is, for another validator (e.g. a backbone spec); `name(key)` is its path. */
  raw(key: string): unknown {
    return this.take(key);
  }

  number(key: string, fallback?: number, range: { min?: number; max?: number; above?: number; below?: number; integer?: boolean } = {}): number {
    const raw = this.take(key) ?? fallback;
    if (raw === undefined) throw new Error(`${this.name(key)} is required`);
    if (typeof raw !== 'number' || !Number.isFinite(raw)) throw new Error(`${this.name(key)} must be a finite number, got ${describe(raw)}`);
    const fails = (why: string) => new Error(`${this.name(key)} must be ${why}, got ${raw}`);
    if (range.integer && !Number.isInteger(raw)) throw fails('an integer');
    if (range.min !== undefined && raw < range.min) throw fails(`>= ${range.min}`);
    if (range.max !== undefined && raw > range.max) throw fails(`<= ${range.max}`);
    if (range.above !== undefined && raw <= range.above) throw fails(`> ${range.above}`);
    if (range.below !== undefined && raw >= range.below) throw fails(`< ${range.below}`);
    return raw;
  }

  positiveInteger(key: string, fallback?: number): number {
    return this.number(key, fallback, { integer: true, min: 1 });
  }

  boolean(key: string, fallback?: boolean): boolean {
    const raw = this.take(key) ?? fallback;
    if (typeof raw !== 'boolean') throw new Error(`${this.name(key)} must be true or false, got ${describe(raw)}`);
    return raw;
  }

  oneOf<T extends string>(key: string, choices: readonly T[], fallback?: T): T {
    const raw = this.take(key) ?? fallback;
    if (!choices.includes(raw as T)) {
      throw new Error(`${this.name(key)} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describe(raw)}`);
    }
    return raw as T;
  }

  /** A nested object field (absent reads as {}). */
  object(key: string): ConfigReader {
    return new ConfigReader(this.name(key), this.take(key));
  }

  /** Throws on fields that were never read. */
  finish(): void {
    const unknown = Object.keys(this.fields).filter((key) => !this.seen.has(key));
    if (unknown.length > 0) throw new Error(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${this.name(k)}'`).join(', ')}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' ? 'an object' : String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `config` over `defaults`, merged recursively through nested objects (config wins). */
export function withDefaults(config: unknown, defaults: Record<string, unknown>): unknown {
  if (config === undefined) return defaults;
  if (!isPlainObject(config)) return config;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(config)) {
    const fallback = defaults[key];
    merged[key] = isPlainObject(fallback) && isPlainObject(value) ? withDefaults(value, fallback) : value;
  }
  return merged;
}
