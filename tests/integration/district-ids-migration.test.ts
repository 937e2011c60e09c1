import { describe, expect, it } from "vitest";
import { withDatabaseBefore } from "../support/scratch-database.ts";

// The migration that makes Notification.districtId NOT NULL places the rows
// written without one: by their reminder, the measure their link opens, or
// their recipient's district; a row none of these places is removed.

const MIGRATION = "20261206093200_district_ids";

describe(MIGRATION, () => {
  it("gives every notification a district, from its reminder, its measure link or its recipient", async () => {
    await withDatabaseBefore(MIGRATION, async (client, apply) => {
      // Rows only: what they point to beyond these does not matter here.
      await client.query(`INSERT INTO "Region" (id, code, name, level, path, "districtId", "updatedAt") VALUES
        (1, '420200', '黄石市', 'CITY', '/1/', NULL, now()), (10, '420204', '下陆区', 'DISTRICT', '/1/10/', 10, now()),
        (11, '420204001', '团城山街道', 'TOWN', '/1/10/11/', 10, now())`);
      await client.query(
        `INSERT INTO "Unit" (id, "districtId", "regionId", name, kind, "updatedAt") VALUES (5, 10, 11, '团城山街道办事处', 'TOWN_STREET', now())`,
      );
      await client.query(`INSERT INTO "User" (id, login, name, "passwordHash", role, "regionId", "districtId", "unitId", "updatedAt") VALUES
        (1, 'a', '甲', 'x', 'BUREAU', 10, 10, NULL, now()),
        (2, 'b', '乙', 'x', 'LIAISON', 11, NULL, 5, now()),
        (3, 'c', '丙', 'x', 'LEADER', 1, NULL, NULL, now())`);
      await client.query(
        `INSERT INTO "Measure" (id, "districtId", "planId", code, text, "sortOrder", "updatedAt") VALUES (7, 30, 1, '1', '举措', 1, now())`,
      );
      await client.query(`INSERT INTO "Reminder" (id, "districtId", kind, "unitId", message) VALUES (4, 20, 'MANUAL', 5, '请抓紧')`);
      await client.query(`INSERT INTO "Notification" (id, "districtId", "userId", "reminderId", kind, title, link) VALUES
        (1, 40, 3, NULL, 'RETURNED', '已有区', '/measures/99'),
        (2, NULL, 1, 4, 'URGED', '催办', '/measures/7'),
        (3, NULL, 1, NULL, 'RETURNED', '进展报送被退回', '/measures/7?tab=reports'),
        (4, NULL, 1, NULL, 'REMINDER', '今日收到进展报送', '/reviews'),
        (5, NULL, 2, NULL, 'RECTIFICATION', '督察整改任务', '/inspections/rectifications/3'),
        (6, NULL, 3, NULL, 'APPROVED', '无处可放', '/measures/70')`);
      expect(await apply()).toEqual([MIGRATION]);
      const { rows } = await client.query(`SELECT id, "districtId" FROM "Notification" ORDER BY id`);
      expect(rows.map((r) => [r.id, r.districtId])).toEqual([
        [1, 40], // kept as it was
        [2, 20], // its reminder's
        [3, 30], // the measure its link opens
        [4, 10], // its recipient's district
        [5, 10], // its recipient's unit's district
      ]);
      await expect(client.query(`INSERT INTO "Notification" ("userId", kind, title) VALUES (1, 'REMINDER', '无区')`)).rejects.toThrow(
        /districtId/,
      );
    });
  });
});
