"use server";

import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { runAction } from "@/lib/actions/run.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { isoDate, todayInChina } from "@/lib/dates.ts";
import { createEvaluationSchema, createFinalEvaluationSchema, deleteEvaluationSchema } from "@/lib/evaluations/schema.ts";
import { planStartDate } from "@/lib/evaluations/snapshot.ts";
import {
  inSnapshotTransaction,
  PLAN_FOR_EVALUATION_SELECT,
  snapshotPlanOf,
  writeEvaluation,
  writeFinalEvaluation,
} from "@/lib/evaluations/write.ts";

// 中期评估 and 终期评估: a snapshot of every measure of a plan as at a day, frozen into
// EvaluationItem rows. Evaluations are never edited; a wrong one is deleted
// (with its audit event) and taken again.

export async function createEvaluation(input: unknown) {
  return runAction("createEvaluation", createEvaluationSchema, input, async (actor, data) => {
    if (!can(actor, "evaluation.manage")) throw forbidden();
    const client = db();
    const plan = await client.plan.findFirst({ where: { id: data.planId, ...scope.plans(actor) }, select: PLAN_FOR_EVALUATION_SELECT });
    if (!plan || !can(actor, "evaluation.manage", { regionId: plan.regionId })) throw notFound();

    if (plan.status === "DRAFT") throw new AppError("VALIDATION", undefined, { planId: ["草稿状态的规划尚未生效,不能评估"] });
    const start = planStartDate(snapshotPlanOf(plan));
    if (start !== null && data.snapshotDate < start) {
      throw new AppError("VALIDATION", undefined, { snapshotDate: [`评估基准日不能早于规划开始日期(${start})`] });
    }
    const today = todayInChina();
    if (data.snapshotDate > today) {
      throw new AppError("VALIDATION", undefined, { snapshotDate: [`评估基准日不能晚于今天(${today})`] });
    }

    // The snapshot's reads (measures and chapters, then units and reports, then extensions)
    // must see one state of the plan: under the default READ COMMITTED each would see what
    // was committed by its own start, so a change landing between them is half seen.
    // REPEATABLE READ pins one view for the whole transaction; it only reads and inserts
    // new rows, so it never fails on a concurrent update.
    const evaluation = await inSnapshotTransaction(client, (tx) =>
      writeEvaluation(tx, actor, plan, { kind: "MIDTERM", title: data.title, snapshotDate: data.snapshotDate }),
    );
    return { message: "已生成评估快照", data: { id: evaluation.id } };
  });
}

/** 终期评估: the snapshot of a closed plan at the day it ended (lib/evaluations/write.ts). */
export async function createFinalEvaluation(input: unknown) {
  return runAction("createFinalEvaluation", createFinalEvaluationSchema, input, async (actor, data) => {
    if (!can(actor, "evaluation.manage")) throw forbidden();
    const evaluation = await inSnapshotTransaction(db(), (tx) => writeFinalEvaluation(tx, actor, data.planId));
    return { message: "已生成终期评估", data: { id: evaluation.id } };
  });
}

export async function deleteEvaluation(input: unknown) {
  return runAction("deleteEvaluation", deleteEvaluationSchema, input, async (actor, data) => {
    if (!can(actor, "evaluation.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const evaluation = await tx.evaluation.findFirst({
        where: { id: data.id, ...scope.evaluations(actor) },
        include: { plan: { select: { regionId: true } }, _count: { select: { items: true } } },
      });
      if (!evaluation || !can(actor, "evaluation.manage", { regionId: evaluation.plan.regionId })) throw notFound();
      await tx.evaluation.delete({ where: { id: evaluation.id } });
      const { plan: _plan, _count, ...row } = evaluation;
      await recordAudit(tx, {
        actor,
        action: "evaluation.delete",
        entityType: "Evaluation",
        entityId: evaluation.id,
        districtId: evaluation.districtId,
        before: { ...row, snapshotDate: isoDate(row.snapshotDate), items: _count.items },
      });
    });
    return { message: "已删除评估", data: null };
  });
}
