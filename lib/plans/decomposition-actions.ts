"use server";

import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { runAction } from "@/lib/actions/run.ts";
import { AppError, forbidden } from "@/lib/errors.ts";
import { linkMeasure, setParentPlan, unlinkMeasure } from "@/lib/plans/decomposition.ts";
import {
  confirmParentItemProposalsSchema,
  linkMeasureToParentItemSchema,
  setPlanParentSchema,
  unlinkMeasureFromParentItemSchema,
} from "@/lib/plans/decomposition-schema.ts";

// The bureau links a 分工方案 to the 规划 it divides and its measures to the
// 规划's items (lib/plans/decomposition.ts does the scoped, audited writes).

/** Names the 规划 this plan implements, or none. */
export async function setPlanParent(input: unknown) {
  return runAction("setPlanParent", setPlanParentSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    await db().$transaction((tx) => setParentPlan(tx, actor, data.planId, data.parentPlanId ?? null));
    return { message: data.parentPlanId ? "已设置上级规划" : "已取消上级规划", data: null };
  });
}

/** Links a measure to the parent plan's item it implements. */
export async function linkMeasureToParentItem(input: unknown) {
  return runAction("linkMeasureToParentItem", linkMeasureToParentItemSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    await db().$transaction((tx) => linkMeasure(tx, actor, data.measureId, data.parentItemId));
    return { message: "已对应到上级规划条目", data: null };
  });
}

export async function unlinkMeasureFromParentItem(input: unknown) {
  return runAction("unlinkMeasureFromParentItem", unlinkMeasureFromParentItemSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const changed = await db().$transaction((tx) => unlinkMeasure(tx, actor, data.measureId));
    return { message: changed ? "已取消对应" : "该举措未对应上级规划条目", data: null };
  });
}

/** Confirms the proposals the bureau ticked, all or none. */
export async function confirmParentItemProposals(input: unknown) {
  return runAction("confirmParentItemProposals", confirmParentItemProposalsSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const plan = await tx.plan.findFirst({ where: { id: data.planId, ...scope.plans(actor) }, select: { id: true } });
      if (!plan) throw new AppError("NOT_FOUND");
      const ofPlan = await tx.measure.count({ where: { id: { in: data.links.map((l) => l.measureId) }, planId: plan.id } });
      if (ofPlan !== new Set(data.links.map((l) => l.measureId)).size) {
        throw new AppError("VALIDATION", "所选举措不属于本方案", { links: ["所选举措不属于本方案"] });
      }
      for (const link of data.links) await linkMeasure(tx, actor, link.measureId, link.parentItemId);
    });
    return { message: `已确认 ${data.links.length} 项对应`, data: null };
  });
}
