import { db } from "@/lib/db/client.ts";
import { chinaDate, isoDate, todayInChina } from "@/lib/dates.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { completionPercent, formatNumber, milestoneState } from "@/lib/targets/format.ts";
import { yearVersion } from "@/lib/targets/version.ts";

/**
 * A measure's targets, indicators and milestones by year (newest first), if
 * the actor may read the measure, and whether it may set them: ADMIN and
 * BUREAU in scope, a liaison only when its unit leads the measure.
 */
export async function getMeasureTargets(actor: Actor, measureId: number, today = todayInChina()) {
  const measure = await db().measure.findFirst({
    where: { id: measureId, ...scope.measures(actor) },
    select: {
      id: true,
      plan: { select: { milestoneGraceDays: true, status: true } },
      assignments: {
        where: { role: "LEAD" },
        orderBy: { id: "asc" },
        select: { unitId: true, unit: { select: { name: true, regionId: true } } },
      },
      annualTargets: { orderBy: { id: "asc" }, select: { year: true, unitId: true, target: true, unit: { select: { name: true } } } },
      indicators: {
        orderBy: { id: "asc" },
        select: { id: true, year: true, name: true, unitOfMeasure: true, targetValue: true, actualValue: true },
      },
      milestones: { orderBy: [{ dueDate: "asc" }, { id: "asc" }], select: { id: true, title: true, dueDate: true, completedAt: true } },
    },
  });
  if (!measure) return null;
  const grace = measure.plan.milestoneGraceDays;
  const leads =
    measure.plan.status === "CLOSED"
      ? []
      : measure.assignments.filter((a) => can(actor, "target.manage", { regionId: a.unit.regionId, unitId: a.unitId }));
  const milestones = measure.milestones.map((m) => {
    const dueDate = isoDate(m.dueDate);
    const completedOn = m.completedAt ? chinaDate(m.completedAt) : null;
    return {
      id: m.id,
      title: m.title,
      dueDate,
      completedOn,
      ...milestoneState({ title: m.title, dueDate, completed: completedOn !== null, completedOn }, today, grace),
    };
  });
  const indicators = measure.indicators.map((i) => ({
    id: i.id,
    year: i.year,
    name: i.name,
    unitOfMeasure: i.unitOfMeasure,
    targetValue: formatNumber(i.targetValue),
    actualValue: formatNumber(i.actualValue),
    percent: completionPercent(i.targetValue?.toString(), i.actualValue?.toString()),
  }));
  const yearSet = new Set<number>([
    ...measure.annualTargets.map((t) => t.year),
    ...indicators.map((i) => i.year),
    ...milestones.map((m) => Number(m.dueDate.slice(0, 4))),
  ]);
  const years = [...yearSet]
    .sort((a, b) => b - a)
    .map((year) => ({
      year,
      targets: measure.annualTargets
        .filter((t) => t.year === year)
        .map((t) => ({ unitId: t.unitId, unitName: t.unit.name, target: t.target })),
      indicators: indicators.filter((i) => i.year === year),
      milestones: milestones.filter((m) => m.dueDate.startsWith(`${year}-`)),
      /** What the form sends back, so a save from a stale page answers CONFLICT (lib/targets/version.ts). */
      version: yearVersion({
        targets: measure.annualTargets.filter((t) => t.year === year),
        indicators: measure.indicators.filter((i) => i.year === year),
        milestones: milestones.filter((m) => m.dueDate.startsWith(`${year}-`)),
      }),
    }));
  return {
    measureId: measure.id,
    graceDays: grace,
    today,
    canManage: leads.length > 0,
    /** The lead units the actor may set targets for (bureau staff: all of them; a liaison: its own, if it leads). */
    leadUnits: leads.map((a) => ({ id: a.unitId, name: a.unit.name })),
    years,
  };
}

export type ReportIndicatorField = { id: number; name: string; unitOfMeasure: string | null; targetValue: string | null; value: string };

/**
 * For the progress report form: the measure's indicators by year and the
 * values the given reports state, as a lookup (period start, report id) →
 * the fields the form shows. Only a lead unit's form asks (report-values.ts).
 */
export async function loadReportIndicatorFields(measureId: number, reportIds: readonly number[]) {
  const [indicators, values] = await Promise.all([
    db().indicator.findMany({
      where: { measureId },
      orderBy: { id: "asc" },
      select: { id: true, year: true, name: true, unitOfMeasure: true, targetValue: true },
    }),
    reportIds.length
      ? db().indicatorValue.findMany({
          where: { reportId: { in: [...reportIds] }, indicator: { measureId } },
          select: { reportId: true, indicatorId: true, value: true },
        })
      : Promise.resolve([]),
  ]);
  return (periodStart: string, reportId: number | null | undefined): ReportIndicatorField[] =>
    indicators
      .filter((i) => i.year === Number(periodStart.slice(0, 4)))
      .map((i) => {
        const stated = values.find((v) => v.reportId === reportId && v.indicatorId === i.id);
        return {
          id: i.id,
          name: i.name,
          unitOfMeasure: i.unitOfMeasure,
          targetValue: formatNumber(i.targetValue),
          value: formatNumber(stated?.value) ?? "",
        };
      });
}
