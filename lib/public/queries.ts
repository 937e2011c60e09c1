import { db } from "@/lib/db/client.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { MEASURE_COUNTERS, completionRate, factsCte, scopePlans, type MeasureCounters } from "@/lib/dashboards/facts.ts";
import { PLAN_MEASURES } from "@/lib/dashboards/rollup-facts.ts";
import { todayInChina } from "@/lib/dates.ts";
import { REGION_LEVEL_LABELS, type RegionLevel } from "@/lib/regions/schema.ts";
import { chinaDateTextSql } from "@/lib/dates-sql.ts";

// What the public pages (/public, no sign-in) may show: published annual
// reports and aggregate counts, nothing else. Every query names its columns
// (no `include` of whole rows): drafts, staff names (drafter, publisher,
// report authors, reviewers), attachments, progress texts and per-measure or
// per-unit ratings never reach these pages, not even by accident.

export { REGION_LEVEL_LABELS, type RegionLevel };

/**
 * The published reports that are current: PUBLISHED and not an earlier
 * version of another PUBLISHED report (a correction chain runs through
 * previousVersionId, possibly past drafts that were never published).
 */
const SUPERSEDED_CTE = Prisma.sql`
chain AS (
  SELECT a."id" AS "start", a."previousVersionId" AS "prev"
  FROM "AnnualReport" a WHERE a."status" = 'PUBLISHED' AND a."previousVersionId" IS NOT NULL
  UNION
  SELECT c."start", p."previousVersionId"
  FROM chain c JOIN "AnnualReport" p ON p."id" = c."prev"
  WHERE p."previousVersionId" IS NOT NULL
),
superseded AS (SELECT DISTINCT c."prev" AS "id" FROM chain c)`;

export type PublicRegionNode = {
  id: number;
  name: string;
  level: RegionLevel;
  parentId: number | null;
  depth: number;
  /** Current published annual reports of the region itself (its units' included). */
  reports: number;
  /** Plans in force in the region itself. */
  plans: number;
};

/**
 * Regions with something public, in tree order (city → district → town),
 * with the regions above them so the tree reads whole.
 */
export async function listPublicRegions(): Promise<PublicRegionNode[]> {
  const [regions, counts] = await Promise.all([
    db().region.findMany({
      orderBy: { path: "asc" },
      select: { id: true, name: true, level: true, parentId: true, path: true, code: true },
    }),
    db().$queryRaw<{ regionId: number; reports: number; plans: number }[]>`
WITH RECURSIVE ${SUPERSEDED_CTE},
r AS (
  SELECT a."regionId", count(*)::int AS "n" FROM "AnnualReport" a
  WHERE a."status" = 'PUBLISHED' AND a."id" NOT IN (SELECT "id" FROM superseded)
  GROUP BY a."regionId"
),
p AS (
  SELECT pl."regionId", count(*)::int AS "n" FROM "Plan" pl WHERE pl."status" = 'IN_FORCE' GROUP BY pl."regionId"
)
SELECT COALESCE(r."regionId", p."regionId") AS "regionId", COALESCE(r."n", 0) AS "reports", COALESCE(p."n", 0) AS "plans"
FROM r FULL JOIN p ON p."regionId" = r."regionId"`,
  ]);
  const countOf = new Map(counts.map((c) => [c.regionId, c]));
  const byId = new Map(regions.map((r) => [r.id, r]));
  const shown = new Set<number>();
  for (const c of counts) {
    // The region and every region above it.
    const region = byId.get(c.regionId);
    for (const id of region ? region.path.split("/").filter(Boolean).map(Number) : []) shown.add(id);
  }
  // Tree order: siblings by code (administrative division codes sort the way official lists do).
  const children = new Map<number | null, typeof regions>();
  for (const r of regions.filter((r) => shown.has(r.id))) {
    const parent = r.parentId !== null && shown.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: PublicRegionNode[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const r of [...(children.get(parentId) ?? [])].sort((a, b) => a.code.localeCompare(b.code))) {
      const c = countOf.get(r.id);
      out.push({ id: r.id, name: r.name, level: r.level, parentId: r.parentId, depth, reports: c?.reports ?? 0, plans: c?.plans ?? 0 });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export type PublicReportListItem = {
  id: number;
  year: number;
  title: string;
  version: number;
  imported: boolean;
  /** The calendar day it was published, "YYYY-MM-DD" (Beijing). */
  publishedOn: string | null;
  /** Set for a department's own report. */
  unitName: string | null;
  /** An earlier published version of a corrected report (已更正的历史版本). */
  superseded: boolean;
};

async function publishedReports(where: Prisma.Sql): Promise<PublicReportListItem[]> {
  return db().$queryRaw<PublicReportListItem[]>`
WITH RECURSIVE ${SUPERSEDED_CTE}
SELECT a."id", a."year", a."title", a."version", a."imported",
  ${chinaDateTextSql(Prisma.sql`a."publishedAt"`)} AS "publishedOn",
  u."name" AS "unitName",
  a."id" IN (SELECT "id" FROM superseded) AS "superseded"
FROM "AnnualReport" a LEFT JOIN "Unit" u ON u."id" = a."unitId"
WHERE a."status" = 'PUBLISHED' AND ${where}
ORDER BY a."year" DESC, a."unitId" NULLS FIRST, u."sortOrder", a."unitId", a."version" DESC, a."id" DESC`;
}

export type ChapterProgress = MeasureCounters & {
  chapterId: number | null;
  label: string;
  title: string;
  completionRate: number | null;
};

export type PlanProgress = {
  id: number;
  title: string;
  periodStart: number | null;
  periodEnd: number | null;
  totals: MeasureCounters & { completionRate: number | null };
  chapters: ChapterProgress[];
};

const ZERO: MeasureCounters = {
  measures: 0,
  ongoing: 0,
  nonOngoing: 0,
  completedNonOngoing: 0,
  dueSoon: 0,
  completed: 0,
  overdue: 0,
  inProgress: 0,
  notStarted: 0,
  red: 0,
  yellow: 0,
  green: 0,
  grey: 0,
};

function sum(rows: MeasureCounters[]): MeasureCounters {
  const total = { ...ZERO };
  for (const row of rows) for (const key of Object.keys(ZERO) as (keyof MeasureCounters)[]) total[key] += row[key];
  return total;
}

/**
 * Measure counts by state per chapter for the region's plans in force, counted
 * by the dashboards' own SQL (lib/dashboards/facts.ts) so the public figures
 * and the staff's never disagree.
 */
export async function planProgress(regionId: number, districtId: number, today = todayInChina()): Promise<PlanProgress[]> {
  const plans = await db().plan.findMany({
    where: { regionId, status: "IN_FORCE" },
    orderBy: { id: "asc" },
    select: { id: true, title: true, periodStart: true, periodEnd: true },
  });
  if (plans.length === 0) return [];
  const ids = new Set(plans.map((p) => p.id));
  const periods = (await scopePlans(db(), [districtId], {}, today)).filter((p) => ids.has(p.id));
  if (periods.length === 0) return [];
  const [rows, chapters] = await Promise.all([
    db().$queryRaw<(MeasureCounters & { planId: number; chapterId: number | null })[]>`
${factsCte(periods, {}, today)}
SELECT mf."planId", mf."chapterId", ${MEASURE_COUNTERS} FROM ${PLAN_MEASURES} GROUP BY mf."planId", mf."chapterId"`,
    db().section.findMany({
      where: { planId: { in: [...ids] }, parentId: null },
      orderBy: [{ planId: "asc" }, { sortOrder: "asc" }],
      select: { id: true, planId: true, label: true, title: true },
    }),
  ]);
  return plans.map((plan) => {
    const planRows = rows.filter((r) => r.planId === plan.id);
    const ordered = chapters.filter((c) => c.planId === plan.id);
    const chapterRows: ChapterProgress[] = ordered
      .map((c) => {
        const row = planRows.find((r) => r.chapterId === c.id);
        const counters = row ? pickCounters(row) : { ...ZERO };
        return { ...counters, chapterId: c.id, label: c.label, title: c.title, completionRate: completionRate(counters) };
      })
      .filter((c) => c.measures > 0);
    const loose = planRows.find((r) => r.chapterId === null);
    if (loose) {
      const counters = pickCounters(loose);
      chapterRows.push({ ...counters, chapterId: null, label: "", title: "未分章节", completionRate: completionRate(counters) });
    }
    const totals = sum(planRows.map(pickCounters));
    return { ...plan, totals: { ...totals, completionRate: completionRate(totals) }, chapters: chapterRows };
  });
}

function pickCounters(row: MeasureCounters): MeasureCounters {
  const out = { ...ZERO };
  for (const key of Object.keys(ZERO) as (keyof MeasureCounters)[]) out[key] = Number(row[key] ?? 0);
  return out;
}

export type PublicRegionPage = NonNullable<Awaited<ReturnType<typeof getPublicRegion>>>;

/** A region's public page: its published reports and the progress of its plans in force; null if no such region. */
export async function getPublicRegion(regionId: number, today = todayInChina()) {
  const region = await db().region.findUnique({
    where: { id: regionId },
    select: { id: true, name: true, level: true, districtId: true, path: true, parent: { select: { id: true, name: true } } },
  });
  if (!region) return null;
  const [reports, plans, children] = await Promise.all([
    publishedReports(Prisma.sql`a."regionId" = ${region.id}::int`),
    region.districtId ? planProgress(region.id, region.districtId, today) : Promise.resolve([]),
    publicChildren(region.id, region.path),
  ]);
  return {
    region: { id: region.id, name: region.name, level: region.level, parent: region.parent },
    today,
    reports,
    plans,
    children,
  };
}

/**
 * The region's direct children that the index shows (something public in them or below them),
 * in code order, each with its own counts as listPublicRegions gives them. Read by parentId and
 * the subtree's path prefix, so a district's page never walks the whole province.
 */
async function publicChildren(regionId: number, path: string) {
  return db().$queryRaw<{ id: number; name: string; level: RegionLevel; reports: number; plans: number }[]>`
WITH RECURSIVE chain AS (
  SELECT a."id" AS "start", a."previousVersionId" AS "prev"
  FROM "AnnualReport" a JOIN "Region" g ON g."id" = a."regionId"
  WHERE a."status" = 'PUBLISHED' AND a."previousVersionId" IS NOT NULL AND g."path" LIKE ${path} || '%'
  UNION
  SELECT c."start", p."previousVersionId"
  FROM chain c JOIN "AnnualReport" p ON p."id" = c."prev"
  WHERE p."previousVersionId" IS NOT NULL
),
superseded AS (SELECT DISTINCT c."prev" AS "id" FROM chain c),
counts AS (
  SELECT g."id", g."path",
    (SELECT count(*)::int FROM "AnnualReport" a
      WHERE a."regionId" = g."id" AND a."status" = 'PUBLISHED' AND a."id" NOT IN (SELECT "id" FROM superseded)) AS "reports",
    (SELECT count(*)::int FROM "Plan" pl WHERE pl."regionId" = g."id" AND pl."status" = 'IN_FORCE') AS "plans"
  FROM "Region" g WHERE g."path" LIKE ${path} || '%' AND g."id" <> ${regionId}::int
)
SELECT k."id", k."name", k."level"::text AS "level", kc."reports", kc."plans"
FROM "Region" k JOIN counts kc ON kc."id" = k."id"
WHERE k."parentId" = ${regionId}::int
  AND EXISTS (SELECT 1 FROM counts d WHERE d."path" LIKE k."path" || '%' AND (d."reports" > 0 OR d."plans" > 0))
ORDER BY k."code"`;
}

export type PublicReportSection = { sortOrder: number; level: number; kind: string | null; heading: string; body: string };

export type PublicReport = NonNullable<Awaited<ReturnType<typeof getPublishedReport>>>;

/** A published report with its sections; null for anything not published (drafts and submitted reports 404). */
export async function getPublishedReport(reportId: number) {
  const [report] = await publishedReports(Prisma.sql`a."id" = ${reportId}::int`);
  if (!report) return null;
  const [meta, sections] = await Promise.all([
    db().annualReport.findUniqueOrThrow({
      where: { id: reportId },
      select: { region: { select: { id: true, name: true } } },
    }),
    db().annualReportSection.findMany({
      where: { reportId },
      orderBy: { sortOrder: "asc" },
      select: { sortOrder: true, level: true, kind: true, heading: true, body: true },
    }),
  ]);
  // The version that corrects this one, if it has been published.
  let latestId: number | null = null;
  if (report.superseded) {
    const [latest] = await db().$queryRaw<{ id: number }[]>`
WITH RECURSIVE later AS (
  SELECT a."id", a."status" FROM "AnnualReport" a WHERE a."previousVersionId" = ${reportId}::int
  UNION ALL
  SELECT a."id", a."status" FROM "AnnualReport" a JOIN later l ON a."previousVersionId" = l."id"
)
SELECT l."id" FROM later l WHERE l."status" = 'PUBLISHED' ORDER BY l."id" DESC LIMIT 1`;
    latestId = latest?.id ?? null;
  }
  return { ...report, region: meta.region, sections: sections satisfies PublicReportSection[], latestId };
}
