import { db as appDb, type Db } from "@/lib/db/client.ts";
import { attachmentStore, type AttachmentStore, type StoredFile } from "@/lib/storage/attachment-store.ts";

// Stored files no Attachment row refers to: evidence of a report whose
// transaction failed after the files were stored (a version conflict, a
// closed period), or of a report deleted since. Only files stored more than a
// day ago go, so an upload whose row is not yet committed is never touched
// (a put of content already stored renews its time, see local-store.ts).
//
// Runs with the reminder job (scripts/start.ts: at start and every six hours)
// and by hand: `npm run cli -- cleanup-files [--dry-run]`.

export const UNREFERENCED_FILE_MIN_AGE_MS = 24 * 60 * 60 * 1000;

export type CleanupOptions = {
  /** The app's client by default (the CLI and start.ts pass their own). */
  db?: Db;
  /** The configured store by default. */
  store?: AttachmentStore;
  /** List what would go, remove nothing. */
  dryRun?: boolean;
};

export type CleanupResult = {
  dryRun: boolean;
  /** Stored files looked at. */
  checked: number;
  /** Files referenced, or too recent to judge. */
  kept: number;
  /** Files removed (or, in a dry run, that would be). */
  removed: StoredFile[];
};

export async function removeUnreferencedFiles(options: CleanupOptions = {}): Promise<CleanupResult> {
  const client = options.db ?? appDb();
  const store = options.store ?? attachmentStore();
  const dryRun = options.dryRun ?? false;
  const storedBefore = new Date(Date.now() - UNREFERENCED_FILE_MIN_AGE_MS);

  // Read before listing: a row committed after this read belongs to an upload
  // whose file was stored (or renewed) less than a day ago, which is kept anyway.
  const rows = await client.$queryRaw<{ contentHash: string }[]>`SELECT DISTINCT "contentHash" FROM "Attachment"`;
  const referenced = new Set(rows.map((r) => r.contentHash.trim()));

  const result: CleanupResult = { dryRun, checked: 0, kept: 0, removed: [] };
  for await (const file of store.list()) {
    result.checked++;
    if (referenced.has(file.hash) || file.storedAt >= storedBefore) {
      result.kept++;
      continue;
    }
    if (dryRun || (await store.remove(file.hash, storedBefore))) result.removed.push(file);
    else result.kept++;
  }
  return result;
}
