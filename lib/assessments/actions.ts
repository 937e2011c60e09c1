"use server";

import { db, type Tx } from "@/lib/db/client.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { runAction } from "@/lib/actions/run.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import {
  addAdjustmentSchema,
  createAssessmentSchema,
  publishAssessmentSchema,
  removeAdjustmentSchema,
  rulesFromForm,
  updateRulesSchema,
} from "@/lib/assessments/schema.ts";
import { createAssessmentScheme, publishAssessmentScheme } from "@/lib/assessments/lifecycle.ts";

// 考核 lifecycle: the bureau creates the year's scheme, edits its rules and
// adjustments while it is a draft, and publishes it (frozen). Every change and
// its audit event share one transaction; a scheme outside the actor's scope is
// NOT_FOUND and nothing changes.

const PUBLISHED = "该考核已发布,评分已固定,不能再修改。";
const CHANGED_WHILE_PUBLISHING = "发布时该考核正被他人修改(如新增或删除了人工调整),未能发布,请刷新页面核对得分后再发布。";

/**
 * A scheme the actor manages, locked for the change; NOT_FOUND outside the
 * scope, refused once published. The row lock orders every write against
 * publishing: an adjustment waits for a publication under way (and is then
 * refused), and a publication waiting for an adjustment fails to serialize
 * (see publishAssessment) instead of freezing lines without it.
 */
async function draftInScope(tx: Tx, actor: Actor, id: number) {
  await tx.$queryRaw`SELECT "id" FROM "Assessment" WHERE "id" = ${id}::int FOR UPDATE`;
  const assessment = await tx.assessment.findFirst({ where: { AND: [{ id }, scope.assessments(actor)] } });
  if (!assessment || !can(actor, "assessment.manage", { regionId: assessment.regionId })) throw notFound();
  if (assessment.status === "PUBLISHED") throw new AppError("CONFLICT", PUBLISHED);
  return assessment;
}

/**
 * An adjustment changes the scores: the version the form read must still be
 * the current one, and it moves on, so a publisher who has not seen the
 * change is refused (and a publication under way fails to serialize).
 */
async function bumpVersion(tx: Tx, assessment: { id: number }, version: number) {
  const { count } = await tx.assessment.updateMany({
    where: { id: assessment.id, version, status: "DRAFT" },
    data: { version: { increment: 1 } },
  });
  if (count !== 1) throw new AppError("CONFLICT");
}

/**
 * PostgreSQL's serialization failure (40001, or a deadlock 40P01): P2034 from
 * a model query; from a raw query, P2010 carrying the driver's error
 * (kind TransactionWriteConflict, originalCode the SQL state).
 */
function isSerializationFailure(error: unknown): boolean {
  const { code, meta } = (error ?? {}) as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  const cause = meta?.driverAdapterError?.cause;
  return (
    code === "P2034" || cause?.kind === "TransactionWriteConflict" || cause?.originalCode === "40001" || cause?.originalCode === "40P01"
  );
}

export async function createAssessment(input: unknown) {
  return runAction("createAssessment", createAssessmentSchema, input, async (actor, data) => {
    if (!can(actor, "assessment.manage")) throw forbidden();
    const created = await db().$transaction(async (tx) => {
      const region = await tx.region.findFirst({ where: { AND: [{ id: data.regionId }, scope.regions(actor)] } });
      if (!region || !can(actor, "assessment.manage", { regionId: region.id })) throw notFound();
      if (region.level !== "DISTRICT" || region.districtId !== region.id)
        throw new AppError("VALIDATION", undefined, { regionId: ["考核按区县设置,请选择区县"] });
      return createAssessmentScheme(tx, actor, region.id, data.year);
    });
    return { message: `已新建${created.title},规则已按默认值填好`, data: { id: created.id } };
  });
}

export async function updateAssessmentRules(input: unknown) {
  return runAction("updateAssessmentRules", updateRulesSchema, input, async (actor, data) => {
    if (!can(actor, "assessment.manage")) throw forbidden();
    const rules = rulesFromForm(data);
    await db().$transaction(async (tx) => {
      const before = await draftInScope(tx, actor, data.id);
      // Optimistic lock: the version read with the form must still be the current one.
      const { count } = await tx.assessment.updateMany({
        where: { id: before.id, version: data.version, status: "DRAFT" },
        data: { rules, version: { increment: 1 } },
      });
      if (count !== 1) throw new AppError("CONFLICT");
      const after = await tx.assessment.findUniqueOrThrow({ where: { id: before.id } });
      await recordAudit(tx, {
        actor,
        action: "assessment.updateRules",
        entityType: "Assessment",
        entityId: before.id,
        districtId: before.districtId,
        before,
        after,
      });
    });
    return { message: "考核规则已保存,得分已按新规则重新计算", data: null };
  });
}

export async function addAssessmentAdjustment(input: unknown) {
  return runAction("addAssessmentAdjustment", addAdjustmentSchema, input, async (actor, data) => {
    if (!can(actor, "assessment.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const assessment = await draftInScope(tx, actor, data.assessmentId);
      const unit = await tx.unit.findFirst({
        where: { AND: [{ id: data.unitId, districtId: assessment.districtId }, scope.units(actor)] },
      });
      if (!unit) throw new AppError("VALIDATION", undefined, { unitId: ["请选择本区县的单位"] });
      await bumpVersion(tx, assessment, data.version);
      const saved = await tx.assessmentAdjustment.create({
        data: {
          districtId: assessment.districtId,
          assessmentId: assessment.id,
          unitId: unit.id,
          points: data.points,
          reason: data.reason,
          createdById: actor.id,
        },
      });
      await recordAudit(tx, {
        actor,
        action: "assessment.addAdjustment",
        entityType: "AssessmentAdjustment",
        entityId: saved.id,
        districtId: assessment.districtId,
        after: { ...saved, points: Number(saved.points), unitName: unit.name },
      });
    });
    return { message: "已添加人工调整", data: null };
  });
}

export async function removeAssessmentAdjustment(input: unknown) {
  return runAction("removeAssessmentAdjustment", removeAdjustmentSchema, input, async (actor, data) => {
    if (!can(actor, "assessment.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const adjustment = await tx.assessmentAdjustment.findFirst({ where: { id: data.id, assessment: scope.assessments(actor) } });
      if (!adjustment) throw notFound();
      const assessment = await draftInScope(tx, actor, adjustment.assessmentId);
      await bumpVersion(tx, assessment, data.version);
      // Deleted meanwhile by someone else (while this waited for the lock): nothing to remove.
      const { count } = await tx.assessmentAdjustment.deleteMany({ where: { id: adjustment.id, assessmentId: assessment.id } });
      if (count !== 1) throw notFound();
      await recordAudit(tx, {
        actor,
        action: "assessment.removeAdjustment",
        entityType: "AssessmentAdjustment",
        entityId: adjustment.id,
        districtId: assessment.districtId,
        before: { ...adjustment, points: Number(adjustment.points) },
      });
    });
    return { message: "已删除人工调整", data: null };
  });
}

export async function publishAssessment(input: unknown) {
  return runAction("publishAssessment", publishAssessmentSchema, input, async (actor, data) => {
    if (!can(actor, "assessment.manage")) throw forbidden();
    const result = await db()
      .$transaction(
        async (tx) => {
          // The lock is the transaction's first statement, so its snapshot is taken with it: an
          // adjustment committed while it waited moved the row, and PostgreSQL refuses to go on.
          await draftInScope(tx, actor, data.id);
          return publishAssessmentScheme(tx, actor, data.id, { version: data.version });
        },
        // One view of the facts for every unit's lines (as the 中期评估 snapshot does).
        { timeout: 60_000, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
      )
      .catch((error: unknown) => {
        if (isSerializationFailure(error)) throw new AppError("CONFLICT", CHANGED_WHILE_PUBLISHING);
        throw error;
      });
    return { message: `考核已发布,${result.scores.length} 个单位的得分和排名已固定`, data: null };
  });
}
