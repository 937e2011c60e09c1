"use server";

import { db, type Tx } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { runAction } from "@/lib/actions/run.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { dateColumn, isoDate, todayInChina } from "@/lib/dates.ts";
import { extensionDecidedMessage, type Message } from "@/lib/notifications/messages.ts";
import {
  approveDeadlineExtensionSchema,
  rejectDeadlineExtensionSchema,
  requestDeadlineExtensionSchema,
  type RequestDeadlineExtensionInput,
} from "@/lib/extensions/schema.ts";
import { extensionDecisionRefusal, extensionRefusal, extensionRefusalError } from "@/lib/extensions/rules.ts";

// 延期申请: a lead unit (or bureau staff on its behalf) asks to move a
// measure's deadline; the bureau approves or rejects. The deadline moves only
// on approval, and the first deadline ever extended stays in originalDeadline.
// A request row goes PENDING → APPROVED or → REJECTED, never back.

/** Serialises requests and decisions on one measure (one pending request at a time). */
async function lockMeasure(tx: Tx, measureId: number) {
  await tx.$queryRaw`SELECT id FROM "Measure" WHERE id = ${measureId} FOR UPDATE`;
}

/** The measure and the lead assignment the request is for, if the actor may ask for it. */
async function requestTarget(tx: Tx, actor: Actor, input: RequestDeadlineExtensionInput) {
  const measure = await tx.measure.findFirst({
    where: { id: input.measureId, ...scope.measuresWorkedOn(actor) },
    include: {
      assignments: { where: { role: "LEAD", ...scope.assignments(actor) }, include: { unit: true }, orderBy: { id: "asc" } },
    },
  });
  if (!measure) throw notFound();
  const unitId = scope.unitActedFor(actor, input.unitId);
  const leads = measure.assignments;
  const lead = unitId != null ? leads.find((a) => a.unitId === unitId) : leads.length === 1 ? leads[0] : undefined;
  if (!lead) {
    if (unitId == null && leads.length > 1) {
      throw new AppError("VALIDATION", undefined, { unitId: ["该举措有多个牵头单位,请选择代为申请的单位"] });
    }
    throw extensionRefusalError("NOT_LEAD");
  }
  if (!can(actor, "assignment.report", { regionId: lead.unit.regionId, unitId: lead.unitId })) throw notFound();
  return { measure, unit: lead.unit };
}

/** Active users of a unit who act for it. */
async function liaisonsOf(tx: Tx, unitId: number) {
  return tx.user.findMany({ where: { unitId, role: "LIAISON", active: true }, select: { id: true } });
}

/** Bureau staff whose district (or town) covers the unit's region: the ones who decide. */
async function bureauFor(tx: Tx, unit: { regionId: number; districtId: number }, except: number) {
  const region = await tx.region.findUniqueOrThrow({ where: { id: unit.regionId }, select: { path: true } });
  const regionIds = region.path.split("/").filter(Boolean).map(Number);
  return tx.user.findMany({
    where: { role: "BUREAU", active: true, districtId: unit.districtId, regionId: { in: regionIds }, id: { not: except } },
    select: { id: true },
  });
}

export async function requestDeadlineExtension(input: unknown) {
  return runAction("requestDeadlineExtension", requestDeadlineExtensionSchema, input, async (actor, data) => {
    if (!can(actor, "assignment.report")) throw forbidden();
    const extension = await db().$transaction(async (tx) => {
      await lockMeasure(tx, data.measureId);
      const { measure, unit } = await requestTarget(tx, actor, data);
      const current = isoDate(measure.deadline);
      const pending = await tx.deadlineExtension.findFirst({ where: { measureId: measure.id, state: "PENDING" } });
      // The rule the measure page offers the form by (lib/extensions/rules.ts).
      const refusal = extensionRefusal(actor, {
        ongoing: measure.ongoing,
        deadline: current,
        leads: [{ unitId: unit.id, regionId: unit.regionId }],
        pending: pending !== null,
      });
      if (refusal || !current) throw extensionRefusalError(refusal ?? "NO_DEADLINE");
      if (data.newDeadline <= current) {
        throw new AppError("VALIDATION", undefined, { newDeadline: ["新的完成时限须晚于当前时限"] });
      }
      if (data.newDeadline < todayInChina()) {
        throw new AppError("VALIDATION", undefined, { newDeadline: ["新的完成时限不能早于今天"] });
      }
      const saved = await tx.deadlineExtension.create({
        data: {
          districtId: measure.districtId,
          measureId: measure.id,
          unitId: unit.id,
          requestedById: actor.id,
          reason: data.reason,
          oldDeadline: measure.deadline,
          newDeadline: dateColumn(data.newDeadline),
        },
      });
      const bureau = await bureauFor(tx, unit, actor.id);
      await tx.notification.createMany({
        data: bureau.map((user) => ({
          userId: user.id,
          districtId: measure.districtId,
          kind: "EXTENSION_REQUESTED",
          title: "有新的延期申请待审批",
          body: `${unit.name}申请将举措 ${measure.code} 的完成时限由 ${current} 延至 ${data.newDeadline}。理由:${data.reason}`,
          link: `/measures/${measure.id}`,
        })),
      });
      await recordAudit(tx, {
        actor,
        action: "extension.request",
        entityType: "DeadlineExtension",
        entityId: saved.id,
        districtId: saved.districtId,
        before: null,
        after: saved,
      });
      return saved;
    });
    return { message: "延期申请已提交,等待司法局审批", data: { id: extension.id } };
  });
}

/** A pending request the actor may decide, or 404 / conflict. */
async function decisionTarget(tx: Tx, actor: Actor, extensionId: number) {
  const extension = await tx.deadlineExtension.findFirst({
    where: { id: extensionId, ...scope.extensions(actor) },
    include: { unit: true },
  });
  const refusal = extension ? extensionDecisionRefusal(actor, extension) : "OUT_OF_REACH";
  if (!extension || refusal === "OUT_OF_REACH") throw notFound();
  if (refusal === "DECIDED") throw new AppError("CONFLICT", "该延期申请已审批,请刷新后查看。");
  const { unit: _unit, ...row } = extension;
  return row;
}

/** Marks a pending request decided; a concurrent decision makes this a conflict. */
async function decide(tx: Tx, actor: Actor, id: number, state: "APPROVED" | "REJECTED", comment: string | null) {
  const { count } = await tx.deadlineExtension.updateMany({
    where: { id, state: "PENDING" },
    data: { state, decidedById: actor.id, decidedAt: new Date(), comment },
  });
  if (count === 0) throw new AppError("CONFLICT", "该延期申请已审批,请刷新后查看。");
  return tx.deadlineExtension.findUniqueOrThrow({ where: { id } });
}

async function notifyRequester(tx: Tx, extension: { unitId: number; districtId: number }, message: Message) {
  const liaisons = await liaisonsOf(tx, extension.unitId);
  await tx.notification.createMany({ data: liaisons.map((user) => ({ userId: user.id, districtId: extension.districtId, ...message })) });
}

export async function approveDeadlineExtension(input: unknown) {
  return runAction("approveDeadlineExtension", approveDeadlineExtensionSchema, input, async (actor, data) => {
    if (!can(actor, "report.review")) throw forbidden();
    const newDeadline = await db().$transaction(async (tx) => {
      const extension = await decisionTarget(tx, actor, data.extensionId);
      await lockMeasure(tx, extension.measureId);
      const measure = await tx.measure.findUniqueOrThrow({ where: { id: extension.measureId } });
      // The deadline the request was made against is no longer the measure's
      // (a re-imported plan changed it): deciding on it would mislead.
      if (isoDate(measure.deadline) !== isoDate(extension.oldDeadline)) {
        throw new AppError("CONFLICT", "该举措的完成时限已发生变化,请驳回后由牵头单位重新申请。");
      }
      const saved = await decide(tx, actor, extension.id, "APPROVED", data.comment ?? null);
      const extended = await tx.measure.update({
        where: { id: measure.id },
        // The first extension keeps the printed deadline; later ones keep that first one.
        data: { deadline: saved.newDeadline, originalDeadline: measure.originalDeadline ?? measure.deadline },
      });
      const to = isoDate(saved.newDeadline);
      await notifyRequester(
        tx,
        saved,
        extensionDecidedMessage({
          measure,
          approved: true,
          oldDeadline: isoDate(measure.deadline),
          newDeadline: to,
          comment: data.comment,
        }),
      );
      await recordAudit(tx, {
        actor,
        action: "extension.approve",
        entityType: "DeadlineExtension",
        entityId: saved.id,
        districtId: saved.districtId,
        before: extension,
        after: saved,
      });
      await recordAudit(tx, {
        actor,
        action: "measure.extend",
        entityType: "Measure",
        entityId: measure.id,
        districtId: measure.districtId,
        before: measure,
        after: extended,
      });
      return to;
    });
    return { message: `已批准延期,完成时限改为 ${newDeadline}`, data: null };
  });
}

export async function rejectDeadlineExtension(input: unknown) {
  return runAction("rejectDeadlineExtension", rejectDeadlineExtensionSchema, input, async (actor, data) => {
    if (!can(actor, "report.review")) throw forbidden();
    await db().$transaction(async (tx) => {
      const extension = await decisionTarget(tx, actor, data.extensionId);
      const saved = await decide(tx, actor, extension.id, "REJECTED", data.comment);
      const measure = await tx.measure.findUniqueOrThrow({ where: { id: saved.measureId }, select: { id: true, code: true, text: true } });
      await notifyRequester(
        tx,
        saved,
        extensionDecidedMessage({
          measure,
          approved: false,
          oldDeadline: isoDate(saved.oldDeadline),
          newDeadline: isoDate(saved.newDeadline),
          comment: data.comment,
        }),
      );
      await recordAudit(tx, {
        actor,
        action: "extension.reject",
        entityType: "DeadlineExtension",
        entityId: saved.id,
        districtId: saved.districtId,
        before: extension,
        after: saved,
      });
    });
    return { message: "已驳回延期申请,并通知了申请单位", data: null };
  });
}
