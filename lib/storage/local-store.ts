import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { AttachmentStore, StoredFile, StoredStream } from "@/lib/storage/attachment-store.ts";

/**
 * 64 lower-case hex digits. Anything else ("../../etc/passwd", upper case, a
 * prefix) is never turned into a path. Re-exported from attachment-store.ts.
 */
export function isAttachmentHash(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

/** The name every store gives the bytes: their sha256, 64 lower-case hex. */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Temp files start with this, so nothing in the store ever mistakes one for a stored file. */
export const TEMP_PREFIX = ".tmp-";

/**
 * Files on local disk at `<root>/<hash[0..2]>/<hash[2..4]>/<hash>` (two levels
 * of fan-out keep directories small). Fits a single app server with DATA_DIR on
 * a persistent disk; several servers need shared storage (see attachment-store.ts).
 */
export class LocalAttachmentStore implements AttachmentStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(bytes: Uint8Array): Promise<{ hash: string; size: number }> {
    const hash = contentHash(bytes);
    const size = bytes.byteLength;
    const target = this.pathOf(hash);

    // Names are only ever created by rename, so an existing file is complete;
    // the size check guards against someone having truncated it by hand. Its
    // time is renewed: the cleanup judges a file's age by when it was last
    // stored, so content stored long ago and uploaded again now is not removed
    // before the new upload's row is committed.
    if ((await sizeOf(target)) === size) {
      const now = new Date();
      await fs.utimes(target, now, now);
      return { hash, size };
    }

    const dir = path.dirname(target);
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `${TEMP_PREFIX}${hash}-${randomUUID()}`);
    try {
      const handle = await fs.open(temp, "wx", 0o644);
      try {
        await handle.writeFile(bytes);
        // On disk before the rename makes it visible, so a power cut cannot
        // leave the final name pointing at missing data.
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await fs.rename(temp, target);
      } catch (error) {
        // Windows refuses to replace a file another request has open; if an
        // equal upload won the race, its copy is as good as ours.
        if ((await sizeOf(target)) !== size) throw error;
      }
    } finally {
      await fs.rm(temp, { force: true });
    }
    await syncDirectory(dir);
    return { hash, size };
  }

  async get(hash: string): Promise<Uint8Array<ArrayBuffer> | null> {
    if (!isAttachmentHash(hash)) return null;
    try {
      const data = await fs.readFile(this.pathOf(hash));
      // readFile allocates an ordinary (never shared) ArrayBuffer; view it without copying.
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stream(hash: string): Promise<StoredStream | null> {
    if (!isAttachmentHash(hash)) return null;
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.pathOf(hash), "r");
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      // The stream closes the handle when it ends, fails or is cancelled.
      const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
      return { size, body };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get location(): string {
    return this.root;
  }

  async has(hash: string): Promise<boolean> {
    if (!isAttachmentHash(hash)) return false;
    return (await sizeOf(this.pathOf(hash))) !== null;
  }

  async *list(): AsyncIterable<StoredFile> {
    for (const first of await directoryNames(this.root)) {
      for (const second of await directoryNames(path.join(this.root, first))) {
        const dir = path.join(this.root, first, second);
        for (const name of await directoryNames(dir, "files")) {
          // Temp files of a put in progress, and anything else put there by hand, are not stored files.
          if (!isAttachmentHash(name) || name.slice(0, 2) !== first || name.slice(2, 4) !== second) continue;
          const stat = await fs.stat(path.join(dir, name)).catch(() => null);
          if (stat?.isFile()) yield { hash: name, size: stat.size, storedAt: stat.mtime };
        }
      }
    }
  }

  async remove(hash: string, storedBefore: Date): Promise<boolean> {
    if (!isAttachmentHash(hash)) return false;
    const file = this.pathOf(hash);
    // Looked at again just before unlinking: a put of the same content since
    // the listing renewed the time, and that upload's row may be on its way.
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile() || stat.mtime >= storedBefore) return false;
    await fs.rm(file, { force: true });
    return true;
  }

  async checkWritable(): Promise<void> {
    // A temp name: list() and the cleanup never take it for a stored file.
    const probe = path.join(this.root, `${TEMP_PREFIX}probe-${randomUUID()}`);
    await fs.mkdir(this.root, { recursive: true });
    try {
      await fs.writeFile(probe, "ok", { flag: "wx" });
    } finally {
      await fs.rm(probe, { force: true });
    }
  }

  /** Only called with a validated hash, so the result is always inside root. */
  private pathOf(hash: string): string {
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }
}

/** Names in a directory (sub-directories or files), none when it does not exist. */
async function directoryNames(dir: string, kind: "directories" | "files" = "directories"): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => (kind === "files" ? e.isFile() : e.isDirectory()))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** Size of a regular file, or null when there is none. */
async function sizeOf(file: string): Promise<number | null> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? stat.size : null;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/** Persists the rename itself; best effort, since not every platform can open a directory. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, "r");
    await handle.sync();
  } catch {
    // Windows and some network filesystems: nothing more we can do.
  } finally {
    await handle?.close().catch(() => {});
  }
}
