// The semantics every ObjectStore must have; fs-store.spec.ts and s3-store.spec.ts run it.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CorruptObjectError, InvalidKeyError, NotFoundError } from './errors.js';
import { sha256Hex, type ObjectStore } from './store.js';

export interface StoreContractHarness {
  /** A store of the suite's own (an empty directory or bucket). */
  store: ObjectStore;
  /** Replaces the stored bytes of `key` behind the store's back, keeping its recorded checksum (bit rot). */
  corrupt(key: string, bytes: Uint8Array): Promise<void>;
}

const text = new TextEncoder();
const bytes = (value: string) => text.encode(value);
const str = (data: Uint8Array) => new TextDecoder().decode(data);

/** `total` pseudo-random bytes in chunks of `chunkSize`; throws `failAfter` bytes in, if given. */
async function* generated(total: number, chunkSize: number, failAfter?: number): AsyncIterable<Uint8Array> {
  let state = 12345;
  for (let sent = 0; sent < total; sent += chunkSize) {
    if (failAfter !== undefined && sent >= failAfter) throw new Error('source disconnected');
    const chunk = new Uint8Array(Math.min(chunkSize, total - sent));
    for (let i = 0; i < chunk.length; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      chunk[i] = state >>> 24;
    }
    yield chunk;
  }
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Runs the ObjectStore contract against the store `harness()` gives (called inside tests). */
export function describeStoreContract(name: string, harness: () => StoreContractHarness): void {
  describe(`${name} store contract`, () => {
    const store = () => harness().store;

    it('puts and gets bytes, and stats them', async () => {
      await store().put('datasets/d1/shard-0.pb', bytes('images'));
      expect(str(await store().get('datasets/d1/shard-0.pb'))).toBe('images');
      const info = await store().stat('datasets/d1/shard-0.pb');
      expect(info).toMatchObject({ key: 'datasets/d1/shard-0.pb', size: 6 });
      expect(info.sha256).toBeUndefined();
      expect(info.lastModified.getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(await store().exists('datasets/d1/shard-0.pb')).toBe(true);
    });

    it('streams a large object in and out', async () => {
      const total = 9 * 1024 * 1024 + 123; // more than one S3 upload part
      const expected = await collect(generated(total, 256 * 1024));
      await store().put('features/t/d/p/e0/shard-0.pb', Readable.from(generated(total, 256 * 1024)), { sha256: sha256Hex(expected) });
      const streamed = await collect(await store().getStream('features/t/d/p/e0/shard-0.pb'));
      expect(streamed.length).toBe(total);
      expect(streamed.equals(expected)).toBe(true);
      expect(await store().stat('features/t/d/p/e0/shard-0.pb')).toMatchObject({ size: total, sha256: sha256Hex(expected) });
      expect((await store().getVerified('features/t/d/p/e0/shard-0.pb')).length).toBe(total);
    });

    it('lists keys by string prefix, sorted', async () => {
      for (const key of ['list/b/2', 'list/a/1', 'list/ab', 'list/b/1', 'other/x']) await store().putVerified(key, bytes(key));
      expect(await store().list('list/')).toEqual(['list/a/1', 'list/ab', 'list/b/1', 'list/b/2']);
      expect(await store().list('list/a')).toEqual(['list/a/1', 'list/ab']);
      expect(await store().list('list/b/')).toEqual(['list/b/1', 'list/b/2']);
      expect(await store().list('list/c')).toEqual([]);
      expect(await store().list('nothing/here/')).toEqual([]);
      await store().delete('list/ab');
      expect(await store().list('list/a')).toEqual(['list/a/1']);
    });

    it('overwrites an object, checksum included', async () => {
      await store().putVerified('runs/r1/report.json', bytes('{"v":1}'));
      await store().put('runs/r1/report.json', bytes('{"v":2}'));
      expect(str(await store().get('runs/r1/report.json'))).toBe('{"v":2}');
      expect((await store().stat('runs/r1/report.json')).sha256).toBeUndefined();
    });

    it('reports a missing key as NotFoundError naming it; deleting it is a no-op', async () => {
      // Thunks, not promises: each call starts only when awaited, so none rejects unobserved.
      for (const operation of [
        () => store().get('missing/key.pb'),
        () => store().getStream('missing/key.pb'),
        () => store().stat('missing/key.pb'),
        () => store().getVerified('missing/key.pb'),
      ]) {
        const error = await rejection(operation());
        expect(error).toBeInstanceOf(NotFoundError);
        expect((error as NotFoundError).key).toBe('missing/key.pb');
        expect(error.message).toContain('"missing/key.pb"');
      }
      await store().put('missing/other.pb', bytes('x'));
      expect(await rejection(store().get('missing'))).toBeInstanceOf(NotFoundError); // a "directory" is no object
      expect(await store().exists('missing/key.pb')).toBe(false);
      await store().delete('missing/key.pb');
    });

    it('records the checksum of putVerified and verifies it on getVerified', async () => {
      const content = bytes('embeddings');
      const sha256 = await store().putVerified('features/t/d/p/manifest.pb', content);
      expect(sha256).toBe(sha256Hex(content));
      expect((await store().stat('features/t/d/p/manifest.pb')).sha256).toBe(sha256);
      expect(str(await store().getVerified('features/t/d/p/manifest.pb'))).toBe('embeddings');
    });

    it('detects a corrupted object, naming its key', async () => {
      await store().putVerified('datasets/d2/shard-3.pb', bytes('original'));
      await harness().corrupt('datasets/d2/shard-3.pb', bytes('originaL'));
      const error = await rejection(store().getVerified('datasets/d2/shard-3.pb'));
      expect(error).toBeInstanceOf(CorruptObjectError);
      expect((error as CorruptObjectError).key).toBe('datasets/d2/shard-3.pb');
      expect(error.message).toMatch(/"datasets\/d2\/shard-3.pb": content sha256 [0-9a-f]{64} does not match the recorded/);
    });

    it('putVerified of the bytes already stored keeps the object; of a damaged copy, repairs it', async () => {
      const key = 'features/t/d/p/e0/shard-0.pb';
      await store().putVerified(key, bytes('teacher features'));
      const before = await store().stat(key);
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // past S3's one-second lastModified
      await store().putVerified(key, bytes('teacher features'));
      expect((await store().stat(key)).lastModified).toEqual(before.lastModified);
      await harness().corrupt(key, bytes('teacher featureZ'));
      await store().putVerified(key, bytes('teacher features'));
      expect(str(await store().getVerified(key))).toBe('teacher features');
    });

    it('locates an object by a path or URL that ends in its key', () => {
      expect(store().locate('runs/r1/report.html')).toMatch(/^(\/|https?:\/\/).*\/runs\/r1\/report\.html$/);
    });

    it('refuses to verify an object stored without a checksum', async () => {
      await store().put('teachers/t1/model.json', bytes('{}'));
      const error = await rejection(store().getVerified('teachers/t1/model.json'));
      expect(error).toBeInstanceOf(CorruptObjectError);
      expect(error.message).toContain('no sha256 was recorded');
    });

    it('rejects content that does not match the expected checksum and stores nothing', async () => {
      const wrong = sha256Hex('something else');
      expect(await rejection(store().put('bad/bytes.pb', bytes('data'), { sha256: wrong }))).toBeInstanceOf(CorruptObjectError);
      const streamed = store().put('bad/stream.pb', Readable.from(generated(6 * 1024 * 1024, 64 * 1024)), { sha256: wrong });
      expect(await rejection(streamed)).toBeInstanceOf(CorruptObjectError);
      expect(await store().list('bad/')).toEqual([]);
    });

    it('leaves no partial object when a streamed put fails midway, and keeps the previous version', async () => {
      await store().putVerified('partial/previous.pb', bytes('version 1'));
      for (const key of ['partial/new.pb', 'partial/previous.pb']) {
        // 10 MiB in, past the first S3 upload part.
        const failed = store().put(key, Readable.from(generated(16 * 1024 * 1024, 512 * 1024, 10 * 1024 * 1024)));
        expect((await rejection(failed)).message).toContain('source disconnected');
      }
      expect(await store().list('partial/')).toEqual(['partial/previous.pb']);
      expect(str(await store().getVerified('partial/previous.pb'))).toBe('version 1');
    });

    it('rejects invalid keys, naming them', async () => {
      for (const key of ['', '/abs', 'a//b', '../up', 'a/./b', '.hidden', 'a/.sha256', 'spaces are bad', 'a/b/']) {
        const error = await rejection(store().put(key, bytes('x')));
        expect(error, key).toBeInstanceOf(InvalidKeyError);
        expect(error.message).toContain(`key "${key}"`);
      }
      expect(await rejection(store().put('ok/key', bytes('x'), { sha256: 'ABC' }))).toBeInstanceOf(InvalidKeyError);
    });
  });
}
