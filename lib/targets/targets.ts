import type { Tx } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, notFound } from "@/lib/errors.ts";
import { fieldErrorsOf } from "@/lib/validation.ts";
import { dateColumn, isoDate, todayInChina } from "@/lib/dates.ts";
import { annualTargetsSchema, type AnnualTargetsData } from "@/lib/targets/schema.ts";
import { yearVersion } from "@/lib/targets/version.ts";

// The domain side of 年度目标、工作指标、时间节点, called inside the caller's
// transaction: by lib/targets/actions.ts (the form) and by the demo seed.
// Not a "use server" module: these take an actor and must never be callable
// from a browser.

export const NOT_LEAD = "只有该举措的牵头单位可以设定年度目标、工作指标和时间节点";
export const STALE_YEAR = "该年度目标已被他人修改,请刷新后再改";
const missedKept = (title: string) => `时间节点「${title}」已过期,不能删除或改期;如需调整请联系区司法局`;

/**
 * The measure and the lead unit the actor acts for, or the answer the project
 * gives elsewhere (延期申请): a measure out of scope, or one a liaison's unit
 * does not work on, is NOT_FOUND; a liaison whose unit works on it without
 * leading it is FORBIDDEN. Bureau staff choose the lead unit (the first when
 * they do not).
 */
export async function leadOf(tx: Tx, actor: Actor, measureId: number, chosenUnitId?: number) {
  const measure = await tx.measure.findFirst({
    where: { id: measureId, AND: [scope.measures(actor), ...(scope.isUnitScoped(actor) ? [scope.measuresWorkedOn(actor)] : [])] },
    select: {
      id: true,
      districtId: true,
      plan: { select: { status: true } },
      assignments: {
        where: { role: "LEAD" },
        orderBy: { id: "asc" },
        select: { unitId: true, unit: { select: { regionId: true, name: true } } },
      },
    },
  });
  if (!measure) throw notFound();
  const unitId = scope.unitActedFor(actor, chosenUnitId);
  const lead = unitId != null ? measure.assignments.find((a) => a.unitId === unitId) : measure.assignments[0];
  if (!lead) {
    if (scope.isUnitScoped(actor)) throw new AppError("FORBIDDEN", NOT_LEAD);
    throw new AppError("VALIDATION", undefined, {
      unitId: [measure.assignments.length === 0 ? "该举措尚无牵头单位,请先明确牵头单位" : "所选单位不是该举措的牵头单位"],
    });
  }
  if (!can(actor, "target.manage", { regionId: lead.unit.regionId, unitId: lead.unitId })) throw notFound();
  // A closed plan is history (期满/终止): its targets stay as they were.
  if (measure.plan.status === "CLOSED") throw new AppError("CONFLICT", "该规划已结束,不能再设定或修改年度目标和时间节点。");
  return { measure, unitId: lead.unitId, unitName: lead.unit.name };
}

/** The year's indicators and milestones of a measure, as the audit records them. */
async function yearState(tx: Tx, measureId: number, year: number) {
  const [target, indicators, milestones] = await Promise.all([
    tx.annualTarget.findMany({ where: { measureId, year }, select: { id: true, unitId: true, target: true } }),
    tx.indicator.findMany({
      where: { measureId, year },
      orderBy: { id: "asc" },
      select: { id: true, name: true, unitOfMeasure: true, targetValue: true, actualValue: true, _count: { select: { values: true } } },
    }),
    tx.milestone.findMany({
      where: { measureId, dueDate: { gte: dateColumn(`${year}-01-01`), lte: dateColumn(`${year}-12-31`) } },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      select: { id: true, title: true, dueDate: true, completedAt: true },
    }),
  ]);
  return { target, indicators, milestones };
}

const versionOfState = (state: Awaited<ReturnType<typeof yearState>>) =>
  yearVersion({
    targets: state.target,
    indicators: state.indicators,
    milestones: state.milestones.map((m) => ({ ...m, dueDate: isoDate(m.dueDate) })),
  });

const snapshot = (state: Awaited<ReturnType<typeof yearState>>) => ({
  targets: state.target.map((t) => ({ unitId: t.unitId, target: t.target })),
  indicators: state.indicators.map((i) => ({
    id: i.id,
    name: i.name,
    unitOfMeasure: i.unitOfMeasure,
    targetValue: i.targetValue?.toString() ?? null,
  })),
  milestones: state.milestones.map((m) => ({ id: m.id, title: m.title, dueDate: isoDate(m.dueDate), completedAt: m.completedAt })),
});

/**
 * Sets a measure's target, indicators and milestones for a year, as the lead
 * unit: the target text is the lead unit's; the indicator and milestone rows
 * replace the year's (rows with an id are kept and edited, rows left out are
 * removed, rows without an id are added). A year's milestones are those due in
 * it. An indicator a report has already stated a value for cannot be removed.
 * Audited in the caller's transaction. The demo seed calls this directly.
 *
 * `version` is the year's version the form was read at (version.ts; the
 * measure page hands it out): when the year changed since, the save answers
 * CONFLICT and changes nothing. Code that builds the rows itself (the seed)
 * leaves it out. A liaison may not remove or re-date a milestone already
 * missed (past its date, not completed): that would turn the light green
 * again without the bureau's say; bureau staff may, audited.
 */
export async function setAnnualTargets(
  tx: Tx,
  actor: Actor,
  measureId: number,
  year: number,
  input: AnnualTargetsData,
  options: { unitId?: number; version?: string; today?: string } = {},
) {
  const parsed = annualTargetsSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", undefined, fieldErrorsOf(parsed.error));
  const data = parsed.data;
  const outside = data.milestones.find((m) => !m.dueDate.startsWith(`${year}-`));
  if (outside) throw new AppError("VALIDATION", undefined, { milestones: [`时间节点「${outside.title}」的日期须在 ${year} 年内`] });

  const { measure, unitId } = await leadOf(tx, actor, measureId, options.unitId);
  // One writer per measure at a time: two lead units saving the same year's rows would interleave.
  await tx.$queryRaw`SELECT id FROM "Measure" WHERE id = ${measure.id} FOR UPDATE`;
  const before = await yearState(tx, measure.id, year);
  if (options.version !== undefined && options.version !== versionOfState(before)) throw new AppError("CONFLICT", STALE_YEAR);
  if (scope.isUnitScoped(actor)) {
    const today = options.today ?? todayInChina();
    const given = new Map(data.milestones.flatMap((m) => (m.id !== undefined ? [[m.id, m.dueDate] as const] : [])));
    const hidden = before.milestones.find((m) => {
      const due = isoDate(m.dueDate);
      return m.completedAt === null && today > due && given.get(m.id) !== due;
    });
    if (hidden) throw new AppError("VALIDATION", undefined, { milestones: [missedKept(hidden.title)] });
  }

  const known = (rows: { id: number }[], given: { id?: number | undefined }[], label: string) => {
    const ids = new Set(rows.map((r) => r.id));
    const stray = given.find((g) => g.id !== undefined && !ids.has(g.id));
    if (stray) throw new AppError("VALIDATION", undefined, { [label]: ["该行已被他人删除,请刷新后再试;您填写的内容已保留"] });
  };
  known(before.indicators, data.indicators, "indicators");
  known(before.milestones, data.milestones, "milestones");

  const target = await tx.annualTarget.upsert({
    where: { measureId_unitId_year_districtId: { measureId: measure.id, unitId, year, districtId: measure.districtId } },
    create: { measureId: measure.id, unitId, year, districtId: measure.districtId, target: data.target },
    update: { target: data.target },
  });

  const keptIndicators = new Set(data.indicators.flatMap((i) => (i.id !== undefined ? [i.id] : [])));
  const dropped = before.indicators.filter((i) => !keptIndicators.has(i.id));
  const reported = dropped.find((i) => i._count.values > 0);
  if (reported) throw new AppError("VALIDATION", undefined, { indicators: [`指标「${reported.name}」已有报送的数值,不能删除`] });
  if (dropped.length > 0) await tx.indicator.deleteMany({ where: { id: { in: dropped.map((i) => i.id) } } });
  for (const row of data.indicators) {
    const fields = { name: row.name, unitOfMeasure: row.unitOfMeasure ?? null, targetValue: row.targetValue ?? null };
    if (row.id !== undefined) await tx.indicator.update({ where: { id: row.id }, data: fields });
    else await tx.indicator.create({ data: { ...fields, measureId: measure.id, districtId: measure.districtId, year } });
  }

  const keptMilestones = new Set(data.milestones.flatMap((m) => (m.id !== undefined ? [m.id] : [])));
  const droppedMilestones = before.milestones.filter((m) => !keptMilestones.has(m.id)).map((m) => m.id);
  if (droppedMilestones.length > 0) await tx.milestone.deleteMany({ where: { id: { in: droppedMilestones } } });
  for (const row of data.milestones) {
    const fields = { title: row.title, dueDate: dateColumn(row.dueDate), annualTargetId: target.id };
    if (row.id !== undefined) await tx.milestone.update({ where: { id: row.id }, data: fields });
    else await tx.milestone.create({ data: { ...fields, measureId: measure.id, districtId: measure.districtId } });
  }

  const after = await yearState(tx, measure.id, year);
  await recordAudit(tx, {
    actor,
    action: "target.save",
    entityType: "AnnualTarget",
    entityId: target.id,
    districtId: measure.districtId,
    before: { measureId: measure.id, year, ...snapshot(before) },
    after: { measureId: measure.id, year, ...snapshot(after) },
  });
  return { targetId: target.id, indicators: after.indicators.length, milestones: after.milestones.length };
}

/** Marks a milestone done (完成), as the measure's lead unit. */
export async function completeMilestoneAs(tx: Tx, actor: Actor, milestoneId: number, at: Date = new Date()) {
  const milestone = await tx.milestone.findFirst({ where: { id: milestoneId, measure: scope.measures(actor) } });
  if (!milestone) throw notFound();
  await leadOf(tx, actor, milestone.measureId);
  if (milestone.completedAt) throw new AppError("CONFLICT", "该时间节点已标记完成");
  const after = await tx.milestone.update({ where: { id: milestone.id }, data: { completedAt: at } });
  await recordAudit(tx, {
    actor,
    action: "milestone.complete",
    entityType: "Milestone",
    entityId: milestone.id,
    districtId: milestone.districtId,
    before: { completedAt: null },
    after: { title: after.title, dueDate: isoDate(after.dueDate), completedAt: after.completedAt },
  });
  return after;
}
