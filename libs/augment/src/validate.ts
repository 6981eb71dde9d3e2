// Field checks shared by op-spec and plan validation; every message names the offending path.

export function fail(path: string, requirement: string, value: unknown): never {
  throw new RangeError(`${path} ${requirement}, got ${JSON.stringify(value)}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectRecord(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) fail(path, 'must be an object', value);
  return value;
}

export function expectKnownKeys(record: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      throw new RangeError(`${path}.${key} is not a known field (expected one of ${allowed.join(', ')})`);
    }
  }
}

export function expectNumber(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(path, `must be a number in [${min}, ${max}]`, value);
  }
  return value;
}

export function expectInteger(value: unknown, path: string, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    fail(path, `must be an integer in [${min}, ${max}]`, value);
  }
  return value as number;
}

/** A [low, high] pair with min <= low <= high <= max. */
export function expectRange(value: unknown, path: string, min: number, max: number): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) fail(path, 'must be a [low, high] pair', value);
  const low = expectNumber(value[0], `${path}[0]`, min, max);
  const high = expectNumber(value[1], `${path}[1]`, min, max);
  if (low > high) fail(path, 'must have low <= high', value);
  return [low, high];
}

export function expectArray(value: unknown, path: string, minLength: number): unknown[] {
  if (!Array.isArray(value) || value.length < minLength) {
    fail(path, `must be an array with at least ${minLength} element(s)`, value);
  }
  return value;
}
