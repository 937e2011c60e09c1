import path from "node:path";
import pg from "pg";
import type { Env } from "@/lib/env.ts";
import { startEmbeddedPostgres } from "@/lib/db/embedded.ts";
import { applyMigrations } from "@/lib/db/migrate.ts";
import { createPrisma } from "@/lib/db/client.ts";
import { isDatabaseEmpty, seedDemoData } from "@/lib/db/seed.ts";

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

/** Applies pending migrations and, on an empty database, the demo data. */
export async function prepareDatabase(url: string, log: (line: string) => void): Promise<void> {
  const applied = await applyMigrations(url);
  for (const name of applied) log(`已执行数据库迁移 ${name}`);
  const prisma = createPrisma(url);
  try {
    if (await isDatabaseEmpty(prisma)) {
      await seedDemoData(prisma);
      log("已写入演示数据(演示账号见 README)");
    }
  } finally {
    await prisma.$disconnect();
  }
}
