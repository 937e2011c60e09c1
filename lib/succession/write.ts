import type { Tx } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { dateColumn, isoDate, todayInChina } from "@/lib/dates.ts";
import {
  CARRIED_SECTION_LABEL,
  TARGET_TOO_EARLY,
  carriedDeadline,
  carriedSectionTitle,
  isUnfinished,
  targetOutlastsSource,
} from "@/lib/succession/rules.ts";
import { windowOfPlanRow, expiryDate } from "@/lib/plans/life.ts";

// The writes of 结转 and 延续, each inside the caller's transaction with its
// audit events. The server actions (actions.ts) and the demo seed call them.

const OPEN_STATUSES = new Set(["DRAFT", "IN_FORCE"]);

const day = (iso: string | null) => (iso ? dateColumn(iso) : null);

/** A plan the actor may manage, or NOT_FOUND. */
async function managedPlan(tx: Tx, actor: Actor, planId: number) {
  const plan = await tx.plan.findFirst({ where: { id: planId, ...scope.plans(actor) } });
  if (!plan || !can(actor, "plan.manage", { regionId: plan.regionId })) throw notFound();
  return plan;
}

/**
 * Makes `predecessor` the plan `plan` succeeds. Same district, not itself,
 * no cycle; a plan that already succeeds another keeps it (changing it would
 * orphan links already made).
 */
async function linkPlans(
  tx: Tx,
  actor: Actor,
  plan: { id: number; districtId: number; predecessorId: number | null; title: string },
  predecessor: { id: number; districtId: number; title: string },
) {
  if (plan.predecessorId === predecessor.id) return false;
  if (plan.id === predecessor.id) throw new AppError("VALIDATION", "规划不能接续自身", { predecessorId: ["规划不能接续自身"] });
  if (plan.districtId !== predecessor.districtId) {
    throw new AppError("VALIDATION", "接续规划须属于同一区县", { predecessorId: ["接续规划须属于同一区县"] });
  }
  if (plan.predecessorId !== null) {
    const message = `《${plan.title}》已设定上一期规划,不能再接续《${predecessor.title}》`;
    throw new AppError("VALIDATION", message, { toPlanId: [message] });
  }
  // The predecessor's own chain must not lead back to this plan.
  let up: number | null = predecessor.id;
  for (let depth = 0; up !== null && depth < 50; depth++) {
    if (up === plan.id) throw new AppError("VALIDATION", "不能形成循环接续", { predecessorId: ["不能形成循环接续"] });
    up = (await tx.plan.findUnique({ where: { id: up }, select: { predecessorId: true } }))?.predecessorId ?? null;
  }
  await tx.plan.update({ where: { id: plan.id }, data: { predecessorId: predecessor.id } });
  await recordAudit(tx, {
    actor,
    action: "plan.setPredecessor",
    entityType: "Plan",
    entityId: plan.id,
    districtId: plan.districtId,
    before: { predecessorId: plan.predecessorId },
    after: { predecessorId: predecessor.id },
  });
  return true;
}

export async function setPlanPredecessorIn(tx: Tx, actor: Actor, input: { planId: number; predecessorId: number }) {
  if (!can(actor, "plan.manage")) throw forbidden();
  const plan = await managedPlan(tx, actor, input.planId);
  const predecessor = await managedPlan(tx, actor, input.predecessorId);
  await linkPlans(tx, actor, plan, predecessor);
  return { plan, predecessor };
}

/** 新建接续规划: a DRAFT plan of the same region, kind and reporting as its predecessor. */
export async function createSuccessorPlanIn(
  tx: Tx,
  actor: Actor,
  input: { predecessorId: number; title: string; periodStart: number; periodEnd: number },
) {
  if (!can(actor, "plan.manage")) throw forbidden();
  const predecessor = await managedPlan(tx, actor, input.predecessorId);
  // An import matches plans by title within the region: a second plan of the same title would be overwritten by it.
  if (await tx.plan.findFirst({ where: { regionId: predecessor.regionId, title: input.title }, select: { id: true } })) {
    throw new AppError("VALIDATION", "本区域已有同名规划", { title: ["本区域已有同名规划,请换一个标题"] });
  }
  const plan = await tx.plan.create({
    data: {
      districtId: predecessor.districtId,
      regionId: predecessor.regionId,
      kind: predecessor.kind,
      title: input.title,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      status: "DRAFT",
      reportCadence: predecessor.reportCadence,
      reportDueDay: predecessor.reportDueDay,
      predecessorId: predecessor.id,
    },
  });
  await recordAudit(tx, {
    actor,
    action: "plan.createSuccessor",
    entityType: "Plan",
    entityId: plan.id,
    districtId: plan.districtId,
    after: { ...plan },
  });
  return plan;
}

export type CarryResult = { toPlan: { id: number; title: string }; carried: { fromId: number; toId: number; code: string }[] };

/**
 * 结转: copies each chosen unfinished measure of a CLOSED plan into an open
 * plan (DRAFT or IN_FORCE) of the same district that succeeds it (a target
 * with no predecessor yet is made to succeed it). Each copy keeps the text,
 * code and units (lead and responsible, as named: directly or through a
 * group; active units only), gets the deadline carriedDeadline allows, and
 * points back with previousId and succession CARRIED. The old measure and its
 * reports, reviews and extensions stay as they are: its history is read
 * through the link. A measure already carried is refused, naming where it
 * went, rather than copied twice.
 */
export async function carryOverMeasuresIn(
  tx: Tx,
  actor: Actor,
  input: { fromPlanId: number; toPlanId: number; measureIds: number[] },
  today = todayInChina(),
): Promise<CarryResult> {
  if (!can(actor, "plan.manage")) throw forbidden();
  const from = await managedPlan(tx, actor, input.fromPlanId);
  const to = await managedPlan(tx, actor, input.toPlanId);
  if (from.status !== "CLOSED") {
    throw new AppError("VALIDATION", "只能结转已期满或终止的规划中的举措", { fromPlanId: ["该规划尚未结束"] });
  }
  if (!OPEN_STATUSES.has(to.status)) {
    throw new AppError("VALIDATION", "只能结转到草案或施行中的规划", { toPlanId: ["接续规划须为草案或施行中"] });
  }
  if (to.districtId !== from.districtId) {
    throw new AppError("VALIDATION", "接续规划须属于同一区县", { toPlanId: ["接续规划须属于同一区县"] });
  }
  // The target is open (a draft owes nothing yet): its planned period, not its window, is what must outlast the source.
  if (!targetOutlastsSource(windowOfPlanRow(from).last, expiryDate(to))) {
    throw new AppError("VALIDATION", TARGET_TOO_EARLY, { toPlanId: [TARGET_TOO_EARLY] });
  }
  // A year's 工作要点 often takes the unfinished measures of several ended plans
  // (下陆区 ran three 2021–2025 plans under one 分工方案): the first becomes its
  // predecessor, the others may follow once they too have ended.
  if (to.predecessorId === null) await linkPlans(tx, actor, to, from);
  else if (to.predecessorId !== from.id) {
    const current = await tx.plan.findUnique({ where: { id: to.predecessorId }, select: { status: true } });
    if (current?.status !== "CLOSED") await linkPlans(tx, actor, to, from);
  }

  const ids = [...new Set(input.measureIds)];
  // Locked: two carries of the same measures at once must not both pass the check below.
  await tx.$queryRaw`SELECT "id" FROM "Measure" WHERE "id" = ANY(${ids}::int[]) AND "planId" = ${from.id} ORDER BY "id" FOR UPDATE`;
  const measures = await tx.measure.findMany({
    where: { id: { in: ids }, planId: from.id },
    orderBy: { sortOrder: "asc" },
    include: {
      assignments: {
        orderBy: { id: "asc" },
        select: { unitId: true, role: true, source: true, viaGroupId: true, status: true, unit: { select: { active: true } } },
      },
      successors: { where: { succession: "CARRIED" }, select: { plan: { select: { title: true } } } },
    },
  });
  if (measures.length !== ids.length) throw notFound();
  const problems: string[] = [];
  for (const m of measures) {
    if (!isUnfinished(m.assignments)) problems.push(`举措 ${m.code} 已完成,无需结转`);
    const went = m.successors[0];
    if (went) problems.push(`举措 ${m.code} 已结转到《${went.plan.title}》`);
  }
  if (problems.length) throw new AppError("VALIDATION", problems.join(";"), { measureIds: problems });

  const section =
    (await tx.section.findFirst({
      where: { planId: to.id, parentId: null, label: CARRIED_SECTION_LABEL, title: carriedSectionTitle(from.title) },
    })) ??
    (await tx.section.create({
      data: {
        districtId: to.districtId,
        planId: to.id,
        label: CARRIED_SECTION_LABEL,
        title: carriedSectionTitle(from.title),
        sortOrder: ((await tx.section.aggregate({ where: { planId: to.id }, _max: { sortOrder: true } }))._max.sortOrder ?? -1) + 1,
      },
    }));
  let sortOrder = ((await tx.measure.aggregate({ where: { planId: to.id }, _max: { sortOrder: true } }))._max.sortOrder ?? -1) + 1;
  const carried: CarryResult["carried"] = [];
  for (const m of measures) {
    const due = carriedDeadline({ deadline: isoDate(m.deadline), deadlineText: m.deadlineText, ongoing: m.ongoing }, today);
    const created = await tx.measure.create({
      data: {
        districtId: to.districtId,
        planId: to.id,
        sectionId: section.id,
        code: m.code,
        text: m.text,
        deadline: day(due.deadline),
        deadlineText: due.deadlineText,
        ongoing: due.ongoing,
        sortOrder: sortOrder++,
        previousId: m.id,
        succession: "CARRIED",
      },
    });
    const assignments = m.assignments
      .filter((a) => a.unit.active)
      .map((a) => ({
        districtId: to.districtId,
        measureId: created.id,
        unitId: a.unitId,
        role: a.role,
        source: a.source,
        viaGroupId: a.viaGroupId,
      }));
    await tx.assignment.createMany({ data: assignments });
    await recordAudit(tx, {
      actor,
      action: "measure.carryOver",
      entityType: "Measure",
      entityId: created.id,
      districtId: to.districtId,
      before: { measureId: m.id, planId: from.id, code: m.code, deadline: isoDate(m.deadline), deadlineText: m.deadlineText },
      after: {
        measureId: created.id,
        planId: to.id,
        previousId: m.id,
        succession: "CARRIED",
        deadline: due.deadline,
        assignments: assignments.map(({ unitId, role, source, viaGroupId }) => ({ unitId, role, source, viaGroupId })),
      },
    });
    carried.push({ fromId: m.id, toId: created.id, code: m.code });
  }
  return { toPlan: { id: to.id, title: to.title }, carried };
}

/**
 * For the demo seed and scripts: carries every unfinished measure of a
 * CLOSED plan not carried yet into `toPlanId` (see carryOverMeasuresIn).
 */
export async function carryAllUnfinished(tx: Tx, actor: Actor, fromPlanId: number, toPlanId: number, today = todayInChina()) {
  const measures = await tx.measure.findMany({
    where: { planId: fromPlanId, successors: { none: { succession: "CARRIED" } } },
    select: { id: true, assignments: { select: { role: true, status: true } } },
    orderBy: { sortOrder: "asc" },
  });
  const measureIds = measures.filter((m) => isUnfinished(m.assignments)).map((m) => m.id);
  if (measureIds.length === 0) return { toPlan: null, carried: [] };
  return carryOverMeasuresIn(tx, actor, { fromPlanId, toPlanId, measureIds }, today);
}

/**
 * 延续: the bureau confirms that measures of a plan continue measures of its
 * predecessor (proposed by text similarity). A measure already linked to a
 * previous one is refused, as is a previous measure outside the predecessor.
 */
export async function linkMeasuresToPreviousIn(
  tx: Tx,
  actor: Actor,
  input: { planId: number; links: { measureId: number; previousId: number }[] },
) {
  if (!can(actor, "plan.manage")) throw forbidden();
  const plan = await managedPlan(tx, actor, input.planId);
  if (plan.predecessorId === null) {
    throw new AppError("VALIDATION", "请先设定该规划的上一期规划", { predecessorId: ["请先设定上一期规划"] });
  }
  const measureIds = [...new Set(input.links.map((l) => l.measureId))];
  if (measureIds.length !== input.links.length) {
    throw new AppError("VALIDATION", "同一项举措只能关联一项上一期举措", { links: ["同一项举措只能关联一项上一期举措"] });
  }
  const measures = await tx.measure.findMany({
    where: { id: { in: measureIds }, planId: plan.id },
    select: { id: true, code: true, previousId: true },
  });
  const previousIds = [...new Set(input.links.map((l) => l.previousId))];
  const previous = await tx.measure.count({ where: { id: { in: previousIds }, planId: plan.predecessorId } });
  if (measures.length !== measureIds.length || previous !== previousIds.length) throw notFound();
  const linked = measures.filter((m) => m.previousId !== null).map((m) => `举措 ${m.code} 已关联上一期举措`);
  if (linked.length) throw new AppError("VALIDATION", linked.join(";"), { links: linked });
  for (const link of input.links) {
    await tx.measure.update({ where: { id: link.measureId }, data: { previousId: link.previousId, succession: "CONTINUED" } });
    await recordAudit(tx, {
      actor,
      action: "measure.linkPrevious",
      entityType: "Measure",
      entityId: link.measureId,
      districtId: plan.districtId,
      before: { previousId: null, succession: null },
      after: { previousId: link.previousId, succession: "CONTINUED" },
    });
  }
  return { plan, linked: input.links.length };
}
