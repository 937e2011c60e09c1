import { db, type Db } from "@/lib/db/client.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { regionInScope } from "@/lib/regions/queries.ts";
import { listUnitTasks } from "@/lib/progress/queries.ts";
import { isoDate, todayInChina } from "@/lib/dates.ts";
import { latestDuePeriod, previousPeriod } from "@/lib/reporting/periods.ts";
import {
  ASSIGNMENT_COUNTERS,
  MEASURE_COUNTERS,
  MEASURE_LEVEL_ASSIGNMENT_COUNTERS,
  factsCte,
  scopePlans,
  type PlanPeriods,
  type AssignmentCounters,
  type MeasureCounters,
} from "@/lib/dashboards/facts.ts";
import type { DashboardFilters } from "@/lib/dashboards/schema.ts";
import { PLAN_MEASURES } from "@/lib/dashboards/rollup-facts.ts";
import {
  monthSeries,
  periodOptions,
  rankLagging,
  rankUnits,
  selectedPeriodLabel,
  type LaggingUnit,
  type UnitRow,
} from "@/lib/dashboards/figures.ts";

export type { LaggingUnit, UnitRow };

// The data behind the dashboards. Each loader checks the scope, then runs one
// SQL statement over the facts of lib/dashboards/facts.ts and returns counts;
// names and titles come from small lookups. `scripts/bench-dashboards.ts` times
// these very functions at province scale.

/** Rows shown in the overdue and due-soon lists; the totals are always counted in full. */
export const LIST_LIMIT = 100;

export type MeasureListRow = {
  id: number;
  code: string;
  text: string;
  deadline: string;
  days: number;
  planTitle: string;
  leadUnits: string | null;
};

/** Districts matching `where` that lie inside the actor's scope; ADMIN sees all. */
async function districtsInScope(actor: Actor, where: Prisma.RegionWhereInput) {
  return db().region.findMany({
    // AND, not a spread: the scope must never replace the caller's own id condition.
    where: { AND: [where, { level: "DISTRICT" }, scope.regions(actor)] },
    orderBy: { code: "asc" },
    select: { id: true, name: true, code: true, parentId: true },
  });
}

// ---------------------------------------------------------------------------
// District dashboard

/** The district's totals as the sum of its unit rows: one pass over the assignments, not two. */
const UNIT_ROW_TOTALS = Prisma.join(
  ["assigned", "lead", "completed", "overdue", "onTimeBase", "onTime", "expected", "submitted", "selReturned", "returned"].map(
    (column) => Prisma.sql`COALESCE(sum(${Prisma.raw(`"${column}"`)}), 0)::int AS ${Prisma.raw(`"${column}"`)}`,
  ),
  ", ",
);

/**
 * The reports each unit owes for a period, over \`ax\` rows: the assignments
 * the reminder job chases (lib/notifications/reminder-queries.ts: the unit active, the plan
 * not CLOSED, neither the assignment nor its measure completed) that were
 * expected a report for the period — always one whose due date has passed
 * (scopePlans) — and have none submitted or approved (none, a draft, or one
 * returned). Units that owe nothing are left out. `selected`: the period
 * whose submissions are counted (chosen, else the one judged today), or the
 * one judged today.
 */
function owedReportsByUnit(period: "selected" | "judged"): Prisma.Sql {
  const [expected, state] = period === "selected" ? ["selExpected", "selState"] : ["curExpected", "curState"];
  return Prisma.sql`
  SELECT ax."unitId", count(*)::int AS "owed"
  FROM ax
  JOIN "Unit" u ON u."id" = ax."unitId"
  JOIN "Plan" p ON p."id" = ax."planId"
  WHERE u."active" AND p."status" <> 'CLOSED'
    AND NOT ax."effDone" AND ax.${Prisma.raw(`"${expected}"`)} AND ax.${Prisma.raw(`"${state}"`)} NOT IN ('SUBMITTED', 'APPROVED')
  GROUP BY ax."unitId"`;
}

/** The district dashboard's figures in one statement over the facts. */
export function districtStatement(facts: Prisma.Sql, today: string): Prisma.Sql {
  return Prisma.sql`
${facts},
overdue AS (
  SELECT mf."id", COALESCE(mf."overdueSince", mf."deadline") AS "deadline", mf."planId" FROM mf WHERE mf."status" = 'OVERDUE'
  ORDER BY 2, mf."id" LIMIT ${LIST_LIMIT}
),
soon AS (
  SELECT mf."id", mf."deadline", mf."planId" FROM mf WHERE NOT mf."completed" AND mf."dueSoon"
  ORDER BY mf."deadline", mf."id" LIMIT ${LIST_LIMIT}
),
units AS (SELECT ax."unitId", ${ASSIGNMENT_COUNTERS} FROM ax GROUP BY ax."unitId"),
owing AS (${owedReportsByUnit("selected")})
SELECT json_build_object(
  'totals', (SELECT row_to_json(t) FROM (SELECT ${MEASURE_COUNTERS} FROM mf) t),
  'assignmentTotals', (SELECT row_to_json(t) FROM (SELECT ${UNIT_ROW_TOTALS} FROM units) t),
  'plans', (SELECT json_agg(t) FROM (SELECT mf."planId", ${MEASURE_COUNTERS} FROM ${PLAN_MEASURES} GROUP BY mf."planId") t),
  'chapters', (SELECT json_agg(t) FROM (SELECT mf."chapterId", ${MEASURE_COUNTERS} FROM ${PLAN_MEASURES} GROUP BY mf."chapterId") t),
  'units', (SELECT json_agg(units) FROM units),
  'owing', (SELECT json_agg(owing) FROM owing),
  'overdue', (SELECT json_agg(t ORDER BY t."deadline", t."id") FROM (
    SELECT o."id", m."code", left(m."text", 300) AS "text", to_char(o."deadline", 'YYYY-MM-DD') AS "deadline",
      (${today}::date - o."deadline")::int AS "days", p."title" AS "planTitle",
      (SELECT string_agg(u."name", '、' ORDER BY a."id") FROM "Assignment" a JOIN "Unit" u ON u."id" = a."unitId"
        WHERE a."measureId" = o."id" AND a."role" = 'LEAD') AS "leadUnits"
    FROM overdue o JOIN "Measure" m ON m."id" = o."id" JOIN "Plan" p ON p."id" = o."planId") t),
  'dueSoon', (SELECT json_agg(t ORDER BY t."deadline", t."id") FROM (
    SELECT o."id", m."code", left(m."text", 300) AS "text", to_char(o."deadline", 'YYYY-MM-DD') AS "deadline",
      (o."deadline" - ${today}::date)::int AS "days", p."title" AS "planTitle",
      (SELECT string_agg(u."name", '、' ORDER BY a."id") FROM "Assignment" a JOIN "Unit" u ON u."id" = a."unitId"
        WHERE a."measureId" = o."id" AND a."role" = 'LEAD') AS "leadUnits"
    FROM soon o JOIN "Measure" m ON m."id" = o."id" JOIN "Plan" p ON p."id" = o."planId") t),
  'monthly', (SELECT json_agg(t) FROM (
    SELECT to_char(mf."completedOn", 'YYYY-MM') AS "month", count(*)::int AS "completed"
    FROM mf WHERE mf."completed" AND NOT mf."ongoing" GROUP BY 1) t),
  'firstYear', (SELECT min(pl."periodStart") FROM pl WHERE NOT pl."context")
) AS "data"`;
}

export type DistrictDashboard = NonNullable<Awaited<ReturnType<typeof loadDistrictDashboard>>>;

/** Everything the district dashboard shows, or null when the district is outside the actor's scope. */
export async function loadDistrictDashboard(actor: Actor, districtId: number, filters: DashboardFilters, today = todayInChina()) {
  if (!can(actor, "districtDashboard.read")) return null;
  const [district] = await districtsInScope(actor, { id: districtId });
  if (!district) return null;
  const ids = [district.id];
  const facts = factsCte(await scopePlans(db(), ids, filters, today), filters, today);
  const [[data], plans, chapters, units] = await Promise.all([
    db().$queryRaw<
      [
        {
          data: {
            totals: MeasureCounters;
            assignmentTotals: AssignmentCounters & { returned: number };
            plans: (MeasureCounters & { planId: number })[] | null;
            chapters: (MeasureCounters & { chapterId: number | null })[] | null;
            units: (AssignmentCounters & { unitId: number; returned: number })[] | null;
            owing: { unitId: number; owed: number }[] | null;
            overdue: MeasureListRow[] | null;
            dueSoon: MeasureListRow[] | null;
            monthly: { month: string; completed: number }[] | null;
            firstYear: number | null;
          };
        },
      ]
    >`
${districtStatement(facts, today)}`,
    db().plan.findMany({
      where: { districtId: district.id },
      orderBy: [{ status: "asc" }, { id: "asc" }],
      select: { id: true, title: true, status: true },
    }),
    db().section.findMany({
      where: { districtId: district.id, parentId: null, ...(filters.plan ? { planId: filters.plan } : {}) },
      orderBy: [{ planId: "asc" }, { sortOrder: "asc" }],
      select: { id: true, planId: true, label: true, title: true },
    }),
    db().unit.findMany({
      where: { districtId: district.id },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
  ]);

  const planTitle = new Map(plans.map((p) => [p.id, p.title]));
  const chapterById = new Map(chapters.map((c) => [c.id, c]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const unitRows: UnitRow[] = (data.data.units ?? []).map((u) => ({ ...u, name: unitName.get(u.unitId) ?? `单位 ${u.unitId}` }));
  const owedByUnit = new Map((data.data.owing ?? []).map((o) => [o.unitId, o.owed]));
  const totals = data.data.totals;
  return {
    district,
    today,
    filters,
    periodLabel: selectedPeriodLabel(today, filters.period),
    totals,
    assignmentTotals: data.data.assignmentTotals,
    plans: (data.data.plans ?? []).map((p) => ({ ...p, title: planTitle.get(p.planId) ?? "" })).sort((a, b) => a.planId - b.planId),
    chapters: (data.data.chapters ?? [])
      .map((c) => {
        const chapter = c.chapterId ? chapterById.get(c.chapterId) : undefined;
        return {
          ...c,
          planId: chapter?.planId ?? null,
          planTitle: chapter ? (planTitle.get(chapter.planId) ?? "") : "",
          label: chapter?.label ?? "",
          title: chapter?.title ?? "未分章节",
          order: chapter ? chapters.indexOf(chapter) : Number.MAX_SAFE_INTEGER,
        };
      })
      .sort((a, b) => a.order - b.order),
    overdue: { total: totals.overdue, rows: data.data.overdue ?? [] },
    dueSoon: { rows: data.data.dueSoon ?? [] },
    units: rankUnits(unitRows, filters.sort, filters.dir),
    // Only the units that owe a report for the period, most owed first.
    notReported: rankUnits(unitRows, "name")
      .flatMap((u) => {
        const owed = owedByUnit.get(u.unitId);
        return owed ? [{ ...u, owed }] : [];
      })
      .sort((a, b) => b.owed - a.owed),
    monthly: monthSeries(data.data.monthly ?? [], data.data.firstYear, today),
    options: { plans, chapters, units, periods: periodOptions(today, filters.period) },
  };
}

export type DashboardMeasureRow = {
  id: number;
  code: string;
  text: string;
  planTitle: string;
  deadline: string | null;
  ongoing: boolean;
  status: "COMPLETED" | "OVERDUE" | "IN_PROGRESS" | "NOT_STARTED";
  light: "RED" | "YELLOW" | "GREEN" | "GREY";
};

/**
 * The measures behind the district figures under the filters (the drill-down
 * list), worst light first; null when the district is outside the actor's scope.
 */
export async function listDashboardMeasures(
  actor: Actor,
  districtId: number,
  filters: DashboardFilters,
  today = todayInChina(),
  limit = 200,
): Promise<{ total: number; rows: DashboardMeasureRow[] } | null> {
  if (!can(actor, "districtDashboard.read")) return null;
  const [district] = await districtsInScope(actor, { id: districtId });
  if (!district) return null;
  const rows = await db().$queryRaw<(DashboardMeasureRow & { total: number })[]>`
${factsCte(await scopePlans(db(), [district.id], filters, today), filters, today)}
SELECT mf."id", m."code", left(m."text", 300) AS "text", p."title" AS "planTitle",
  to_char(mf."deadline", 'YYYY-MM-DD') AS "deadline", mf."ongoing", mf."status", mf."light",
  (count(*) OVER ())::int AS "total"
FROM mf JOIN "Measure" m ON m."id" = mf."id" JOIN "Plan" p ON p."id" = mf."planId"
ORDER BY array_position(ARRAY['RED', 'YELLOW', 'GREEN', 'GREY'], mf."light"), mf."deadline" NULLS LAST, mf."planId", m."sortOrder", mf."id"
LIMIT ${limit}::int`;
  return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _total, ...row }) => row) };
}

// ---------------------------------------------------------------------------
// Cross-district view

export type AreaCell = MeasureCounters & { districtId: number; area: string | null };

type DistrictFigures = {
  measures: (MeasureCounters & { districtId: number }) | null;
  assignments: (AssignmentCounters & { districtId: number }) | null;
  areas: AreaCell[];
};

/** One district's row of the cross-district view (nulls when it has no plan in scope). */
async function districtFigures(
  districtId: number,
  plans: PlanPeriods[],
  filters: DashboardFilters,
  today: string,
): Promise<DistrictFigures> {
  if (plans.length === 0) return { measures: null, assignments: null, areas: [] };
  const [row] = await db().$queryRaw<[{ data: DistrictFigures }]>`
${factsCte(plans, filters, today, { measureLevel: true })}
SELECT json_build_object(
  'measures', (SELECT row_to_json(t) FROM (SELECT ${districtId}::int AS "districtId", ${MEASURE_COUNTERS} FROM mf) t),
  'assignments', (SELECT row_to_json(t) FROM (SELECT ${districtId}::int AS "districtId", ${MEASURE_LEVEL_ASSIGNMENT_COUNTERS} FROM mf) t),
  'areas', COALESCE((SELECT json_agg(t) FROM (
    SELECT ${districtId}::int AS "districtId", mf."area", ${MEASURE_COUNTERS} FROM mf GROUP BY mf."area") t), '[]')
) AS "data"`;
  return row.data;
}

/** Districts of a city side by side, or null when the region is outside the actor's scope. */
export async function loadCityDashboard(actor: Actor, regionId: number, filters: DashboardFilters, today = todayInChina()) {
  if (!can(actor, "districtDashboard.read")) return null;
  const region = await db().region.findFirst({
    where: regionInScope(actor, regionId),
    select: { id: true, name: true, path: true, level: true, parentId: true },
  });
  if (!region) return null;
  // The province above, for a link back to its page: only for those who can see it.
  const province =
    region.parentId === null
      ? null
      : await db().region.findFirst({
          where: { AND: [regionInScope(actor, region.parentId), { level: "PROVINCE" }] },
          select: { id: true, name: true },
        });
  const districts = await districtsInScope(actor, { path: { startsWith: region.path } });
  const ids = districts.map((d) => d.id);
  // Plan, chapter and unit belong to one district: they do not apply across districts.
  const cityFilters: DashboardFilters = { period: filters.period, state: filters.state, light: filters.light, area: filters.area };
  // One statement per district, run side by side: a district's figures never
  // need another's, and the database works on them with every core it has.
  const plans = await scopePlans(db(), ids, cityFilters, today);
  const [perDistrict, areas] = await Promise.all([
    Promise.all(
      ids.map((id) =>
        districtFigures(
          id,
          plans.filter((p) => p.districtId === id),
          cityFilters,
          today,
        ),
      ),
    ),
    db().outlineArea.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, name: true } }),
  ]);
  return {
    region,
    province,
    today,
    filters: cityFilters,
    periodLabel: selectedPeriodLabel(today, filters.period),
    districts: districts.map((d, i) => ({ ...d, measures: perDistrict[i]!.measures, assignments: perDistrict[i]!.assignments })),
    areas,
    areaCells: perDistrict.flatMap((d) => d.areas),
    options: { periods: periodOptions(today, filters.period) },
  };
}

// ---------------------------------------------------------------------------
// Province view: one row per city, districts on drill-down

export type CityAreaCell = MeasureCounters & { cityId: number; area: string | null };

type CityFigures = {
  measures: MeasureCounters | null;
  assignments: AssignmentCounters | null;
  areas: Omit<CityAreaCell, "cityId">[];
};

/**
 * One city's figures in one statement: the facts of all its districts (the
 * same CTEs and counters as districtFigures), summed over the city in SQL.
 * The counters are counts, so a city's row equals the sum of its districts'
 * rows in the city view (tests/integration/dashboards-province.test.ts).
 */
async function cityFigures(database: Db, plans: PlanPeriods[], filters: DashboardFilters, today: string): Promise<CityFigures> {
  if (plans.length === 0) return { measures: null, assignments: null, areas: [] };
  const [row] = await database.$queryRaw<[{ data: CityFigures }]>`
${factsCte(plans, filters, today, { measureLevel: true })}
SELECT json_build_object(
  'measures', (SELECT row_to_json(t) FROM (SELECT ${MEASURE_COUNTERS} FROM mf) t),
  'assignments', (SELECT row_to_json(t) FROM (SELECT ${MEASURE_LEVEL_ASSIGNMENT_COUNTERS} FROM mf) t),
  'areas', COALESCE((SELECT json_agg(t) FROM (SELECT mf."area", ${MEASURE_COUNTERS} FROM mf GROUP BY mf."area") t), '[]')
) AS "data"`;
  return row.data;
}

/**
 * How often the province's unfiltered view is counted in advance (the
 * dashboard-snapshots job, scripts/start.ts), and how long a filtered view's
 * figures are kept in one server's memory. Counting a province takes about
 * 1.3 s on the bench (100 districts, a million assignments); the leader's
 * page must answer in 300 ms. The page says when its figures were counted.
 */
export const PROVINCE_VIEW_TTL_MS = 5 * 60 * 1000;

/** A snapshot older than this is not shown (the job has stopped); the page counts instead. */
export const SNAPSHOT_MAX_AGE_MS = 3 * PROVINCE_VIEW_TTL_MS;

/** The snapshot row's view key for a province's unfiltered view of all its districts. */
export const PROVINCE_SNAPSHOT_VIEW = "province";

type ProvinceFigures = {
  cities: (CityFigures & { id: number })[];
  asOf: Date;
};
/** A row of the province view: a city, or a district placed directly under the province (省直管). */
type ProvinceUnit = { id: number; name: string; code: string; level: "CITY" | "DISTRICT"; districtIds: number[] };
/** What a snapshot holds: the day and the rows it was counted for (its scope), and the figures. */
type SnapshotFigures = { today: string; scope: [number, number[]][]; cities: (CityFigures & { id: number })[] };

type ProvinceCache = Map<string, { value?: ProvinceFigures; pending?: Promise<ProvinceFigures> }>;
// On globalThis: Next bundles a page and an export route apart, each with its own copy of this module.
const CACHE_KEY = Symbol.for("fazhi.provinceViewCache");
const provinceCache: ProvinceCache = ((globalThis as unknown as { [CACHE_KEY]?: ProvinceCache })[CACHE_KEY] ??= new Map() as ProvinceCache);

/** Counts a set of rows (cities or 省直管 districts) now: one statement per row, side by side. */
async function countProvince(database: Db, cities: ProvinceUnit[], filters: DashboardFilters, today: string): Promise<ProvinceFigures> {
  const plans = await scopePlans(
    database,
    cities.flatMap((c) => c.districtIds),
    filters,
    today,
  );
  const figures = await Promise.all(
    cities.map(async (c) => {
      const own = new Set(c.districtIds);
      return {
        id: c.id,
        ...(await cityFigures(
          database,
          plans.filter((p) => own.has(p.districtId)),
          filters,
          today,
        )),
      };
    }),
  );
  return { cities: figures, asOf: new Date() };
}

/**
 * A filtered view's figures (or an unfiltered one no snapshot covers), kept in
 * this server's memory for PROVINCE_VIEW_TTL_MS and counted once for
 * concurrent callers. Only the unfiltered view is counted in advance.
 */
function provinceFigures(
  key: string,
  cities: ProvinceUnit[],
  filters: DashboardFilters,
  today: string,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<ProvinceFigures> {
  for (const [k, v] of provinceCache)
    if (v.value && !v.pending && Date.now() - v.value.asOf.getTime() >= PROVINCE_VIEW_TTL_MS) provinceCache.delete(k);
  let entry = provinceCache.get(key);
  if (!entry) {
    if (provinceCache.size >= 200) provinceCache.delete(provinceCache.keys().next().value!);
    entry = {};
    provinceCache.set(key, entry);
  }
  const held = entry;
  if (held.value && !fresh) return Promise.resolve(held.value);
  held.pending ??= countProvince(db(), cities, filters, today)
    .then((value) => {
      held.value = value;
      return value;
    })
    .finally(() => {
      held.pending = undefined;
    });
  return held.pending;
}

/**
 * The rows of a province's view: each city with its districts, and each
 * district placed directly under the province (省直管) as a row of its own,
 * so that it drills down to its own district page.
 */
async function groupByCity(
  database: Db,
  provinceId: number,
  districts: { id: number; name: string; code: string; parentId: number | null }[],
): Promise<ProvinceUnit[]> {
  const parents = await database.region.findMany({
    where: { id: { in: [...new Set(districts.map((d) => d.parentId).filter((id): id is number => id !== null && id !== provinceId))] } },
    select: { id: true, name: true, code: true },
  });
  const rows: ProvinceUnit[] = [
    ...parents.map((parent) => ({
      ...parent,
      level: "CITY" as const,
      districtIds: districts.filter((d) => d.parentId === parent.id).map((d) => d.id),
    })),
    ...districts
      .filter((d) => d.parentId === provinceId)
      .map((d) => ({ id: d.id, name: d.name, code: d.code, level: "DISTRICT" as const, districtIds: [d.id] })),
  ];
  return rows.filter((c) => c.districtIds.length > 0).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** A region above city level: its rows (cities and 省直管 districts) with the districts in the actor's scope. */
async function citiesOf(actor: Actor, region: { id: number; path: string }) {
  return groupByCity(db(), region.id, await districtsInScope(actor, { path: { startsWith: region.path } }));
}

function sameScope(a: [number, number[]][], b: [number, number[]][]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The snapshot of the province's unfiltered view, when it was counted today for exactly these rows. */
async function readSnapshot(regionId: number, today: string, scope: [number, number[]][]): Promise<ProvinceFigures | null> {
  const row = await db().dashboardSnapshot.findUnique({
    where: { regionId_view: { regionId, view: PROVINCE_SNAPSHOT_VIEW } },
    select: { asOf: true, figures: true },
  });
  if (!row) return null;
  const figures = row.figures as unknown as SnapshotFigures;
  if (figures.today !== today || !sameScope(figures.scope, scope)) return null;
  // Three missed runs mean the job has stopped: count rather than show old figures as current.
  if (Date.now() - row.asOf.getTime() > SNAPSHOT_MAX_AGE_MS) return null;
  return { cities: figures.cities, asOf: row.asOf };
}

/**
 * Counts every province's unfiltered view of all its districts and replaces
 * its snapshot: the dashboard-snapshots job (lib/jobs/scheduled.ts), run once
 * across servers at start and every PROVINCE_VIEW_TTL_MS. Returns the
 * provinces counted. `minAgeMs`: a province whose snapshot of today is younger
 * is left as it is — every server runs the job on its own timer, and the lock
 * only keeps two runs apart, so without it N servers would count N times.
 */
export async function writeProvinceSnapshots(
  database: Db,
  today = todayInChina(),
  { minAgeMs = 0 }: { minAgeMs?: number } = {},
): Promise<number[]> {
  const provinces = await database.region.findMany({
    where: { level: "PROVINCE" },
    orderBy: { id: "asc" },
    select: { id: true, path: true },
  });
  const counted: number[] = [];
  for (const province of provinces) {
    if (minAgeMs > 0) {
      const current = await database.dashboardSnapshot.findUnique({
        where: { regionId_view: { regionId: province.id, view: PROVINCE_SNAPSHOT_VIEW } },
        select: { asOf: true, figures: true },
      });
      const fresh =
        current && (current.figures as unknown as SnapshotFigures).today === today && Date.now() - current.asOf.getTime() < minAgeMs;
      if (fresh) continue;
    }
    const districts = await database.region.findMany({
      where: { level: "DISTRICT", path: { startsWith: province.path } },
      orderBy: { code: "asc" },
      select: { id: true, name: true, code: true, parentId: true },
    });
    const cities = await groupByCity(database, province.id, districts);
    const figures = await countProvince(database, cities, {}, today);
    const snapshot: SnapshotFigures = { today, scope: cities.map((c) => [c.id, c.districtIds]), cities: figures.cities };
    const json = snapshot as unknown as Prisma.InputJsonValue;
    await database.dashboardSnapshot.upsert({
      where: { regionId_view: { regionId: province.id, view: PROVINCE_SNAPSHOT_VIEW } },
      create: { regionId: province.id, view: PROVINCE_SNAPSHOT_VIEW, asOf: figures.asOf, figures: json },
      update: { asOf: figures.asOf, figures: json },
    });
    counted.push(province.id);
  }
  return counted;
}

/**
 * The province leader's view: one row per city (the city view's figures,
 * summed over the city's districts in SQL) and per 省直管 district, the
 * province's totals, and area × row. The unfiltered view is read from the
 * snapshot the dashboard-snapshots job keeps (counted here only when there is
 * none yet); a filtered one is counted on demand and kept in this server's
 * memory for a while. Null when the region is outside the actor's scope or
 * not a province. `fresh` counts afresh (the exports).
 */
export async function loadProvinceDashboard(
  actor: Actor,
  regionId: number,
  filters: DashboardFilters,
  today = todayInChina(),
  { fresh = false }: { fresh?: boolean } = {},
) {
  if (!can(actor, "districtDashboard.read")) return null;
  const region = await db().region.findFirst({
    where: regionInScope(actor, regionId),
    select: { id: true, name: true, path: true, level: true },
  });
  if (!region || region.level !== "PROVINCE") return null;
  const provinceFilters: DashboardFilters = { period: filters.period, state: filters.state, light: filters.light, area: filters.area };
  const unfiltered = !provinceFilters.period && !provinceFilters.state && !provinceFilters.light && !provinceFilters.area;
  const [cities, areas] = await Promise.all([
    citiesOf(actor, region),
    db().outlineArea.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, name: true } }),
  ]);
  const scope = cities.map((c): [number, number[]] => [c.id, c.districtIds]);
  const snapshot = unfiltered && !fresh ? await readSnapshot(region.id, today, scope) : null;
  // The scope is part of the key: two actors share figures only for the same districts.
  const key = JSON.stringify([region.id, today, provinceFilters, scope]);
  const figures =
    snapshot ??
    (fresh ? await countProvince(db(), cities, provinceFilters, today) : await provinceFigures(key, cities, provinceFilters, today));
  const byId = new Map(figures.cities.map((c) => [c.id, c]));
  const rows = cities.map((c) => ({
    id: c.id,
    name: c.name,
    code: c.code,
    level: c.level,
    districtCount: c.districtIds.length,
    measures: byId.get(c.id)?.measures ?? null,
    assignments: byId.get(c.id)?.assignments ?? null,
  }));
  return {
    region,
    today,
    filters: provinceFilters,
    periodLabel: selectedPeriodLabel(today, filters.period),
    cities: rows,
    totals: provinceTotals(rows),
    districtCount: cities.reduce((n, c) => n + c.districtIds.length, 0),
    areas,
    areaCells: figures.cities.flatMap((c) => c.areas.map((a) => ({ ...a, cityId: c.id }))),
    asOf: figures.asOf,
    /** Where the figures come from: the shared snapshot, this server's memory, or counted for this request. */
    source: snapshot ? ("snapshot" as const) : fresh ? ("fresh" as const) : ("memory" as const),
    options: { periods: periodOptions(today, filters.period) },
  };
}

/** The cross-district page's title: "<省> · 各市对比" for a province, "<市> · 各区对比" otherwise; null out of scope. */
export async function crossDistrictTitle(actor: Actor, regionId: number): Promise<string | null> {
  if (!can(actor, "districtDashboard.read")) return null;
  const region = await db().region.findFirst({ where: regionInScope(actor, regionId), select: { name: true, level: true } });
  if (!region) return null;
  return `${region.name} · ${region.level === "PROVINCE" ? "各市对比" : "各区对比"}`;
}

export type ProvinceDashboard = NonNullable<Awaited<ReturnType<typeof loadProvinceDashboard>>>;

/** The href of a province view's row: a city's cross-district view, or a 省直管 district's own page. */
export function provinceRowHref(row: { id: number; level: string }, query = ""): string {
  return `/dashboard/${row.level === "DISTRICT" ? "district" : "city"}/${row.id}${query}`;
}

/** The province's totals: the cities' counters added up (counts only; every rate is taken from the sums). */
function provinceTotals(rows: { measures: MeasureCounters | null; assignments: AssignmentCounters | null }[]) {
  const add = <T extends Record<string, number>>(items: (T | null)[]): T | null => {
    const present = items.filter((i): i is T => i !== null);
    if (present.length === 0) return null;
    const out = {} as Record<string, number>;
    for (const item of present) for (const [k, v] of Object.entries(item)) out[k] = (out[k] ?? 0) + v;
    return out as T;
  };
  return { measures: add(rows.map((r) => r.measures)), assignments: add(rows.map((r) => r.assignments)) };
}

// ---------------------------------------------------------------------------
// Department dashboard

export type UnitDashboard = NonNullable<Awaited<ReturnType<typeof loadUnitDashboard>>>;

/** One unit's figures against its district's and its task list, or null when the unit is outside the actor's scope. */
export async function loadUnitDashboard(actor: Actor, unitId: number, filters: DashboardFilters, today = todayInChina()) {
  const unit = await db().unit.findFirst({
    where: { id: unitId, ...scope.units(actor) },
    select: { id: true, name: true, regionId: true, districtId: true, region: { select: { name: true } } },
  });
  if (!unit || !can(actor, "unitDashboard.read", { regionId: unit.regionId, unitId: unit.id })) return null;
  const ids = [unit.districtId];
  // The district's pooled rates are the yardstick; the unit filter would make them the unit's own.
  const districtFilters: DashboardFilters = { ...filters, unit: undefined };
  const [[data], returned, plans, tasks] = await Promise.all([
    db().$queryRaw<
      [
        {
          data: {
            unitCounters: AssignmentCounters & { returned: number };
            districtCounters: AssignmentCounters & { returned: number; units: number };
            byRole: (AssignmentCounters & { role: "LEAD" | "RESPONSIBLE" })[] | null;
          };
        },
      ]
    >`
${factsCte(await scopePlans(db(), ids, districtFilters, today), districtFilters, today)}
SELECT json_build_object(
  'unitCounters', (SELECT row_to_json(t) FROM (
    SELECT ${ASSIGNMENT_COUNTERS} FROM ax WHERE ax."unitId" = ${unit.id}::int) t),
  'districtCounters', (SELECT row_to_json(t) FROM (
    SELECT ${ASSIGNMENT_COUNTERS}, count(DISTINCT ax."unitId")::int AS "units" FROM ax) t),
  'byRole', (SELECT json_agg(t) FROM (
    SELECT ax."role", ${ASSIGNMENT_COUNTERS} FROM ax WHERE ax."unitId" = ${unit.id}::int GROUP BY ax."role") t)
) AS "data"`,
    db().progressReport.findMany({
      where: { state: "RETURNED", assignment: { unitId: unit.id } },
      orderBy: { reviewedAt: "desc" },
      take: 50,
      select: {
        id: true,
        periodStart: true,
        periodEnd: true,
        reviewComment: true,
        reviewedAt: true,
        assignment: { select: { measure: { select: { id: true, code: true, text: true, plan: { select: { title: true } } } } } },
      },
    }),
    db().plan.findMany({ where: { districtId: unit.districtId }, orderBy: { id: "asc" }, select: { id: true, title: true, status: true } }),
    listUnitTasks(actor, unit.id, { light: filters.light }, today),
  ]);
  // Open work first, by next deadline; finished work last.
  const ordered = tasks
    .filter((t) => !filters.plan || t.measure.plan.id === filters.plan)
    .map((t) => ({ ...t, done: t.reasonCode === "COMPLETED" }))
    .sort((a, b) => {
      if (a.done !== b.done) return a.done ? 1 : -1;
      const da = isoDate(a.measure.deadline) ?? "9999";
      const db = isoDate(b.measure.deadline) ?? "9999";
      return da < db ? -1 : da > db ? 1 : a.id - b.id;
    });
  return {
    unit,
    today,
    filters,
    periodLabel: selectedPeriodLabel(today, filters.period),
    ...data.data,
    returned,
    tasks: ordered,
    options: { plans, periods: periodOptions(today, filters.period) },
  };
}

/** Where "统计看板" lands: the unit, district or city the actor looks after. */
export async function dashboardHome(actor: Actor): Promise<string | null> {
  if (scope.isUnitScoped(actor)) {
    const unitId = scope.homeUnitId(actor);
    return unitId ? `/dashboard/unit/${unitId}` : null;
  }
  if (!actor.regionId) return null;
  const region = await db().region.findUnique({ where: { id: actor.regionId }, select: { id: true, level: true, districtId: true } });
  if (!region) return null;
  // A town's staff do not see their district's figures: they pick one of their units instead.
  if (region.level === "TOWN") return null;
  if (region.level === "DISTRICT") return `/dashboard/district/${region.id}`;
  return `/dashboard/city/${region.id}`;
}

/** Districts, cities and provinces an administrator can open. */
export function listDashboardRegions(actor: Actor) {
  return db().region.findMany({
    where: { AND: [{ level: { in: ["PROVINCE", "CITY", "DISTRICT"] } }, scope.regions(actor)] },
    orderBy: { path: "asc" },
    select: { id: true, name: true, level: true, parent: { select: { name: true } } },
  });
}

/** Units whose dashboards the actor can open (for users scoped below district level; a liaison is sent to its own). */
export async function listDashboardUnits(actor: Actor) {
  if (scope.isUnitScoped(actor)) return [];
  return db().unit.findMany({
    where: { active: true, ...scope.units(actor) },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    take: 200,
    select: { id: true, name: true },
  });
}

// ---------------------------------------------------------------------------
// Who is behind (the leader's and bureau's home)

export type PeriodRate = { label: string; expected: number; submitted: number };

export type WhoIsBehind = {
  units: LaggingUnit[];
  /** Units with assignments in scope, lagging or not. */
  unitCount: number;
  overdueMeasures: number;
  period: PeriodRate;
  previousPeriod: PeriodRate;
  /** The dashboard the figures come from (district, or city for several districts). */
  dashboardHref: string | null;
  /** When the figures were read: a scope of several districts is read at most every WHO_IS_BEHIND_TTL_MS. */
  asOf: Date;
  /** The figures may be up to WHO_IS_BEHIND_TTL_MS old (several districts). */
  cached: boolean;
};

/**
 * A scope of several districts costs one statement per district (a province
 * leader's home: about 5 s for 100 districts on the bench): such a scope's
 * figures are kept for ten minutes per server. One district is always read
 * afresh (about 80 ms).
 */
export const WHO_IS_BEHIND_TTL_MS = 10 * 60 * 1000;
const whoIsBehindCache = new Map<string, WhoIsBehind>();

/**
 * One district's share of who is behind, in one statement: the facts with the
 * period judged today and the previous one as the selected period, so a
 * single pass over the assignments gives the lagging units (owed reports of
 * the judged period), both periods' report rates and the overdue measures.
 */
async function districtLagging(plans: PlanPeriods[], previousKey: string, today: string) {
  const facts = factsCte(plans, { period: previousKey }, today);
  const [row] = await db().$queryRaw<
    [
      {
        data: {
          units: { unitId: number; name: string; notReported: number; overdue: number; returned: number }[] | null;
          unitCount: number;
          overdueMeasures: number;
          current: { expected: number; submitted: number };
          previous: { expected: number; submitted: number };
        };
      },
    ]
  >`
${facts},
owing AS (${owedReportsByUnit("judged")}),
units AS (
  SELECT ax."unitId",
    count(*) FILTER (WHERE NOT ax."effDone" AND ax."pastDeadline")::int AS "overdue",
    COALESCE(sum(ax."returned"), 0)::int AS "returned"
  FROM ax GROUP BY ax."unitId"
)
SELECT json_build_object(
  'units', (SELECT json_agg(t ORDER BY t."notReported" DESC, t."overdue" DESC, t."returned" DESC, t."unitId") FROM (
    SELECT units."unitId", u."name", COALESCE(owing."owed", 0) AS "notReported", units."overdue", units."returned"
    FROM units
    JOIN "Unit" u ON u."id" = units."unitId"
    LEFT JOIN owing ON owing."unitId" = units."unitId"
    -- A unit wound up is nobody to chase.
    WHERE u."active" AND (owing."owed" > 0 OR units."overdue" > 0 OR units."returned" > 0)) t),
  'unitCount', (SELECT count(*)::int FROM units),
  'overdueMeasures', (SELECT count(*)::int FROM mf WHERE mf."status" = 'OVERDUE'),
  -- 本期报送率 as the dashboards count it (ASSIGNMENT_COUNTERS), for the judged period and the selected (previous) one.
  'current', (SELECT row_to_json(t) FROM (SELECT
    count(*) FILTER (WHERE NOT ax."effDone" AND ax."curExpected")::int AS "expected",
    count(*) FILTER (WHERE NOT ax."effDone" AND ax."curExpected" AND ax."curState" IN ('SUBMITTED', 'APPROVED'))::int AS "submitted"
    FROM ax) t),
  'previous', (SELECT row_to_json(t) FROM (SELECT
    count(*) FILTER (WHERE NOT ax."effDone" AND ax."selExpected")::int AS "expected",
    count(*) FILTER (WHERE NOT ax."effDone" AND ax."selExpected" AND ax."selState" IN ('SUBMITTED', 'APPROVED'))::int AS "submitted"
    FROM ax) t)
) AS "data"`;
  return row.data;
}

/**
 * Who is behind in the actor's districts, for the home page: the lagging
 * units ranked, overdue measures, and the report rate of the period judged
 * today against the period before (quarters; a plan of another cadence
 * counts its own latest period ending by the quarter, as the dashboards do).
 * One statement per district, side by side, as the cross-district view runs
 * them, each one pass over the district's assignments like the district
 * dashboard's per-unit table. Null for roles without district dashboards.
 */
export async function loadWhoIsBehind(actor: Actor, today = todayInChina()): Promise<WhoIsBehind | null> {
  if (!can(actor, "districtDashboard.read")) return null;
  const districts = await districtsInScope(actor, {});
  if (districts.length <= 1) return readWhoIsBehind(actor, districts, today, false);
  const key = `${today}|${districts.map((d) => d.id).join(",")}`;
  const kept = whoIsBehindCache.get(key);
  if (kept && Date.now() - kept.asOf.getTime() < WHO_IS_BEHIND_TTL_MS) return kept;
  const fresh = await readWhoIsBehind(actor, districts, today, true);
  for (const [k, v] of whoIsBehindCache) if (Date.now() - v.asOf.getTime() >= WHO_IS_BEHIND_TTL_MS) whoIsBehindCache.delete(k);
  if (whoIsBehindCache.size >= 500) whoIsBehindCache.delete(whoIsBehindCache.keys().next().value!);
  whoIsBehindCache.set(key, fresh);
  return fresh;
}

async function readWhoIsBehind(
  actor: Actor,
  districts: Awaited<ReturnType<typeof districtsInScope>>,
  today: string,
  cached: boolean,
): Promise<WhoIsBehind> {
  const current = latestDuePeriod(today, "QUARTERLY");
  const previous = previousPeriod(current, "QUARTERLY");
  const ids = districts.map((d) => d.id);
  const [plans, dashboardHref] = await Promise.all([
    scopePlans(db(), ids, { period: previous.key }, today),
    districts.length === 1 ? Promise.resolve(`/dashboard/district/${districts[0]!.id}`) : dashboardHome(actor),
  ]);
  const perDistrict = await Promise.all(
    districts.map(async (district) => {
      const own = plans.filter((p) => p.districtId === district.id);
      return own.length === 0 ? null : { district, lagging: await districtLagging(own, previous.key, today) };
    }),
  );
  const present = perDistrict.filter((d) => d !== null);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    units: present
      .flatMap(({ district, lagging }) =>
        (lagging.units ?? []).map((u) => ({ ...u, districtId: district.id, districtName: district.name })),
      )
      .sort(rankLagging),
    unitCount: sum(present.map((d) => d.lagging.unitCount)),
    overdueMeasures: sum(present.map((d) => d.lagging.overdueMeasures)),
    period: {
      label: current.label,
      expected: sum(present.map((d) => d.lagging.current.expected)),
      submitted: sum(present.map((d) => d.lagging.current.submitted)),
    },
    previousPeriod: {
      label: previous.label,
      expected: sum(present.map((d) => d.lagging.previous.expected)),
      submitted: sum(present.map((d) => d.lagging.previous.submitted)),
    },
    dashboardHref,
    asOf: new Date(),
    cached,
  };
}
