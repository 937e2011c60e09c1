import type { AuditAction } from "@/lib/audit/events.ts";
import { db, type Tx } from "@/lib/db/client.ts";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { AppError } from "@/lib/errors.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { isoDate, todayInChina } from "@/lib/dates.ts";
import { latestDuePeriod } from "@/lib/reporting/periods.ts";
import type { Light, LightReasonCode, MeasureStatus } from "@/lib/reporting/lights.ts";
import { PLAN_LIFE_SELECT, reportingStartOf, windowOfPlanRow } from "@/lib/plans/life.ts";
import { MILESTONE_LIGHT_SELECT, milestonesForLight } from "@/lib/targets/milestone-facts.ts";
import { childState, rollUpItem, type RolledUpItem } from "@/lib/plans/rollup.ts";
import { proposeParentItem } from "@/lib/plans/item-match.ts";

// Decomposition: a 分工方案 or 年度工作要点 (Plan.parentId = the 规划) whose
// measures implement the 规划's items (Measure.parentItemId). The links are
// set by hand on the child plan's page, confirmed from proposals by text
// similarity (item-match.ts), or by linkMeasuresToParentItems (the demo seed).
// Scope and permission are checked by the callers (decomposition-actions.ts);
// the functions taking a `tx` write the change and its audit event together.

const LINK_AUDIT_ACTION = "measure.linkParentItem" satisfies AuditAction;
const UNLINK_AUDIT_ACTION = "measure.unlinkParentItem" satisfies AuditAction;
const PLAN_PARENT_AUDIT_ACTION = "plan.setParent" satisfies AuditAction;

/** Text shown for a parent item in a select or a link: its code and the start of its text. */
export function itemLabel(item: { code: string; text: string }, length = 40): string {
  const text = item.text.replace(/\s+/g, "");
  return `${item.code} ${text.length > length ? `${text.slice(0, length)}…` : text}`;
}

type ChildView = {
  id: number;
  code: string;
  text: string;
  planId: number;
  planTitle: string;
  status: MeasureStatus;
  light: Light;
  reasonCode: LightReasonCode;
  reason: string;
  deadline: string | null;
  originalDeadline: string | null;
  ongoing: boolean;
};

export type ItemRollup = {
  /** The item has units of its own: it is judged on its own and not rolled up. */
  ownAssignments: boolean;
  rolled: RolledUpItem | null;
  children: ChildView[];
};

/**
 * Each item of the plan that measures implement, with its implementing
 * measures' states (lights.ts) and the roll-up (rollup.ts). `childPlans`
 * limits the implementing measures read (the actor's scope).
 */
export async function loadItemRollups(
  client: Tx,
  planId: number,
  today: string,
  childPlans: Prisma.PlanWhereInput = {},
): Promise<Map<number, ItemRollup>> {
  const children = await client.measure.findMany({
    where: { parentItem: { planId }, plan: childPlans },
    orderBy: [{ planId: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
    select: {
      id: true,
      code: true,
      text: true,
      deadline: true,
      originalDeadline: true,
      ongoing: true,
      createdAt: true,
      parentItemId: true,
      plan: { select: { id: true, title: true, reportCadence: true, reportDueDay: true, milestoneGraceDays: true, ...PLAN_LIFE_SELECT } },
      milestones: { select: MILESTONE_LIGHT_SELECT },
      assignments: {
        orderBy: { id: "asc" },
        select: {
          role: true,
          status: true,
          lastReportAt: true,
          createdAt: true,
          reports: { orderBy: { periodStart: "desc" }, take: 8, select: { periodStart: true, periodEnd: true, state: true } },
        },
      },
    },
  });
  const withOwnUnits = new Set(
    (
      await client.assignment.findMany({
        where: { measureId: { in: [...new Set(children.map((c) => c.parentItemId!))] } },
        select: { measureId: true },
        distinct: ["measureId"],
      })
    ).map((a) => a.measureId),
  );
  const byItem = new Map<number, ChildView[]>();
  for (const child of children) {
    const period = latestDuePeriod(today, child.plan.reportCadence, child.plan.reportDueDay);
    // Judged as the measure page judges it (getMeasureDetail): the child plan's
    // reporting window, the measure's milestones and the plan's grace, so the
    // plan page and the dashboards (facts.ts) agree.
    const window = windowOfPlanRow(child.plan);
    const state = childState({
      today,
      deadline: isoDate(child.deadline),
      originalDeadline: isoDate(child.originalDeadline),
      ongoing: child.ongoing,
      currentPeriod: period,
      reportingStart: reportingStartOf(child.createdAt, window.first),
      reportingEnd: window.last,
      milestones: milestonesForLight(child.milestones),
      milestoneGraceDays: child.plan.milestoneGraceDays,
      assignments: child.assignments.map((a) => ({
        role: a.role,
        completedApproved: a.status === "COMPLETED",
        everReported: a.lastReportAt !== null,
        currentState:
          a.reports.find((r) => isoDate(r.periodStart) === period.start && isoDate(r.periodEnd) === period.end)?.state ?? "NONE",
        reportingStart: reportingStartOf(a.createdAt, window.first),
      })),
    });
    const list = byItem.get(child.parentItemId!) ?? [];
    list.push({
      id: child.id,
      code: child.code,
      text: child.text,
      planId: child.plan.id,
      planTitle: child.plan.title,
      status: state.status,
      light: state.light,
      reasonCode: state.reasonCode,
      reason: state.reason,
      deadline: state.deadline,
      originalDeadline: isoDate(child.originalDeadline),
      ongoing: child.ongoing,
    });
    byItem.set(child.parentItemId!, list);
  }
  return new Map(
    [...byItem].map(([itemId, list]) => [
      itemId,
      { ownAssignments: withOwnUnits.has(itemId), rolled: withOwnUnits.has(itemId) ? null : rollUpItem(list), children: list },
    ]),
  );
}

/**
 * What the plan page shows about decomposition, or null when the plan is out
 * of the actor's scope: for a 规划, its items rolled up; for a plan that
 * implements one, the parent plan, its items (for the select) and which item
 * each measure implements; the plans that implement it.
 */
export async function getPlanDecomposition(actor: Actor, planId: number, today = todayInChina()) {
  const plan = await db().plan.findFirst({
    where: { id: planId, ...scope.plans(actor) },
    select: {
      id: true,
      districtId: true,
      parentId: true,
      parent: { select: { id: true, title: true } },
      children: { where: scope.plans(actor), orderBy: { id: "asc" }, select: { id: true, title: true } },
    },
  });
  if (!plan) return null;
  const [rollups, parentItems, links, candidates] = await Promise.all([
    loadItemRollups(db(), plan.id, today, scope.plans(actor)),
    plan.parentId
      ? db().measure.findMany({
          where: { planId: plan.parentId, plan: scope.plans(actor) },
          orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
          select: { id: true, code: true, text: true },
        })
      : Promise.resolve([]),
    db().measure.findMany({
      where: { planId: plan.id, parentItemId: { not: null } },
      select: { id: true, parentItemId: true },
    }),
    // Plans the bureau may name as this one's parent: the district's others.
    db().plan.findMany({
      where: { districtId: plan.districtId, id: { not: plan.id }, ...scope.plans(actor) },
      orderBy: { id: "asc" },
      select: { id: true, title: true, parentId: true },
    }),
  ]);
  const itemById = new Map(parentItems.map((i) => [i.id, i]));
  return {
    plan,
    rollups,
    parentItems: parentItems.map((i) => ({ id: i.id, label: itemLabel(i) })),
    itemOf: new Map(links.map((l) => [l.id, l.parentItemId === null ? null : (itemById.get(l.parentItemId) ?? null)])),
    parentCandidates: candidates.filter((c) => c.parentId !== plan.id).map(({ id, title }) => ({ id, title })),
  };
}

// ---------------------------------------------------------------------------
// Changes (the caller has checked plan.manage; every lookup is scoped here)

type MeasureInScope = { id: number; districtId: number; planId: number; parentItemId: number | null; plan: { parentId: number | null } };

async function measureInScope(tx: Tx, actor: Actor, measureId: number): Promise<MeasureInScope> {
  const measure = await tx.measure.findFirst({
    where: { id: measureId, ...scope.measures(actor) },
    select: { id: true, districtId: true, planId: true, parentItemId: true, plan: { select: { parentId: true } } },
  });
  if (!measure) throw new AppError("NOT_FOUND");
  return measure;
}

/** Links a measure to the parent plan's item it implements, audited. */
export async function linkMeasure(tx: Tx, actor: Actor, measureId: number, parentItemId: number): Promise<void> {
  const measure = await measureInScope(tx, actor, measureId);
  if (measure.plan.parentId === null) {
    throw new AppError("VALIDATION", "本方案未设上级规划,请先选择它所分解的规划", { parentItemId: ["本方案未设上级规划"] });
  }
  const item = await tx.measure.findFirst({
    where: { id: parentItemId, planId: measure.plan.parentId, ...scope.measures(actor) },
    select: { id: true, code: true },
  });
  if (!item) throw new AppError("VALIDATION", "所选条目不属于上级规划", { parentItemId: ["所选条目不属于上级规划"] });
  if (measure.parentItemId === item.id) return;
  await tx.measure.update({ where: { id: measure.id }, data: { parentItemId: item.id } });
  await recordAudit(tx, {
    actor,
    action: LINK_AUDIT_ACTION,
    entityType: "Measure",
    entityId: measure.id,
    districtId: measure.districtId,
    before: { parentItemId: measure.parentItemId },
    after: { parentItemId: item.id },
  });
}

/** Removes a measure's link to its parent item, audited; nothing to do if it has none. */
export async function unlinkMeasure(tx: Tx, actor: Actor, measureId: number): Promise<boolean> {
  const measure = await measureInScope(tx, actor, measureId);
  if (measure.parentItemId === null) return false;
  await tx.measure.update({ where: { id: measure.id }, data: { parentItemId: null } });
  await recordAudit(tx, {
    actor,
    action: UNLINK_AUDIT_ACTION,
    entityType: "Measure",
    entityId: measure.id,
    districtId: measure.districtId,
    before: { parentItemId: measure.parentItemId },
    after: { parentItemId: null },
  });
  return true;
}

/**
 * Names the 规划 a plan implements (or none). Links to another plan's items
 * no longer hold and are removed, and the audit event lists them.
 */
export async function setParentPlan(tx: Tx, actor: Actor, planId: number, parentPlanId: number | null): Promise<void> {
  const plan = await tx.plan.findFirst({
    where: { id: planId, ...scope.plans(actor) },
    select: { id: true, districtId: true, parentId: true },
  });
  if (!plan) throw new AppError("NOT_FOUND");
  if (parentPlanId !== null) {
    const parent = await tx.plan.findFirst({
      where: { id: parentPlanId, districtId: plan.districtId, ...scope.plans(actor) },
      select: { id: true, parentId: true },
    });
    if (!parent || parent.id === plan.id || parent.parentId === plan.id) {
      throw new AppError("VALIDATION", "所选规划不存在、不在本区县或本身分解自本方案", { parentPlanId: ["请选择本区县的另一个规划"] });
    }
  }
  if (plan.parentId === parentPlanId) return;
  const stale = await tx.measure.findMany({
    where: {
      planId: plan.id,
      parentItemId: { not: null },
      ...(parentPlanId !== null ? { parentItem: { planId: { not: parentPlanId } } } : {}),
    },
    select: { id: true },
  });
  if (stale.length) await tx.measure.updateMany({ where: { id: { in: stale.map((m) => m.id) } }, data: { parentItemId: null } });
  await tx.plan.update({ where: { id: plan.id }, data: { parentId: parentPlanId } });
  await recordAudit(tx, {
    actor,
    action: PLAN_PARENT_AUDIT_ACTION,
    entityType: "Plan",
    entityId: plan.id,
    districtId: plan.districtId,
    before: { parentId: plan.parentId },
    after: { parentId: parentPlanId, unlinkedMeasureIds: stale.map((m) => m.id) },
  });
}

export type ParentItemProposal = {
  measureId: number;
  code: string;
  text: string;
  itemId: number;
  itemLabel: string;
  score: number;
};

/**
 * For each measure of the plan not yet linked, the parent item its text is
 * most like (item-match.ts), if any reaches the threshold. Empty when the
 * plan has no parent plan or is out of scope.
 */
export async function proposeParentItems(client: Tx, actor: Actor, planId: number): Promise<ParentItemProposal[]> {
  const plan = await client.plan.findFirst({ where: { id: planId, ...scope.plans(actor) }, select: { id: true, parentId: true } });
  if (!plan?.parentId) return [];
  const [items, measures] = await Promise.all([
    client.measure.findMany({
      where: { planId: plan.parentId, ...scope.measures(actor) },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, code: true, text: true },
    }),
    client.measure.findMany({
      where: { planId: plan.id, parentItemId: null },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, code: true, text: true },
    }),
  ]);
  const byId = new Map(items.map((i) => [i.id, i]));
  return measures.flatMap((m) => {
    const best = proposeParentItem(m.text, items);
    return best
      ? [
          {
            measureId: m.id,
            code: m.code,
            text: m.text,
            itemId: best.itemId,
            itemLabel: itemLabel(byId.get(best.itemId)!),
            score: best.score,
          },
        ]
      : [];
  });
}

/**
 * Links every unlinked measure of the child plan to the parent item proposed
 * for it, audited like a link by hand; returns how many were linked. The demo
 * seed calls it after importing a 分工方案 under a 规划 (Plan.parentId set).
 */
export async function linkMeasuresToParentItems(tx: Tx, actor: Actor, childPlanId: number): Promise<number> {
  const proposals = await proposeParentItems(tx, actor, childPlanId);
  for (const p of proposals) await linkMeasure(tx, actor, p.measureId, p.itemId);
  return proposals.length;
}
