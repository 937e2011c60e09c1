import { createHash } from "node:crypto";
import { contentHash, type AttachmentStore } from "@/lib/storage/attachment-store.ts";

// `npm run cli -- storage migrate --to database|s3 [--from local|database|s3]`:
// copies every stored evidence file from one store into another, so an
// installation can move from one server's disk to a store every server reads.
// Safe to rerun: a file the target already has is skipped, so a run cut short
// (or one with failures) is simply run again. The source is left as it was;
// the operator switches STORAGE afterwards and runs it once more (uploads
// between the run and the restart went to the old store only).

export type MigrationFailure = { hash: string; reason: string };

export type MigrationResult = {
  /** Files copied by this run, and their bytes. */
  copied: number;
  bytes: number;
  /** Files the target had already (an earlier run, or the same content uploaded there). */
  alreadyThere: number;
  failed: MigrationFailure[];
};

export async function migrateAttachments(
  from: AttachmentStore,
  to: AttachmentStore,
  onFile: (hash: string, outcome: "copied" | "already" | "failed") => void = () => {},
): Promise<MigrationResult> {
  const result: MigrationResult = { copied: 0, bytes: 0, alreadyThere: 0, failed: [] };
  for await (const file of from.list()) {
    const { hash } = file;
    try {
      if (await to.has(hash)) {
        result.alreadyThere++;
        onFile(hash, "already");
        continue;
      }
      const reason = await copyOne(from, to, hash);
      if (reason) {
        result.failed.push({ hash, reason });
        onFile(hash, "failed");
        continue;
      }
      result.copied++;
      result.bytes += file.size;
      onFile(hash, "copied");
    } catch (error) {
      result.failed.push({ hash, reason: (error as Error)?.message ?? String(error) });
      onFile(hash, "failed");
    }
  }
  return result;
}

/** Null when copied and read back intact; otherwise why not (Chinese). */
async function copyOne(from: AttachmentStore, to: AttachmentStore, hash: string): Promise<string | null> {
  const bytes = await from.get(hash);
  if (!bytes) return "源存储中已没有该文件";
  // A file damaged on disk would otherwise be copied under a name that promises other content.
  if (contentHash(bytes) !== hash) return "源文件已损坏(内容与文件名中的校验值不符),未复制";
  // Looked at again just before the put: whether a bad copy below is this run's own.
  const wasThere = await to.has(hash);
  const stored = await to.put(bytes);
  const putEnded = new Date();
  if (stored.hash !== hash) return "写入目标存储后的校验值不符";
  // Read back through the target's own download path, as a server would serve it.
  const back = await to.stream(hash);
  if (!back) return "写入后在目标存储中找不到该文件";
  const digest = createHash("sha256");
  for await (const part of back.body as unknown as AsyncIterable<Uint8Array>) digest.update(part);
  if (digest.digest("hex") !== hash) {
    // A copy this run created is not left behind: a rerun would take it for a
    // good copy and skip it. One a live server stored (before this put, or
    // again since: its time stored is later) is its upload's, and stays.
    const kept = "写入后读回的内容与原文件不符;目标存储中的该文件可能是其他服务器同时存入的,未删除,请检查目标存储中的该文件";
    if (wasThere) return kept;
    const removed = await to.remove(hash, new Date(putEnded.getTime() + 1)).catch(() => false);
    return removed ? "写入后读回的内容与原文件不符,已从目标存储删除" : kept;
  }
  return null;
}
