"use server";

import { db } from "@/lib/db/client.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { runAction } from "@/lib/actions/run.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { isoDate, todayInChina } from "@/lib/dates.ts";
import { createEvaluationSchema, deleteEvaluationSchema } from "@/lib/evaluations/schema.ts";
import { planStartDate } from "@/lib/evaluations/snapshot.ts";
import { computePlanSnapshot } from "@/lib/evaluations/load.ts";

// 中期评估: a snapshot of every measure of a plan as at a day, frozen into
// EvaluationItem rows. Evaluations are never edited; a wrong one is deleted
// (with its audit event) and taken again.

const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function createEvaluation(input: unknown) {
  return runAction("createEvaluation", createEvaluationSchema, input, async (actor, data) => {
    if (!can(actor, "evaluation.manage")) throw forbidden();
    const client = db();
    const plan = await client.plan.findFirst({ where: { id: data.planId, ...scope.plans(actor) } });
    if (!plan || !can(actor, "evaluation.manage", { regionId: plan.regionId })) throw notFound();

    if (plan.status === "DRAFT") throw new AppError("VALIDATION", undefined, { planId: ["草稿状态的规划尚未生效,不能评估"] });
    const snapshotPlan = {
      id: plan.id,
      issueDate: isoDate(plan.issueDate),
      periodStart: plan.periodStart,
      reportCadence: plan.reportCadence,
      reportDueDay: plan.reportDueDay,
    };
    const start = planStartDate(snapshotPlan);
    if (start !== null && data.snapshotDate < start) {
      throw new AppError("VALIDATION", undefined, { snapshotDate: [`评估基准日不能早于规划开始日期(${start})`] });
    }
    const today = todayInChina();
    if (data.snapshotDate > today) {
      throw new AppError("VALIDATION", undefined, { snapshotDate: [`评估基准日不能晚于今天(${today})`] });
    }

    const evaluation = await client.$transaction(
      async (tx) => {
        // The snapshot's reads (measures and chapters, then units and reports, then extensions)
        // must see one state of the plan: under the default READ COMMITTED each would see what
        // was committed by its own start, so a change landing between them is half seen.
        // REPEATABLE READ pins one view for the whole transaction; it only reads and inserts
        // new rows, so it never fails on a concurrent update.
        const items = await computePlanSnapshot(tx, snapshotPlan, data.snapshotDate);
        const created = await tx.evaluation.create({
          data: { districtId: plan.districtId, planId: plan.id, title: data.title, snapshotDate: dateOf(data.snapshotDate), createdById: actor.id },
        });
        await tx.evaluationItem.createMany({
          data: items.map((item) => ({
            districtId: plan.districtId,
            evaluationId: created.id,
            measureId: item.measureId,
            status: item.status,
            light: item.light,
            percent: item.percent,
            deadline: item.deadline ? dateOf(item.deadline) : null,
            deadlineKind: item.deadlineKind,
            chapterId: item.chapterId,
            leadUnitIds: item.leadUnitIds,
            unitIds: item.unitIds,
          })),
        });
        const count = (status: string) => items.filter((i) => i.status === status).length;
        await recordAudit(tx, {
          actor,
          action: "evaluation.create",
          entityType: "Evaluation",
          entityId: created.id,
          districtId: plan.districtId,
          after: {
            ...created,
            snapshotDate: data.snapshotDate,
            measures: items.length,
            completed: count("COMPLETED"),
            overdue: count("OVERDUE"),
            inProgress: count("IN_PROGRESS"),
            notStarted: count("NOT_STARTED"),
          },
        });
        return created;
      },
      { timeout: 60_000, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
    return { message: "已生成评估快照", data: { id: evaluation.id } };
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
