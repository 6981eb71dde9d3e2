import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DatasetFileError } from './dataset.js';

function plainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Reads a file, gunzipping it when it starts with the gzip magic 1f 8b (whatever its name).
 * Returns a plain Uint8Array view, so datasets never carry Node Buffers.
 */
export function readMaybeGzipped(file: string): Uint8Array {
  const bytes = readFileSync(file);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return plainBytes(gunzipSync(bytes));
    } catch (error) {
      throw new DatasetFileError(file, `corrupt gzip data (${(error as Error).message})`);
    }
  }
  return plainBytes(bytes);
}

/** The first of `candidates` that exists, or an error listing all of them. */
export function findFile(candidates: readonly string[], what: string): string {
  const found = candidates.find((file) => existsSync(file));
  if (found === undefined) {
    throw new DatasetFileError(candidates[0], `no ${what} file; looked for ${candidates.join(', ')}`);
  }
  return found;
}

/** Non-empty trimmed lines of a text file (class-name lists). */
export function readNameList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
