import { db } from "@/lib/db/client.ts";
import type { PlanKind } from "@/lib/generated/prisma/enums.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { isUnfinished, targetOutlastsSource } from "@/lib/succession/rules.ts";
import { PLAN_LIFE_SELECT, windowOfPlanRow, expiryDate } from "@/lib/plans/life.ts";
import { proposeLinks } from "@/lib/succession/similarity.ts";

// Reads of 结转 and 延续: what a closed plan can carry, the links a successor
// plan may confirm, and where a measure came from and went. Every linked
// measure is read through the actor's scope: a link to one the actor may not
// see is not shown.

const linkedMeasure = {
  id: true,
  code: true,
  text: true,
  succession: true,
  plan: { select: { id: true, title: true, status: true } },
} as const;

/**
 * 来源 and 去向 of a measure the actor may read (null otherwise): the previous
 * plan's measure it carries or continues, the measures that carry or continue
 * it, and — where the actor may read the previous measure's progress — that
 * measure's latest submitted reports (上一期进展, read-only).
 */
export async function getMeasureLineage(actor: Actor, measureId: number) {
  const measure = await db().measure.findFirst({
    where: { id: measureId, ...scope.measures(actor) },
    select: {
      succession: true,
      previousId: true,
      successors: { where: scope.measures(actor), orderBy: { id: "asc" }, select: linkedMeasure },
    },
  });
  if (!measure) return null;
  const previous = measure.previousId
    ? await db().measure.findFirst({
        where: { id: measure.previousId, ...scope.measures(actor) },
        select: { ...linkedMeasure, assignments: { select: { unitId: true } } },
      })
    : null;
  const previousReports =
    previous && scope.mayReadMeasureProgress(actor, previous)
      ? await db().progressReport.findMany({
          where: { assignment: { measureId: previous.id }, state: { in: ["SUBMITTED", "APPROVED"] } },
          orderBy: [{ periodStart: "desc" }, { id: "desc" }],
          take: 3,
          select: {
            id: true,
            periodStart: true,
            periodEnd: true,
            state: true,
            percent: true,
            claimedStatus: true,
            text: true,
            assignment: { select: { role: true, unit: { select: { name: true } } } },
          },
        })
      : [];
  return {
    succession: measure.succession,
    previous: previous && { id: previous.id, code: previous.code, text: previous.text, plan: previous.plan },
    successors: measure.successors,
    previousReports,
  };
}

/**
 * 结转未完成举措 on a closed plan's page: its unfinished measures not carried
 * yet, and the plans they may go to (open plans of the same district that
 * succeed it or succeed nothing yet). Null when the actor may not manage the
 * plan or it is not closed.
 */
export async function getCarryOverChoices(actor: Actor, planId: number) {
  const plan = await db().plan.findFirst({
    where: { id: planId, ...scope.plans(actor) },
    select: { id: true, title: true, regionId: true, districtId: true, ...PLAN_LIFE_SELECT },
  });
  if (!plan || plan.status !== "CLOSED" || !can(actor, "plan.manage", { regionId: plan.regionId })) return null;
  const [measures, carriedCount, targets, finalUnfinished] = await Promise.all([
    db().measure.findMany({
      where: { planId: plan.id, successors: { none: { succession: "CARRIED" } } },
      orderBy: { sortOrder: "asc" },
      select: {
        id: true,
        code: true,
        text: true,
        deadline: true,
        ongoing: true,
        deadlineText: true,
        assignments: { select: { role: true, status: true } },
        // Already continued (延续) by a new plan's measure: carrying it too would repeat that measure.
        successors: {
          where: { succession: "CONTINUED", ...scope.measures(actor) },
          select: { code: true, plan: { select: { title: true } } },
        },
      },
    }),
    db().measure.count({ where: { planId: plan.id, successors: { some: { succession: "CARRIED" } } } }),
    db().plan.findMany({
      where: {
        AND: [scope.plans(actor)],
        districtId: plan.districtId,
        status: { in: ["DRAFT", "IN_FORCE"] },
        OR: [{ predecessorId: plan.id }, { predecessorId: null }, { predecessor: { status: "CLOSED" } }],
        id: { not: plan.id },
      },
      // Those already succeeding this plan first, then the newest.
      orderBy: [{ periodStart: { sort: "desc", nulls: "last" } }, { id: "desc" }],
      select: { id: true, title: true, predecessorId: true, ...PLAN_LIFE_SELECT },
    }),
    // What the 终期评估 judged unfinished as of the end date (lib/evaluations/snapshot.ts).
    db().evaluationItem.findMany({
      where: { evaluation: { planId: plan.id, kind: "FINAL" }, status: { not: "COMPLETED" } },
      select: { measureId: true },
    }),
  ]);
  const finalIds = new Set(finalUnfinished.map((i) => i.measureId));
  // Only plans running past the day this one ended (carryOverMeasuresIn refuses the others).
  const ended = windowOfPlanRow(plan).last;
  const later = targets
    .filter((t) => targetOutlastsSource(ended, expiryDate(t)))
    .map(({ id, title, status, predecessorId }) => ({ id, title, status, predecessorId }));
  return {
    plan,
    unfinished: measures
      .filter((m) => isUnfinished(m.assignments))
      .map(({ assignments: _a, successors, ...m }) => ({ ...m, continuedBy: successors.map((s) => `《${s.plan.title}》举措 ${s.code}`) })),
    carriedCount,
    // 结转 judges by today's state: a measure the 终期评估 lists unfinished (its
    // completion approved after the end date) is done and needs no 结转; the
    // panel names these so the two lists are not read as contradicting each other.
    completedSinceEnd: measures.filter((m) => !isUnfinished(m.assignments) && finalIds.has(m.id)).map((m) => ({ id: m.id, code: m.code })),
    targets: [...later.filter((t) => t.predecessorId === plan.id), ...later.filter((t) => t.predecessorId !== plan.id)],
  };
}

/**
 * The plan a new plan most likely succeeds when none is set: the district's
 * most recently ended CLOSED plan of the same kind.
 */
async function inferPredecessor(actor: Actor, plan: { id: number; districtId: number; kind: PlanKind }) {
  return db().plan.findFirst({
    where: { AND: [scope.plans(actor)], districtId: plan.districtId, status: "CLOSED", kind: plan.kind, id: { not: plan.id } },
    orderBy: [{ endedOn: { sort: "desc", nulls: "last" } }, { periodEnd: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    select: { id: true, title: true },
  });
}

/**
 * 关联上一期规划举措: for each measure of the plan not linked yet, the most
 * similar measure of its predecessor (set, or inferred and offered to set).
 */
export async function getLinkProposals(actor: Actor, planId: number) {
  const plan = await db().plan.findFirst({
    where: { id: planId, ...scope.plans(actor) },
    select: { id: true, title: true, kind: true, regionId: true, districtId: true, predecessorId: true },
  });
  if (!plan || !can(actor, "plan.manage", { regionId: plan.regionId })) return null;
  const predecessor = plan.predecessorId
    ? await db().plan.findFirst({ where: { id: plan.predecessorId, ...scope.plans(actor) }, select: { id: true, title: true } })
    : null;
  const choices = await db().plan.findMany({
    where: { AND: [scope.plans(actor)], districtId: plan.districtId, id: { not: plan.id } },
    orderBy: [{ periodEnd: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    select: { id: true, title: true, status: true },
  });
  const suggested = predecessor ? null : await inferPredecessor(actor, plan);
  if (!predecessor) return { plan, predecessor: null, suggested, choices, proposals: [], linkedCount: 0 };
  const [measures, previous, linkedCount] = await Promise.all([
    db().measure.findMany({
      where: { planId: plan.id, previousId: null },
      orderBy: { sortOrder: "asc" },
      select: { id: true, code: true, text: true },
    }),
    db().measure.findMany({
      where: { planId: predecessor.id },
      orderBy: { sortOrder: "asc" },
      select: { id: true, code: true, text: true },
    }),
    db().measure.count({ where: { planId: plan.id, previousId: { not: null } } }),
  ]);
  const byId = new Map(previous.map((m) => [m.id, m]));
  const measureById = new Map(measures.map((m) => [m.id, m]));
  const proposals = proposeLinks(measures, previous).map((p) => ({
    ...p,
    measure: measureById.get(p.measureId)!,
    previous: byId.get(p.previousId)!,
  }));
  return { plan, predecessor, suggested, choices, proposals, linkedCount };
}

/** The plan a plan succeeds and those succeeding it, each only if the actor may read it. */
export async function getPlanSuccession(actor: Actor, planId: number) {
  const plan = await db().plan.findFirst({
    where: { id: planId, ...scope.plans(actor) },
    select: {
      status: true,
      regionId: true,
      predecessor: { select: { id: true, title: true, regionId: true } },
    },
  });
  if (!plan) return null;
  // Those that succeed it, and those its measures were carried into: a year's 工作要点 takes the
  // unfinished measures of several ended plans but succeeds only the first.
  const successors = await db().plan.findMany({
    where: {
      AND: [scope.plans(actor)],
      OR: [{ predecessorId: planId }, { measures: { some: { succession: "CARRIED", previous: { planId } } } }],
    },
    orderBy: { id: "asc" },
    select: { id: true, title: true },
  });
  const predecessor =
    plan.predecessor &&
    (await db().plan.findFirst({ where: { id: plan.predecessor.id, ...scope.plans(actor) }, select: { id: true, title: true } }));
  return {
    predecessor,
    successors,
    closed: plan.status === "CLOSED",
    canManage: can(actor, "plan.manage", { regionId: plan.regionId }),
  };
}
