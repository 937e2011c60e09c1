import { describe, expect, it } from "vitest";
import type pg from "pg";
import { withDatabaseBefore } from "../support/scratch-database.ts";

// The migration that gives the facts read back out of the audit log columns
// and rows of their own carries over what the old code wrote as audit events
// only: an annual report's last return, a chapter's outline area set by hand,
// a rectification item's closings and reopenings, a progress report's first
// submission and each of its returns.

const MIGRATION = "20261207090000_domain_facts_from_audit";

const at = (iso: string) => new Date(`${iso}+08:00`);

/** Bare users (as `session_replication_role = replica` lets them be): the new columns' keys point to them. */
async function insertUsers(client: pg.Client, ids: number[]) {
  await client.query(
    `INSERT INTO "User" (id, login, name, "passwordHash", role, "updatedAt")
     SELECT id, 'user' || id, '用户' || id, 'x', 'BUREAU', now() FROM unnest($1::int[]) AS id`,
    [ids],
  );
}

describe(MIGRATION, () => {
  it("moves each audit-only fact into its column or rows", async () => {
    await withDatabaseBefore(MIGRATION, async (client, apply) => {
      // Rows only: the units, plans and districts they point to do not matter here. The
      // users do: the migration adds the keys from its new columns to them.
      await insertUsers(client, [5, 7, 8, 9]);
      await client.query(`INSERT INTO "AnnualReport" (id, "districtId", "regionId", year, title, status, "submittedAt", "submittedById", "updatedAt") VALUES
        (1, 1, 1, 2024, '2024年法治政府建设年度报告', 'SUBMITTED', now(), 7, now()),
        (2, 1, 1, 2024, '区司法局2024年年度报告', 'DRAFT', NULL, NULL, now())`);
      await client.query(`INSERT INTO "Section" (id, "districtId", "planId", label, title, "outlineArea", "sortOrder") VALUES
        (1, 1, 1, '一、', '总体要求', NULL, 0),
        (2, 1, 1, '二、', '依法全面履行政府职能', 'FUNCTIONS', 1),
        (3, 1, 1, '三、', '健全行政决策制度体系', 'DECISIONS', 2)`);
      await client.query(
        `INSERT INTO "Rectification" (id, "districtId", "findingId", "unitId", deadline, status, "verifiedById", "verifiedAt", "updatedAt") VALUES
        (1, 1, 1, 1, '2024-10-31', 'CLOSED', 8, $1, now()),
        (2, 1, 1, 2, '2024-10-31', 'OPEN', NULL, NULL, now())`,
        [at("2025-03-01T10:00:00")],
      );
      await client.query(
        `INSERT INTO "ProgressReport" (id, "districtId", "assignmentId", "periodStart", "periodEnd", text, "claimedStatus", state, "authorId", "submittedAt", "reviewerId", "reviewedAt", "reviewComment", "updatedAt") VALUES
        (1, 1, 1, '2025-07-01', '2025-09-30', '已完成', 'IN_PROGRESS', 'RETURNED', 5, $1, 8, $2, '仍缺佐证材料', now()),
        (2, 1, 2, '2025-07-01', '2025-09-30', '本期无新进展', 'IN_PROGRESS', 'SUBMITTED', 5, $3, NULL, NULL, NULL, now()),
        (3, 1, 3, '2025-07-01', '2025-09-30', '草稿', 'IN_PROGRESS', 'DRAFT', 5, NULL, NULL, NULL, NULL, now())`,
        [at("2025-10-20T09:00:00"), at("2025-10-21T09:00:00"), at("2025-10-09T09:00:00")],
      );

      // The audit events, as the old code wrote them (oldest first: the id orders them).
      const events: [number | null, string, string, number, object | null, string][] = [
        [8, "annualReport.return", "AnnualReport", 1, { status: "DRAFT", returnComment: "请补充执法数据" }, "2025-02-01T10:00:00"],
        [7, "annualReport.submit", "AnnualReport", 1, { status: "SUBMITTED" }, "2025-02-03T10:00:00"],
        [
          9,
          "annualReport.return",
          "AnnualReport",
          1,
          { status: "DRAFT", returnComment: "第三部分与统计口径不一致" },
          "2025-02-05T10:00:00",
        ],
        [7, "annualReport.submit", "AnnualReport", 1, { status: "SUBMITTED" }, "2025-02-07T10:00:00"],
        // Filed under none by hand, and filed by hand under another area; section 3 only by the import.
        [8, "section.updateOutlineArea", "Section", 1, { outlineArea: null }, "2025-01-10T10:00:00"],
        [8, "section.updateOutlineArea", "Section", 2, { outlineArea: "FUNCTIONS" }, "2025-01-10T11:00:00"],
        [8, "plan.reimport", "Plan", 1, null, "2025-01-11T10:00:00"],
        // Closed, reopened, closed again; item 2 only reported.
        [8, "rectification.verify", "Rectification", 1, { reportId: 10 }, "2024-10-08T10:00:00"],
        [8, "rectification.reopen", "Rectification", 1, { reopenReason: "回头看发现反弹" }, "2025-02-01T10:00:00"],
        [8, "rectification.verify", "Rectification", 1, { reportId: 11 }, "2025-03-01T10:00:00"],
        [5, "rectification.report", "Rectification", 2, { reportId: 12 }, "2024-10-20T10:00:00"],
        // Submitted in time, returned, resubmitted late, returned again.
        [5, "report.saveDraft", "ProgressReport", 1, null, "2025-10-05T09:00:00"],
        [5, "report.submit", "ProgressReport", 1, null, "2025-10-08T09:00:00"],
        [8, "report.return", "ProgressReport", 1, { state: "RETURNED", reviewComment: "请补充佐证材料" }, "2025-10-10T09:00:00"],
        [5, "report.resubmit", "ProgressReport", 1, null, "2025-10-20T09:00:00"],
        [8, "report.return", "ProgressReport", 1, { state: "RETURNED", reviewComment: "仍缺佐证材料" }, "2025-10-21T09:00:00"],
        [5, "report.carryForward", "ProgressReport", 2, null, "2025-10-09T09:00:00"],
        [5, "report.saveDraft", "ProgressReport", 3, null, "2025-10-09T10:00:00"],
      ];
      for (const [actorId, action, entityType, entityId, after, when] of events) {
        await client.query(
          `INSERT INTO "AuditEvent" ("districtId", "actorId", action, "entityType", "entityId", after, "createdAt") VALUES (1, $1, $2, $3, $4, $5, $6)`,
          [actorId, action, entityType, String(entityId), after === null ? null : JSON.stringify(after), at(when)],
        );
      }

      expect(await apply()).toEqual([MIGRATION]);

      const reports = await client.query(`SELECT id, "returnedAt", "returnedById", "returnComment" FROM "AnnualReport" ORDER BY id`);
      expect(reports.rows).toEqual([
        { id: 1, returnedAt: at("2025-02-05T10:00:00"), returnedById: 9, returnComment: "第三部分与统计口径不一致" },
        { id: 2, returnedAt: null, returnedById: null, returnComment: null },
      ]);

      const sections = await client.query(`SELECT id, "outlineArea", "outlineAreaSetByHand" FROM "Section" ORDER BY id`);
      expect(sections.rows).toEqual([
        { id: 1, outlineArea: null, outlineAreaSetByHand: true },
        { id: 2, outlineArea: "FUNCTIONS", outlineAreaSetByHand: true },
        { id: 3, outlineArea: "DECISIONS", outlineAreaSetByHand: false },
      ]);

      const closures = await client.query(
        `SELECT "districtId", "rectificationId", "closedAt", "closedById", "reopenedAt" FROM "RectificationClosure" ORDER BY "rectificationId", "closedAt"`,
      );
      expect(closures.rows).toEqual([
        { districtId: 1, rectificationId: 1, closedAt: at("2024-10-08T10:00:00"), closedById: 8, reopenedAt: at("2025-02-01T10:00:00") },
        { districtId: 1, rectificationId: 1, closedAt: at("2025-03-01T10:00:00"), closedById: 8, reopenedAt: null },
      ]);

      const progress = await client.query(`SELECT id, "firstSubmittedAt" FROM "ProgressReport" ORDER BY id`);
      expect(progress.rows).toEqual([
        { id: 1, firstSubmittedAt: at("2025-10-08T09:00:00") },
        { id: 2, firstSubmittedAt: at("2025-10-09T09:00:00") },
        { id: 3, firstSubmittedAt: null },
      ]);

      const returns = await client.query(
        `SELECT "districtId", "reportId", "reviewerId", comment, "returnedAt" FROM "ReportReturn" ORDER BY "returnedAt"`,
      );
      expect(returns.rows).toEqual([
        { districtId: 1, reportId: 1, reviewerId: 8, comment: "请补充佐证材料", returnedAt: at("2025-10-10T09:00:00") },
        { districtId: 1, reportId: 1, reviewerId: 8, comment: "仍缺佐证材料", returnedAt: at("2025-10-21T09:00:00") },
      ]);

      // The audit log itself is untouched: still append-only, every event still there.
      expect((await client.query(`SELECT count(*)::int AS n FROM "AuditEvent"`)).rows).toEqual([{ n: events.length }]);
    });
  });
  it("closes an item closed without an audit event and later reopened, from the reopen's snapshot", async () => {
    await withDatabaseBefore(MIGRATION, async (client, apply) => {
      await insertUsers(client, [8, 9]);
      await client.query(`INSERT INTO "Rectification" (id, "districtId", "findingId", "unitId", deadline, status, "reopenReason", "updatedAt") VALUES
        (1, 1, 1, 1, '2024-10-31', 'OPEN', '回头看发现反弹', now()),
        (2, 1, 1, 2, '2024-10-31', 'OPEN', '整改不彻底', now()),
        (3, 1, 1, 3, '2024-10-31', 'OPEN', '重新核查', now())`);
      // As reopenRectification wrote it: the row before the reopen, its verification included (JSON dates in UTC).
      const snapshot = (verifiedAt: string | null, verifiedById: number | null) => ({
        id: 0,
        status: "CLOSED",
        verifiedAt: verifiedAt === null ? null : at(verifiedAt).toISOString(),
        verifiedById,
      });
      const events: [string, number, object, string][] = [
        // 1: closed by data without its event, reopened; then verified and reopened with events.
        ["rectification.reopen", 1, snapshot("2024-06-01T15:00:00", 9), "2024-12-01T10:00:00"],
        ["rectification.verify", 1, {}, "2025-01-10T10:00:00"],
        ["rectification.reopen", 1, snapshot("2025-01-10T10:00:00", 8), "2025-02-01T10:00:00"],
        // 2: verified with its event and reopened: one closing, not two.
        ["rectification.verify", 2, {}, "2024-09-01T10:00:00"],
        ["rectification.reopen", 2, snapshot("2024-09-01T10:00:00", 8), "2024-11-01T10:00:00"],
        // 3: a snapshot without a verification says nothing.
        ["rectification.reopen", 3, snapshot(null, null), "2024-11-05T10:00:00"],
      ];
      for (const [action, entityId, before, when] of events) {
        await client.query(
          `INSERT INTO "AuditEvent" ("districtId", "actorId", action, "entityType", "entityId", before, "createdAt") VALUES (1, 8, $1, 'Rectification', $2, $3, $4)`,
          [action, String(entityId), JSON.stringify(before), at(when)],
        );
      }

      expect(await apply()).toEqual([MIGRATION]);

      const closures = await client.query(
        `SELECT "rectificationId", "closedAt", "closedById", "reopenedAt" FROM "RectificationClosure" ORDER BY "rectificationId", "closedAt"`,
      );
      expect(closures.rows).toEqual([
        { rectificationId: 1, closedAt: at("2024-06-01T15:00:00"), closedById: 9, reopenedAt: at("2024-12-01T10:00:00") },
        { rectificationId: 1, closedAt: at("2025-01-10T10:00:00"), closedById: 8, reopenedAt: at("2025-02-01T10:00:00") },
        { rectificationId: 2, closedAt: at("2024-09-01T10:00:00"), closedById: 8, reopenedAt: at("2024-11-01T10:00:00") },
      ]);
    });
  });
});
