import type { Db, Tx } from "@/lib/db/client.ts";
import type { AttachmentStore, StoredFile, StoredStream } from "@/lib/storage/attachment-store.ts";
import { contentHash, isAttachmentHash } from "@/lib/storage/local-store.ts";

/**
 * 256 KiB: a 20 MB file is 80 rows, each well under PostgreSQL's 1 GB value
 * limit and small enough that a download holds one at a time.
 */
export const CHUNK_BYTES = 256 * 1024;

/** Files and chunks read per query when listing. */
const LIST_PAGE = 1000;

/** Writing 80 chunks may take longer than Prisma's 5 s default on a busy server. */
const PUT_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

class ProbeRollback extends Error {}

/** Rounds of "there – gone again" before giving up; each needs the cleanup to delete the row anew. */
const WRITE_ATTEMPTS = 3;

/**
 * ON CONFLICT DO NOTHING: when another server is putting the same content
 * right now, this waits for its transaction and then inserts nothing (or, if
 * that one rolled back, inserts). The blob row and its chunks commit together,
 * so a blob row always means a complete file. Exported for the test of its race
 * with the orphan-file cleanup.
 */
export async function writeBlob(tx: Tx, hash: string, bytes: Uint8Array): Promise<void> {
  const size = bytes.byteLength;
  for (let attempt = 1; ; attempt++) {
    const { count } = await tx.attachmentBlob.createMany({ data: [{ hash, size, storedAt: new Date() }], skipDuplicates: true });
    if (count === 1) break;
    // Already stored: renew its time, as the local store touches its file,
    // so the cleanup does not take it before this upload's row commits. The
    // row lock this takes makes a later cleanup DELETE wait and re-check.
    const renewed = await tx.attachmentBlob.updateMany({ where: { hash }, data: { storedAt: new Date() } });
    if (renewed.count > 0) return;
    // The cleanup's DELETE committed between the two statements (ON CONFLICT
    // DO NOTHING locks nothing): the file is gone, so store it again.
    if (attempt === WRITE_ATTEMPTS) throw new Error(`attachment ${hash}: removed by the cleanup while being stored, ${attempt} times`);
  }
  for (let index = 0, at = 0; at < size; index++, at += CHUNK_BYTES) {
    await tx.attachmentChunk.create({ data: { hash, index, bytes: new Uint8Array(bytes.subarray(at, at + CHUNK_BYTES)) } });
  }
}

/**
 * Evidence files in PostgreSQL (STORAGE=database): one AttachmentBlob row per
 * content, its bytes in AttachmentChunk rows. Every app server on the database
 * reads every file, and a backup of the database holds them.
 *
 * Through the app's Prisma client rather than a pool of its own: the same
 * connections, limits and pool metrics as every other query, the typed API for
 * the rows, and Prisma's handling of timestamps (the columns are UTC without a
 * time zone, so `now()` in SQL would depend on the session's TimeZone).
 */
export class DatabaseAttachmentStore implements AttachmentStore {
  readonly location = "数据库(AttachmentBlob / AttachmentChunk 表)";

  constructor(private readonly db: Db) {}

  async put(bytes: Uint8Array, within?: Tx): Promise<{ hash: string; size: number }> {
    const hash = contentHash(bytes);
    const size = bytes.byteLength;
    if (within) await writeBlob(within, hash, bytes);
    else await this.db.$transaction((tx) => writeBlob(tx, hash, bytes), PUT_TRANSACTION);
    return { hash, size };
  }

  async get(hash: string): Promise<Uint8Array<ArrayBuffer> | null> {
    const blob = await this.blob(hash);
    if (!blob) return null;
    const result = new Uint8Array(blob.size);
    let at = 0;
    for (let index = 0; at < blob.size; index++) {
      const chunk = await this.chunk(hash, index);
      result.set(chunk, at);
      at += chunk.byteLength;
    }
    return result;
  }

  async stream(hash: string): Promise<StoredStream | null> {
    const blob = await this.blob(hash);
    if (!blob) return null;
    let index = 0;
    let sent = 0;
    // Pulled: the next chunk is read only when the client has taken the last,
    // so a slow download holds one chunk, not the file.
    const body = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (sent >= blob.size) {
          controller.close();
          return;
        }
        const chunk = await this.chunk(hash, index++);
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { size: blob.size, body };
  }

  async has(hash: string): Promise<boolean> {
    return (await this.blob(hash)) !== null;
  }

  async *list(): AsyncIterable<StoredFile> {
    let after: string | undefined;
    for (;;) {
      const page = await this.db.attachmentBlob.findMany({
        select: { hash: true, size: true, storedAt: true },
        where: after === undefined ? {} : { hash: { gt: after } },
        orderBy: { hash: "asc" },
        take: LIST_PAGE,
      });
      for (const row of page) if (isAttachmentHash(row.hash)) yield row;
      if (page.length < LIST_PAGE) return;
      after = page.at(-1)!.hash;
    }
  }

  async remove(hash: string, storedBefore: Date): Promise<boolean> {
    if (!isAttachmentHash(hash)) return false;
    // One statement: a put of the same content renews storedAt under a row
    // lock, and PostgreSQL re-checks the condition after waiting for it.
    // The chunks go with the row (ON DELETE CASCADE).
    const { count } = await this.db.attachmentBlob.deleteMany({ where: { hash, storedAt: { lt: storedBefore } } });
    return count > 0;
  }

  async checkWritable(): Promise<void> {
    // A row written and rolled back: proves the tables accept writes, leaves nothing.
    try {
      await this.db.$transaction(async (tx) => {
        const probe = "probe".padEnd(64, "-");
        await tx.attachmentBlob.create({ data: { hash: probe, size: 0, storedAt: new Date() } });
        await tx.attachmentChunk.create({ data: { hash: probe, index: 0, bytes: new Uint8Array(0) } });
        throw new ProbeRollback();
      });
    } catch (error) {
      if (!(error instanceof ProbeRollback)) throw error;
    }
  }

  private async blob(hash: string): Promise<{ size: number } | null> {
    if (!isAttachmentHash(hash)) return null;
    return this.db.attachmentBlob.findUnique({ where: { hash }, select: { size: true } });
  }

  private async chunk(hash: string, index: number): Promise<Uint8Array<ArrayBuffer>> {
    const row = await this.db.attachmentChunk.findUnique({ where: { hash_index: { hash, index } }, select: { bytes: true } });
    // Only when the file was removed while being read: the cleanup takes files
    // no report refers to, so a download of an attached file never meets this.
    if (!row) throw new Error(`attachment ${hash}: chunk ${index} missing`);
    return row.bytes;
  }
}
