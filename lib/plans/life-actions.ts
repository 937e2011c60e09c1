"use server";

import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import { runAction } from "@/lib/actions/run.ts";
import { forbidden } from "@/lib/errors.ts";
import { bringPlanIntoForceSchema, closePlanSchema } from "@/lib/plans/schema.ts";
import { changePlanLife } from "@/lib/plans/life-write.ts";
import { inForceMessage } from "@/lib/plans/life.ts";
import { todayInChina } from "@/lib/dates.ts";

// 施行 / 期满 / 终止 of a plan, by the bureau (plan.manage). The rules are
// lib/plans/life.ts; the write and its audit event are life-write.ts.

export async function bringPlanIntoForce(input: unknown) {
  return runAction("bringPlanIntoForce", bringPlanIntoForceSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const today = todayInChina();
    await db().$transaction((tx) => changePlanLife(tx, actor, data.planId, { to: "IN_FORCE", effectiveFrom: data.effectiveFrom }, today));
    return { message: inForceMessage(data.effectiveFrom, today), data: null };
  });
}

export async function closePlan(input: unknown) {
  return runAction("closePlan", closePlanSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const transition =
      data.endKind === "EXPIRED"
        ? ({ to: "EXPIRED", endedOn: data.endedOn } as const)
        : ({ to: "TERMINATED", endedOn: data.endedOn, reason: data.reason } as const);
    await db().$transaction((tx) => changePlanLife(tx, actor, data.planId, transition));
    return { message: data.endKind === "EXPIRED" ? "已确认规划期满,不再收集报送和催办" : "已终止规划,不再收集报送和催办", data: null };
  });
}
