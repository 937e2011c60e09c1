import { Prisma } from "@/lib/generated/prisma/client.ts";
import { db, type Db, type Tx } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { isoDate, todayInChina } from "@/lib/dates.ts";
import { periodContaining } from "@/lib/reporting/periods.ts";
import { periodOwedSql } from "@/lib/plans/window-sql.ts";
import {
  asOfDay,
  buildFigures,
  planPeriodsWithin,
  spanLabel,
  type CircularFigures,
  type PlanPeriod,
  type UnitCounts,
} from "@/lib/circulars/figures.ts";
import type { CircularKind } from "@/lib/generated/prisma/enums.ts";
import { chinaDateSql } from "@/lib/dates-sql.ts";

// 通报: the counts behind the figures, in SQL, and the pages' reads.
//
// Who owed a report for a plan's period: an assignment of an active unit, of a
// plan that is not a draft — 施行中 or since closed: a 通报 describes the
// period, not today, so a plan closed after it still answers for it — whose
// period overlaps the plan's reporting window (lib/plans/life.ts, in SQL
// lib/plans/window-sql.ts: from 施行 and the assignment's creation to the day
// it ended or 31 December of its last year; the app refuses reports outside
// it), and that was not done before the period began (its own completion, or
// every lead of its measure, as lib/assessments/facts.ts) — or that did report
// for the period anyway. Done later does not excuse a period it skipped.
// Overdue measures and the units listed follow the same plans and windows.

type Client = Db | Tx;

/** The district's plans that owe reports at some time (all but drafts), as the period rule needs them. A few rows. */
export function reportingPlans(client: Client, districtId: number) {
  return client.plan.findMany({
    where: { districtId, status: { not: "DRAFT" } },
    select: { id: true, reportCadence: true, reportDueDay: true },
    orderBy: { id: "asc" },
  });
}

/**
 * Per unit with an assignment in a plan whose reporting window overlaps
 * [start, asOf] (assigned by `asOf`): owed, submitted, on time, returned for
 * the plan periods given, and overdue measures as of `asOf`. One statement;
 * units with nothing owed come back with zeros.
 */
export async function countUnitFigures(
  client: Client,
  districtId: number,
  periods: readonly PlanPeriod[],
  start: string,
  asOf: string,
): Promise<UnitCounts[]> {
  const planIds = periods.map((p) => p.planId);
  const starts = periods.map((p) => p.start);
  const ends = periods.map((p) => p.end);
  const dues = periods.map((p) => p.dueDate);
  return client.$queryRaw<UnitCounts[]>`
    WITH pp AS (
      SELECT * FROM unnest(${planIds}::int[], ${starts}::date[], ${ends}::date[], ${dues}::date[]) AS t("planId", "start", "end", "due")
    ),
    mc AS (
      -- The day each measure whose every lead is completed was completed (its last lead done).
      SELECT l."measureId", max(${chinaDateSql(Prisma.sql`l."completedAt"`)}) AS "on"
      FROM "Assignment" l
      WHERE l."districtId" = ${districtId}::int AND l."role" = 'LEAD'
      GROUP BY l."measureId" HAVING bool_and(l."status" = 'COMPLETED')
    ),
    owed AS (
      SELECT a."unitId", r."state", ${chinaDateSql(Prisma.sql`r."submittedAt"`)} AS "submittedOn", pp."due"
      FROM pp
      JOIN "Plan" pl ON pl."id" = pp."planId" AND pl."status" <> 'DRAFT'
      JOIN "Measure" m ON m."planId" = pp."planId"
      JOIN "Assignment" a ON a."measureId" = m."id"
      JOIN "Unit" u ON u."id" = a."unitId" AND u."active"
      LEFT JOIN mc ON mc."measureId" = m."id"
      LEFT JOIN "ProgressReport" r ON r."assignmentId" = a."id" AND r."periodStart" = pp."start" AND r."periodEnd" = pp."end" AND r."state" <> 'DRAFT'
      WHERE a."districtId" = ${districtId}::int
        AND ${periodOwedSql("pl", Prisma.sql`pp."start"`, Prisma.sql`pp."end"`, chinaDateSql(Prisma.sql`a."createdAt"`))}
        AND (r."id" IS NOT NULL
          OR COALESCE(CASE WHEN a."status" = 'COMPLETED' THEN ${chinaDateSql(Prisma.sql`a."completedAt"`)} END, mc."on", 'infinity'::date) >= pp."start")
    ),
    -- Completion as of the day: a lead's completedAt on or before it.
    mdAsOf AS (
      SELECT l."measureId" FROM "Assignment" l
      WHERE l."districtId" = ${districtId}::int AND l."role" = 'LEAD'
      GROUP BY l."measureId"
      HAVING bool_and(l."completedAt" IS NOT NULL AND ${chinaDateSql(Prisma.sql`l."completedAt"`)} <= ${asOf}::date)
    ),
    od AS (
      SELECT a."unitId", count(DISTINCT m."id")::int AS "overdue"
      FROM "Assignment" a
      JOIN "Measure" m ON m."id" = a."measureId"
      JOIN "Plan" pl ON pl."id" = m."planId" AND pl."status" <> 'DRAFT'
      WHERE a."districtId" = ${districtId}::int
        AND ${periodOwedSql("pl", Prisma.sql`${start}::date`, Prisma.sql`${asOf}::date`, chinaDateSql(Prisma.sql`a."createdAt"`))}
        AND NOT m."ongoing" AND m."deadline" < ${asOf}::date
        AND ${chinaDateSql(Prisma.sql`a."createdAt"`)} <= ${asOf}::date
        AND NOT (a."completedAt" IS NOT NULL AND ${chinaDateSql(Prisma.sql`a."completedAt"`)} <= ${asOf}::date)
        AND m."id" NOT IN (SELECT "measureId" FROM mdAsOf)
      GROUP BY a."unitId"
    ),
    units AS (
      SELECT DISTINCT a."unitId"
      FROM "Assignment" a
      JOIN "Measure" m ON m."id" = a."measureId"
      JOIN "Plan" pl ON pl."id" = m."planId" AND pl."status" <> 'DRAFT'
      WHERE a."districtId" = ${districtId}::int
        AND ${periodOwedSql("pl", Prisma.sql`${start}::date`, Prisma.sql`${asOf}::date`, chinaDateSql(Prisma.sql`a."createdAt"`))}
    ),
    oc AS (
      SELECT "unitId",
        count(*)::int AS "owed",
        count(*) FILTER (WHERE "state" IN ('SUBMITTED', 'APPROVED'))::int AS "submitted",
        count(*) FILTER (WHERE "state" IN ('SUBMITTED', 'APPROVED') AND "submittedOn" <= "due")::int AS "onTime",
        count(*) FILTER (WHERE "state" = 'RETURNED')::int AS "returned"
      FROM owed GROUP BY "unitId"
    )
    SELECT u."id" AS "unitId", u."name" AS "unitName",
      COALESCE(oc."owed", 0) AS "owed", COALESCE(oc."submitted", 0) AS "submitted", COALESCE(oc."onTime", 0) AS "onTime",
      COALESCE(oc."returned", 0) AS "returned", COALESCE(od."overdue", 0) AS "overdue"
    FROM units
    JOIN "Unit" u ON u."id" = units."unitId" AND u."active"
    LEFT JOIN oc ON oc."unitId" = u."id"
    LEFT JOIN od ON od."unitId" = u."id"
    ORDER BY u."id"`;
}

/** The period a circular covers, in words: the quarter's label, or the dates. */
export function circularSpan(kind: CircularKind, start: string, end: string): string {
  const quarter = periodContaining(start, "QUARTERLY");
  return spanLabel({ start, end, label: kind === "QUARTERLY" && quarter.start === start && quarter.end === end ? quarter.label : null });
}

/** The figures of a district for [start, end], counted now (`today` judges an unfinished period). */
export async function computeCircularFigures(
  client: Client,
  districtId: number,
  start: string,
  end: string,
  today = todayInChina(),
): Promise<CircularFigures> {
  const periods = planPeriodsWithin(await reportingPlans(client, districtId), start, end);
  const asOf = asOfDay(end, today);
  const rows = await countUnitFigures(client, districtId, periods, start, asOf);
  return buildFigures({ start, end, asOf, rows });
}

// ---------------------------------------------------------------------------
// Reads of the pages. LEADER and LIAISON see only issued circulars of their district.

/** Who sees drafts: those who write circulars. */
const seesDrafts = (actor: Actor) => can(actor, "circular.manage");

/** The scope of circular rows: the actor's regions (a liaison: its district's), issued only for readers. */
export function circularScope(actor: Actor): Prisma.CircularWhereInput {
  return { AND: [scope.circulars(actor), seesDrafts(actor) ? {} : { status: "ISSUED" }] };
}

export async function listCirculars(actor: Actor) {
  if (!can(actor, "circular.read")) return [];
  const rows = await db().circular.findMany({
    where: circularScope(actor),
    orderBy: [{ periodStart: "desc" }, { id: "desc" }],
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      periodStart: true,
      periodEnd: true,
      issuedAt: true,
      documentNumber: true,
      region: { select: { name: true } },
    },
    take: 500,
  });
  return rows.map((r) => {
    const start = isoDate(r.periodStart);
    const end = isoDate(r.periodEnd);
    return { ...r, start, end, span: circularSpan(r.kind, start, end) };
  });
}

/**
 * One circular in scope, with its figures: frozen at 审核 (approved or issued),
 * counted now on a draft. Null outside the scope (the page answers 404).
 */
export async function getCircular(actor: Actor, id: number, today = todayInChina()) {
  if (!can(actor, "circular.read")) return null;
  const row = await db().circular.findFirst({
    where: { AND: [{ id }, circularScope(actor)] },
    include: { region: { select: { name: true } } },
  });
  if (!row) return null;
  const start = isoDate(row.periodStart);
  const end = isoDate(row.periodEnd);
  const frozen = row.status !== "DRAFT" && row.figures !== null;
  const figures = frozen
    ? (row.figures as unknown as CircularFigures)
    : await computeCircularFigures(db(), row.districtId, start, end, today);
  const people = await db().user.findMany({
    where: { id: { in: [row.createdById, row.approvedById, row.issuedById].filter((v): v is number => v !== null) } },
    select: { id: true, name: true },
  });
  const nameOf = (userId: number | null) => people.find((p) => p.id === userId)?.name ?? null;
  return {
    ...row,
    start,
    end,
    span: circularSpan(row.kind, start, end),
    figures,
    frozen,
    createdByName: nameOf(row.createdById),
    approvedByName: nameOf(row.approvedById),
    issuedByName: nameOf(row.issuedById),
    canManage: can(actor, "circular.manage", { regionId: row.regionId }),
  };
}

export type CircularDetail = NonNullable<Awaited<ReturnType<typeof getCircular>>>;

/** Districts the actor may write a circular for. */
export function listCircularDistricts(actor: Actor) {
  if (!can(actor, "circular.manage")) return Promise.resolve([]);
  return db().region.findMany({
    where: { AND: [{ level: "DISTRICT" }, scope.regions(actor)] },
    orderBy: { id: "asc" },
    select: { id: true, name: true },
  });
}
