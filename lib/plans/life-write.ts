import type { AuditAction } from "@/lib/audit/events.ts";
import type { Tx } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, notFound } from "@/lib/errors.ts";
import { dateColumn, todayInChina } from "@/lib/dates.ts";
import { decideTransition, expiryDate, planLifeFacts, type LifeTransition } from "@/lib/plans/life.ts";

// The writes of a plan's life (施行, 期满, 终止), inside the caller's
// transaction: the server actions (life-actions.ts) and the demo seed call
// them alike. The actor's scope is in the query's where; a plan outside it, or
// one the actor may not manage, is NOT_FOUND and nothing changes.

const PLAN_LIFE_AUDIT_ACTIONS = {
  IN_FORCE: "plan.bringIntoForce",
  EXPIRED: "plan.expire",
  TERMINATED: "plan.terminate",
} as const satisfies Record<string, AuditAction>;

/** Applies one life transition to a plan, audited; returns the plan as changed. */
export async function changePlanLife(tx: Tx, actor: Actor, planId: number, transition: LifeTransition, today = todayInChina()) {
  const before = await tx.plan.findFirst({
    where: { id: planId, ...scope.plans(actor) },
    select: {
      id: true,
      districtId: true,
      regionId: true,
      status: true,
      endKind: true,
      periodEnd: true,
      effectiveFrom: true,
      issueDate: true,
      endedOn: true,
      endReason: true,
      reportCadence: true,
      reportDueDay: true,
    },
  });
  if (!before || !can(actor, "plan.manage", { regionId: before.regionId })) throw notFound();
  const decision = decideTransition(
    { ...planLifeFacts(before), reportCadence: before.reportCadence, reportDueDay: before.reportDueDay },
    transition,
    today,
  );
  if (!decision.ok) {
    const { field, message } = decision.refusal;
    throw new AppError("VALIDATION", field === "_form" ? message : undefined, { [field]: [message] });
  }
  const { change } = decision;
  // Conditional on the state read: two bureau users closing at once cannot both win.
  const updated = await tx.plan.updateMany({
    where: { id: before.id, status: before.status },
    data: {
      status: change.status,
      ...(change.effectiveFrom !== undefined ? { effectiveFrom: dateColumn(change.effectiveFrom) } : {}),
      ...(change.endKind !== undefined ? { endKind: change.endKind } : {}),
      ...(change.endedOn !== undefined ? { endedOn: dateColumn(change.endedOn) } : {}),
      ...(change.endReason !== undefined ? { endReason: change.endReason } : {}),
    },
  });
  if (updated.count !== 1) throw new AppError("CONFLICT");
  const after = await tx.plan.findUniqueOrThrow({
    where: { id: before.id },
    select: {
      id: true,
      districtId: true,
      regionId: true,
      status: true,
      endKind: true,
      effectiveFrom: true,
      endedOn: true,
      endReason: true,
    },
  });
  const { regionId: _r, districtId: _d, periodEnd: _p, issueDate: _i, reportCadence: _c, reportDueDay: _dd, ...beforeState } = before;
  const { regionId: _r2, districtId: _d2, ...afterState } = after;
  await recordAudit(tx, {
    actor,
    action: PLAN_LIFE_AUDIT_ACTIONS[transition.to],
    entityType: "Plan",
    entityId: before.id,
    districtId: before.districtId,
    before: beforeState,
    after: afterState,
  });
  return after;
}

/** 期满 at the end of the plan's period (31 December of periodEnd), for the demo seed and the close dialog. */
export async function expirePlan(tx: Tx, actor: Actor, planId: number, today = todayInChina()) {
  const plan = await tx.plan.findFirst({ where: { id: planId, ...scope.plans(actor) }, select: { periodEnd: true } });
  if (!plan) throw notFound();
  const endedOn = expiryDate(plan);
  if (endedOn === null) throw new AppError("VALIDATION", "该规划没有规划期末年份,不能确认期满,请改用终止");
  return changePlanLife(tx, actor, planId, { to: "EXPIRED", endedOn }, today);
}
