// Reading a stored object whose sha256 may not match: the bytes, or why not. Its own module so the
// dataset and feature-cache checks (and the job outputs' check) share it without importing each other.
import { CorruptObjectError, NotFoundError, sha256Hex, type ObjectStore } from '@ssl-distill/store';

/** A stored object's bytes when present and verified (recorded sha256, and `sha256` if given); else why not. */
export async function readIntact(store: ObjectStore, key: string, sha256?: string): Promise<{ bytes: Uint8Array } | { problem: string }> {
  try {
    const bytes = await store.getVerified(key);
    if (sha256 !== undefined && sha256Hex(bytes) !== sha256) return { problem: `${key} differs from its manifest's sha256` };
    return { bytes };
  } catch (error) {
    if (error instanceof NotFoundError) return { problem: `${key} missing` };
    if (error instanceof CorruptObjectError) return { problem: `${key} corrupt` };
    throw error;
  }
}
