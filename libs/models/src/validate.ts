/**
 * Small readers for plain-JSON specs (models are named in pipeline YAML). Every error names the
 * offending field by its full path, e.g. `backbone.stages[1].stride`.
 */
import { closest, ConfigError, unknownName } from '@ssl-distill/schema';

/** A ConfigError (never retried) about a model spec field. */
export class SpecError extends ConfigError {
  constructor(path: string, reason: string) {
    super(path, reason);
    this.name = 'SpecError';
    this.message = `invalid model spec: '${path}' ${reason}`;
  }
}

function fail(path: string, expectation: string, value: unknown): never {
  throw new SpecError(path, `${expectation} (got ${JSON.stringify(value) ?? String(value)})`);
}

/** A spec object whose fields are read once each; leftover (unknown) fields are an error. */
export class SpecFields {
  private readonly unread: Set<string>;
  private readonly read = new Set<string>();

  private constructor(
    private readonly fields: Record<string, unknown>,
    private readonly path: string,
  ) {
    this.unread = new Set(Object.keys(fields));
  }

  static of(value: unknown, path: string): SpecFields {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, 'must be an object', value);
    return new SpecFields(value as Record<string, unknown>, path);
  }

  /** An error about `key` that the field readers cannot see (e.g. a relation between fields). */
  error(key: string, message: string): SpecError {
    return new SpecError(this.fieldPath(key), message);
  }

  /** Reads a required field with `read`, or an optional one (undefined when absent). */
  required<T>(key: string, read: (value: unknown, path: string) => T): T {
    this.unread.delete(key);
    this.read.add(key);
    const value = this.fields[key];
    if (value === undefined) {
      // A misspelt required field is reported as the typo it is, not as the field missing.
      const typo = closest(key, [...this.unread].filter((unread) => this.fields[unread] !== undefined));
      throw typo ? this.error(typo, `is not a known field (did you mean ${key}?)`) : this.error(key, 'is required');
    }
    return read(value, this.fieldPath(key));
  }

  optional<T>(key: string, read: (value: unknown, path: string) => T): T | undefined {
    this.unread.delete(key);
    this.read.add(key);
    const value = this.fields[key];
    return value === undefined ? undefined : read(value, this.fieldPath(key));
  }

  /** Call after reading every known field: typos in YAML should not be silently ignored. */
  rejectUnknown(): void {
    const [unknown] = this.unread;
    if (unknown !== undefined) throw this.error(unknown, `is not a known field${unknownName('field', unknown, [...this.read]).replace(`unknown field '${unknown}'`, '')}`);
  }

  private fieldPath(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }
}

export function positiveInt(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) fail(path, 'must be a positive integer', value);
  return value;
}

export function positiveNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(path, 'must be a positive number', value);
  return value;
}

/** A seed is fed to 32-bit mixing, so it must fit in an unsigned 32-bit integer. */
export function seed(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    fail(path, 'must be an integer in [0, 2^32)', value);
  }
  return value;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'must be true or false', value);
  return value;
}

export function oneOf<T extends string | number>(options: readonly T[]) {
  return (value: unknown, path: string): T => {
    if (!(options as readonly unknown[]).includes(value)) {
      fail(path, `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`, value);
    }
    return value as T;
  };
}

/** tfjs requires weight names to match /^[A-Za-z0-9][-A-Za-z0-9._/]*$/; layer names prefix them. */
export function layerName(value: unknown, path: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9][-A-Za-z0-9._]*$/.test(value)) {
    fail(path, 'must start with a letter or digit and contain only letters, digits, -, . and _', value);
  }
  return value;
}

export function arrayOf<T>(readItem: (value: unknown, path: string) => T, minLength = 0) {
  return (value: unknown, path: string): T[] => {
    if (!Array.isArray(value)) fail(path, 'must be an array', value);
    if (value.length < minLength) fail(path, `must have at least ${minLength} item(s)`, value);
    return value.map((item, i) => readItem(item, `${path}[${i}]`));
  };
}

/** An image shape [height, width, channels]. */
export function imageShape(value: unknown, path: string): [number, number, number] {
  if (!Array.isArray(value) || value.length !== 3) fail(path, 'must be [height, width, channels]', value);
  const [h, w, c] = arrayOf(positiveInt)(value, path);
  return [h!, w!, c!];
}
