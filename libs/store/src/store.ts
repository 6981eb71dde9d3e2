import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CorruptObjectError, InvalidKeyError, NotFoundError } from './errors.js';

/** What `put` stores: bytes, or a stream for objects too large to hold in memory. */
export type ObjectBody = Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface PutOptions {
  /**
   * Expected hex sha256 of the content: recorded with the object (for getVerified), and the put
   * fails with CorruptObjectError, storing nothing, when the content differs.
   */
  sha256?: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  /** Recorded sha256, if the object was put with one. */
  sha256?: string;
  lastModified: Date;
}

/**
 * The object store: S3 (S3Store) or a local directory (FileSystemStore), with the same
 * semantics, checked by one contract suite (store.contract.ts). A put is atomic: readers see
 * the old object or the complete new one, never a partial write.
 */
export interface ObjectStore {
  put(key: string, body: ObjectBody, options?: PutOptions): Promise<void>;
  /** Throws NotFoundError naming the key when missing. */
  get(key: string): Promise<Uint8Array>;
  getStream(key: string): Promise<Readable>;
  stat(key: string): Promise<ObjectInfo>;
  /** Keys starting with `prefix` (a plain string prefix, as in S3), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes the object; a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /**
   * Puts `bytes` with their sha256 recorded; returns the hex sha256 (for manifests). When the key
   * already holds exactly these bytes (checksum recorded and content verified) nothing is written,
   * so rebuilding a derived object rewrites only what changed.
   */
  putVerified(key: string, bytes: Uint8Array): Promise<string>;
  /** Gets the bytes, throwing CorruptObjectError when they do not match the recorded sha256. */
  getVerified(key: string): Promise<Uint8Array>;
  /** Where the store is, safe to log (no secrets). */
  describe(): string;
  /** Where the object at `key` can be opened: a file path, or the object's URL. */
  locate(key: string): string;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function checkSha256Option(key: string, sha256: string | undefined): void {
  if (sha256 !== undefined && !SHA256_HEX.test(sha256)) {
    throw new InvalidKeyError(`sha256 for key "${key}" must be 64 lowercase hex digits, got "${sha256}"`);
  }
}

/** Throws CorruptObjectError when `expected` is given and differs from `actual`. */
export function checkContent(key: string, actual: string, expected: string | undefined): void {
  if (expected !== undefined && actual !== expected) {
    throw new CorruptObjectError(key, `content sha256 ${actual} does not match the expected ${expected}`);
  }
}

/** The body as chunks, whatever its form. */
export async function* chunksOf(body: ObjectBody): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) yield body;
  else yield* body as AsyncIterable<Uint8Array>;
}

/** The verified helpers, built once on each store's primitives. */
export abstract class BaseObjectStore implements ObjectStore {
  abstract put(key: string, body: ObjectBody, options?: PutOptions): Promise<void>;
  abstract get(key: string): Promise<Uint8Array>;
  abstract getStream(key: string): Promise<Readable>;
  abstract stat(key: string): Promise<ObjectInfo>;
  abstract list(prefix: string): Promise<string[]>;
  abstract delete(key: string): Promise<void>;
  abstract describe(): string;
  abstract locate(key: string): string;

  async exists(key: string): Promise<boolean> {
    try {
      await this.stat(key);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  async putVerified(key: string, bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    if (!(await this.holds(key, bytes.length, sha256))) await this.put(key, bytes, { sha256 });
    return sha256;
  }

  /** Whether `key` holds content of this size and sha256, its recorded checksum included. */
  private async holds(key: string, size: number, sha256: string): Promise<boolean> {
    let info: ObjectInfo;
    try {
      info = await this.stat(key);
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
    if (info.size !== size || info.sha256 !== sha256) return false;
    // The checksum matches; the bytes may not (a damaged copy): only verified content is kept.
    return sha256Hex(await this.get(key)) === sha256;
  }

  async getVerified(key: string): Promise<Uint8Array> {
    const { sha256: recorded } = await this.stat(key);
    if (recorded === undefined) throw new CorruptObjectError(key, 'no sha256 was recorded for it (not written with putVerified)');
    const bytes = await this.get(key);
    const actual = sha256Hex(bytes);
    if (actual !== recorded) throw new CorruptObjectError(key, `content sha256 ${actual} does not match the recorded ${recorded}`);
    return bytes;
  }
}
