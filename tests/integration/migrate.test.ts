import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { withScratchDatabase } from "../support/scratch-database.ts";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "@/lib/db/migrate.ts";

const tempDirs: string[] = [];
afterEach(() => tempDirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("applyMigrations", () => {
  it("applies every migration once and records it as Prisma does", async () => {
    await withScratchDatabase(async (url) => {
      const names = readMigrations().map((m) => m.name);
      expect(await applyMigrations(url)).toEqual(names);
      expect(await applyMigrations(url)).toEqual([]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query(
        `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      await client.end();
      expect(rows).toEqual(
        readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum, finished: true, applied_steps_count: 1 })),
      );
      expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  it("refuses a migration edited after it ran, and rolls back a failing one whole", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    tempDirs.push(dir);
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await withScratchDatabase(async (url) => {
      await applyMigrations(url, dir);
      const first = readMigrations(dir)[0]!.name;
      fs.appendFileSync(path.join(dir, first, "migration.sql"), "\n-- edited\n");
      await expect(applyMigrations(url, dir)).rejects.toThrow(/校验和不一致/);

      fs.writeFileSync(path.join(dir, first, "migration.sql"), readMigrations()[0]!.sql);
      fs.mkdirSync(path.join(dir, "29990101000000_broken"));
      fs.writeFileSync(
        path.join(dir, "29990101000000_broken", "migration.sql"),
        `CREATE TABLE "Half" (id int);\nSELECT * FROM "NoSuchTable";`,
      );
      await expect(applyMigrations(url, dir)).rejects.toThrow(/29990101000000_broken/);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const half = await client.query(`SELECT to_regclass('"Half"') AS t`);
      const recorded = await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`);
      await client.end();
      expect(half.rows[0].t).toBeNull();
      expect(recorded.rowCount).toBe(0);
    });
  });
});
