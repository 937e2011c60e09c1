import { Prisma } from "@/lib/generated/prisma/client.ts";
import { DUE_SOON_DAYS } from "@/lib/reporting/lights.ts";
import type { Db } from "@/lib/db/client.ts";
import { PLAN_LIFE_SELECT, type PlanLifeRow } from "@/lib/plans/life.ts";

// Parent items (a 规划's items implemented by measures of its 分工方案 or
// 年度工作要点, Measure.parentItemId) in the dashboard facts: the rules of
// lib/plans/rollup.ts restated in SQL, so a rolled-up item is counted in the
// database like any measure. tests/integration/rollup.test.ts checks the two
// agree item by item.
//
// What is counted where (no piece of work twice): an item rolls up when it
// has implementing measures and no assignment of its own. When any of its
// implementing measures is counted (shown: its plan in scope, filters met),
// the item is left out of `mf` — the district totals, light counts, chapters
// and lists count the implementing measures, which carry the units and the
// reports — and goes to `mfi`, which the per-plan and per-chapter tables add
// back (PLAN_MEASURES), so the 规划's row and chapters show its items rolled up. When none is counted (the 规划 chosen
// alone, or its chapter), the item stays in `mf` with its rolled-up state.
// An item with assignments of its own is a measure like any other and keeps
// its own state. One level only: a measure implementing a measure that
// itself implements an item is judged on its own.

type PlanRow = PlanLifeRow & {
  id: number;
  districtId: number;
  periodStart: number | null;
  reportCadence: "MONTHLY" | "QUARTERLY" | "HALF_YEARLY" | "YEARLY";
  reportDueDay: number;
};

/**
 * The plans implementing the plans in scope (Plan.parentId), whatever their
 * status, that are not in scope themselves: their measures are read so the
 * items roll up, never counted.
 */
export async function contextPlans<T extends PlanRow>(client: Db, inScope: readonly T[]): Promise<PlanRow[]> {
  if (inScope.length === 0) return [];
  const ids = inScope.map((p) => p.id);
  return client.plan.findMany({
    where: {
      parentId: { in: ids },
      id: { notIn: ids },
      districtId: { in: [...new Set(inScope.map((p) => p.districtId))] },
    },
    select: { id: true, districtId: true, periodStart: true, reportCadence: true, reportDueDay: true, ...PLAN_LIFE_SELECT },
    orderBy: { id: "asc" },
  });
}

/**
 * Every measure of the facts with the rolled-up items mf leaves out, as `mf`:
 * for figures per plan, where each plan shows its own items.
 */
export const PLAN_MEASURES = Prisma.sql`(SELECT * FROM mf UNION ALL SELECT * FROM mfi) mf`;

const LIGHTS_BY_SEVERITY = Prisma.sql`ARRAY['GREY', 'GREEN', 'YELLOW', 'RED']`;

/**
 * `ru` (the implementing measures per item, from `mfo`) and `mr` (every
 * measure read, items rolled up, with `shown` and `childShown`), for factsCte.
 * mr names every column the dashboards read from mf: a column added to mf0
 * for a consumer of mf must be passed through here too.
 */
export function rollupCtes(todaySql: Prisma.Sql, measureLevel: boolean): Prisma.Sql {
  const own = (column: string) => Prisma.raw(`mfo."${column}"`);
  const passThrough = (columns: string[]) =>
    Prisma.join(
      columns.map((c) => Prisma.sql`${own(c)} AS ${Prisma.raw(`"${c}"`)}`),
      ", ",
    );
  const levelColumns = measureLevel
    ? Prisma.sql`, ${passThrough(["assigned", "leadAssigned", "done", "doneOnTime", "openExpected", "openSubmitted", "openSelReturned", "returned"])}`
    : Prisma.empty;
  // The rolled-up item's effective deadline: the latest child's, none when a child is ongoing or undated.
  const dated = Prisma.sql`(NOT ru."anyOngoing" AND ru."allDated")`;
  return Prisma.sql`
ru AS (
  SELECT c."parentItemId" AS "itemId",
    bool_and(c."status" = 'COMPLETED') AS "allDone",
    bool_or(c."status" = 'OVERDUE') AS "anyOverdue",
    bool_or(c."status" IN ('IN_PROGRESS', 'COMPLETED')) AS "anyStarted",
    max(array_position(${LIGHTS_BY_SEVERITY}, c."light")) AS "worst",
    bool_or(c."ongoing") AS "anyOngoing",
    bool_and(c."deadline" IS NOT NULL) AS "allDated",
    max(c."deadline") AS "latest",
    max(c."completedOn") AS "doneOn",
    min(c."deadline") FILTER (WHERE c."status" = 'OVERDUE') AS "lateSince",
    bool_or(c."shown") AS "anyShown"
  FROM mfo c WHERE c."parentItemId" IS NOT NULL
  GROUP BY c."parentItemId"
),
mr AS (
  SELECT ${passThrough(["id", "districtId", "planId", "chapterId", "area", "shown"])},
    ru."itemId" IS NOT NULL AS "rolledUp",
    COALESCE(ru."anyShown", FALSE) AS "childShown",
    -- Overdue lists date a late item from its first late child, not its (later) deadline.
    ru."lateSince" AS "overdueSince",
    CASE WHEN ru."itemId" IS NULL THEN mfo."deadline" WHEN ${dated} THEN ru."latest" END AS "deadline",
    COALESCE(ru."anyOngoing", mfo."ongoing") AS "ongoing",
    CASE WHEN ru."itemId" IS NULL THEN mfo."pastDeadline" ELSE ${dated} AND ru."latest" < ${todaySql} END AS "pastDeadline",
    CASE WHEN ru."itemId" IS NULL THEN mfo."dueSoon"
      ELSE ${dated} AND ru."latest" BETWEEN ${todaySql} AND ${todaySql} + ${DUE_SOON_DAYS}::int END AS "dueSoon",
    COALESCE(ru."allDone", mfo."completed") AS "completed",
    CASE WHEN ru."itemId" IS NULL THEN mfo."completedOn" WHEN ru."allDone" THEN ru."doneOn" END AS "completedOn",
    CASE
      WHEN ru."itemId" IS NULL THEN mfo."status"
      WHEN ru."allDone" THEN 'COMPLETED'
      WHEN ru."anyOverdue" THEN 'OVERDUE'
      WHEN ru."anyStarted" THEN 'IN_PROGRESS'
      ELSE 'NOT_STARTED'
    END AS "status",
    CASE
      WHEN ru."itemId" IS NULL THEN mfo."light"
      WHEN ru."allDone" THEN 'GREEN'
      ELSE (${LIGHTS_BY_SEVERITY})[ru."worst"]
    END AS "light"
    ${levelColumns}
  FROM mfo
  -- An item with assignments of its own keeps its own state.
  LEFT JOIN ru ON ru."itemId" = mfo."id" AND NOT mfo."hasAssignments"
)`;
}
