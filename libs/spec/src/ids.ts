import { createHash } from 'node:crypto';

/** Canonical JSON: object keys sorted at every depth, so equal configs hash equally. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A short content id: the first 16 hex digits of sha256 over the canonical JSON of `parts`. */
export function contentId(...parts: unknown[]): string {
  return createHash('sha256').update(canonical(parts)).digest('hex').slice(0, 16);
}

export function bytesId(...chunks: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex').slice(0, 16);
}
