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

/** A scheme the actor manages, locked for the change; NOT_FOUND outside the scope, refused once published. */
async function draftInScope(tx: Tx, actor: Actor, id: number) {
  const assessment = await tx.assessment.findFirst({ where: { AND: [{ id }, scope.assessments(actor)] } });
  if (!assessment || !can(actor, "assessment.manage", { regionId: assessment.regionId })) throw notFound();
  if (assessment.status === "PUBLISHED") throw new AppError("CONFLICT", PUBLISHED);
  return assessment;
}

export async function createAssessment(input: unknown) {
  return runAction("createAssessment", createAssessmentSchema, input, async (actor, data) => {
    if (!can(actor, "assessment.manage")) throw forbidden();
    const created = await db().$transaction(async (tx) => {
      const region = await tx.region.findFirst({ where: { AND: [{ id: data.regionId }, scope.regions(actor)] } });
      if (!region || !can(actor, "assessment.manage", { regionId: region.id })) throw notFound();
      if (region.level !== "DISTRICT" || region.districtId !== region.id) throw new AppError("VALIDATION", undefined, { regionId: ["考核按区县设置,请选择区县"] });
      return createAssessmentScheme(tx, actor, region.id, data.year);
    });
    return { message: `已新建${created.title},规则已按默认值填好`, data: { id: created.id } };
  });
}

export async function updateAssessmentRules(input: unknown) {
  return runAction("updateAssessmentRules", updateRulesSchema, input, async (actor, data) => {
    if (!can(actor, "assessment.manage")) throw forbidden();
    const rules = rulesFromForm(data as Record<string, unknown>);
    await db().$transaction(async (tx) => {
      const before = await draftInScope(tx, actor, data.id);
      // Optimistic lock: the version read with the form must still be the current one.
      const { count } = await tx.assessment.updateMany({
        where: { id: before.id, version: data.version, status: "DRAFT" },
        data: { rules, version: { increment: 1 } },
      });
      if (count !== 1) throw new AppError("CONFLICT");
      const after = await tx.assessment.findUniqueOrThrow({ where: { id: before.id } });
      await recordAudit(tx, { actor, action: "assessment.updateRules", entityType: "Assessment", entityId: before.id, districtId: before.districtId, before, after });
    });
    return { message: "考核规则已保存,得分已按新规则重新计算", data: null };
  });
}

export async function addAssessmentAdjustment(input: unknown) {
  return runAction("addAssessmentAdjustment", addAdjustmentSchema, input, async (actor, data) => {
    if (!can(actor, "assessment.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const assessment = await draftInScope(tx, actor, data.assessmentId);
      const unit = await tx.unit.findFirst({ where: { AND: [{ id: data.unitId, districtId: assessment.districtId }, scope.units(actor)] } });
      if (!unit) throw new AppError("VALIDATION", undefined, { unitId: ["请选择本区县的单位"] });
      const saved = await tx.assessmentAdjustment.create({
        data: { districtId: assessment.districtId, assessmentId: assessment.id, unitId: unit.id, points: data.points, reason: data.reason, createdById: actor.id },
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
      await tx.assessmentAdjustment.delete({ where: { id: adjustment.id } });
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
    const result = await db().$transaction(
      async (tx) => {
        await draftInScope(tx, actor, data.id);
        return publishAssessmentScheme(tx, actor, data.id, { version: data.version });
      },
      // One view of the facts for every unit's lines (as the 中期评估 snapshot does).
      { timeout: 60_000, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
    );
    return { message: `考核已发布,${result.scores.length} 个单位的得分和排名已固定`, data: null };
  });
}
