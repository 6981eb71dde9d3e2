import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { NotFoundError } from './errors.js';
import { checkKey, checkPrefix } from './keys.js';
import { BaseObjectStore, checkContent, checkSha256Option, chunksOf, type ObjectBody, type ObjectInfo, type PutOptions } from './store.js';

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  // EISDIR/ENOTDIR: the key names a "directory" of other keys, which is no object (as in S3).
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/**
 * Objects as files under `root`. A put writes a temporary file in the target directory, fsyncs
 * it and renames it into place, so readers never see a partial object. A recorded sha256 lives
 * in a hidden sidecar file ".{name}.sha256" next to the object.
 */
export class FileSystemStore extends BaseObjectStore {
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  describe(): string {
    return `file://${this.root}`;
  }

  locate(key: string): string {
    return this.pathOf(key);
  }

  private pathOf(key: string): string {
    return join(this.root, ...checkKey(key).split('/'));
  }

  private sidecarOf(path: string): string {
    return join(dirname(path), `.${basename(path)}.sha256`);
  }

  /** Writes `chunks` to a temporary file beside `path` and fsyncs it; returns its path and the content's sha256. */
  private async writeTemporary(path: string, chunks: AsyncIterable<Uint8Array>): Promise<{ temporary: string; sha256: string }> {
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    const file = await open(temporary, 'wx');
    try {
      for await (const chunk of chunks) {
        hash.update(chunk);
        await file.write(chunk);
      }
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await file.close();
    return { temporary, sha256: hash.digest('hex') };
  }

  async put(key: string, body: ObjectBody, options: PutOptions = {}): Promise<void> {
    const path = this.pathOf(key);
    checkSha256Option(key, options.sha256);
    await mkdir(dirname(path), { recursive: true });
    const data = await this.writeTemporary(path, chunksOf(body));
    const written = [data.temporary];
    try {
      checkContent(key, data.sha256, options.sha256);
      const sidecar = this.sidecarOf(path);
      if (options.sha256 === undefined) {
        await rm(sidecar, { force: true });
      } else {
        // The checksum goes in first: a crash before the data's rename leaves the old data with
        // the new checksum, which getVerified reports instead of trusting.
        const checksum = await this.writeTemporary(sidecar, chunksOf(new TextEncoder().encode(options.sha256)));
        written.push(checksum.temporary);
        await rename(checksum.temporary, sidecar);
      }
      await rename(data.temporary, path);
    } catch (error) {
      await Promise.all(written.map((temporary) => rm(temporary, { force: true })));
      throw error;
    }
    await this.syncDirectory(dirname(path));
  }

  /** Makes the renames durable. */
  private async syncDirectory(path: string): Promise<void> {
    const directory = await open(path, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(key);
      throw error;
    }
  }

  async getStream(key: string): Promise<Readable> {
    try {
      // Opened first, so a missing key rejects here rather than as a stream error later.
      const file = await open(this.pathOf(key), 'r');
      if ((await file.stat()).isDirectory()) {
        await file.close();
        throw new NotFoundError(key);
      }
      return file.createReadStream();
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<ObjectInfo> {
    const path = this.pathOf(key);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(key);
      throw error;
    }
    if (!info.isFile()) throw new NotFoundError(key);
    let sha256: string | undefined;
    try {
      sha256 = (await readFile(this.sidecarOf(path), 'utf8')).trim();
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    return { key, size: info.size, lastModified: info.mtime, ...(sha256 === undefined ? {} : { sha256 }) };
  }

  async list(prefix: string): Promise<string[]> {
    checkPrefix(prefix);
    const directory = join(this.root, ...prefix.split('/').slice(0, -1));
    let entries;
    try {
      entries = await readdir(directory, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(this.root, join(entry.parentPath, entry.name)).split(sep))
      .filter((segments) => segments.every((segment) => !segment.startsWith('.'))) // sidecars, temporaries
      .map((segments) => segments.join('/'))
      .filter((key) => key.startsWith(prefix))
      .sort();
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      if ((await stat(path)).isDirectory()) return;
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    await rm(path, { force: true });
    await rm(this.sidecarOf(path), { force: true });
  }
}
