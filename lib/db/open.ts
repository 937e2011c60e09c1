import path from "node:path";
import pg from "pg";
import type { Env } from "@/lib/env.ts";
import { startEmbeddedPostgres } from "@/lib/db/embedded.ts";

export type Database = { url: string; embedded: boolean; stop(): Promise<void> };

const APP_DATABASE = "fazhi";

/** The configured server when DATABASE_URL is set, otherwise the embedded one under DATA_DIR. */
export async function openDatabase(env: Env, log: (line: string) => void): Promise<Database> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(env.DATA_DIR, "postgres"),
    port: env.EMBEDDED_PG_PORT,
    // Only real trouble; connections ended by our own shutdown are expected.
    log: (chunk) => {
      for (const line of chunk.split("\n")) {
        if (/ERROR|FATAL|PANIC/.test(line) && !line.includes("administrator command")) log(line);
      }
    },
  });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [APP_DATABASE]);
  if (!rowCount) await admin.query(`CREATE DATABASE ${APP_DATABASE}`);
  await admin.end();
  return { url: server.urlFor(APP_DATABASE), embedded: true, stop: server.stop };
}
