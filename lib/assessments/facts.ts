import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Db, Tx } from "@/lib/db/client.ts";
import { periodContaining, periodsBetween, toDayNumber, type ReportCadence } from "@/lib/reporting/periods.ts";
import { clipText, measureLink } from "@/lib/notifications/messages.ts";
import { periodOwedSql, planLastDaySql } from "@/lib/plans/window-sql.ts";
import type { AssessedUnit, Fact } from "@/lib/assessments/score.ts";
import { chinaDateSql, chinaDaysSql } from "@/lib/dates-sql.ts";

// The facts a 考核 scores, one row per fact, counted in SQL for one district
// and year: which report was late, which measure was overdue, which report
// was returned, which rectification item stayed open, which measure was done
// early. Each becomes one line of points (lib/assessments/score.ts) carrying
// the fact in words and a link to where it can be checked.
//
// The year's window ends at the cutoff: 31 December, or today while the year
// is running. Dates are Beijing calendar dates (timestamps + 8 hours).
//
// - LATE_REPORT: an assignment owed a report for a period of its plan that
//   ends in the year and whose due date has passed (not a draft; the period
//   within the plan's reporting window, lib/plans/window-sql.ts, and the
//   assignment's; for a terminated (终止) plan, due on or before the day it
//   ended, since a closed plan refuses every report — 期满 is confirmed only
//   after the last period was due, so it keeps it; neither the assignment nor its
//   measure completed before the period began), and the report was first
//   submitted after the due date or not at all. Told as of the cutoff, or as
//   of today for the year's last period, due after the cutoff.
// - OVERDUE_MEASURE: a dated measure (not 长期坚持) whose deadline passed
//   before the day it is judged on (the cutoff; for a CLOSED plan, the day it
//   ended if earlier), and which was overdue at some time in the year for the
//   unit: not done by its deadline, and not done before the year began. Done
//   is the unit's own completion, or the measure's (all lead units done). A
//   measure carried (结转) into a new plan by the cutoff is judged through its
//   copy only, so one piece of work is not overdue twice.
// - RETURNED_REPORT: each return of a unit's progress report in the year
//   (ReportReturn keeps every return, also those resubmitted since).
// - OPEN_RECTIFICATION: a rectification item (整改) whose deadline passed by
//   the cutoff and which was not 销号 (closed) by then.
// - EARLY_COMPLETION: a dated measure the unit completed in the year before
//   its deadline.

type Client = Db | Tx;

/** The last day the year's facts are counted to: 31 December, or today while the year runs. */
export function cutoffOf(year: number, today: string): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

const dayDiff = (later: string, earlier: string) => toDayNumber(later) - toDayNumber(earlier);

type MeasureCols = { measureId: number; code: string; text: string };
const measureName = (r: MeasureCols) => `举措 ${r.code}「${clipText(r.text, 24)}」`;

/** The units a district's scheme scores: active units with work in a plan in force (an assignment) or a rectification item. */
export async function assessedUnits(client: Client, districtId: number): Promise<AssessedUnit[]> {
  return client.$queryRaw<AssessedUnit[]>`
    SELECT u."id", u."name", u."sortOrder"
    FROM "Unit" u
    WHERE u."districtId" = ${districtId}::int AND u."active"
      AND (EXISTS (SELECT 1 FROM "Assignment" a JOIN "Measure" m ON m."id" = a."measureId" JOIN "Plan" p ON p."id" = m."planId"
                   WHERE a."unitId" = u."id" AND a."districtId" = ${districtId}::int AND p."status" <> 'DRAFT')
        OR EXISTS (SELECT 1 FROM "Rectification" r WHERE r."unitId" = u."id" AND r."districtId" = ${districtId}::int))
    ORDER BY u."sortOrder", u."name", u."id"`;
}

export type LateReportRow = MeasureCols & {
  unitId: number;
  assignmentId: number;
  periodLabel: string;
  periodEnd: string;
  dueDate: string;
  /** First submission day, or null when nothing was submitted. */
  submittedOn: string | null;
};

/** Reports owed for the year's periods that came in after their due date, or not at all by the cutoff. */
export async function lateReports(client: Client, districtId: number, year: number, today: string): Promise<LateReportRow[]> {
  const plans = await client.plan.findMany({
    where: { districtId, status: { not: "DRAFT" } },
    select: { id: true, reportCadence: true, reportDueDay: true },
  });
  const periods = plans.flatMap((plan) =>
    periodsBetween(`${year}-01-01`, `${year}-12-31`, plan.reportCadence, plan.reportDueDay)
      .filter((p) => p.end.startsWith(String(year)) && p.dueDate < today)
      .map((p) => ({ planId: plan.id, ...p })),
  );
  if (periods.length === 0) return [];
  return client.$queryRaw<LateReportRow[]>`
    ${measureCompletion(districtId)},
    per AS (
      SELECT * FROM unnest(${periods.map((p) => p.planId)}::int[], ${periods.map((p) => p.start)}::date[], ${periods.map((p) => p.end)}::date[],
                           ${periods.map((p) => p.dueDate)}::date[], ${periods.map((p) => p.label)}::text[])
        AS t("planId", "start", "end", "due", "label")
    ),
    owed AS (
      SELECT a."id" AS "assignmentId", a."unitId", m."id" AS "measureId", m."code", m."text", per.*
      FROM per
      JOIN "Plan" p ON p."id" = per."planId"
      JOIN "Measure" m ON m."planId" = p."id"
      JOIN "Assignment" a ON a."measureId" = m."id"
      LEFT JOIN mc ON mc."measureId" = m."id"
      WHERE p."districtId" = ${districtId}::int
        AND p."status" <> 'DRAFT'
        AND ${periodOwedSql("p", Prisma.sql`per."start"`, Prisma.sql`per."end"`, chinaDateSql(Prisma.sql`a."createdAt"`))}
        -- A terminated plan refuses every report: one due after it ended could never be sent.
        -- 期满 is confirmed only after the last period was due (lib/plans/life.ts), so it keeps that period.
        AND (p."status" <> 'CLOSED' OR p."endKind" = 'EXPIRED' OR per."due" <= ${planLastDaySql("p")})
        -- Done (itself, or its measure) before the period began: nothing more to report.
        AND COALESCE(CASE WHEN a."status" = 'COMPLETED' THEN ${chinaDateSql(Prisma.sql`a."completedAt"`)} END, mc."on", 'infinity'::date) >= per."start"
    )
    SELECT o."unitId", o."assignmentId", o."measureId", o."code", o."text", o."label" AS "periodLabel",
      o."end"::text AS "periodEnd", o."due"::text AS "dueDate", sub."on"::text AS "submittedOn"
    FROM owed o
    LEFT JOIN "ProgressReport" r ON r."assignmentId" = o."assignmentId" AND r."periodStart" = o."start" AND r."periodEnd" = o."end"
    LEFT JOIN LATERAL (
      -- The first submission counts: a report sent in time, returned and sent again is not late.
      SELECT ${chinaDateSql(Prisma.sql`LEAST(
        CASE WHEN r."state" <> 'DRAFT' THEN r."submittedAt" END,
        r."firstSubmittedAt")`)} AS "on"
    ) sub ON TRUE
    WHERE sub."on" IS NULL OR sub."on" > o."due"
    ORDER BY o."unitId", o."end", o."code", o."assignmentId"`;
}

export type OverdueMeasureRow = MeasureCols & {
  unitId: number;
  deadline: string;
  doneOn: string | null;
  /** The day it is judged on: the cutoff, or the day its closed plan ended if earlier. */
  asOf: string;
};

/** Measures overdue for a unit at some time in the year. */
export async function overdueMeasures(client: Client, districtId: number, year: number, today: string): Promise<OverdueMeasureRow[]> {
  const cutoff = cutoffOf(year, today);
  return client.$queryRaw<OverdueMeasureRow[]>`
    ${effectiveDone(districtId)},
    judged AS (
      SELECT d.*, CASE WHEN d."planStatus" = 'CLOSED' AND d."endedOn" IS NOT NULL THEN LEAST(${cutoff}::date, d."endedOn") ELSE ${cutoff}::date END AS "asOf"
      FROM done d
    )
    SELECT d."unitId", d."measureId", d."code", d."text", d."deadline"::text AS "deadline", d."asOf"::text AS "asOf",
      CASE WHEN d."doneOn" <= d."asOf" THEN d."doneOn"::text END AS "doneOn"
    FROM judged d
    WHERE NOT d."ongoing" AND d."deadline" IS NOT NULL AND d."deadline" < d."asOf"
      AND (d."endedOn" IS NULL OR d."endedOn" >= ${`${year}-01-01`}::date)
      AND (d."doneOn" IS NULL OR (d."doneOn" > d."deadline" AND d."doneOn" >= ${`${year}-01-01`}::date))
      -- Carried (结转) by the cutoff: its copy in the new plan is judged instead. Before
      -- the carry (an earlier year) it was overdue in its own plan, and counts there.
      AND NOT EXISTS (SELECT 1 FROM "Measure" s WHERE s."previousId" = d."measureId" AND s."succession" = 'CARRIED'
                        AND ${chinaDateSql(Prisma.sql`s."createdAt"`)} <= ${cutoff}::date)
    ORDER BY d."unitId", d."deadline", d."code", d."measureId"`;
}

export type EarlyCompletionRow = MeasureCols & { unitId: number; deadline: string; doneOn: string };

/** Measures a unit completed in the year before their deadline. */
export async function earlyCompletions(client: Client, districtId: number, year: number, today: string): Promise<EarlyCompletionRow[]> {
  const cutoff = cutoffOf(year, today);
  return client.$queryRaw<EarlyCompletionRow[]>`
    ${effectiveDone(districtId)}
    SELECT d."unitId", d."measureId", d."code", d."text", d."deadline"::text AS "deadline", d."doneOn"::text AS "doneOn"
    FROM done d
    WHERE NOT d."ongoing" AND d."deadline" IS NOT NULL
      AND d."doneOn" BETWEEN ${`${year}-01-01`}::date AND ${cutoff}::date AND d."doneOn" < d."deadline"
    ORDER BY d."unitId", d."doneOn", d."code", d."measureId"`;
}

/** `WITH mc AS (…)`: the day each completed measure of the district was completed (its last lead unit done). */
function measureCompletion(districtId: number): Prisma.Sql {
  return Prisma.sql`WITH mc AS (
      SELECT a."measureId", max(${chinaDateSql(Prisma.sql`a."completedAt"`)}) AS "on"
      FROM "Assignment" a
      WHERE a."districtId" = ${districtId}::int AND a."role" = 'LEAD'
      GROUP BY a."measureId"
      HAVING bool_and(a."status" = 'COMPLETED')
    )`;
}

/** `WITH mc AS (…), done AS (…)`: each assignment of a plan in force with the day it was done (its own completion, else its measure's). */
function effectiveDone(districtId: number): Prisma.Sql {
  return Prisma.sql`${measureCompletion(districtId)},
    done AS (
      SELECT a."unitId", m."id" AS "measureId", m."code", m."text", m."deadline", m."ongoing", p."status" AS "planStatus", p."endedOn",
        COALESCE(CASE WHEN a."status" = 'COMPLETED' THEN ${chinaDateSql(Prisma.sql`a."completedAt"`)} END, mc."on") AS "doneOn"
      FROM "Assignment" a
      JOIN "Measure" m ON m."id" = a."measureId"
      JOIN "Plan" p ON p."id" = m."planId"
      LEFT JOIN mc ON mc."measureId" = m."id"
      WHERE a."districtId" = ${districtId}::int AND p."status" <> 'DRAFT'
    )`;
}

export type ReturnedReportRow = MeasureCols & {
  unitId: number;
  reportId: number;
  periodStart: string;
  cadence: string;
  dueDay: number;
  returnedOn: string;
  comment: string | null;
};

/** Every return of a unit's progress report in the year (ReportReturn). */
export async function returnedReports(client: Client, districtId: number, year: number, today: string): Promise<ReturnedReportRow[]> {
  return client.$queryRaw<ReturnedReportRow[]>(returnedReportsSql(districtId, year, today));
}

/** The query of returnedReports (exported so a test can EXPLAIN it). */
export function returnedReportsSql(districtId: number, year: number, today: string): Prisma.Sql {
  const cutoff = cutoffOf(year, today);
  return Prisma.sql`
    WITH e AS MATERIALIZED (
      -- The district's returns in the year, through the (districtId, returnedAt) index (the
      -- year's Beijing days as a timestamp range).
      SELECT e."id", e."returnedAt", e."comment", e."reportId"
      FROM "ReportReturn" e
      WHERE e."districtId" = ${districtId}::int
        AND ${chinaDaysSql(Prisma.sql`e."returnedAt"`, `${year}-01-01`, cutoff)}
    )
    SELECT a."unitId", r."id" AS "reportId", m."id" AS "measureId", m."code", m."text",
      r."periodStart"::text AS "periodStart", p."reportCadence"::text AS "cadence", p."reportDueDay" AS "dueDay",
      ${chinaDateSql(Prisma.sql`e."returnedAt"`)}::text AS "returnedOn", e."comment"
    FROM e
    JOIN "ProgressReport" r ON r."id" = e."reportId"
    JOIN "Assignment" a ON a."id" = r."assignmentId"
    JOIN "Measure" m ON m."id" = a."measureId"
    JOIN "Plan" p ON p."id" = m."planId"
    WHERE r."districtId" = ${districtId}::int
    ORDER BY a."unitId", e."returnedAt", e."id"`;
}

export type OpenRectificationRow = {
  unitId: number;
  rectificationId: number;
  deadline: string;
  findingText: string;
  inspectionTitle: string;
};

/** Rectification items past their deadline and not closed (销号) by the cutoff. */
export async function openRectifications(client: Client, districtId: number, year: number, today: string): Promise<OpenRectificationRow[]> {
  const cutoff = cutoffOf(year, today);
  return client.$queryRaw<OpenRectificationRow[]>`
    SELECT r."unitId", r."id" AS "rectificationId", r."deadline"::text AS "deadline", f."text" AS "findingText", i."title" AS "inspectionTitle"
    FROM "Rectification" r
    JOIN "Finding" f ON f."id" = r."findingId"
    JOIN "Inspection" i ON i."id" = f."inspectionId"
    WHERE r."districtId" = ${districtId}::int AND r."deadline" < ${cutoff}::date
      AND ${chinaDateSql(Prisma.sql`r."createdAt"`)} <= ${cutoff}::date
      AND (r."status" <> 'CLOSED' OR r."verifiedAt" IS NULL OR ${chinaDateSql(Prisma.sql`r."verifiedAt"`)} > ${cutoff}::date)
    ORDER BY r."unitId", r."deadline", r."id"`;
}

/** Every fact of the district's year, in words, with its link. */
export async function loadFacts(client: Client, districtId: number, year: number, today: string): Promise<Fact[]> {
  const cutoff = cutoffOf(year, today);
  const [late, overdue, returned, open, early] = await Promise.all([
    lateReports(client, districtId, year, today),
    overdueMeasures(client, districtId, year, today),
    returnedReports(client, districtId, year, today),
    openRectifications(client, districtId, year, today),
    earlyCompletions(client, districtId, year, today),
  ]);
  // An unsent report is told as of the cutoff; the year's last period falls due after
  // it (in January), and only today can say it is still unsent.
  const unsentAsOf = (due: string) => (due < cutoff ? cutoff : today);
  return [
    ...late.map((r): Fact => ({
      code: "LATE_REPORT",
      unitId: r.unitId,
      date: r.dueDate,
      text: r.submittedOn
        ? `${measureName(r)}${r.periodLabel}进展 ${r.dueDate} 截止,${r.submittedOn} 报送,逾期 ${dayDiff(r.submittedOn, r.dueDate)} 天`
        : `${measureName(r)}${r.periodLabel}进展 ${r.dueDate} 截止,截至 ${unsentAsOf(r.dueDate)} 未报送,已逾期 ${dayDiff(unsentAsOf(r.dueDate), r.dueDate)} 天`,
      link: measureLink({ id: r.measureId }),
    })),
    ...overdue.map((r): Fact => ({
      code: "OVERDUE_MEASURE",
      unitId: r.unitId,
      date: r.deadline,
      text: r.doneOn
        ? `${measureName(r)}完成时限 ${r.deadline},逾期 ${dayDiff(r.doneOn, r.deadline)} 天后于 ${r.doneOn} 完成`
        : `${measureName(r)}完成时限 ${r.deadline},截至 ${r.asOf} 逾期未完成(${dayDiff(r.asOf, r.deadline)} 天)`,
      link: measureLink({ id: r.measureId }),
    })),
    ...returned.map((r): Fact => ({
      code: "RETURNED_REPORT",
      unitId: r.unitId,
      date: r.returnedOn,
      text: `${measureName(r)}${periodLabelOf(r)}进展于 ${r.returnedOn} 被退回${r.comment ? `:${clipText(r.comment, 40)}` : ""}`,
      link: measureLink({ id: r.measureId }),
    })),
    ...open.map((r): Fact => ({
      code: "OPEN_RECTIFICATION",
      unitId: r.unitId,
      date: r.deadline,
      text: `${clipText(r.inspectionTitle, 30)}整改事项「${clipText(r.findingText, 30)}」整改时限 ${r.deadline},截至 ${cutoff} 未销号`,
      link: `/inspections/rectifications/${r.rectificationId}`,
    })),
    ...early.map((r): Fact => ({
      code: "EARLY_COMPLETION",
      unitId: r.unitId,
      date: r.doneOn,
      text: `${measureName(r)}完成时限 ${r.deadline},于 ${r.doneOn} 完成,提前 ${dayDiff(r.deadline, r.doneOn)} 天`,
      link: measureLink({ id: r.measureId }),
    })),
  ];
}

const periodLabelOf = (r: ReturnedReportRow) => periodContaining(r.periodStart, r.cadence as ReportCadence, r.dueDay).label;
