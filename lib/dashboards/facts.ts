import { Prisma } from "@/lib/generated/prisma/client.ts";
import { DUE_SOON_DAYS } from "@/lib/reporting/lights.ts";
import { cadenceOfKey, latestDuePeriod, periodByKey, periodContaining, previousPeriod, type Period } from "@/lib/reporting/periods.ts";
import type { DashboardFilters } from "@/lib/dashboards/schema.ts";
import type { Db } from "@/lib/db/client.ts";
import { contextPlans, rollupCtes } from "@/lib/dashboards/rollup-facts.ts";
import { PLAN_LIFE_SELECT, windowOfPlanRow } from "@/lib/plans/life.ts";
import { chinaDateSql } from "@/lib/dates-sql.ts";

// The facts every dashboard figure is counted from, as SQL common table
// expressions: the traffic-light and status rules of lib/reporting/lights.ts
// restated in SQL, so a district (10,000 assignments) or a city (100,000) is
// aggregated in the database and never loaded row by row.
// tests/integration/dashboards.test.ts checks these rules against lights.ts
// measure by measure.
//
// The CTEs, in order:
//   pl   the plans in scope (scopePlans: the districts' open plans, or the one
//        chosen) with the period the light judges (latestDuePeriod of today)
//        and the period whose submissions are counted (chosen, else the same)
//   sec  each section with its top-level chapter and outline area
//   msl  per measure with a missed milestone (时间节点): the severity it gives
//        (RED 3 past the plan's milestoneGraceDays, else YELLOW 2), rules 2a/2b
//   m0   the measures (chapter, area and unit filters applied)
//   rep  the reports of those two periods
//   af   one row per assignment: its report states for both periods, whether
//        each period expected a report (curExpected, selExpected) and `sev`,
//        the severity of its own light (RED 3, YELLOW 2, GREEN 1, GREY 0)
//        before the measure's completion is taken into account
//   mfo  one row per measure: its own completed, status, light, completion date
//   ru, mr, mf, mfi  parent items rolled up from the measures implementing
//        them (rollupCtes, lib/plans/rollup.ts); mf: the measures counted,
//        state and light filters applied; mfi: the rolled-up items left out
//        of mf because their children are counted
//   ax   the assignments of the measures in mf (unit filter applied), with
//        `eff_done`: the assignment is approved as completed or its measure is
//        completed (a responsible unit of a finished measure is done too)
//
// Dates: deadlines and periods are Beijing calendar dates; timestamps are
// stored in UTC and shifted to Beijing time before taking the date.

/** A plan in scope with the two periods its figures use. */
export type PlanPeriods = {
  id: number;
  districtId: number;
  /** The first day of the plan's reporting window (its 施行 date, else its issue date). */
  issueDate: string | null;
  /** The last day of its reporting window (lib/plans/life.ts): a period starting after it expects no report. */
  reportingEnd: string | null;
  periodStart: number | null;
  judged: Period;
  selected: Period;
  /**
   * A plan implementing one in scope (Plan.parentId), read only so its
   * measures roll up into their parent items; never counted itself.
   */
  context?: boolean;
};

/**
 * The plans the figures cover (the districts' open plans, or the one chosen,
 * CLOSED included) with their judged and selected periods, worked out here
 * with periods.ts: a few hundred rows at most, so the SQL gets them as arrays.
 */
export async function scopePlans(
  client: Db,
  districtIds: readonly number[],
  filters: DashboardFilters,
  today: string,
): Promise<PlanPeriods[]> {
  const plans = await client.plan.findMany({
    where: {
      districtId: { in: [...districtIds] },
      ...(filters.plan !== undefined ? { id: filters.plan } : { status: { not: "CLOSED" } }),
    },
    select: { id: true, districtId: true, periodStart: true, reportCadence: true, reportDueDay: true, ...PLAN_LIFE_SELECT },
    orderBy: { id: "asc" },
  });
  const children = await contextPlans(client, plans);
  const cadence = filters.period ? cadenceOfKey(filters.period) : null;
  const selectedEnd = filters.period && cadence ? periodByKey(filters.period, cadence)?.end : undefined;
  return [...plans, ...children].map((plan) => {
    const judged = latestDuePeriod(today, plan.reportCadence, plan.reportDueDay);
    let selected = judged;
    if (selectedEnd) {
      // The plan's latest period that ends by the chosen one (2024-Q3 is
      // September for a monthly plan, 2023 for a yearly one) and is due by today.
      const containing = periodContaining(selectedEnd, plan.reportCadence, plan.reportDueDay);
      const candidate = containing.end > selectedEnd ? previousPeriod(containing, plan.reportCadence, plan.reportDueDay) : containing;
      selected = candidate.dueDate < today ? candidate : judged;
    }
    const window = windowOfPlanRow(plan);
    return {
      id: plan.id,
      districtId: plan.districtId,
      issueDate: window.first,
      reportingEnd: window.last,
      periodStart: plan.periodStart,
      judged,
      selected,
      ...(children.includes(plan) ? { context: true } : {}),
    };
  });
}

// The parts of the assignment counters per measure, for MEASURE_LEVEL_ASSIGNMENT_COUNTERS.
const MEASURE_LEVEL_PARTS = Prisma.sql`,
    count(*) AS "assigned",
    count(*) FILTER (WHERE af."role" = 'LEAD') AS "leadAssigned",
    count(*) FILTER (WHERE af."done") AS "done",
    count(*) FILTER (WHERE af."done" AND af."doneOn" <= af."measureDeadline") AS "doneOnTime",
    count(*) FILTER (WHERE NOT af."done" AND af."selExpected") AS "openExpected",
    count(*) FILTER (WHERE NOT af."done" AND af."selExpected" AND af."selState" IN ('SUBMITTED', 'APPROVED')) AS "openSubmitted",
    count(*) FILTER (WHERE NOT af."done" AND af."selExpected" AND af."selState" = 'RETURNED') AS "openSelReturned",
    sum(af."returned") AS "returned"`;

/**
 * `WITH RECURSIVE pl, sec, m0, rep, ret, af, agg, mf0, mf, ax` for the plans,
 * filters and day. With `measureLevel`, mf also carries the parts
 * MEASURE_LEVEL_ASSIGNMENT_COUNTERS sums, and ax is left out (the
 * cross-district view needs no per-unit figures).
 */
export function factsCte(
  plans: readonly PlanPeriods[],
  filters: DashboardFilters,
  today: string,
  { measureLevel = false }: { measureLevel?: boolean } = {},
): Prisma.Sql {
  const districtIds = [...new Set(plans.map((p) => p.districtId))];
  const planIds = plans.map((p) => p.id);
  const periodStarts = [...new Set(plans.flatMap((p) => [p.judged.start, p.selected.start]))];
  // Without a period chosen both periods are the same: one join instead of two.
  const samePeriods = plans.every((p) => p.judged.start === p.selected.start && p.judged.end === p.selected.end);
  const chapterFilter = filters.chapter !== undefined ? Prisma.sql`AND sec."chapterId" = ${filters.chapter}::int` : Prisma.empty;
  const areaFilter =
    filters.area === undefined
      ? Prisma.empty
      : filters.area === "NONE"
        ? Prisma.sql`AND sec."area" IS NULL`
        : Prisma.sql`AND sec."area" = ${filters.area}`;
  const unitMeasureFilter =
    filters.unit !== undefined
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Assignment" x WHERE x."measureId" = m."id" AND x."unitId" = ${filters.unit}::int)`
      : Prisma.empty;
  const unitAssignmentFilter = filters.unit !== undefined ? Prisma.sql`AND af."unitId" = ${filters.unit}::int` : Prisma.empty;
  const stateFilter = filters.state !== undefined ? Prisma.sql`AND f."status" = ${filters.state}` : Prisma.empty;
  const lightFilter = filters.light !== undefined ? Prisma.sql`AND f."light" = ${filters.light}` : Prisma.empty;
  const todaySql = Prisma.sql`${today}::date`;
  const selJoin = samePeriods
    ? Prisma.empty
    : Prisma.sql`LEFT JOIN rep sel ON sel."assignmentId" = a."id" AND sel."periodStart" = m0."sStart" AND sel."periodEnd" = m0."sEnd"`;
  const selState = samePeriods ? Prisma.sql`COALESCE(cur."state"::text, 'NONE')` : Prisma.sql`COALESCE(sel."state"::text, 'NONE')`;

  return Prisma.sql`
WITH RECURSIVE
pl AS (
  SELECT * FROM unnest(
    ${planIds}::int[],
    ${plans.map((p) => p.districtId)}::int[],
    ${plans.map((p) => p.issueDate)}::date[],
    ${plans.map((p) => p.periodStart)}::int[],
    ${plans.map((p) => p.judged.start)}::date[],
    ${plans.map((p) => p.judged.end)}::date[],
    ${plans.map((p) => p.judged.dueDate)}::date[],
    ${plans.map((p) => p.selected.start)}::date[],
    ${plans.map((p) => p.selected.end)}::date[],
    ${plans.map((p) => p.context === true)}::boolean[],
    ${plans.map((p) => p.reportingEnd)}::date[]
  ) AS t("id", "districtId", "issueDate", "periodStart", "jStart", "jEnd", "jDue", "sStart", "sEnd", "context", "lastDay")
),
sec AS (
  SELECT s."id", s."id" AS "chapterId", s."outlineArea" AS "area"
  FROM "Section" s
  WHERE s."planId" = ANY(${planIds}::int[]) AND s."parentId" IS NULL
  UNION ALL
  SELECT s."id", sec."chapterId", COALESCE(s."outlineArea", sec."area")
  FROM "Section" s JOIN sec ON s."parentId" = sec."id"
),
${milestoneCte(districtIds, planIds, todaySql)},
m0 AS (
  SELECT m."id", m."districtId", m."planId", m."deadline", m."ongoing", m."parentItemId",
    COALESCE(NOT pl."context" ${chapterFilter} ${areaFilter} ${unitMeasureFilter}, FALSE) AS "shown",
    sec."chapterId", sec."area",
    pl."issueDate", pl."jStart", pl."jEnd", pl."jDue", pl."sStart", pl."sEnd",
    -- The judged and selected periods lie inside the plan's reporting window (life.ts periodInWindow).
    (pl."lastDay" IS NULL OR pl."jStart" <= pl."lastDay") AS "jInWindow",
    (pl."lastDay" IS NULL OR pl."sStart" <= pl."lastDay") AS "sInWindow",
    GREATEST(pl."issueDate", ${chinaDateSql(Prisma.sql`m."createdAt"`)}) AS "reportingStart",
    (NOT m."ongoing" AND m."deadline" < ${todaySql}) AS "pastDeadline",
    (NOT m."ongoing" AND m."deadline" BETWEEN ${todaySql} AND ${todaySql} + ${DUE_SOON_DAYS}::int) AS "dueSoon",
    msl."sev" AS "milestoneSev"
  FROM "Measure" m
  JOIN pl ON pl."id" = m."planId"
  LEFT JOIN sec ON sec."id" = m."sectionId"
  LEFT JOIN msl ON msl."measureId" = m."id"
  -- A measure implementing a parent item is read even when not shown: it rolls up.
  WHERE (NOT pl."context" ${chapterFilter} ${areaFilter} ${unitMeasureFilter}) OR m."parentItemId" IS NOT NULL
),
rep AS MATERIALIZED (
  -- The reports of the two periods for the whole scope in one range scan
  -- (ProgressReport_district_period_idx, index only), hashed once: probing the
  -- unique index once per assignment costs more at 10,000 assignments.
  SELECT r."assignmentId", r."periodStart", r."periodEnd", r."state"
  FROM "ProgressReport" r
  WHERE r."districtId" = ANY(${districtIds}::int[]) AND r."assignmentId" IS NOT NULL
    AND r."periodStart" = ANY(${periodStarts}::date[])
),
ret AS (
  -- Reports returned and not yet resubmitted, per assignment.
  SELECT r."assignmentId", count(*)::int AS "n"
  FROM "ProgressReport" r
  WHERE r."districtId" = ANY(${districtIds}::int[]) AND r."state" = 'RETURNED' AND r."assignmentId" IS NOT NULL
  GROUP BY r."assignmentId"
),
af AS (
  SELECT a."id", a."measureId", a."unitId", a."role"::text AS "role",
    a."status" = 'COMPLETED' AS "done",
    ${chinaDateSql(Prisma.sql`a."completedAt"`)} AS "doneOn",
    a."lastReportAt" IS NOT NULL AS "everReported",
    COALESCE(cur."state"::text, 'NONE') AS "curState",
    ${selState} AS "selState",
    m0."sInWindow" AND m0."sEnd" >= GREATEST(m0."issueDate", ${chinaDateSql(Prisma.sql`a."createdAt"`)}) AS "selExpected",
    m0."jInWindow" AND m0."jEnd" >= GREATEST(m0."issueDate", ${chinaDateSql(Prisma.sql`a."createdAt"`)}) AS "curExpected",
    COALESCE(ret."n", 0) AS "returned",
    m0."deadline" AS "measureDeadline",
    CASE
      WHEN a."status" = 'COMPLETED' THEN 1
      WHEN m0."pastDeadline" THEN 3
      WHEN m0."milestoneSev" IS NOT NULL THEN m0."milestoneSev"
      WHEN cur."state" = 'RETURNED' THEN 2
      WHEN m0."jInWindow" AND m0."jEnd" >= GREATEST(m0."issueDate", ${chinaDateSql(Prisma.sql`a."createdAt"`)})
        AND (cur."state" IS NULL OR cur."state" = 'DRAFT') AND ${todaySql} > m0."jDue" THEN 2
      WHEN m0."dueSoon" THEN 2
      WHEN a."lastReportAt" IS NULL AND (cur."state" IS NULL OR cur."state" = 'DRAFT') THEN 0
      ELSE 1
    END AS "sev"
  FROM m0
  JOIN "Assignment" a ON a."measureId" = m0."id"
  LEFT JOIN rep cur ON cur."assignmentId" = a."id" AND cur."periodStart" = m0."jStart" AND cur."periodEnd" = m0."jEnd"
  ${selJoin}
  LEFT JOIN ret ON ret."assignmentId" = a."id"
),
agg AS (
  SELECT af."measureId",
    count(*) FILTER (WHERE af."role" = 'LEAD') AS "leads",
    count(*) FILTER (WHERE af."role" = 'LEAD' AND af."done") AS "leadsDone",
    max(af."doneOn") FILTER (WHERE af."role" = 'LEAD') AS "leadDoneOn",
    bool_or(af."everReported") AS "anyReported",
    max(af."sev") AS "worst"
    ${measureLevel ? MEASURE_LEVEL_PARTS : Prisma.empty}
  FROM af GROUP BY af."measureId"
),
mf0 AS (
  SELECT m0.*,
    COALESCE(agg."leads" > 0 AND agg."leadsDone" = agg."leads", FALSE) AS "completed",
    COALESCE(agg."anyReported", FALSE) AS "anyReported",
    agg."worst", agg."leadDoneOn", agg."measureId" IS NOT NULL AS "hasAssignments"
    ${
      measureLevel
        ? Prisma.sql`,
    COALESCE(agg."assigned", 0) AS "assigned", COALESCE(agg."leadAssigned", 0) AS "leadAssigned",
    COALESCE(agg."done", 0) AS "done", COALESCE(agg."doneOnTime", 0) AS "doneOnTime",
    COALESCE(agg."openExpected", 0) AS "openExpected", COALESCE(agg."openSubmitted", 0) AS "openSubmitted",
    COALESCE(agg."openSelReturned", 0) AS "openSelReturned", COALESCE(agg."returned", 0) AS "returned"`
        : Prisma.empty
    }
  FROM m0 LEFT JOIN agg ON agg."measureId" = m0."id"
),
mfo AS (
    SELECT mf0.*,
      CASE WHEN mf0."completed" THEN mf0."leadDoneOn" END AS "completedOn",
      CASE
        WHEN mf0."completed" THEN 'COMPLETED'
        WHEN mf0."pastDeadline" THEN 'OVERDUE'
        WHEN NOT mf0."anyReported" THEN 'NOT_STARTED'
        ELSE 'IN_PROGRESS'
      END AS "status",
      CASE
        WHEN mf0."completed" THEN 'GREEN'
        WHEN mf0."hasAssignments" THEN (ARRAY['GREY', 'GREEN', 'YELLOW', 'RED'])[mf0."worst" + 1]
        -- No unit assigned: judged as one assignment that never reported.
        WHEN mf0."pastDeadline" THEN 'RED'
        WHEN mf0."milestoneSev" IS NOT NULL THEN (ARRAY['GREY', 'GREEN', 'YELLOW', 'RED'])[mf0."milestoneSev" + 1]
        WHEN mf0."jInWindow" AND mf0."jEnd" >= mf0."reportingStart" AND ${todaySql} > mf0."jDue" THEN 'YELLOW'
        WHEN mf0."dueSoon" THEN 'YELLOW'
        ELSE 'GREY'
      END AS "light"
    FROM mf0
),
${rollupCtes(todaySql, measureLevel)},
mf AS (SELECT * FROM mr f WHERE f."shown" AND NOT f."childShown" ${stateFilter} ${lightFilter}),
mfi AS (SELECT * FROM mr f WHERE f."shown" AND f."childShown" ${stateFilter} ${lightFilter})${
    // Left out when unused, so af is read once and need not be stored.
    measureLevel
      ? Prisma.empty
      : Prisma.sql`,
ax AS (
  SELECT af.*, mf."deadline", mf."ongoing", mf."pastDeadline", mf."districtId", mf."planId", mf."chapterId",
    af."done" OR mf."completed" AS "effDone",
    CASE WHEN af."done" THEN af."doneOn" WHEN mf."completed" THEN mf."completedOn" END AS "effDoneOn"
  FROM af JOIN mf ON mf."id" = af."measureId"
  WHERE TRUE ${unitAssignmentFilter}
)`
  }`;
}

/**
 * `msl`: the measures of the plans in scope with a missed milestone, and the
 * severity their earliest missed one gives (lights.ts missedMilestone): RED 3
 * once today - dueDate > the plan's milestoneGraceDays, YELLOW 2 before. One
 * completed after the day judged counts as open on it.
 */
function milestoneCte(districtIds: readonly number[], planIds: readonly number[], todaySql: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`msl AS (
  SELECT x."measureId",
    CASE WHEN ${todaySql} - min(x."dueDate") > max(p."milestoneGraceDays") THEN 3 ELSE 2 END AS "sev"
  FROM "Milestone" x
  JOIN "Measure" mm ON mm."id" = x."measureId"
  JOIN "Plan" p ON p."id" = mm."planId"
  WHERE x."districtId" = ANY(${districtIds}::int[]) AND mm."planId" = ANY(${planIds}::int[])
    -- Completed after the day judged (a past day's view): still open on it, as lights.ts milestoneDoneBy.
    AND (x."completedAt" IS NULL OR ${chinaDateSql(Prisma.sql`x."completedAt"`)} > ${todaySql}) AND x."dueDate" < ${todaySql}
  GROUP BY x."measureId"
)`;
}

/**
 * Per-assignment counters, summed over `ax` rows (add GROUP BY outside):
 * assigned, lead, completed, overdue, on-time base and count, the selected
 * period's expected / submitted / returned reports, and reports returned and
 * not yet resubmitted.
 */
export const ASSIGNMENT_COUNTERS = Prisma.sql`
  count(*)::int AS "assigned",
  count(*) FILTER (WHERE ax."role" = 'LEAD')::int AS "lead",
  count(*) FILTER (WHERE ax."effDone")::int AS "completed",
  count(*) FILTER (WHERE NOT ax."effDone" AND ax."pastDeadline")::int AS "overdue",
  count(*) FILTER (WHERE NOT ax."ongoing" AND ax."deadline" IS NOT NULL AND (ax."effDone" OR ax."pastDeadline"))::int AS "onTimeBase",
  count(*) FILTER (WHERE NOT ax."ongoing" AND ax."deadline" IS NOT NULL AND ax."effDone" AND ax."effDoneOn" <= ax."deadline")::int AS "onTime",
  count(*) FILTER (WHERE NOT ax."effDone" AND ax."selExpected")::int AS "expected",
  count(*) FILTER (WHERE NOT ax."effDone" AND ax."selExpected" AND ax."selState" IN ('SUBMITTED', 'APPROVED'))::int AS "submitted",
  count(*) FILTER (WHERE NOT ax."effDone" AND ax."selExpected" AND ax."selState" = 'RETURNED')::int AS "selReturned",
  COALESCE(sum(ax."returned"), 0)::int AS "returned"`;

/**
 * The same counters as ASSIGNMENT_COUNTERS, summed over \`mf\` rows from each
 * measure's per-assignment parts: one pass over the assignments instead of
 * two, which is what makes the cross-district view affordable. A completed
 * measure makes all its assignments done (on time if it was completed by its
 * deadline); otherwise only those approved as completed are.
 */
export const MEASURE_LEVEL_ASSIGNMENT_COUNTERS = Prisma.sql`
  COALESCE(sum(mf."assigned"), 0)::int AS "assigned",
  COALESCE(sum(mf."leadAssigned"), 0)::int AS "lead",
  COALESCE(sum(CASE WHEN mf."completed" THEN mf."assigned" ELSE mf."done" END), 0)::int AS "completed",
  COALESCE(sum(CASE WHEN NOT mf."completed" AND mf."pastDeadline" THEN mf."assigned" - mf."done" ELSE 0 END), 0)::int AS "overdue",
  COALESCE(sum(CASE
    WHEN mf."ongoing" OR mf."deadline" IS NULL THEN 0
    WHEN mf."completed" OR mf."pastDeadline" THEN mf."assigned"
    ELSE mf."done" END), 0)::int AS "onTimeBase",
  COALESCE(sum(CASE
    WHEN mf."ongoing" OR mf."deadline" IS NULL THEN 0
    WHEN mf."completed" AND mf."completedOn" <= mf."deadline" THEN mf."doneOnTime" + mf."assigned" - mf."done"
    ELSE mf."doneOnTime" END), 0)::int AS "onTime",
  COALESCE(sum(CASE WHEN mf."completed" THEN 0 ELSE mf."openExpected" END), 0)::int AS "expected",
  COALESCE(sum(CASE WHEN mf."completed" THEN 0 ELSE mf."openSubmitted" END), 0)::int AS "submitted",
  COALESCE(sum(CASE WHEN mf."completed" THEN 0 ELSE mf."openSelReturned" END), 0)::int AS "selReturned",
  COALESCE(sum(mf."returned"), 0)::int AS "returned"`;

/** Per-measure counters, summed over `mf` rows. */
export const MEASURE_COUNTERS = Prisma.sql`
  count(*)::int AS "measures",
  count(*) FILTER (WHERE mf."ongoing")::int AS "ongoing",
  count(*) FILTER (WHERE NOT mf."ongoing")::int AS "nonOngoing",
  count(*) FILTER (WHERE mf."completed" AND NOT mf."ongoing")::int AS "completedNonOngoing",
  count(*) FILTER (WHERE NOT mf."completed" AND mf."dueSoon")::int AS "dueSoon",
  count(*) FILTER (WHERE mf."status" = 'COMPLETED')::int AS "completed",
  count(*) FILTER (WHERE mf."status" = 'OVERDUE')::int AS "overdue",
  count(*) FILTER (WHERE mf."status" = 'IN_PROGRESS')::int AS "inProgress",
  count(*) FILTER (WHERE mf."status" = 'NOT_STARTED')::int AS "notStarted",
  count(*) FILTER (WHERE mf."light" = 'RED')::int AS "red",
  count(*) FILTER (WHERE mf."light" = 'YELLOW')::int AS "yellow",
  count(*) FILTER (WHERE mf."light" = 'GREEN')::int AS "green",
  count(*) FILTER (WHERE mf."light" = 'GREY')::int AS "grey"`;

export type AssignmentCounters = {
  assigned: number;
  lead: number;
  completed: number;
  overdue: number;
  onTimeBase: number;
  onTime: number;
  expected: number;
  submitted: number;
  selReturned: number;
  /** Reports returned and not yet resubmitted (any period). */
  returned: number;
};

export type MeasureCounters = {
  measures: number;
  ongoing: number;
  /** Measures that are not 长期坚持 (with or without a printed deadline): the base of 完成率. */
  nonOngoing: number;
  completedNonOngoing: number;
  /** Not completed, deadline within DUE_SOON_DAYS. */
  dueSoon: number;
  completed: number;
  overdue: number;
  inProgress: number;
  notStarted: number;
  red: number;
  yellow: number;
  green: number;
  grey: number;
};

/** A ratio in [0, 1], or null when there is nothing to divide by (shown as "—", never 0%). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * 完成率: completed measures among those that are not 长期坚持 (an ongoing
 * measure is judged per period and is not expected to be completed). Measures
 * printed without a deadline count: they are to be done, only no date was set.
 */
export const completionRate = (c: MeasureCounters) => rate(c.completedNonOngoing, c.nonOngoing);
