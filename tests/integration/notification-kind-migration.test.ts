import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { withScratchDatabase } from "../support/scratch-database.ts";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/migrate.ts";

// The migration that adds Notification.kind classifies the rows written
// before it: a reminder's notification by the reminder's origin, the others
// by the fixed title or link each of the people's actions wrote.

const MIGRATION = "20261206030000_notification_kind";

const tempDirs: string[] = [];
afterEach(() => tempDirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));


describe(MIGRATION, () => {
  it("classifies existing notifications: 催办 and the job's reminders by their reminder, people's messages by their fixed titles", async () => {
    const before = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    tempDirs.push(before);
    for (const name of fs.readdirSync(MIGRATIONS_DIR)) {
      if (name < MIGRATION) fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    }
    await withScratchDatabase(async (url) => {
      await applyMigrations(url, before);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // Rows only: the users, units and districts they point to do not matter here.
        await client.query("SET session_replication_role = replica");
        await client.query(`INSERT INTO "Reminder" (id, "districtId", kind, "unitId", message, "sentById") VALUES
          (1, 1, 'MANUAL', 1, '请抓紧', 7), (2, 1, 'REPORT_LATE', 1, '逾期', NULL), (3, 1, 'DUE_SOON', 1, '临期', NULL)`);
        await client.query(`INSERT INTO "Notification" (id, "districtId", "userId", "reminderId", title, link) VALUES
          (1, 1, 1, 1, '催办:1 举措 1', '/measures/1'),
          (2, 1, 1, 2, '报送提醒:2024年第三季度进展未报送(1 举措 1)', '/measures/1'),
          (3, 1, 1, 3, '临期提醒:1 举措 1', '/measures/1'),
          (4, 1, 1, NULL, '进展报送被退回', '/measures/1'),
          (5, 1, 1, NULL, '延期申请已批准', '/measures/1'),
          (6, 1, 1, NULL, '延期申请被驳回', '/measures/1'),
          (7, 1, 1, NULL, '有新的延期申请待审批', '/measures/1'),
          (8, 1, 1, NULL, '督察整改任务', '/inspections/rectifications/3'),
          (9, 1, 1, NULL, '逾期提醒:1 举措 1', '/measures/1')`);
        await client.query("SET session_replication_role = DEFAULT");
        // This migration alone: later ones re-add foreign keys, which the
        // dangling rows above (no user, no unit) would fail.
        fs.cpSync(path.join(MIGRATIONS_DIR, MIGRATION), path.join(before, MIGRATION), { recursive: true });
        expect(await applyMigrations(url, before)).toEqual([MIGRATION]);
        const { rows } = await client.query(`SELECT id, kind::text FROM "Notification" ORDER BY id`);
        expect(rows.map((r) => [r.id, r.kind])).toEqual([
          [1, "URGED"],
          [2, "REMINDER"],
          [3, "REMINDER"],
          [4, "RETURNED"],
          [5, "EXTENSION_DECIDED"],
          [6, "EXTENSION_DECIDED"],
          [7, "EXTENSION_REQUESTED"],
          [8, "RECTIFICATION"],
          [9, "REMINDER"],
        ]);
        await expect(client.query(`INSERT INTO "Notification" ("districtId", "userId", title) VALUES (1, 1, '无类别')`)).rejects.toThrow(/kind/);
      } finally {
        await client.end();
      }
    });
  });
});
