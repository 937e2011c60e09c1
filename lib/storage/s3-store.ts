import { randomUUID } from "node:crypto";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { AttachmentStore, StoredFile, StoredStream } from "@/lib/storage/attachment-store.ts";
import { contentHash, isAttachmentHash } from "@/lib/storage/local-store.ts";

export type S3Settings = {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  forcePathStyle: boolean;
};

/** Stored files live under this prefix; the readiness probe writes outside it, so list() never sees one. */
const PREFIX = "uploads/";
const PROBE_PREFIX = "probes/";

/**
 * Evidence files in an S3-compatible object store (STORAGE=s3), at
 * `uploads/ab/cd/<hash>`. A single PutObject is atomic (readers see the whole
 * object or none), so there is no temp-and-rename step, and every app server
 * reads the same bucket. Checked against an S3 emulator (s3rver) only.
 */
export class S3AttachmentStore implements AttachmentStore {
  readonly client: S3Client;
  readonly bucket: string;
  readonly location: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.location = `对象存储 ${settings.endpoint} 的存储桶 ${settings.bucket}`;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    });
  }

  async put(bytes: Uint8Array): Promise<{ hash: string; size: number }> {
    const hash = contentHash(bytes);
    // Written even when the object is there: the write renews LastModified,
    // which the cleanup reads as the time stored (as the local store touches
    // its file). A copy onto itself would save the upload, but not every
    // S3-compatible store renews the time for it (the emulator does not), and
    // a repeated upload of the same evidence is rare.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: keyOf(hash),
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: "application/octet-stream",
      }),
    );
    return { hash, size: bytes.byteLength };
  }

  async get(hash: string): Promise<Uint8Array<ArrayBuffer> | null> {
    const object = await this.object(hash);
    if (!object) return null;
    const bytes = await object.Body!.transformToByteArray();
    return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  }

  async stream(hash: string): Promise<StoredStream | null> {
    const object = await this.object(hash);
    if (!object) return null;
    return { size: object.ContentLength ?? 0, body: object.Body!.transformToWebStream() as ReadableStream<Uint8Array> };
  }

  async has(hash: string): Promise<boolean> {
    return (await this.head(hash)) !== null;
  }

  async *list(): AsyncIterable<StoredFile> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: PREFIX, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const hash = object.Key?.slice(object.Key.lastIndexOf("/") + 1) ?? "";
        // Anything else put in the bucket by hand is not a stored file.
        if (!isAttachmentHash(hash) || object.Key !== keyOf(hash)) continue;
        yield { hash, size: object.Size ?? 0, storedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async remove(hash: string, storedBefore: Date): Promise<boolean> {
    // Looked at again just before deleting, as the local store does. S3 has
    // no delete-if-unmodified, so a put landing between the two calls is
    // lost; the cleanup only takes files stored over a day ago that no row
    // refers to, which a fresh upload of the same content would have to hit
    // within those milliseconds.
    const head = await this.head(hash);
    if (!head || (head.LastModified ?? new Date(0)) >= storedBefore) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: keyOf(hash) }));
    return true;
  }

  async checkWritable(): Promise<void> {
    const key = `${PROBE_PREFIX}${randomUUID()}`;
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: "ok" }));
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  private async head(hash: string) {
    if (!isAttachmentHash(hash)) return null;
    try {
      return await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: keyOf(hash) }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private async object(hash: string) {
    if (!isAttachmentHash(hash)) return null;
    try {
      return await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: keyOf(hash) }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}

/** Only called with a validated hash. */
function keyOf(hash: string): string {
  return `${PREFIX}${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}
