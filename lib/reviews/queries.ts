import { db } from "@/lib/db/client.ts";
import { periodOwedSql } from "@/lib/plans/window-sql.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { forbidden } from "@/lib/errors.ts";
import { isoDate, todayInChina, dateColumn } from "@/lib/dates.ts";
import { cadenceOfKey, periodByKey, periodContaining, previousPeriod, latestDuePeriod, type Period } from "@/lib/reporting/periods.ts";
import { CLAIMED_STATUS_LABELS, REVIEW_STATE_LABELS } from "@/lib/progress/schema.ts";
import type { ReviewFilters } from "@/lib/reviews/schema.ts";
import { chinaDateSql, chinaDateTextSql } from "@/lib/dates-sql.ts";

// ---------------------------------------------------------------------------
// The review desk (审核): submitted reports with their period, filtered by
// period, unit, plan and kind, and beside a lead unit's consolidated report the
// responsible units' reports for the same measure and period.

type PlanPeriodInfo = { reportCadence: Parameters<typeof periodContaining>[1]; reportDueDay: number };
const periodOf = (periodStart: Date, plan: PlanPeriodInfo) => periodContaining(isoDate(periodStart), plan.reportCadence, plan.reportDueDay);

/** The period a key names, with the cadence the key itself says (2026-Q3 is quarterly). */
export function periodOfKey(key: string): Period | null {
  const cadence = cadenceOfKey(key);
  return cadence ? periodByKey(key, cadence) : null;
}

const queueReportSelect = {
  id: true,
  version: true,
  text: true,
  percent: true,
  claimedStatus: true,
  periodStart: true,
  periodEnd: true,
  submittedAt: true,
  onBehalfOfUnitId: true,
  author: { select: { name: true } },
  attachments: { select: { id: true, fileName: true }, orderBy: { id: "asc" } },
  assignment: {
    select: {
      role: true,
      unit: { select: { id: true, name: true } },
      measure: {
        select: {
          id: true,
          code: true,
          text: true,
          plan: { select: { id: true, title: true, reportCadence: true, reportDueDay: true } },
        },
      },
    },
  },
} satisfies Prisma.ProgressReportSelect;

export type ReviewQueueItem = Awaited<ReturnType<typeof listReviewDesk>>["reports"][number];

/**
 * The bureau's queue, oldest submission first, with the filter choices drawn
 * from everything waiting in scope (so no choice ever leads to an empty page
 * by itself). Throws FORBIDDEN for a role that does not review.
 */
/** The desk lists this many reports at most, oldest first; filters narrow it down. */
export const REVIEW_DESK_LIMIT = 200;

export async function listReviewDesk(actor: Actor, filters: ReviewFilters = {}) {
  if (!can(actor, "report.review")) throw forbidden();
  const period = filters.period ? periodOfKey(filters.period) : null;
  const waiting: Prisma.ProgressReportWhereInput = { state: "SUBMITTED", assignmentId: { not: null }, ...scope.progressReports(actor) };
  const showReports = filters.kind !== "extension";
  const showExtensions = filters.kind !== "report" && !filters.period;
  // A measure by its code, or by words of its text or of its unit's name.
  const matching = (q: string): Prisma.MeasureWhereInput => ({ OR: [{ code: q }, { text: { contains: q } }] });
  const reportWhere: Prisma.ProgressReportWhereInput = {
    AND: [
      waiting,
      filters.unit ? { assignment: { unitId: filters.unit } } : {},
      filters.plan ? { assignment: { measure: { planId: filters.plan } } } : {},
      period ? { periodStart: dateColumn(period.start), periodEnd: dateColumn(period.end) } : {},
      filters.q ? { assignment: { OR: [{ measure: matching(filters.q) }, { unit: { name: { contains: filters.q } } }] } } : {},
    ],
  };
  const [rows, reportTotal, everything, extensions] = await Promise.all([
    showReports
      ? db().progressReport.findMany({
          where: reportWhere,
          orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
          take: REVIEW_DESK_LIMIT,
          select: queueReportSelect,
        })
      : Promise.resolve([]),
    showReports ? db().progressReport.count({ where: reportWhere }) : Promise.resolve(0),
    db().progressReport.findMany({
      where: waiting,
      select: {
        periodStart: true,
        assignment: {
          select: {
            unit: { select: { id: true, name: true } },
            measure: { select: { plan: { select: { id: true, title: true, reportCadence: true, reportDueDay: true } } } },
          },
        },
      },
      take: 5000,
    }),
    showExtensions
      ? db().deadlineExtension.findMany({
          where: {
            AND: [
              { state: "PENDING" },
              scope.extensions(actor),
              filters.unit ? { unitId: filters.unit } : {},
              filters.plan ? { measure: { planId: filters.plan } } : {},
              filters.q ? { OR: [{ measure: matching(filters.q) }, { unit: { name: { contains: filters.q } } }] } : {},
            ],
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            reason: true,
            oldDeadline: true,
            newDeadline: true,
            unit: { select: { id: true, name: true } },
            measure: { select: { id: true, code: true, plan: { select: { id: true, title: true } } } },
          },
        })
      : Promise.resolve([]),
  ]);

  const reports = rows.flatMap((row) =>
    row.assignment ? [{ ...row, assignment: row.assignment, period: periodOf(row.periodStart, row.assignment.measure.plan) }] : [],
  );
  const related = await relatedReports(
    actor,
    reports.filter((r) => r.assignment.role === "LEAD"),
  );

  const periods = new Map<string, string>();
  const units = new Map<number, string>();
  const plans = new Map<number, string>();
  for (const row of everything) {
    if (!row.assignment) continue;
    const p = periodOf(row.periodStart, row.assignment.measure.plan);
    periods.set(p.key, p.label);
    units.set(row.assignment.unit.id, row.assignment.unit.name);
    plans.set(row.assignment.measure.plan.id, row.assignment.measure.plan.title);
  }
  const sorted = <K>(map: Map<K, string>, by: (a: [K, string], b: [K, string]) => number) =>
    [...map.entries()].sort(by).map(([value, label]) => ({ value, label }));
  return {
    reports: reports.map((r) => ({
      ...r,
      related: (r.assignment.role === "LEAD" && related.get(`${r.assignment.measure.id}|${isoDate(r.periodStart)}`)) || [],
    })),
    /** How many reports match, when more match than the desk lists. */
    reportTotal,
    extensions,
    options: {
      periods: sorted(periods, (a, b) => String(b[0]).localeCompare(String(a[0]))),
      units: sorted(units, (a, b) => a[1].localeCompare(b[1], "zh-CN")),
      plans: sorted(plans, (a, b) => a[1].localeCompare(b[1], "zh-CN")),
    },
  };
}

/** The responsible units' reports (not drafts) for the same measure and period as each lead report, inside the actor's scope. */
async function relatedReports(actor: Actor, leads: { assignment: { measure: { id: number } }; periodStart: Date; periodEnd: Date }[]) {
  const byKey = new Map<string, RelatedReport[]>();
  if (!leads.length) return byKey;
  const rows = await db().progressReport.findMany({
    where: {
      AND: [
        scope.progressReports(actor),
        { state: { in: ["SUBMITTED", "APPROVED", "RETURNED"] } },
        {
          OR: leads.map((l) => ({
            periodStart: l.periodStart,
            periodEnd: l.periodEnd,
            assignment: { measureId: l.assignment.measure.id, role: "RESPONSIBLE" as const },
          })),
        },
      ],
    },
    orderBy: [{ id: "asc" }],
    select: {
      id: true,
      state: true,
      percent: true,
      text: true,
      claimedStatus: true,
      periodStart: true,
      attachments: { select: { id: true, fileName: true }, orderBy: { id: "asc" } },
      assignment: { select: { measureId: true, unit: { select: { name: true } } } },
    },
  });
  for (const row of rows) {
    if (!row.assignment) continue;
    const key = `${row.assignment.measureId}|${isoDate(row.periodStart)}`;
    const list = byKey.get(key) ?? [];
    list.push({
      id: row.id,
      unitName: row.assignment.unit.name,
      stateLabel: REVIEW_STATE_LABELS[row.state],
      claimedLabel: CLAIMED_STATUS_LABELS[row.claimedStatus],
      percent: row.percent,
      text: row.text,
      attachments: row.attachments,
    });
    byKey.set(key, list);
  }
  return byKey;
}

export type RelatedReport = {
  id: number;
  unitName: string;
  stateLabel: string;
  claimedLabel: string;
  percent: number;
  text: string;
  attachments: { id: number; fileName: string }[];
};

// ---------------------------------------------------------------------------
// 进展台账 and the 未报送/逾期 通报 of one district and period.

/** Districts the actor may read figures of, for the ledger's choice. */
export function listLedgerDistricts(actor: Actor) {
  if (!can(actor, "districtDashboard.read")) return Promise.resolve([]);
  return db().region.findMany({
    where: { AND: [{ level: "DISTRICT" }, scope.regions(actor)] },
    orderBy: { id: "asc" },
    select: { id: true, name: true },
  });
}

/** The periods offered: the latest due one of the cadence and the seven before it. */
export function ledgerPeriodChoices(today = todayInChina()): Period[] {
  const out: Period[] = [latestDuePeriod(today, "QUARTERLY")];
  while (out.length < 8) out.push(previousPeriod(out[out.length - 1]!, "QUARTERLY"));
  return out;
}

async function districtInScope(actor: Actor, districtId: number) {
  if (!can(actor, "districtDashboard.read")) return null;
  return db().region.findFirst({
    where: { AND: [{ id: districtId, level: "DISTRICT" }, scope.regions(actor)] },
    select: { id: true, name: true },
  });
}

export type LedgerRow = {
  assignmentId: number;
  planTitle: string;
  measureCode: string;
  measureText: string;
  unitName: string;
  role: "牵头" | "责任";
  reportText: string;
  percent: number | null;
  claimedStatus: string;
  reviewState: string;
  evidence: string;
  reviewer: string;
  reviewedOn: string;
  submittedOn: string;
  owed: boolean;
  /** The period's report was sent (a draft is not); reviewState is its words. */
  reported: boolean;
};

type RawLedgerRow = {
  assignmentId: number;
  planTitle: string;
  measureCode: string;
  measureText: string;
  unitName: string;
  role: "LEAD" | "RESPONSIBLE";
  reportText: string | null;
  percent: number | null;
  claimedStatus: keyof typeof CLAIMED_STATUS_LABELS | null;
  state: keyof typeof REVIEW_STATE_LABELS | null;
  evidence: string | null;
  reviewer: string | null;
  reviewedOn: string | null;
  submittedOn: string | null;
  owed: boolean;
};

/**
 * One row per measure × unit of the district's plans in force that report on
 * the period's cadence, for units assigned before the period ended: the
 * period's report (a draft counts as not reported: it is the unit's own), its
 * evidence file names, review state, reviewer and dates. `owed` follows the
 * dashboards' 本期报送率: assigned before the period ended and not completed.
 * Aggregated in SQL; null when the district is not the actor's.
 */
export async function loadPeriodLedger(actor: Actor, districtId: number, periodKey: string) {
  const district = await districtInScope(actor, districtId);
  const period = periodOfKey(periodKey);
  const cadence = cadenceOfKey(periodKey);
  if (!district || !period || !cadence) return null;
  const start = period.start;
  const end = period.end;
  const raw = await db().$queryRaw<RawLedgerRow[]>`
    SELECT a."id" AS "assignmentId", pl."title" AS "planTitle", m."code" AS "measureCode", m."text" AS "measureText",
      u."name" AS "unitName", a."role"::text AS "role",
      r."text" AS "reportText", r."percent", r."claimedStatus"::text AS "claimedStatus", r."state"::text AS "state",
      (SELECT string_agg(f."fileName", '、' ORDER BY f."id") FROM "Attachment" f WHERE f."reportId" = r."id") AS "evidence",
      rv."name" AS "reviewer",
      ${chinaDateTextSql(Prisma.sql`r."reviewedAt"`)} AS "reviewedOn",
      ${chinaDateTextSql(Prisma.sql`r."submittedAt"`)} AS "submittedOn",
      (a."status" <> 'COMPLETED' AND u."active"
        AND NOT (EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m."id" AND l."role" = 'LEAD')
             AND NOT EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m."id" AND l."role" = 'LEAD' AND l."status" <> 'COMPLETED'))
      ) AS "owed"
    FROM "Assignment" a
    JOIN "Measure" m ON m."id" = a."measureId"
    JOIN "Plan" pl ON pl."id" = m."planId"
    JOIN "Unit" u ON u."id" = a."unitId"
    LEFT JOIN "ProgressReport" r ON r."assignmentId" = a."id" AND r."periodStart" = ${start}::date AND r."periodEnd" = ${end}::date AND r."state" <> 'DRAFT'
    LEFT JOIN "User" rv ON rv."id" = r."reviewerId"
    WHERE a."districtId" = ${district.id}::int
      AND pl."status" = 'IN_FORCE' AND pl."reportCadence"::text = ${cadence}
      AND ${periodOwedSql("pl", Prisma.sql`${start}::date`, Prisma.sql`${end}::date`, chinaDateSql(Prisma.sql`a."createdAt"`))}
    ORDER BY pl."id", m."sortOrder", m."id", (a."role" = 'LEAD') DESC, u."name", a."id"`;
  const rows: LedgerRow[] = raw.map((r) => ({
    assignmentId: r.assignmentId,
    planTitle: r.planTitle,
    measureCode: r.measureCode,
    measureText: r.measureText,
    unitName: r.unitName,
    role: r.role === "LEAD" ? "牵头" : "责任",
    reportText: r.reportText ?? "",
    percent: r.percent,
    claimedStatus: r.claimedStatus ? CLAIMED_STATUS_LABELS[r.claimedStatus] : "",
    reviewState: r.state ? REVIEW_STATE_LABELS[r.state] : r.owed ? "未报送" : "无需报送",
    evidence: r.evidence ?? "",
    reviewer: r.reviewer ?? "",
    reviewedOn: r.reviewedOn ?? "",
    submittedOn: r.submittedOn ?? "",
    owed: r.owed,
    reported: r.state !== null,
  }));
  return { district, period, rows };
}

export type OverdueMeasure = { planTitle: string; code: string; text: string; deadline: string; leadUnits: string };

/**
 * The 未报送/逾期 通报: per unit, the measures it owed for the period and did
 * not report (nothing submitted, or a draft); then the district's measures past
 * their deadline and not completed, as of `today`. Null outside the scope.
 */
export async function loadOverdueNotice(actor: Actor, districtId: number, periodKey: string, today = todayInChina()) {
  const ledger = await loadPeriodLedger(actor, districtId, periodKey);
  if (!ledger) return null;
  const cadence = cadenceOfKey(periodKey)!;
  const missing = await db().$queryRaw<{ unitName: string; unitId: number; code: string; text: string; planTitle: string }[]>`
    SELECT u."id" AS "unitId", u."name" AS "unitName", m."code", m."text", pl."title" AS "planTitle"
    FROM "Assignment" a
    JOIN "Measure" m ON m."id" = a."measureId"
    JOIN "Plan" pl ON pl."id" = m."planId"
    JOIN "Unit" u ON u."id" = a."unitId"
    WHERE a."districtId" = ${ledger.district.id}::int
      AND pl."status" = 'IN_FORCE' AND pl."reportCadence"::text = ${cadence}
      AND ${periodOwedSql("pl", Prisma.sql`${ledger.period.start}::date`, Prisma.sql`${ledger.period.end}::date`, chinaDateSql(Prisma.sql`a."createdAt"`))}
      AND a."status" <> 'COMPLETED' AND u."active"
      AND NOT (EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m."id" AND l."role" = 'LEAD')
           AND NOT EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m."id" AND l."role" = 'LEAD' AND l."status" <> 'COMPLETED'))
      AND NOT EXISTS (
        SELECT 1 FROM "ProgressReport" r
        WHERE r."assignmentId" = a."id" AND r."periodStart" = ${ledger.period.start}::date AND r."periodEnd" = ${ledger.period.end}::date
          AND r."state" <> 'DRAFT')
    ORDER BY u."name", u."id", pl."id", m."sortOrder", m."id"`;
  const units: { unitName: string; measures: { code: string; text: string; planTitle: string }[] }[] = [];
  for (const row of missing) {
    const last = units[units.length - 1];
    const measure = { code: row.code, text: row.text, planTitle: row.planTitle };
    if (last && last.unitName === row.unitName) last.measures.push(measure);
    else units.push({ unitName: row.unitName, measures: [measure] });
  }
  const overdue = await db().$queryRaw<OverdueMeasure[]>`
    SELECT pl."title" AS "planTitle", m."code", m."text", to_char(m."deadline", 'YYYY-MM-DD') AS "deadline",
      COALESCE((SELECT string_agg(u."name", '、' ORDER BY u."name") FROM "Assignment" l JOIN "Unit" u ON u."id" = l."unitId"
                WHERE l."measureId" = m."id" AND l."role" = 'LEAD'), '') AS "leadUnits"
    FROM "Measure" m
    JOIN "Plan" pl ON pl."id" = m."planId"
    WHERE pl."districtId" = ${ledger.district.id}::int AND pl."status" = 'IN_FORCE'
      AND NOT m."ongoing" AND m."deadline" < ${today}::date
      AND NOT (EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m."id" AND l."role" = 'LEAD')
           AND NOT EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m."id" AND l."role" = 'LEAD' AND l."status" <> 'COMPLETED'))
    ORDER BY m."deadline", pl."id", m."sortOrder", m."id"`;
  const owedCount = ledger.rows.filter((r) => r.owed).length;
  const reportedCount = ledger.rows.filter((r) => r.owed && r.reported).length;
  return { district: ledger.district, period: ledger.period, today, units, overdue, owedCount, reportedCount };
}

export type OverdueNotice = NonNullable<Awaited<ReturnType<typeof loadOverdueNotice>>>;
