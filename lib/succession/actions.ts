"use server";

import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import { runAction } from "@/lib/actions/run.ts";
import { forbidden } from "@/lib/errors.ts";
import {
  carryOverMeasuresSchema,
  createSuccessorPlanSchema,
  linkMeasuresToPreviousSchema,
  setPlanPredecessorSchema,
} from "@/lib/succession/schema.ts";
import { carryOverMeasuresIn, createSuccessorPlanIn, linkMeasuresToPreviousIn, setPlanPredecessorIn } from "@/lib/succession/write.ts";

/** 结转: the chosen unfinished measures of a closed plan into its successor. */
export async function carryOverMeasures(input: unknown) {
  return runAction("carryOverMeasures", carryOverMeasuresSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const result = await db().$transaction((tx) => carryOverMeasuresIn(tx, actor, data), { timeout: 60_000 });
    return { message: `已结转 ${result.carried.length} 项举措到《${result.toPlan.title}》`, data: result };
  });
}

/** 新建接续规划: a draft plan that succeeds a (closed) plan, to carry its measures into. */
export async function createSuccessorPlan(input: unknown) {
  return runAction("createSuccessorPlan", createSuccessorPlanSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const plan = await db().$transaction((tx) => createSuccessorPlanIn(tx, actor, data));
    return { message: `已新建接续规划《${plan.title}》(草案)`, data: { id: plan.id, title: plan.title } };
  });
}

/** Names the plan a plan succeeds (an imported 十五五 plan and its 十四五 predecessor). */
export async function setPlanPredecessor(input: unknown) {
  return runAction("setPlanPredecessor", setPlanPredecessorSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const { predecessor } = await db().$transaction((tx) => setPlanPredecessorIn(tx, actor, data));
    return { message: `已设定上一期规划为《${predecessor.title}》`, data: null };
  });
}

/** 延续: confirms proposed links from a plan's measures to its predecessor's. */
export async function linkMeasuresToPrevious(input: unknown) {
  return runAction("linkMeasuresToPrevious", linkMeasuresToPreviousSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const { linked } = await db().$transaction((tx) => linkMeasuresToPreviousIn(tx, actor, data), { timeout: 60_000 });
    return { message: `已关联 ${linked} 项举措到上一期规划`, data: null };
  });
}
