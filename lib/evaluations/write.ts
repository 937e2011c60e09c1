import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Db, Tx } from "@/lib/db/client.ts";
import type { EvaluationKind } from "@/lib/generated/prisma/enums.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, notFound } from "@/lib/errors.ts";
import { dateColumn, isoDate } from "@/lib/dates.ts";
import { computePlanSnapshot } from "@/lib/evaluations/load.ts";
import { defaultEvaluationTitle } from "@/lib/evaluations/schema.ts";
import type { SnapshotPlan } from "@/lib/evaluations/snapshot.ts";
import { PLAN_LIFE_SELECT, windowOfPlanRow, type PlanLifeRow } from "@/lib/plans/life.ts";

// Writing an evaluation: the snapshot of every measure of a plan as at a day,
// frozen into EvaluationItem rows, with its audit event, in the caller's
// transaction. 中期评估 (MIDTERM) at a day the bureau picks; 终期评估 (FINAL) at
// the day a closed plan ended. Both freeze the same snapshot function's
// output, so a FINAL evaluation equals a MIDTERM one taken at the same day.

type PlanRow = PlanLifeRow & { id: number; periodStart: number | null; reportCadence: SnapshotPlan["reportCadence"]; reportDueDay: number };

/** What the snapshot needs of a plan: its reporting window's first day stands for its issue date. */
export function snapshotPlanOf(plan: PlanRow): SnapshotPlan & { id: number } {
  const window = windowOfPlanRow(plan);
  return {
    id: plan.id,
    issueDate: window.first,
    reportingEnd: window.last,
    periodStart: plan.periodStart,
    reportCadence: plan.reportCadence,
    reportDueDay: plan.reportDueDay,
  };
}

/** Freezes the plan's snapshot at `snapshotDate` as an evaluation of `kind`; returns the evaluation row. */
export async function writeEvaluation(
  tx: Tx,
  actor: Actor,
  plan: PlanRow & { districtId: number },
  input: { kind: EvaluationKind; title: string; snapshotDate: string },
) {
  const items = await computePlanSnapshot(tx, snapshotPlanOf(plan), input.snapshotDate);
  const created = await tx.evaluation.create({
    data: {
      districtId: plan.districtId,
      planId: plan.id,
      kind: input.kind,
      title: input.title,
      snapshotDate: dateColumn(input.snapshotDate),
      createdById: actor.id,
    },
  });
  await tx.evaluationItem.createMany({
    data: items.map((item) => ({
      districtId: plan.districtId,
      evaluationId: created.id,
      measureId: item.measureId,
      status: item.status,
      light: item.light,
      percent: item.percent,
      deadline: item.deadline ? dateColumn(item.deadline) : null,
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
      snapshotDate: input.snapshotDate,
      measures: items.length,
      completed: count("COMPLETED"),
      overdue: count("OVERDUE"),
      inProgress: count("IN_PROGRESS"),
      notStarted: count("NOT_STARTED"),
    },
  });
  return created;
}

export const PLAN_FOR_EVALUATION_SELECT = {
  id: true,
  districtId: true,
  regionId: true,
  title: true,
  periodStart: true,
  reportCadence: true,
  reportDueDay: true,
  ...PLAN_LIFE_SELECT,
} as const;

/**
 * 终期评估 of a closed plan (期满 or 终止): the snapshot at the day it ended.
 * One per plan; NOT_FOUND outside the actor's scope. For the server action and
 * the demo seed alike; run it in a REPEATABLE READ transaction (see
 * lib/evaluations/actions.ts) when other writes may land meanwhile.
 */
export async function writeFinalEvaluation(tx: Tx, actor: Actor, planId: number, title?: string) {
  const plan = await tx.plan.findFirst({ where: { id: planId, ...scope.plans(actor) }, select: PLAN_FOR_EVALUATION_SELECT });
  if (!plan || !can(actor, "evaluation.manage", { regionId: plan.regionId })) throw notFound();
  const endedOn = isoDate(plan.endedOn);
  if (plan.status !== "CLOSED" || endedOn === null) {
    throw new AppError("VALIDATION", "规划期满或终止后才能生成终期评估", { planId: ["规划期满或终止后才能生成终期评估"] });
  }
  const existing = await tx.evaluation.findFirst({ where: { planId: plan.id, kind: "FINAL" }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", FINAL_EXISTS);
  try {
    return await writeEvaluation(tx, actor, plan, {
      kind: "FINAL",
      title: title ?? finalEvaluationTitle(plan.title),
      snapshotDate: endedOn,
    });
  } catch (error) {
    // Another user's 终期评估 committed after the check above: the partial unique
    // index "Evaluation_planId_final_key" (one FINAL per plan) refused ours.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", FINAL_EXISTS);
    throw error;
  }
}

const FINAL_EXISTS = "该规划已有终期评估,如需重新生成请先删除原评估。";

/** Prisma's P2002, or PostgreSQL's 23505 when it reaches us unmapped (through the driver adapter). */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  return code === "P2002" || code === "23505" || meta?.driverAdapterError?.cause?.originalCode === "23505";
}

/** The default title of a plan's 终期评估. */
export const finalEvaluationTitle = (planTitle: string) => defaultEvaluationTitle(planTitle, "FINAL");

/** Runs `work` in a REPEATABLE READ transaction: the snapshot's reads see one state of the plan. */
export function inSnapshotTransaction<T>(client: Db, work: (tx: Tx) => Promise<T>) {
  return client.$transaction(work, { timeout: 60_000, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead });
}
