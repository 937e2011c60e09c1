import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/migrate.ts";

/**
 * Runs against a scratch database of the same server, for tests of the
 * migrations themselves: the per-file database is already migrated.
 */
export async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `fazhi_test_scratch_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    base.pathname = `/${name}`;
    return await fn(base.toString());
  } finally {
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * For the test of a migration that moves existing rows: a scratch database
 * migrated up to `migration` (not including it), a client on it that writes
 * rows without their foreign keys (`session_replication_role = replica`, so a
 * row need not drag in everything it points to), and `apply()`, which restores
 * the keys and applies `migration` alone (later ones re-add foreign keys that
 * such rows would fail) and answers the names applied.
 */
export async function withDatabaseBefore(
  migration: string,
  fn: (client: pg.Client, apply: () => Promise<string[]>) => Promise<void>,
): Promise<void> {
  const before = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  try {
    for (const name of fs.readdirSync(MIGRATIONS_DIR)) {
      if (name < migration) fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    }
    await withScratchDatabase(async (url) => {
      await applyMigrations(url, before);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("SET session_replication_role = replica");
        await fn(client, async () => {
          await client.query("SET session_replication_role = DEFAULT");
          fs.cpSync(path.join(MIGRATIONS_DIR, migration), path.join(before, migration), { recursive: true });
          return applyMigrations(url, before);
        });
      } finally {
        await client.end();
      }
    });
  } finally {
    fs.rmSync(before, { recursive: true, force: true });
  }
}
