import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeEach, inject, vi } from "vitest";
import { db } from "@/lib/db/client.ts";

vi.mock("@/lib/auth/session.ts", async () => {
  const { currentActor, currentSessionId } = await import("./acting.ts");
  return {
    CHANGE_PASSWORD_PATH: "/account/password",
    getSignedIn: async () => {
      const actor = currentActor();
      return actor ? { actor, sessionId: currentSessionId() ?? "", passwordChangeRequired: false } : null;
    },
    getActor: async () => currentActor(),
    requireActor: async () => {
      const actor = currentActor();
      // What next/navigation's redirect does: throw, so nothing runs after it.
      if (!actor) throw new Error("NEXT_REDIRECT:/login");
      return actor;
    },
  };
});

// Uploaded evidence goes to a throwaway folder per test file, not the app's .data.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-test-data-"));
process.env.DATA_DIR = dataDir;

const { adminUrl } = inject("testDatabase");
const name = `fazhi_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}" TEMPLATE fazhi_test_template`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

const { rows } = await (async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await client.query<{ tablename: string }>(
      // Reference data written by migrations (the outline's areas) stays, as in production.
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'OutlineArea')",
    );
  } finally {
    await client.end();
  }
})();
const truncateAll = `TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`;

// Every test starts from an empty, migrated database.
beforeEach(async () => {
  await db().$executeRawUnsafe(truncateAll);
});

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await db().$disconnect();
  const cleanup = new pg.Client({ connectionString: adminUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await cleanup.end();
});
