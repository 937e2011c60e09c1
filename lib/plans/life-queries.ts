import { db } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { todayInChina } from "@/lib/dates.ts";
import {
  availableTransitions,
  expiryDate,
  PLAN_LIFE_LABELS,
  PLAN_LIFE_SELECT,
  planLifeFacts,
  planLifeState,
  reportingWindow,
  type LifeTransition,
  type PlanLifeState,
} from "@/lib/plans/life.ts";

// What the plan page shows of a plan's life (施行, 期满, 终止) and offers the
// actor: everyone who reads the plan sees the state; the buttons are for those
// who may manage it (BUREAU, ADMIN), the 终期评估 for those who may evaluate.

export type PlanLifeView = {
  state: PlanLifeState;
  label: string;
  effectiveFrom: string | null;
  endedOn: string | null;
  endReason: string | null;
  /** The reporting window's first and last day (null: open). */
  window: { first: string | null; last: string | null };
  /** 31 December of periodEnd: the only 期满 date. */
  expiry: string | null;
  /** The transitions the actor may start today (none for LEADER and LIAISON). */
  transitions: LifeTransition["to"][];
  /** The plan's 终期评估, once taken. */
  finalEvaluationId: number | null;
  /** A closed plan without one, and the actor may take it. */
  canCreateFinalEvaluation: boolean;
  today: string;
};

export async function getPlanLife(actor: Actor, planId: number, today = todayInChina()): Promise<PlanLifeView | null> {
  const plan = await db().plan.findFirst({
    where: { id: planId, ...scope.plans(actor) },
    select: { id: true, regionId: true, endReason: true, reportCadence: true, reportDueDay: true, ...PLAN_LIFE_SELECT },
  });
  if (!plan) return null;
  const facts = planLifeFacts(plan);
  const state = planLifeState(facts);
  const final = await db().evaluation.findFirst({ where: { planId: plan.id, kind: "FINAL" }, select: { id: true } });
  const mayManage = can(actor, "plan.manage", { regionId: plan.regionId });
  const mayEvaluate = can(actor, "evaluation.manage", { regionId: plan.regionId });
  return {
    state,
    label: PLAN_LIFE_LABELS[state],
    effectiveFrom: facts.effectiveFrom,
    endedOn: facts.endedOn,
    endReason: plan.endReason,
    window: reportingWindow(facts),
    expiry: expiryDate(facts),
    transitions: mayManage
      ? availableTransitions({ ...facts, reportCadence: plan.reportCadence, reportDueDay: plan.reportDueDay }, today)
      : [],
    finalEvaluationId: can(actor, "evaluation.read", { regionId: plan.regionId }) ? (final?.id ?? null) : null,
    canCreateFinalEvaluation: mayEvaluate && plan.status === "CLOSED" && facts.endedOn !== null && !final,
    today,
  };
}
