"use server";

import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import { runAction } from "@/lib/actions/run.ts";
import { forbidden } from "@/lib/errors.ts";
import { completeMilestoneSchema, saveAnnualTargetsSchema } from "@/lib/targets/schema.ts";
import { completeMilestoneAs, setAnnualTargets } from "@/lib/targets/targets.ts";

// 年度目标、工作指标、时间节点: the lead unit's form on the measure page.

export async function saveAnnualTargets(input: unknown) {
  return runAction("saveAnnualTargets", saveAnnualTargetsSchema, input, async (actor, data) => {
    if (!can(actor, "target.manage")) throw forbidden();
    const { measureId, year, unitId, version, ...rest } = data;
    const saved = await db().$transaction((tx) =>
      setAnnualTargets(tx, actor, measureId, year, rest, { version, ...(unitId !== undefined ? { unitId } : {}) }),
    );
    return { message: `已保存 ${year} 年度目标、${saved.indicators} 项指标和 ${saved.milestones} 个时间节点`, data: saved };
  });
}

export async function completeMilestone(input: unknown) {
  return runAction("completeMilestone", completeMilestoneSchema, input, async (actor, data) => {
    if (!can(actor, "target.manage")) throw forbidden();
    const milestone = await db().$transaction((tx) => completeMilestoneAs(tx, actor, data.milestoneId));
    return { message: `时间节点「${milestone.title}」已标记完成`, data: null };
  });
}
