import fs from "node:fs";
import path from "node:path";
import { db as appDb, type Db } from "@/lib/db/client.ts";
import { attachmentStore, type AttachmentStore } from "@/lib/storage/attachment-store.ts";
import { logError } from "@/lib/log.ts";

// /api/ready: may this server take traffic? A load balancer asks every few
// seconds, so each check is one cheap step with a time limit, and the answer
// names the failing check without any detail an outsider could use (the
// endpoint is open); the detail goes to the log.

export type CheckName = "database" | "migrations" | "storage";
export type CheckResult = { ok: true } | { ok: false; error: string; missing?: string[] };
export type Checks = Record<CheckName, CheckResult>;
export type ReadinessBody = { status: "ready" | "not_ready"; failed: CheckName[]; checks: Checks };

const CHECK_TIMEOUT_MS = 3000;

/** The check results → the HTTP answer: 200 only when every check passed. */
export function readinessResponse(checks: Checks): { status: 200 | 503; body: ReadinessBody } {
  const failed = (Object.keys(checks) as CheckName[]).filter((name) => !checks[name].ok);
  return {
    status: failed.length ? 503 : 200,
    body: { status: failed.length ? "not_ready" : "ready", failed, checks },
  };
}

/** Migrations in the folder that the database has not recorded as applied. */
export function missingMigrations(expected: string[], applied: string[]): string[] {
  const done = new Set(applied);
  return expected.filter((name) => !done.has(name));
}

/**
 * Resolved against the working directory (scripts/start.ts runs the server
 * from the repository root): in the server bundle import.meta.dirname is the
 * bundle's folder, not lib/db's, so lib/db/migrate.ts's constant does not hold.
 */
export const DEFAULT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

const migrationNamesCache = new Map<string, string[]>();

/** The folder's migration names, read once per process: they change only with a deployment. */
function migrationNames(dir: string): string[] {
  let names = migrationNamesCache.get(dir);
  if (!names) {
    names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    migrationNamesCache.set(dir, names);
  }
  return names;
}

function withTimeout<T>(promise: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type ReadinessDeps = { db?: Db; store?: AttachmentStore; migrationsDir?: string };

/** The route uses the defaults; tests pass a client on a closed port, another folder or store. */
export async function checkReadiness(deps: ReadinessDeps = {}): Promise<{ status: 200 | 503; body: ReadinessBody }> {
  const client = deps.db ?? appDb();
  const store = deps.store ?? attachmentStore();
  const migrationsDir = deps.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;

  const [database, storage] = await Promise.all([
    withTimeout(client.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).then(
      (rows) => ({ ok: true as const, applied: rows.map((row) => row.migration_name) }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    withTimeout(store.checkWritable()).then(
      (): CheckResult => ({ ok: true }),
      (error: unknown): CheckResult => {
        logError("readiness: attachment store not writable", {}, error);
        return { ok: false, error: "附件存储不可写" };
      },
    ),
  ]);

  let databaseCheck: CheckResult;
  let migrations: CheckResult;
  if (database.ok) {
    databaseCheck = { ok: true };
    const missing = missingMigrations(migrationNames(migrationsDir), database.applied);
    migrations = missing.length ? { ok: false, error: `有 ${missing.length} 个迁移未应用`, missing } : { ok: true };
  } else if (isMissingTable(database.error)) {
    // The database answers but was never migrated.
    databaseCheck = { ok: true };
    migrations = { ok: false, error: "数据库尚未迁移", missing: migrationNames(migrationsDir) };
  } else {
    logError("readiness: database unreachable", {}, database.error);
    databaseCheck = { ok: false, error: "数据库无应答" };
    migrations = { ok: false, error: "未检查(数据库无应答)" };
  }
  return readinessResponse({ database: databaseCheck, migrations, storage });
}

/** Prisma's wrapping of PostgreSQL's undefined_table (42P01). */
function isMissingTable(error: unknown): boolean {
  const text = `${(error as { code?: string } | null)?.code ?? ""} ${(error as Error | null)?.message ?? ""}`;
  return /42P01|does not exist/.test(text);
}
