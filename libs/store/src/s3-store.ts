import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Client } from 'minio';
import { NotFoundError } from './errors.js';
import { checkKey, checkPrefix } from './keys.js';
import { BaseObjectStore, checkContent, checkSha256Option, chunksOf, type ObjectBody, type ObjectInfo, type PutOptions } from './store.js';

export interface S3StoreConfig {
  endPoint: string;
  port?: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region?: string;
  /** Streamed puts upload parts of this size (S3 minimum 5 MiB). Default 8 MiB. */
  partSizeBytes?: number;
}

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** User metadata holding the recorded checksum (returned by stat as metaData.sha256). */
const SHA256_METADATA = 'x-amz-meta-sha256';

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound';
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Objects in an S3 bucket (created on first use) through the minio client. */
export class S3Store extends BaseObjectStore {
  private readonly client: Client;
  private readonly bucket: string;
  private bucketReady?: Promise<void>;

  constructor(private readonly config: S3StoreConfig) {
    super();
    this.bucket = config.bucket;
    this.client = new Client({
      endPoint: config.endPoint,
      port: config.port,
      useSSL: config.useSSL,
      accessKey: config.accessKey,
      secretKey: config.secretKey,
      region: config.region,
      pathStyle: true,
    });
  }

  /** The same endpoint and credentials, another bucket (e.g. where a pipeline's model files were uploaded). */
  inBucket(bucket: string): S3Store {
    return new S3Store({ ...this.config, bucket });
  }

  describe(): string {
    const { useSSL, accessKey, endPoint, port, bucket } = this.config;
    return `s3://${accessKey}@${endPoint}${port === undefined ? '' : `:${port}`}/${bucket}?ssl=${useSSL}`;
  }

  locate(key: string): string {
    const { useSSL, endPoint, port, bucket } = this.config;
    return `${useSSL ? 'https' : 'http'}://${endPoint}${port === undefined ? '' : `:${port}`}/${bucket}/${checkKey(key)}`;
  }

  private ensureBucket(): Promise<void> {
    this.bucketReady ??= (async () => {
      if (await retryTransient(() => this.client.bucketExists(this.bucket))) return;
      try {
        await this.client.makeBucket(this.bucket, this.config.region ?? 'us-east-1');
      } catch (error) {
        // Another process created it meanwhile: MinIO and S3 say BucketAlreadyOwnedByYou, s3rver
        // BucketAlreadyExists (on S3, someone else's bucket: then bucketExists fails with 403).
        const code = (error as { code?: string }).code;
        const raced = code === 'BucketAlreadyOwnedByYou' || code === 'BucketAlreadyExists';
        if (!raced || !(await retryTransient(() => this.client.bucketExists(this.bucket)))) throw error;
      }
    })().catch((error: unknown) => {
      this.bucketReady = undefined;
      throw error;
    });
    return this.bucketReady;
  }

  async put(key: string, body: ObjectBody, options: PutOptions = {}): Promise<void> {
    checkKey(key);
    checkSha256Option(key, options.sha256);
    await this.ensureBucket();
    const metadata: Record<string, string> = options.sha256 === undefined ? {} : { [SHA256_METADATA]: options.sha256 };
    if (body instanceof Uint8Array) {
      checkContent(key, createHash('sha256').update(body).digest('hex'), options.sha256);
      await retryTransient(() => this.client.putObject(this.bucket, key, toBuffer(body), body.byteLength, metadata));
      return;
    }
    await this.putStream(key, chunksOf(body), metadata, options.sha256);
  }

  /**
   * Uploads a stream in parts, holding one part in memory. An object smaller than a part is
   * one plain PUT; a larger one a multipart upload, completed only after the whole stream was
   * read and its checksum matched, and aborted on any error, so a failed put leaves no object.
   */
  private async putStream(key: string, chunks: AsyncIterable<Uint8Array>, metadata: Record<string, string>, expected?: string): Promise<void> {
    const partSize = this.config.partSizeBytes ?? DEFAULT_PART_SIZE;
    const hash = createHash('sha256');
    const parts: { part: number; etag: string }[] = [];
    let uploadId: string | undefined;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const uploadPart = async (payload: Buffer) => {
      uploadId ??= await this.client.initiateNewMultipartUpload(this.bucket, key, metadata);
      const part = parts.length + 1;
      const { etag } = await this.client.uploadPart(
        { bucketName: this.bucket, objectName: key, uploadID: uploadId, partNumber: part, headers: { 'Content-Length': payload.length } },
        payload,
      );
      parts.push({ part, etag });
    };
    try {
      for await (const chunk of chunks) {
        hash.update(chunk);
        pending.push(toBuffer(chunk));
        pendingBytes += chunk.byteLength;
        while (pendingBytes >= partSize) {
          const all = Buffer.concat(pending);
          await uploadPart(all.subarray(0, partSize));
          pending = [all.subarray(partSize)];
          pendingBytes = all.length - partSize;
        }
      }
      checkContent(key, hash.digest('hex'), expected);
      const rest = Buffer.concat(pending);
      if (uploadId === undefined) {
        await this.client.putObject(this.bucket, key, rest, rest.length, metadata);
        return;
      }
      if (rest.length > 0) await uploadPart(rest);
      await this.client.completeMultipartUpload(this.bucket, key, uploadId, parts);
    } catch (error) {
      if (uploadId !== undefined) await this.client.abortMultipartUpload(this.bucket, key, uploadId).catch(() => {});
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.getStream(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async getStream(key: string): Promise<Readable> {
    checkKey(key);
    await this.ensureBucket();
    try {
      return await retryTransient(() => this.client.getObject(this.bucket, key));
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<ObjectInfo> {
    checkKey(key);
    await this.ensureBucket();
    try {
      const { size, lastModified, metaData } = await retryTransient(() => this.client.statObject(this.bucket, key));
      const sha256 = metaData['sha256'] as string | undefined;
      return { key, size, lastModified, ...(sha256 === undefined ? {} : { sha256 }) };
    } catch (error) {
      if (isMissing(error)) throw new NotFoundError(key);
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    checkPrefix(prefix);
    await this.ensureBucket();
    const keys: string[] = [];
    for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
      if (item.name) keys.push(item.name);
    }
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.ensureBucket();
    await retryTransient(() => this.client.removeObject(this.bucket, key));
  }
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'EAI_AGAIN']);

/** A request that died with its connection (a kept-alive socket the server closed as it was reused): worth another try. */
function isTransient(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return TRANSIENT_CODES.has(code) || /socket hang up/i.test(error instanceof Error ? error.message : '');
}

/** Retries an idempotent request up to 3 more times on connection-level failures. */
async function retryTransient<T>(request: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}
