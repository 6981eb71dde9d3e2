import { ConfigError, unknownName, type ObjectSchema } from '@ssl-distill/schema';

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
      throw new ConfigError(path, `must be an object, got ${describe(raw)}`);
    }
    this.fields = raw as Record<string, unknown>;
  }

  private fail(key: string, reason: string): never {
    throw new ConfigError(this.name(key), reason);
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
    if (raw === undefined) this.fail(key, 'is required');
    if (typeof raw !== 'number' || !Number.isFinite(raw)) this.fail(key, `must be a finite number, got ${describe(raw)}`);
    const fails = (why: string) => this.fail(key, `must be ${why}, got ${raw}`);
    if (range.integer && !Number.isInteger(raw)) fails('an integer');
    if (range.min !== undefined && raw < range.min) fails(`>= ${range.min}`);
    if (range.max !== undefined && raw > range.max) fails(`<= ${range.max}`);
    if (range.above !== undefined && raw <= range.above) fails(`> ${range.above}`);
    if (range.below !== undefined && raw >= range.below) fails(`< ${range.below}`);
    return raw;
  }

  positiveInteger(key: string, fallback?: number): number {
    return this.number(key, fallback, { integer: true, min: 1 });
  }

  boolean(key: string, fallback?: boolean): boolean {
    const raw = this.take(key) ?? fallback;
    if (typeof raw !== 'boolean') this.fail(key, `must be true or false, got ${describe(raw)}`);
    return raw;
  }

  oneOf<T extends string>(key: string, choices: readonly T[], fallback?: T): T {
    const raw = this.take(key) ?? fallback;
    if (!choices.includes(raw as T)) {
      this.fail(key, typeof raw === 'string' ? unknownName('value', raw, choices) : `must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describe(raw)}`);
    }
    return raw as T;
  }

  /** A nested object field (absent reads as {}). */
  object(key: string): ConfigReader {
    return new ConfigReader(this.name(key), this.take(key));
  }

  /** The fields `schema` declares, read by it (defaults filled in); errors name the field path. */
  schema<T>(schema: ObjectSchema<T>): T {
    const own = Object.fromEntries(Object.keys(schema.shape).filter((key) => this.has(key)).map((key) => [key, this.take(key)]));
    Object.keys(schema.shape).forEach((key) => this.seen.add(key));
    return schema.parse(own, this.path);
  }

  /** Throws on fields that were never read. */
  finish(): void {
    const unknown = Object.keys(this.fields).find((key) => !this.seen.has(key));
    if (unknown !== undefined) this.fail(unknown, unknownName('field', unknown, [...this.seen]).replace(`unknown field '${unknown}' `, 'unknown field '));
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' ? 'an object' : String(value);
}
