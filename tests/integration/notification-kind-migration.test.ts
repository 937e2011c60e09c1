import { describe, expect, it } from "vitest";
import { withDatabaseBefore } from "../support/scratch-database.ts";

// The migration that adds Notification.kind classifies the rows written
// before it: a reminder's notification by the reminder's origin, the others
// by the fixed title or link each of the people's actions wrote.

const MIGRATION = "20261206030000_notification_kind";

describe(MIGRATION, () => {
  it("classifies existing notifications: 催办 and the job's reminders by their reminder, people's messages by their fixed titles", async () => {
    await withDatabaseBefore(MIGRATION, async (client, apply) => {
      // Rows only: the users, units and districts they point to do not matter here.
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
      expect(await apply()).toEqual([MIGRATION]);
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
      await expect(client.query(`INSERT INTO "Notification" ("districtId", "userId", title) VALUES (1, 1, '无类别')`)).rejects.toThrow(
        /kind/,
      );
    });
  });
});
