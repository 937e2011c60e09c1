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
 * Another backend only has to implement these three calls. For stateless app
 * servers behind a load balancer, an S3-compatible object store (MinIO, OSS,
 * COS, …) fits directly:
 *   - put: compute the sha256 locally, then PutObject under a key such as
 *     `uploads/ab/cd/<hash>` (with `If-None-Match: *`, or a HeadObject first, to
 *     skip re-uploading a file that is already there). A single PutObject is
 *     atomic: readers see the whole object or none, so no temp-and-rename step.
 *   - get: GetObject, mapping NoSuchKey/404 to null; reject malformed hashes
 *     before building the key, as the local store does.
 *   - has: HeadObject, 404 → false.
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
}

/**
 * The configured store: for now files under `${DATA_DIR}/uploads`, resolved
 * against the working directory. An empty DATA_DIR counts as unset, as in lib/env.ts.
 */
export function attachmentStore(): AttachmentStore {
  const dataDir = process.env.DATA_DIR || ".data";
  return new LocalAttachmentStore(path.resolve(process.cwd(), dataDir, "uploads"));
}
