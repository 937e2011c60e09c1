import path from "node:path";
import { db as appDb, type Db, type Tx } from "@/lib/db/client.ts";
import { parseEnv, type Env } from "@/lib/env.ts";
import { DatabaseAttachmentStore } from "@/lib/storage/database-store.ts";
import { LocalAttachmentStore } from "@/lib/storage/local-store.ts";
import { S3AttachmentStore } from "@/lib/storage/s3-store.ts";

export { contentHash, isAttachmentHash } from "@/lib/storage/local-store.ts";

/**
 * Where evidence files attached to progress reports live. Content-addressed: a
 * file is named by the sha256 of its bytes (64 lower-case hex), so storing the
 * same file twice keeps one copy, and a stored file never changes under its name.
 * The database keeps the hash next to the user-facing file name, size and type
 * (see validate-upload.ts); the store knows nothing but bytes.
 *
 * Three backends, chosen by STORAGE (lib/storage-env.ts): files on this
 * server's disk (local-store.ts), chunks in PostgreSQL (database-store.ts) and
 * an S3-compatible object store (s3-store.ts). The last two serve any number
 * of app servers behind a load balancer.
 */
export interface AttachmentStore {
  /** Stores the bytes (once, however often called) and returns their sha256 hex and length. */
  /**
   * `within`: the caller's open transaction, when the file belongs to rows it
   * is writing. The database store writes there, so the file commits or rolls
   * back with the rows that refer to it and takes no second pool connection
   * (a full pool would otherwise wait on itself); the other stores ignore it.
   */
  put(bytes: Uint8Array, within?: Tx): Promise<{ hash: string; size: number }>;
  /**
   * The stored bytes, or null for an unknown or malformed hash. Backed by a
   * plain ArrayBuffer, so it can go straight into `new Response(bytes)`.
   */
  get(hash: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /**
   * The stored bytes as a stream, read a piece at a time (a download never
   * holds a whole file in memory), with their length; null as for get.
   */
  stream(hash: string): Promise<StoredStream | null>;
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
  /** Where the files are, for the operator (the CLI's output): a folder, 数据库, a bucket. */
  readonly location: string;
}

export type StoredStream = { size: number; body: ReadableStream<Uint8Array> };

/** `storedAt`: when the content was last put (a put of existing content renews it). */
export type StoredFile = { hash: string; size: number; storedAt: Date };

/**
 * The configured store, per STORAGE. Local files go under `${DATA_DIR}/uploads`,
 * resolved against the working directory; the database store uses the app's
 * client unless `db` is given (the CLI and start.ts pass their own).
 */
export function attachmentStore(options: { env?: Env; db?: Db } = {}): AttachmentStore {
  const env = options.env ?? parseEnv();
  switch (env.STORAGE) {
    case "database":
      return new DatabaseAttachmentStore(options.db ?? appDb());
    case "s3":
      return s3Store(env);
    case "local":
      return new LocalAttachmentStore(path.resolve(process.cwd(), env.DATA_DIR, "uploads"));
  }
}

// One S3 client per process and configuration: it keeps its HTTP connections open between requests.
const s3Stores = new Map<string, S3AttachmentStore>();

function s3Store(env: Env): S3AttachmentStore {
  const settings = {
    endpoint: env.S3_ENDPOINT!,
    bucket: env.S3_BUCKET!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  };
  const key = JSON.stringify(settings);
  let store = s3Stores.get(key);
  if (!store) s3Stores.set(key, (store = new S3AttachmentStore(settings)));
  return store;
}
