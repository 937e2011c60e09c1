import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Db, Tx } from "@/lib/db/client.ts";
import { chinaDate, isoDate } from "@/lib/dates.ts";
import {
  judgedPeriod,
  measureSnapshot,
  type MeasureSnapshot,
  type ReportFacts,
  type SnapshotAssignment,
  type SnapshotMeasure,
  type SnapshotPlan,
} from "@/lib/evaluations/snapshot.ts";
import { chinaDateSql, chinaDateTextSql } from "@/lib/dates-sql.ts";

// Loads what measureSnapshot needs for a whole plan in three queries (measures
// with their chapters, assignments with their report facts, approved
// extensions), whatever the plan's size: 300 measures × 33 assignments is
// 10,000 rows, never a query per measure.

type MeasureRow = { id: number; chapterId: number | null; createdOn: string; deadline: string | null; ongoing: boolean };
type AssignmentRow = {
  measureId: number;
  unitId: number;
  role: "LEAD" | "RESPONSIBLE";
  createdOn: string;
  completedOn: string | null;
  firstSubmittedOn: string | null;
  approvedPercent: number | null;
  jState: ReportFacts["state"] | null;
  jSubmittedOn: string | null;
  jReviewedOn: string | null;
};

export async function loadSnapshotMeasures(client: Db | Tx, plan: SnapshotPlan & { id: number }, date: string): Promise<SnapshotMeasure[]> {
  const period = judgedPeriod(plan, date);
  const measures = await client.$queryRaw<MeasureRow[]>`
    WITH RECURSIVE sec AS (
      SELECT s."id", s."id" AS "chapterId" FROM "Section" s WHERE s."planId" = ${plan.id} AND s."parentId" IS NULL
      UNION ALL
      SELECT s."id", sec."chapterId" FROM "Section" s JOIN sec ON s."parentId" = sec."id"
    )
    SELECT m."id", sec."chapterId", ${chinaDateTextSql(Prisma.sql`m."createdAt"`)} AS "createdOn",
      m."deadline"::text AS "deadline", m."ongoing"
    FROM "Measure" m LEFT JOIN sec ON sec."id" = m."sectionId"
    WHERE m."planId" = ${plan.id}
    ORDER BY m."sortOrder", m."id"`;
  const assignments = await client.$queryRaw<AssignmentRow[]>`
    WITH a AS (
      SELECT a.* FROM "Assignment" a JOIN "Measure" m ON m."id" = a."measureId" WHERE m."planId" = ${plan.id}
    ),
    r AS (
      -- A lateral lookup per assignment (index on assignmentId): the planner
      -- misjudges reports per assignment at province scale and would otherwise
      -- hash-join the whole ProgressReport table for a large plan. OFFSET 0
      -- keeps the planner from flattening the lookup back into such a join.
      SELECT r."assignmentId", r."state"::text AS "state", r."claimedStatus"::text AS "claimed", r."percent",
        r."periodStart", r."periodEnd", r."submittedAt", r."reviewedAt"
      FROM a CROSS JOIN LATERAL (
        SELECT * FROM "ProgressReport" pr WHERE pr."assignmentId" = a."id" OFFSET 0
      ) r
    ),
    facts AS (
      SELECT r."assignmentId",
        min(${chinaDateTextSql(Prisma.sql`r."submittedAt"`)}) AS "firstSubmittedOn",
        min(${chinaDateTextSql(Prisma.sql`r."reviewedAt"`)}) FILTER (WHERE r."state" = 'APPROVED' AND r."claimed" = 'COMPLETED') AS "completedOn"
      FROM r GROUP BY r."assignmentId"
    ),
    pct AS (
      -- The newest period's report approved by the day: the unit's percent then.
      SELECT DISTINCT ON (r."assignmentId") r."assignmentId",
        CASE WHEN r."claimed" = 'COMPLETED' THEN 100 ELSE r."percent" END AS "percent"
      FROM r
      WHERE r."state" = 'APPROVED' AND ${chinaDateSql(Prisma.sql`r."reviewedAt"`)} <= ${date}::date
      ORDER BY r."assignmentId", r."periodStart" DESC, r."reviewedAt" DESC
    )
    SELECT a."measureId", a."unitId", a."role"::text AS "role",
      ${chinaDateTextSql(Prisma.sql`a."createdAt"`)} AS "createdOn",
      LEAST(CASE WHEN a."status" = 'COMPLETED' THEN ${chinaDateTextSql(Prisma.sql`a."completedAt"`)} END, facts."completedOn") AS "completedOn",
      LEAST(${chinaDateTextSql(Prisma.sql`a."lastReportAt"`)}, facts."firstSubmittedOn") AS "firstSubmittedOn",
      pct."percent" AS "approvedPercent",
      j."state" AS "jState", ${chinaDateTextSql(Prisma.sql`j."submittedAt"`)} AS "jSubmittedOn", ${chinaDateTextSql(Prisma.sql`j."reviewedAt"`)} AS "jReviewedOn"
    FROM a
    LEFT JOIN facts ON facts."assignmentId" = a."id"
    LEFT JOIN pct ON pct."assignmentId" = a."id"
    LEFT JOIN r j ON j."assignmentId" = a."id" AND j."periodStart" = ${period.start}::date AND j."periodEnd" = ${period.end}::date
    ORDER BY a."measureId", a."role", a."id"`;
  const extensions = await client.deadlineExtension.findMany({
    where: { measure: { planId: plan.id }, state: "APPROVED" },
    select: { measureId: true, oldDeadline: true, newDeadline: true, decidedAt: true, createdAt: true },
  });

  const [milestones, { milestoneGraceDays }] = await Promise.all([
    client.milestone.findMany({
      where: { measure: { planId: plan.id } },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      select: { measureId: true, title: true, dueDate: true, completedAt: true },
    }),
    client.plan.findUniqueOrThrow({ where: { id: plan.id }, select: { milestoneGraceDays: true } }),
  ]);

  const milestonesOf = new Map<number, NonNullable<SnapshotMeasure["milestones"]>[number][]>();
  for (const x of milestones) {
    const list = milestonesOf.get(x.measureId) ?? [];
    list.push({ title: x.title, dueDate: isoDate(x.dueDate), completedOn: x.completedAt ? chinaDate(x.completedAt) : null });
    milestonesOf.set(x.measureId, list);
  }
  const byMeasure = new Map<number, SnapshotAssignment[]>();
  for (const a of assignments) {
    const list = byMeasure.get(a.measureId) ?? [];
    list.push({
      unitId: a.unitId,
      role: a.role,
      createdOn: a.createdOn,
      completedOn: a.completedOn,
      firstSubmittedOn: a.firstSubmittedOn,
      approvedPercent: a.approvedPercent === null ? null : Number(a.approvedPercent),
      judgedReport: a.jState ? { state: a.jState, submittedOn: a.jSubmittedOn, reviewedOn: a.jReviewedOn } : null,
    });
    byMeasure.set(a.measureId, list);
  }
  const extensionsOf = new Map<number, SnapshotMeasure["extensions"][number][]>();
  for (const e of extensions) {
    const list = extensionsOf.get(e.measureId) ?? [];
    list.push({
      oldDeadline: isoDate(e.oldDeadline),
      newDeadline: isoDate(e.newDeadline),
      decidedOn: chinaDate(e.decidedAt ?? e.createdAt),
    });
    extensionsOf.set(e.measureId, list);
  }
  return measures.map((m) => ({
    id: m.id,
    chapterId: m.chapterId,
    createdOn: m.createdOn,
    deadline: m.deadline,
    ongoing: m.ongoing,
    extensions: extensionsOf.get(m.id) ?? [],
    assignments: byMeasure.get(m.id) ?? [],
    milestones: milestonesOf.get(m.id) ?? [],
    milestoneGraceDays,
  }));
}

export async function computePlanSnapshot(client: Db | Tx, plan: SnapshotPlan & { id: number }, date: string): Promise<MeasureSnapshot[]> {
  const measures = await loadSnapshotMeasures(client, plan, date);
  return measures.map((m) => measureSnapshot(plan, m, date));
}
