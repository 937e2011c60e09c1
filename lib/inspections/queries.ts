import { db, type Db, type Tx } from "@/lib/db/client.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { isoDate, todayInChina, chinaDate } from "@/lib/dates.ts";
import { DUE_SOON_DAYS } from "@/lib/reporting/lights.ts";
import { rectificationState, type RectificationStatus } from "@/lib/inspections/status.ts";
import { chinaDateSql } from "@/lib/dates-sql.ts";

// Reads for inspections (督察) and rectification items (整改). Scope (see
// lib/auth/scope.ts): an inspection lives in a region; an item belongs to a
// unit, so it follows the unit like an assignment does.

/** A Beijing calendar day of a timestamp column. */

/** Counters over rectification items `r`, by the rules of lib/inspections/status.ts. */
function counters(today: string) {
  const day = Prisma.sql`${today}::date`;
  return Prisma.sql`
    count(*)::int AS "total",
    count(*) FILTER (WHERE r."status" = 'OPEN')::int AS "open",
    count(*) FILTER (WHERE r."status" = 'SUBMITTED')::int AS "submitted",
    count(*) FILTER (WHERE r."status" = 'CLOSED')::int AS "closed",
    count(*) FILTER (WHERE r."status" <> 'CLOSED' AND r."deadline" < ${day})::int AS "overdue",
    count(*) FILTER (WHERE r."status" <> 'CLOSED' AND r."deadline" BETWEEN ${day} AND ${day} + ${DUE_SOON_DAYS}::int)::int AS "dueSoon",
    count(*) FILTER (WHERE r."status" = 'CLOSED' AND ${chinaDateSql(Prisma.sql`r."verifiedAt"`)} > r."deadline")::int AS "closedLate"`;
}

export type RectificationCounters = {
  total: number;
  open: number;
  submitted: number;
  closed: number;
  overdue: number;
  dueSoon: number;
  closedLate: number;
};

const ZERO: RectificationCounters = { total: 0, open: 0, submitted: 0, closed: 0, overdue: 0, dueSoon: 0, closedLate: 0 };

/** Inspections in scope, newest first, each with its items counted in SQL (a liaison's: its unit's only). */
export async function listInspections(actor: Actor, today = todayInChina()) {
  const inspections = await db().inspection.findMany({
    where: scope.inspections(actor),
    orderBy: [{ inspectedOn: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      title: true,
      inspector: true,
      inspectedOn: true,
      region: { select: { name: true } },
      _count: { select: { findings: true } },
    },
  });
  if (inspections.length === 0) return [];
  const rows = await db().$queryRaw<(RectificationCounters & { inspectionId: number })[]>`
    SELECT f."inspectionId", ${counters(today)}
    FROM "Rectification" r JOIN "Finding" f ON f."id" = r."findingId"
    WHERE f."inspectionId" = ANY(${inspections.map((i) => i.id)}::int[]) ${scope.rectificationUnitSql(actor, "r")}
    GROUP BY f."inspectionId"`;
  const byInspection = new Map(rows.map(({ inspectionId, ...c }) => [inspectionId, c]));
  return inspections.map((inspection) => ({ ...inspection, counts: byInspection.get(inspection.id) ?? ZERO }));
}

const latestReport = {
  orderBy: { id: "desc" as const },
  take: 1,
  select: { id: true, state: true, text: true, percent: true, claimedStatus: true, submittedAt: true },
};

function withState<T extends { status: RectificationStatus; deadline: Date; verifiedAt: Date | null }>(item: T, today: string) {
  return {
    ...item,
    state: rectificationState({
      status: item.status,
      deadline: isoDate(item.deadline),
      verifiedOn: item.verifiedAt ? chinaDate(item.verifiedAt) : null,
      today,
    }),
  };
}

/** An inspection with its findings and each unit's item, if the actor may read it. */
export async function getInspectionDetail(actor: Actor, inspectionId: number, today = todayInChina()) {
  const inspection = await db().inspection.findFirst({
    where: { id: inspectionId, ...scope.inspections(actor) },
    include: {
      region: { select: { id: true, name: true, districtId: true } },
      findings: {
        // A liaison sees the findings its unit must rectify.
        where: scope.findings(actor),
        orderBy: { id: "asc" },
        include: {
          measure: { select: { id: true, code: true, text: true } },
          rectifications: {
            where: scope.rectifications(actor),
            orderBy: [{ unit: { sortOrder: "asc" } }, { id: "asc" }],
            include: { unit: { select: { id: true, name: true, regionId: true } }, reports: latestReport },
          },
        },
      },
    },
  });
  if (!inspection) return null;
  return {
    ...inspection,
    findings: inspection.findings.map((f) => ({ ...f, rectifications: f.rectifications.map((r) => withState(r, today)) })),
  };
}

/** A rectification item with its finding, report history and timeline, if the actor may read it. */
export async function getRectificationDetail(actor: Actor, rectificationId: number, today = todayInChina()) {
  const item = await db().rectification.findFirst({
    where: { id: rectificationId, ...scope.rectifications(actor) },
    include: {
      unit: { select: { id: true, name: true, regionId: true } },
      finding: {
        include: {
          inspection: { select: { id: true, title: true, inspector: true, inspectedOn: true, regionId: true } },
          measure: { select: { id: true, code: true, text: true } },
        },
      },
      reports: {
        orderBy: { id: "desc" },
        include: { author: { select: { name: true } }, reviewer: { select: { name: true } } },
      },
    },
  });
  if (!item) return null;
  const verifier = item.verifiedById ? await db().user.findUnique({ where: { id: item.verifiedById }, select: { name: true } }) : null;
  const timeline = await db().auditEvent.findMany({
    where: {
      OR: [
        { entityType: "Rectification", entityId: String(item.id) },
        { entityType: "ProgressReport", entityId: { in: item.reports.map((r) => String(r.id)) } },
      ],
    },
    orderBy: { id: "asc" },
    take: 200,
    include: { actor: { select: { name: true, unit: { select: { name: true } } } } },
  });
  return { item: withState(item, today), verifier, timeline };
}

/** A unit's items (我的任务, the unit dashboard), open ones first by deadline. */
export async function listUnitRectifications(actor: Actor, unitId: number, options: { openOnly?: boolean } = {}, today = todayInChina()) {
  const rows = await db().rectification.findMany({
    // AND, not a spread: a liaison's scope names a unitId too and must never replace this one.
    where: { AND: [{ unitId }, scope.rectifications(actor), options.openOnly ? { status: { not: "CLOSED" } } : {}] },
    orderBy: [{ deadline: "asc" }, { id: "asc" }],
    take: 500,
    include: {
      finding: { select: { text: true, inspection: { select: { id: true, title: true } } } },
      reports: { ...latestReport, select: { ...latestReport.select, reviewComment: true } },
    },
  });
  const items = rows.map((r) => withState(r, today));
  // Closed items last; otherwise the nearest deadline first.
  return [...items.filter((r) => r.status !== "CLOSED"), ...items.filter((r) => r.status === "CLOSED")];
}

/** The actor's own unit's items (我的任务), if it has a unit. */
export function listMyRectifications(actor: Actor, options: { openOnly?: boolean } = {}, today = todayInChina()) {
  const unitId = scope.homeUnitId(actor);
  return unitId ? listUnitRectifications(actor, unitId, options, today) : Promise.resolve([]);
}

/** Items reported and waiting for the bureau's 核验, oldest report first. */
export async function listAwaitingVerification(actor: Actor, today = todayInChina()) {
  if (!can(actor, "rectification.verify")) return [];
  const rows = await db().rectification.findMany({
    where: { status: "SUBMITTED", ...scope.rectifications(actor) },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: 200,
    include: {
      unit: { select: { name: true } },
      finding: { select: { text: true, inspection: { select: { title: true } } } },
    },
  });
  return rows.map((r) => withState(r, today));
}

export type RectificationUnitRow = RectificationCounters & { unitId: number; unitName: string };

/**
 * The district dashboard's 督察整改 block, aggregated in SQL: items by
 * status, overdue, due soon, closed late, in total and per unit. Null when
 * the district is out of the actor's scope.
 */
export async function loadRectificationFigures(actor: Actor, districtId: number, today = todayInChina()) {
  if (!can(actor, "inspection.read", { regionId: districtId })) return null;
  const [row] = await db().$queryRaw<[{ totals: RectificationCounters; units: RectificationUnitRow[] | null }]>`
    WITH per_unit AS (
      SELECT r."unitId", u."name" AS "unitName", min(u."sortOrder") AS "sortOrder", ${counters(today)}
      FROM "Rectification" r JOIN "Unit" u ON u."id" = r."unitId"
      WHERE r."districtId" = ${districtId}::int
      GROUP BY r."unitId", u."name"
    ), totals AS (
      SELECT ${counters(today)} FROM "Rectification" r WHERE r."districtId" = ${districtId}::int
    )
    SELECT
      (SELECT row_to_json(totals) FROM totals) AS "totals",
      (SELECT json_agg(t ORDER BY t."overdue" DESC, t."open" + t."submitted" DESC, t."sortOrder", t."unitId") FROM (
        SELECT "unitId", "unitName", "sortOrder", "total", "open", "submitted", "closed", "overdue", "dueSoon", "closedLate" FROM per_unit
      ) t) AS "units"`;
  return {
    totals: row?.totals ?? ZERO,
    units: (row?.units ?? []).map(({ sortOrder: _s, ...u }: RectificationUnitRow & { sortOrder?: number }) => u),
  };
}

/** What the add-finding form offers: the district's units in the actor's scope, and its plans' measures. */
export async function findingFormOptions(actor: Actor, districtId: number) {
  const [units, measures] = await Promise.all([
    db().unit.findMany({
      where: { districtId, active: true, ...scope.units(actor) },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db().measure.findMany({
      where: { districtId, plan: { status: { not: "CLOSED" } } },
      orderBy: [{ planId: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
      take: 1000,
      select: { id: true, code: true, text: true, plan: { select: { id: true, title: true } } },
    }),
  ]);
  return { units, measures };
}

/**
 * When each item was closed (销号), if it stood closed at `asOf`; null if it
 * was open then. Reopening clears the row's verifiedAt, and an item can be
 * closed and reopened more than once, so the history comes from its closings
 * (RectificationClosure); an item with none (data written without them) falls
 * back to its row. For reports judged at a past moment, e.g. an annual report
 * for the year an item was closed in.
 */
export async function rectificationsClosedAsOf(
  client: Db | Tx,
  items: readonly { id: number; status: RectificationStatus; verifiedAt: Date | null }[],
  asOf: Date,
): Promise<Map<number, Date | null>> {
  if (items.length === 0) return new Map();
  const closures = await client.rectificationClosure.findMany({
    where: { rectificationId: { in: items.map((i) => i.id) } },
    orderBy: [{ closedAt: "asc" }, { id: "asc" }],
    select: { rectificationId: true, closedAt: true, reopenedAt: true },
  });
  const history = new Map<number, typeof closures>();
  for (const closure of closures) history.set(closure.rectificationId, [...(history.get(closure.rectificationId) ?? []), closure]);
  return new Map(
    items.map((item) => {
      const own = history.get(item.id);
      if (!own) {
        const closed = item.status === "CLOSED" && item.verifiedAt !== null && item.verifiedAt < asOf;
        return [item.id, closed ? item.verifiedAt : null];
      }
      // The last closing before asOf, unless it was reopened by then.
      const last = own.filter((c) => c.closedAt < asOf).at(-1);
      return [item.id, last && (last.reopenedAt === null || last.reopenedAt >= asOf) ? last.closedAt : null];
    }),
  );
}
