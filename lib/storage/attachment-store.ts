import path from "node:path";
import { LocalAttachmentStore } from "@/lib/storage/local-store.ts";

export { isAttachmentHash } from "@/lib/storage/local-store.ts";

/**
 * Where evidence files attached to progress reports live. Content-addressed: a
 * file is named by the sha256 of its bytes (64 lower-case hex), so storing the
 * same file twice keeps one copy, and a stored file never changes under its name.
 * The database keeps the hash next to the user-facing file name, size and type
 * (see validate-upload.ts); the store knows nothing but bytes.
 *
 * Another backend only has to implement these calls. For stateless app
 * servers behind a load balancer, an S3-compatible object store (MinIO, OSS,
 * COS, …) fits directly:
 *   - put: compute the sha256 locally, then PutObject under a key such as
 *     `uploads/ab/cd/<hash>` (with `If-None-Match: *`, or a HeadObject first, to
 *     skip re-uploading a file that is already there). A single PutObject is
 *     atomic: readers see the whole object or none, so no temp-and-rename step.
 *   - get: GetObject, mapping NoSuchKey/404 to null; reject malformed hashes
 *     before building the key, as the local store does.
 *   - has: HeadObject, 404 → false.
 *   - list / remove: ListObjectsV2 (LastModified as storedAt) and DeleteObject;
 *     a put of content already there copies the object onto itself to renew
 *     LastModified, as the local store touches the file.
 * Credentials and bucket would come from the environment (lib/env.ts), and
 * attachmentStore() would pick the backend from it.
 */
export interface AttachmentStore {
  /** Stores the bytes (once, however often called) and returns their sha256 hex and length. */
  put(bytes: Uint8Array): Promise<{ hash: string; size: number }>;
  /**
   * The stored bytes, or null for an unknown or malformed hash. Backed by a
   * plain ArrayBuffer, so it can go straight into `new Response(bytes)`.
   */
  get(hash: string): Promise<Uint8Array<ArrayBuffer> | null>;
  has(hash: string): Promise<boolean>;
  /** Every stored file, for the cleanup of files no row refers to (lib/storage/cleanup.ts). */
  list(): AsyncIterable<StoredFile>;
  /**
   * Removes the file unless it was stored (again) at or after `storedBefore`;
   * true when it was removed.
   */
  remove(hash: string, storedBefore: Date): Promise<boolean>;
  /** Throws unless a file can be written (and removed) now; for /api/ready (lib/ops/readiness.ts). */
  checkWritable(): Promise<void>;
}

/** `storedAt`: when the content was last put (a put of existing content renews it). */
export type StoredFile = { hash: string; size: number; storedAt: Date };

/**
 * The configured store: for now files under `${DATA_DIR}/uploads`, resolved
 * against the working directory. An empty DATA_DIR counts as unset, as in lib/env.ts.
 */
export function attachmentStore(): AttachmentStore {
  const dataDir = process.env.DATA_DIR || ".data";
  return new LocalAttachmentStore(path.resolve(process.cwd(), dataDir, "uploads"));
}
