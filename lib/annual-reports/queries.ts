import { Prisma } from "@/lib/generated/prisma/client.ts";
import { loadTargetLines } from "@/lib/targets/draft-lines.ts";
import { expiryDate } from "@/lib/plans/life.ts";
import { db, type Db } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { factsCte, type PlanPeriods } from "@/lib/dashboards/facts.ts";
import { latestDuePeriod } from "@/lib/reporting/periods.ts";
import { rectificationsClosedAsOf } from "@/lib/inspections/queries.ts";
import { chinaDate, chinaDayEnd, chinaDayStart, dateColumn, isoDate, todayInChina } from "@/lib/dates.ts";
import type { DashboardFilters } from "@/lib/dashboards/schema.ts";
import {
  EXCERPTS_PER_CHAPTER,
  type BehindMeasure,
  type ChapterProgress,
  type DraftFigures,
  type DraftInput,
  type InspectionRow,
  type NextYearChapter,
  type RectificationState,
} from "@/lib/annual-reports/draft.ts";
import { currentReportYear, needsWarning, reportDeadlineStates, type DeadlineState } from "@/lib/annual-reports/deadlines.ts";
import { chinaDateSql } from "@/lib/dates-sql.ts";

// What a draft is built from, and the reads of the pages.
//
// The figures use the dashboards' own facts (lib/dashboards/facts.ts: the
// district's plans in force, measure completion = every lead assignment
// approved as completed, completion day = the last lead's, on time = completed
// on or before the deadline), judged on `judgedOn`: 1 January of the next year
// for a past year (the dashboards as they read when the year closed), today
// for the current year. Completion is counted by its date, so a measure
// finished after the year still counts as overdue at year end.

export type DraftScope = {
  districtId: number;
  /** The region's level decides which inspections are its own: a district's are all of its district's. */
  regionId: number;
  regionIsDistrict: boolean;
  /** A department's own report: only its assignments count. */
  unitId: number | null;
  year: number;
};

/** The day the figures are judged on and the last day completions count. */
export function judgingDays(year: number, today: string): { judgedOn: string; completedBy: string; currentYear: boolean } {
  const currentYear = Number(today.slice(0, 4)) === year;
  return currentYear
    ? { judgedOn: today, completedBy: today, currentYear }
    : { judgedOn: `${year + 1}-01-01`, completedBy: `${year}-12-31`, currentYear };
}

type MeasureRows = {
  figures: Omit<DraftFigures, "units" | "reportsSubmitted" | "reportsReturned">;
  units: number;
  reports: { submitted: number; returned: number };
  chapters: { chapterId: number | null; measures: number; completed: number }[] | null;
  approved: { measureId: number; chapterId: number | null; code: string; text: string; n: number }[] | null;
  behind: (BehindMeasure & { order: number })[] | null;
  nextYear: { measureId: number; chapterId: number | null; code: string; text: string; deadline: string }[] | null;
};

/**
 * The plans a report covers: those of the report's region and the regions
 * under it (a town's report never counts the district's or another town's
 * plans), whose period covers the year, whatever their status now (a 2020
 * report covers the 2016-2020 plan closed since) but DRAFT. A plan with no
 * period counts from its issue year on; with neither, always.
 */
export async function reportPlans(client: Db, regionId: number, year: number, judgedOn: string): Promise<PlanPeriods[]> {
  const region = await client.region.findUnique({ where: { id: regionId }, select: { path: true } });
  if (!region) return [];
  const plans = await client.plan.findMany({
    where: {
      region: { path: { startsWith: region.path } },
      status: { not: "DRAFT" },
      AND: [
        {
          OR: [
            { periodStart: { lte: year } },
            { periodStart: null, OR: [{ issueDate: null }, { issueDate: { lte: dateColumn(`${year}-12-31`) } }] },
          ],
        },
        { OR: [{ periodEnd: null }, { periodEnd: { gte: year } }] },
      ],
    },
    select: { id: true, districtId: true, issueDate: true, periodStart: true, periodEnd: true, reportCadence: true, reportDueDay: true },
    orderBy: { id: "asc" },
  });
  // As lib/dashboards/facts.ts scopePlans, without a period chosen: both periods the judged one.
  return plans.map((plan) => {
    const judged = latestDuePeriod(judgedOn, plan.reportCadence, plan.reportDueDay);
    // The plan's reporting window ends at its expiry (issue 15); its first day stays the issue date here.
    return {
      id: plan.id,
      districtId: plan.districtId,
      issueDate: isoDate(plan.issueDate),
      reportingEnd: expiryDate(plan),
      periodStart: plan.periodStart,
      judged,
      selected: judged,
    };
  });
}

const EMPTY_FIGURES: DraftFigures = {
  completed: 0,
  completedOnTime: 0,
  overdue: 0,
  reportsSubmitted: 0,
  reportsReturned: 0,
  units: 0,
  measures: 0,
};

/** Everything buildDraft needs but the subject's name, read in a few statements. */
export async function loadDraftData(
  client: Db,
  scope: DraftScope,
  today = todayInChina(),
): Promise<Omit<DraftInput, "subject" | "unitReport">> {
  const { year, districtId, unitId } = scope;
  const { judgedOn, completedBy, currentYear } = judgingDays(year, today);
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const filters: DashboardFilters = unitId ? { unit: unitId } : {};
  const plans = await reportPlans(client, scope.regionId, year, judgedOn);
  const inspections = await loadInspections(client, scope, judgedOn, completedBy);
  const base = { year, currentYear, judgedOn, inspections };
  if (plans.length === 0) return { ...base, figures: EMPTY_FIGURES, chapters: [], behind: [], nextYear: [] };

  const [row] = await client.$queryRaw<[{ data: MeasureRows }]>`
${factsCte(plans, filters, judgedOn)},
yr AS (
  SELECT mf."id", mf."planId", mf."chapterId", mf."deadline", mf."ongoing", mf."light", mf."completed", mf."completedOn",
    (mf."completed" AND mf."completedOn" BETWEEN ${yearStart}::date AND ${completedBy}::date) AS "doneInYear",
    (mf."completed" AND mf."completedOn" <= ${completedBy}::date) AS "doneByEnd",
    (NOT mf."ongoing" AND mf."deadline" IS NOT NULL AND mf."deadline" < ${judgedOn}::date
      AND NOT (mf."completed" AND mf."completedOn" <= ${completedBy}::date)) AS "overdueAtEnd"
  FROM mf
),
rp AS (
  SELECT r."state", r."claimedStatus", r."text", r."submittedAt", r."reviewedAt", ax."measureId", ax."role"
  FROM "ProgressReport" r JOIN ax ON ax."id" = r."assignmentId"
  WHERE r."districtId" = ${districtId}::int
),
ord AS (
  SELECT m."id", m."code", m."text", row_number() OVER (ORDER BY m."planId", m."sortOrder", m."id")::int AS "order"
  FROM "Measure" m JOIN yr ON yr."id" = m."id"
)
SELECT json_build_object(
  'figures', (SELECT json_build_object(
      'measures', count(*)::int,
      'completed', count(*) FILTER (WHERE yr."doneInYear")::int,
      'completedOnTime', count(*) FILTER (WHERE yr."doneInYear" AND NOT yr."ongoing" AND yr."deadline" IS NOT NULL AND yr."completedOn" <= yr."deadline")::int,
      'overdue', count(*) FILTER (WHERE yr."overdueAtEnd")::int) FROM yr),
  'units', (SELECT count(DISTINCT ax."unitId")::int FROM ax),
  'reports', (SELECT json_build_object(
      'submitted', count(*) FILTER (WHERE rp."state" <> 'DRAFT' AND ${chinaDateSql(Prisma.sql`rp."submittedAt"`)} BETWEEN ${yearStart}::date AND ${yearEnd}::date)::int,
      'returned', count(*) FILTER (WHERE rp."state" = 'RETURNED' AND ${chinaDateSql(Prisma.sql`rp."reviewedAt"`)} BETWEEN ${yearStart}::date AND ${yearEnd}::date)::int)
    FROM rp),
  'chapters', (SELECT json_agg(t) FROM (
      SELECT yr."chapterId", count(*)::int AS "measures", count(*) FILTER (WHERE yr."doneInYear")::int AS "completed"
      FROM yr GROUP BY yr."chapterId") t),
  'approved', (SELECT json_agg(t) FROM (
      -- One excerpt per measure: its latest approved report of the year with
      -- something to say, a lead unit's before a responsible unit's.
      SELECT DISTINCT ON (rp."measureId") rp."measureId", yr."chapterId", ord."code", left(rp."text", 300) AS "text",
        (count(*) OVER (PARTITION BY rp."measureId"))::int AS "n"
      FROM rp JOIN yr ON yr."id" = rp."measureId" JOIN ord ON ord."id" = rp."measureId"
      WHERE rp."state" = 'APPROVED' AND ${chinaDateSql(Prisma.sql`rp."reviewedAt"`)} BETWEEN ${yearStart}::date AND ${yearEnd}::date
      ORDER BY rp."measureId", (rp."claimedStatus" = 'NO_CHANGE' OR btrim(rp."text") = ''), (rp."role" <> 'LEAD'), rp."reviewedAt" DESC) t),
  'behind', (SELECT json_agg(t ORDER BY t."order") FROM (
      SELECT yr."id" AS "measureId", ord."code", left(ord."text", 200) AS "text", ord."order",
        CASE WHEN yr."overdueAtEnd" THEN 'RED' ELSE 'YELLOW' END AS "light",
        to_char(yr."deadline", 'YYYY-MM-DD') AS "deadline"
      FROM yr JOIN ord ON ord."id" = yr."id"
      WHERE yr."overdueAtEnd" OR (yr."light" = 'YELLOW' AND NOT yr."doneByEnd")) t),
  'nextYear', (SELECT json_agg(t ORDER BY t."order") FROM (
      SELECT yr."id" AS "measureId", yr."chapterId", ord."code", left(ord."text", 200) AS "text", ord."order",
        to_char(yr."deadline", 'YYYY-MM-DD') AS "deadline"
      FROM yr JOIN ord ON ord."id" = yr."id"
      WHERE NOT yr."ongoing" AND NOT yr."doneByEnd"
        AND yr."deadline" BETWEEN ${`${year + 1}-01-01`}::date AND ${`${year + 1}-12-31`}::date) t)
) AS "data"`;
  const data = row.data;

  const chapterIds = [
    ...new Set([...(data.chapters ?? []), ...(data.nextYear ?? [])].map((c) => c.chapterId).filter((id): id is number => id !== null)),
  ];
  const sections = await client.section.findMany({
    where: { id: { in: chapterIds } },
    select: { id: true, title: true, planId: true, sortOrder: true },
  });
  const chapterOrder = [...sections].sort((a, b) => a.planId - b.planId || a.sortOrder - b.sortOrder || a.id - b.id).map((s) => s.id);
  const titleOf = (id: number | null) => (id === null ? "其他工作" : (sections.find((s) => s.id === id)?.title ?? "其他工作"));
  const rank = (id: number | null) => (id === null ? Number.MAX_SAFE_INTEGER : chapterOrder.indexOf(id));

  const approved = data.approved ?? [];
  const chapters: ChapterProgress[] = (data.chapters ?? [])
    .filter((c) => approved.some((a) => a.chapterId === c.chapterId))
    .sort((a, b) => rank(a.chapterId) - rank(b.chapterId))
    .map((c) => {
      const own = approved.filter((a) => a.chapterId === c.chapterId);
      return {
        chapterId: c.chapterId ?? 0,
        title: titleOf(c.chapterId),
        measures: c.measures,
        completed: c.completed,
        approvedReports: own.reduce((n, a) => n + a.n, 0),
        excerpts: own.slice(0, EXCERPTS_PER_CHAPTER).map((a) => ({ measureId: a.measureId, code: a.code, text: a.text })),
      };
    });

  const nextYearRows = data.nextYear ?? [];
  const nextYear: NextYearChapter[] = [...new Set(nextYearRows.map((m) => m.chapterId))]
    .sort((a, b) => rank(a) - rank(b))
    .map((chapterId) => ({
      chapterId,
      title: titleOf(chapterId),
      measures: nextYearRows
        .filter((m) => m.chapterId === chapterId)
        .map((m) => ({ measureId: m.measureId, code: m.code, text: m.text, deadline: m.deadline })),
    }));

  return {
    ...base,
    targets: await loadTargetLines(
      client,
      plans.map((p) => p.id),
      year,
      unitId ?? undefined,
    ),
    figures: {
      ...data.figures,
      units: data.units,
      reportsSubmitted: data.reports.submitted,
      reportsReturned: data.reports.returned,
    },
    chapters,
    behind: (data.behind ?? []).map(({ order: _order, ...m }) => m),
    nextYear,
  };
}

/**
 * The inspections a report covers: held in the year, or with rectification
 * items open at some point of it (created by its end and not closed before it
 * began). A unit's report covers only its own rectification items.
 */
async function loadInspections(client: Db, scope: DraftScope, judgedOn: string, completedBy: string): Promise<InspectionRow[]> {
  const yearStart = chinaDayStart(`${scope.year}-01-01`);
  const yearEnd = chinaDayStart(`${scope.year + 1}-01-01`);
  const own = scope.unitId ? { unitId: scope.unitId } : {};
  const activeInYear = {
    ...own,
    createdAt: { lt: yearEnd },
    OR: [{ status: { not: "CLOSED" as const } }, { verifiedAt: { gte: yearStart } }],
  };
  const inspections = await client.inspection.findMany({
    where: {
      ...(scope.regionIsDistrict ? { districtId: scope.districtId } : { regionId: scope.regionId }),
      OR: [
        {
          inspectedOn: { gte: dateColumn(`${scope.year}-01-01`), lte: dateColumn(`${scope.year}-12-31`) },
          ...(scope.unitId
            ? { findings: { some: { OR: [{ units: { some: { unitId: scope.unitId } } }, { rectifications: { some: own } }] } } }
            : {}),
        },
        { findings: { some: { rectifications: { some: activeInYear } } } },
      ],
    },
    orderBy: [{ inspectedOn: "asc" }, { id: "asc" }],
    select: {
      title: true,
      inspector: true,
      inspectedOn: true,
      findings: {
        where: scope.unitId ? { OR: [{ units: { some: { unitId: scope.unitId } } }, { rectifications: { some: own } }] } : {},
        orderBy: { id: "asc" },
        select: {
          text: true,
          measureId: true,
          rectifications: {
            where: own,
            orderBy: { id: "asc" },
            select: { id: true, status: true, deadline: true, verifiedAt: true, unit: { select: { name: true } } },
          },
        },
      },
    },
  });
  // An item closed then reopened later was still closed at the year's end: the close date comes from its history.
  const items = inspections.flatMap((i) => i.findings.flatMap((f) => f.rectifications));
  const closedAsOf = await rectificationsClosedAsOf(client, items, chinaDayEnd(completedBy));
  return inspections.map((i) => ({
    title: i.title,
    inspector: i.inspector,
    inspectedOn: isoDate(i.inspectedOn),
    findings: i.findings.map((f) => ({
      text: f.text,
      measureId: f.measureId,
      rectifications: f.rectifications.map((r) => {
        const closedAt = closedAsOf.get(r.id);
        const closedOn = closedAt ? chinaDate(closedAt) : null;
        const deadline = isoDate(r.deadline);
        // Judged at the end of the year: closed after it was still being rectified then.
        const state: RectificationState = closedOn && closedOn <= completedBy ? "CLOSED" : deadline < judgedOn ? "OVERDUE" : "IN_PROGRESS";
        return { unitName: r.unit.name, state, deadline, closedOn: state === "CLOSED" ? closedOn : null };
      }),
    })),
  }));
}

// ---------------------------------------------------------------------------
// Pages

const listSelect = {
  id: true,
  year: true,
  title: true,
  status: true,
  version: true,
  imported: true,
  regionId: true,
  unitId: true,
  previousVersionId: true,
  submittedAt: true,
  publishedAt: true,
  updatedAt: true,
  region: { select: { name: true } },
  unit: { select: { name: true } },
  nextVersion: { select: { id: true, status: true } },
} satisfies Prisma.AnnualReportSelect;

export type ReportListRow = Prisma.AnnualReportGetPayload<{ select: typeof listSelect }> & {
  /** A published report a published correction replaced: kept as history. */
  superseded: boolean;
  deadlines: { submit: DeadlineState; publish: DeadlineState } | null;
};

/** How many rows the list shows at most (a city: about 100 districts, their departments, years). */
export const REPORT_LIST_LIMIT = 300;
/** Without a year chosen the list shows this many report years back from the latest one due. */
export const REPORT_LIST_DEFAULT_YEARS = 3;

/** `year`: one year, "ALL", or undefined for the latest REPORT_LIST_DEFAULT_YEARS report years (and any current-year draft). */
export type ReportYearFilter = number | "ALL" | undefined;

/** The reports of the actor's scope (imported history included), newest year first, at most `REPORT_LIST_LIMIT`. */
export async function listAnnualReports(
  actor: Actor,
  { today = todayInChina(), year }: { today?: string; year?: ReportYearFilter } = {},
): Promise<{ rows: ReportListRow[]; truncated: boolean }> {
  if (!can(actor, "annualReport.read")) return { rows: [], truncated: false };
  const years =
    year === "ALL" ? {} : year !== undefined ? { year } : { year: { gte: currentReportYear(today) - REPORT_LIST_DEFAULT_YEARS + 1 } };
  const rows = await db().annualReport.findMany({
    where: { AND: [scope.annualReports(actor), years] },
    orderBy: [{ year: "desc" }, { regionId: "asc" }, { unitId: { sort: "asc", nulls: "first" } }, { version: "desc" }],
    select: listSelect,
    take: REPORT_LIST_LIMIT + 1,
  });
  return {
    rows: rows.slice(0, REPORT_LIST_LIMIT).map((r) => ({
      ...r,
      superseded: r.status === "PUBLISHED" && r.nextVersion?.status === "PUBLISHED",
      deadlines: r.imported ? null : deadlinesOf(r, today),
    })),
    truncated: rows.length > REPORT_LIST_LIMIT,
  };
}

/** The years the actor has reports of, newest first, for the list's year select. */
export async function listAnnualReportYears(actor: Actor): Promise<number[]> {
  if (!can(actor, "annualReport.read")) return [];
  const rows = await db().annualReport.groupBy({ by: ["year"], where: scope.annualReports(actor), orderBy: { year: "desc" } });
  return rows.map((r) => r.year);
}

function deadlinesOf(r: { year: number; submittedAt: Date | null; publishedAt: Date | null; status: string }, today: string) {
  return reportDeadlineStates({
    year: r.year,
    today,
    submittedOn: r.submittedAt && r.status !== "DRAFT" ? chinaDate(r.submittedAt) : null,
    publishedOn: r.publishedAt && r.status === "PUBLISHED" ? chinaDate(r.publishedAt) : null,
  });
}

export async function getAnnualReport(actor: Actor, id: number) {
  if (!can(actor, "annualReport.read")) return null;
  const report = await db().annualReport.findFirst({
    where: { AND: [{ id }, scope.annualReports(actor)] },
    include: {
      sections: { orderBy: { sortOrder: "asc" } },
      region: { select: { name: true } },
      unit: { select: { name: true } },
      nextVersion: { select: { id: true, status: true, version: true } },
    },
  });
  if (!report) return null;
  // The whole chain of versions, oldest first (a handful of rows).
  const chain: { id: number; version: number; status: string; publishedAt: Date | null; previousVersionId: number | null }[] = [];
  let cursor: number | null = report.id;
  const seen = new Set<number>();
  while (cursor !== null && !seen.has(cursor)) {
    seen.add(cursor);
    const v: (typeof chain)[number] | null = await db().annualReport.findUnique({
      where: { id: cursor },
      select: { id: true, version: true, status: true, publishedAt: true, previousVersionId: true },
    });
    if (!v) break;
    chain.unshift(v);
    cursor = v.previousVersionId;
  }
  let next = report.nextVersion?.id ?? null;
  while (next !== null && !seen.has(next)) {
    seen.add(next);
    const v = await db().annualReport.findUnique({
      where: { id: next },
      select: { id: true, version: true, status: true, publishedAt: true, previousVersionId: true, nextVersion: { select: { id: true } } },
    });
    if (!v) break;
    chain.push(v);
    next = v.nextVersion?.id ?? null;
  }
  // A liaison reading another subject's published report sees its published versions only.
  const visibleChain = scope.seesPublishedOnly(actor, report) ? chain.filter((v) => v.status === "PUBLISHED") : chain;
  const userIds = [report.createdById, report.submittedById, report.publishedById, report.returnedById].filter(
    (x): x is number => x !== null,
  );
  const users = await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const nameOf = (userId: number | null) => users.find((u) => u.id === userId)?.name ?? null;
  // The measures paragraphs link to, if they still exist (a measure can be deleted with its plan).
  const measureIds = [...new Set(report.sections.flatMap((s) => s.measureIds))];
  const measures = measureIds.length
    ? await db().measure.findMany({ where: { id: { in: measureIds }, districtId: report.districtId }, select: { id: true, code: true } })
    : [];
  return {
    report,
    chain: visibleChain,
    measures: new Map(measures.map((m) => [m.id, m.code])),
    people: { createdBy: nameOf(report.createdById), submittedBy: nameOf(report.submittedById), publishedBy: nameOf(report.publishedById) },
    lastReturn:
      report.returnedAt && report.status === "DRAFT"
        ? { at: report.returnedAt, by: nameOf(report.returnedById), comment: report.returnComment ?? "" }
        : null,
    deadlines: report.imported ? null : deadlinesOf(report, todayInChina()),
  };
}

/**
 * The regions a draft form offers, and the units of the chosen one (a
 * department's own report): an admin's form would otherwise carry every unit
 * of every district. A liaison gets its own unit only, whatever is chosen.
 */
export async function draftFormOptions(actor: Actor, chosenRegionId?: number) {
  const regions = await db().region.findMany({
    where: { AND: [scope.regions(actor), { level: { in: ["DISTRICT", "TOWN"] } }] },
    orderBy: { path: "asc" },
    select: { id: true, name: true },
  });
  const unitScoped = scope.isUnitScoped(actor);
  const regionId = unitScoped
    ? undefined
    : chosenRegionId !== undefined && regions.some((r) => r.id === chosenRegionId)
      ? chosenRegionId
      : regions.length === 1
        ? regions[0]!.id
        : undefined;
  const units = unitScoped
    ? await db().unit.findMany({
        where: { ...scope.ownUnit(actor), active: true, regionId: { in: regions.map((r) => r.id) } },
        select: { id: true, name: true, regionId: true },
      })
    : regionId === undefined
      ? []
      : await db().unit.findMany({
          where: { regionId, active: true },
          orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
          select: { id: true, name: true, regionId: true },
        });
  return { regions, units, regionId: unitScoped ? (units[0]?.regionId ?? null) : (regionId ?? null) };
}

// ---------------------------------------------------------------------------
// Deadline warnings (the list and the home page)

export type ReportWarning = {
  subject: string;
  year: number;
  reportId: number | null;
  states: DeadlineState[];
};

/**
 * What is due or late for the actor who compiles reports: last year's report
 * of each district in scope (a department reports only when it has a draft),
 * and any report of another year still not published.
 */
export async function loadReportWarnings(actor: Actor, today = todayInChina()): Promise<ReportWarning[]> {
  if (!can(actor, "annualReport.manage")) return [];
  const year = currentReportYear(today);
  const [districts, reports] = await Promise.all([
    // A liaison compiles its unit's report only, never a district's.
    scope.isUnitScoped(actor)
      ? Promise.resolve([])
      : db().region.findMany({
          where: { AND: [scope.regions(actor), { level: "DISTRICT" }] },
          orderBy: { path: "asc" },
          select: { id: true, name: true },
          take: 200,
        }),
    db().annualReport.findMany({
      where: {
        ...scope.compiledAnnualReports(actor),
        // Corrections in progress do not make a published year late again.
        OR: [{ year }, { status: { not: "PUBLISHED" }, previousVersionId: null }],
      },
      orderBy: [{ year: "desc" }, { version: "desc" }],
      select: {
        id: true,
        year: true,
        regionId: true,
        unitId: true,
        status: true,
        imported: true,
        submittedAt: true,
        publishedAt: true,
        previousVersionId: true,
        region: { select: { name: true } },
        unit: { select: { name: true } },
      },
    }),
  ]);
  const warnings: ReportWarning[] = [];
  const key = (regionId: number, unitId: number | null, y: number) => `${regionId}/${unitId ?? ""}/${y}`;
  const byKey = new Map<string, (typeof reports)[number][]>();
  for (const r of reports) byKey.set(key(r.regionId, r.unitId, r.year), [...(byKey.get(key(r.regionId, r.unitId, r.year)) ?? []), r]);

  const judge = (subject: string, y: number, list: (typeof reports)[number][]) => {
    // An imported or a published report settles the year; corrections do not reopen it.
    if (list.some((r) => r.imported)) return;
    const states = reportDeadlineStates({
      year: y,
      today,
      submittedOn:
        list
          .map((r) => (r.status !== "DRAFT" && r.submittedAt ? chinaDate(r.submittedAt) : null))
          .filter(Boolean)
          .sort()[0] ?? null,
      publishedOn:
        list
          .map((r) => (r.status === "PUBLISHED" && r.publishedAt ? chinaDate(r.publishedAt) : null))
          .filter(Boolean)
          .sort()[0] ?? null,
    });
    const due = [states.submit, states.publish].filter(needsWarning);
    if (due.length > 0) warnings.push({ subject, year: y, reportId: list[0]?.id ?? null, states: due });
  };

  for (const d of districts) judge(d.name, year, byKey.get(key(d.id, null, year)) ?? []);
  for (const [k, list] of byKey) {
    const first = list[0]!;
    if (first.unitId === null && first.year === year && districts.some((d) => key(d.id, null, year) === k)) continue;
    judge(first.unit ? `${first.region.name}${first.unit.name}` : first.region.name, first.year, list);
  }
  return warnings;
}
