import { dateColumn, isoDate } from "@/lib/dates.ts";
import { db } from "@/lib/db/client.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { loadCityDashboard, loadDistrictDashboard, loadProvinceDashboard } from "@/lib/dashboards/queries.ts";
import { dashboardFilterSchema } from "@/lib/dashboards/schema.ts";
import { periodByKey, REPORT_CADENCE_LABELS } from "@/lib/reporting/periods.ts";
import { ApiFailure, apiNotFound } from "@/lib/api/http.ts";
import type { z } from "zod";
import type {
  assignmentSchema,
  districtDashboardSchema,
  measureSchema,
  periodProgressSchema,
  planSchema,
  regionDashboardSchema,
} from "@/lib/api/schema.ts";

// What the read API reads, always through the scope fragments of
// lib/auth/scope.ts for the token's actor (lib/api/auth.ts): a row outside the
// token's region is never read, and its id answers 404 like an unknown one.
// Lists walk by id (keyset): a cursor is the last id of the page before, so
// rows added meanwhile neither repeat nor shift a page.

type Page = { limit: number; cursor?: number };

/**
 * The districts of the token's regions (a district itself, a town's district,
 * a city's or province's districts), each list's rows narrowed to them by the
 * row's own districtId. The scope fragment alone filters on the row's unit or
 * region, which PostgreSQL can only check row by row while it walks the ids:
 * the last district of a province waited for every other district's
 * assignments to be passed over (200 ms a page on the bench, 5 ms with this).
 * The scope fragment stays in every where: this narrows, it never widens.
 * Memoised per actor, which lib/api/auth.ts makes afresh for each request.
 */
const districtsOfActor = new WeakMap<Actor, Promise<number[] | null>>();

function scopeDistricts(actor: Actor): Promise<number[] | null> {
  if (scope.regionCount(actor) === null) return Promise.resolve(null);
  let found = districtsOfActor.get(actor);
  if (!found) {
    found = db()
      .region.findMany({
        where: { AND: [scope.regions(actor), { districtId: { not: null } }] },
        distinct: ["districtId"],
        select: { districtId: true },
      })
      .then((rows) => rows.map((r) => r.districtId!));
    districtsOfActor.set(actor, found);
  }
  return found;
}

/** `{ districtId: { in: … } }` for the actor's districts (nothing for ADMIN). */
async function inDistricts(actor: Actor): Promise<{ districtId?: { in: number[] } }> {
  const ids = await scopeDistricts(actor);
  return ids ? { districtId: { in: ids } } : {};
}

const afterCursor = (cursor?: number) => (cursor ? { id: { gt: cursor } } : {});
const instant = (value: Date | null) => (value ? value.toISOString() : null);

// ---------------------------------------------------------------------------
// Plans

const PLAN_SELECT = {
  id: true,
  title: true,
  kind: true,
  status: true,
  regionId: true,
  districtId: true,
  periodStart: true,
  periodEnd: true,
  issuer: true,
  documentNumber: true,
  issueDate: true,
  reportCadence: true,
  reportDueDay: true,
  updatedAt: true,
  _count: { select: { measures: true } },
} satisfies Prisma.PlanSelect;

function planView(plan: Prisma.PlanGetPayload<{ select: typeof PLAN_SELECT }>): z.input<typeof planSchema> {
  const { _count, issueDate, updatedAt, ...rest } = plan;
  return { ...rest, issueDate: isoDate(issueDate), updatedAt: updatedAt.toISOString(), measureCount: _count.measures };
}

export async function listPlans(actor: Actor, { limit, cursor }: Page) {
  const rows = await db().plan.findMany({
    where: { AND: [scope.plans(actor), await inDistricts(actor), afterCursor(cursor)] },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: PLAN_SELECT,
  });
  return rows.map(planView);
}

async function planInScope(actor: Actor, planId: number) {
  const plan = await db().plan.findFirst({ where: { AND: [{ id: planId }, scope.plans(actor)] }, select: PLAN_SELECT });
  if (!plan) throw apiNotFound();
  return plan;
}

export async function getPlan(actor: Actor, planId: number) {
  return planView(await planInScope(actor, planId));
}

// ---------------------------------------------------------------------------
// Measures and assignments

const MEASURE_SELECT = {
  id: true,
  planId: true,
  districtId: true,
  code: true,
  text: true,
  deadline: true,
  deadlineText: true,
  originalDeadline: true,
  ongoing: true,
  updatedAt: true,
  section: { select: { id: true, label: true, title: true } },
} satisfies Prisma.MeasureSelect;

function measureView(m: Prisma.MeasureGetPayload<{ select: typeof MEASURE_SELECT }>): z.input<typeof measureSchema> {
  const { section, deadline, originalDeadline, updatedAt, ...rest } = m;
  return {
    ...rest,
    chapter: section,
    deadline: isoDate(deadline),
    originalDeadline: isoDate(originalDeadline),
    updatedAt: updatedAt.toISOString(),
  };
}

export async function listMeasures(actor: Actor, planId: number, { limit, cursor }: Page) {
  const plan = await planInScope(actor, planId);
  const rows = await db().measure.findMany({
    where: { AND: [{ planId, districtId: plan.districtId }, scope.measures(actor), afterCursor(cursor)] },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: MEASURE_SELECT,
  });
  return rows.map(measureView);
}

const ASSIGNMENT_SELECT = {
  id: true,
  measureId: true,
  role: true,
  source: true,
  status: true,
  percent: true,
  completedAt: true,
  lastReportAt: true,
  unit: { select: { id: true, name: true } },
  measure: { select: { planId: true } },
} satisfies Prisma.AssignmentSelect;

function assignmentView(a: Prisma.AssignmentGetPayload<{ select: typeof ASSIGNMENT_SELECT }>): z.input<typeof assignmentSchema> {
  const { measure, completedAt, lastReportAt, ...rest } = a;
  return { ...rest, planId: measure.planId, completedAt: instant(completedAt), lastReportAt: instant(lastReportAt) };
}

export async function getMeasure(actor: Actor, measureId: number) {
  const measure = await db().measure.findFirst({
    where: { AND: [{ id: measureId }, scope.measures(actor)] },
    select: {
      ...MEASURE_SELECT,
      assignments: { where: scope.assignments(actor), orderBy: [{ role: "asc" }, { id: "asc" }], select: ASSIGNMENT_SELECT },
    },
  });
  if (!measure) throw apiNotFound();
  const { assignments, ...rest } = measure;
  return { ...measureView(rest), assignments: assignments.map(assignmentView) };
}

async function unitInScope(actor: Actor, unitId: number) {
  if (!(await db().unit.findFirst({ where: { AND: [{ id: unitId }, scope.units(actor)] }, select: { id: true } }))) throw apiNotFound();
}

export async function listAssignments(actor: Actor, filters: Page & { planId?: number; unitId?: number }) {
  const plan = filters.planId ? await planInScope(actor, filters.planId) : null;
  if (filters.unitId) await unitInScope(actor, filters.unitId);
  const rows = await db().assignment.findMany({
    where: {
      AND: [
        scope.assignments(actor),
        // A plan's rows are all in its own district: one value, which the planner estimates well.
        plan ? { districtId: plan.districtId } : await inDistricts(actor),
        filters.planId ? { measure: { planId: filters.planId } } : {},
        filters.unitId ? { unitId: filters.unitId } : {},
        afterCursor(filters.cursor),
      ],
    },
    orderBy: { id: "asc" },
    take: filters.limit + 1,
    select: ASSIGNMENT_SELECT,
  });
  return rows.map(assignmentView);
}

// ---------------------------------------------------------------------------
// Progress of one period

const PERIOD_EXAMPLES = { MONTHLY: "2026-09", QUARTERLY: "2026-Q3", HALF_YEARLY: "2026-H1", YEARLY: "2026" } as const;

/**
 * Each assignment of a plan with its report for one period of the plan's
 * cadence. A draft is its unit's business until submitted (as on the measure
 * page): its state shows, its content does not.
 */
export async function listPeriodProgress(
  actor: Actor,
  planId: number,
  filters: Page & { period: string; measureId?: number; unitId?: number },
) {
  const plan = await planInScope(actor, planId);
  const period = periodByKey(filters.period, plan.reportCadence, plan.reportDueDay);
  if (!period) {
    const message = `报送周期须与本规划的报送频次(${REPORT_CADENCE_LABELS[plan.reportCadence]})一致,如 ${PERIOD_EXAMPLES[plan.reportCadence]}`;
    throw new ApiFailure(400, "BAD_REQUEST", message, { period: [message] });
  }
  if (filters.measureId) {
    const found = await db().measure.findFirst({
      where: { AND: [{ id: filters.measureId, planId }, scope.measures(actor)] },
      select: { id: true },
    });
    if (!found) throw apiNotFound();
  }
  if (filters.unitId) await unitInScope(actor, filters.unitId);
  const start = dateColumn(period.start);
  const end = dateColumn(period.end);
  const rows = await db().assignment.findMany({
    where: {
      AND: [
        scope.assignments(actor),
        { districtId: plan.districtId },
        { measure: { planId } },
        filters.measureId ? { measureId: filters.measureId } : {},
        filters.unitId ? { unitId: filters.unitId } : {},
        afterCursor(filters.cursor),
      ],
    },
    orderBy: { id: "asc" },
    take: filters.limit + 1,
    select: {
      id: true,
      measureId: true,
      role: true,
      unit: { select: { id: true, name: true } },
      measure: { select: { code: true } },
      reports: {
        where: { periodStart: start, periodEnd: end },
        take: 1,
        select: { id: true, state: true, percent: true, claimedStatus: true, text: true, submittedAt: true, reviewedAt: true },
      },
    },
  });
  const items = rows.map((a): z.input<typeof periodProgressSchema> => {
    const report = a.reports[0];
    const shown = report && report.state !== "DRAFT";
    return {
      assignmentId: a.id,
      measureId: a.measureId,
      measureCode: a.measure.code,
      unit: a.unit,
      role: a.role,
      state: report?.state ?? "NONE",
      report: shown
        ? {
            id: report.id,
            percent: report.percent,
            claimedStatus: report.claimedStatus,
            text: report.text,
            submittedAt: instant(report.submittedAt),
            reviewedAt: instant(report.reviewedAt),
          }
        : null,
    };
  });
  return { period: { key: period.key, label: period.label, start: period.start, end: period.end, dueDate: period.dueDate }, items };
}

// ---------------------------------------------------------------------------
// Dashboard figures: the loaders the dashboard pages use, so the figures are the pages' own.

export async function districtDashboard(
  actor: Actor,
  districtId: number,
  period: string | undefined,
): Promise<z.input<typeof districtDashboardSchema>> {
  const data = await loadDistrictDashboard(actor, districtId, dashboardFilterSchema.parse({ period }));
  if (!data) throw apiNotFound();
  return {
    district: data.district,
    today: data.today,
    periodLabel: data.periodLabel,
    totals: data.totals,
    assignmentTotals: data.assignmentTotals,
    plans: data.plans.map(({ title, ...counters }) => ({ ...counters, title })),
    units: data.units,
  };
}

/**
 * A city: its districts side by side, counted now. A province: its cities,
 * as the province leader's page reads them (loadProvinceDashboard: the
 * snapshot the dashboard-snapshots job writes), since counting a province's
 * districts takes about a second each time.
 */
export async function regionDashboard(
  actor: Actor,
  regionId: number,
  period: string | undefined,
): Promise<z.input<typeof regionDashboardSchema>> {
  const filters = dashboardFilterSchema.parse({ period });
  const region = await db().region.findFirst({ where: scope.region(actor, regionId), select: { level: true } });
  if (region?.level === "PROVINCE") {
    const data = await loadProvinceDashboard(actor, regionId, filters);
    if (!data) throw apiNotFound();
    return {
      region: { id: data.region.id, name: data.region.name, level: data.region.level },
      today: data.today,
      periodLabel: data.periodLabel,
      asOf: data.asOf.toISOString(),
      districts: null,
      cities: data.cities,
    };
  }
  const data = await loadCityDashboard(actor, regionId, filters);
  if (!data) throw apiNotFound();
  return {
    region: { id: data.region.id, name: data.region.name, level: data.region.level },
    today: data.today,
    periodLabel: data.periodLabel,
    asOf: null,
    districts: data.districts,
    cities: null,
  };
}
