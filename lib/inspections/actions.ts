"use server";

import { db, type Tx } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { runAction } from "@/lib/actions/run.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { rectificationReportRefusal, reportAwaitingVerification } from "@/lib/inspections/rules.ts";
import { todayInChina, dateColumn, isoDate } from "@/lib/dates.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import {
  addFindingSchema,
  createInspectionSchema,
  reopenRectificationSchema,
  reportRectificationSchema,
  returnRectificationSchema,
  verifyRectificationSchema,
} from "@/lib/inspections/schema.ts";

// 督察整改: the bureau records an inspection and its findings; every finding
// gives each of its units one rectification item (整改事项), which the unit
// reports on like a measure (a ProgressReport with rectificationId set and no
// assignment). An open item takes any number of progress reports (正在整改),
// which are recorded and leave it OPEN; only a claim that it is done
// (已整改到位,申请销号) moves it OPEN → SUBMITTED (待核验), and the bureau then
// verifies that claim → CLOSED (销号) or returns it → OPEN. A CLOSED item can
// be reopened with a reason. Each action locks the item's row, so two people
// never move it at once, and writes its change with its audit event in one
// transaction.

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

async function notifyUnitLiaisons(
  tx: Tx,
  items: readonly { unitId: number; districtId: number; rectificationId: number }[],
  title: string,
  body: string,
) {
  if (items.length === 0) return;
  const liaisons = await tx.user.findMany({
    where: { unitId: { in: items.map((i) => i.unitId) }, role: "LIAISON", active: true },
    select: { id: true, unitId: true },
  });
  await tx.notification.createMany({
    data: liaisons.flatMap((user) =>
      items
        .filter((i) => i.unitId === user.unitId)
        .map((i) => ({
          userId: user.id,
          districtId: i.districtId,
          kind: "RECTIFICATION" as const,
          title,
          body,
          link: `/inspections/rectifications/${i.rectificationId}`,
        })),
    ),
  });
}

export async function createInspection(input: unknown) {
  return runAction("createInspection", createInspectionSchema, input, async (actor, data) => {
    if (!can(actor, "inspection.manage")) throw forbidden();
    const inspection = await db().$transaction(async (tx) => {
      const region = await findRegionInScope(tx, actor, data.regionId);
      if (!region || !can(actor, "inspection.manage", { regionId: region.id })) throw notFound();
      if (region.districtId === null) {
        throw new AppError("VALIDATION", undefined, { regionId: ["请选择被督察的区或街镇"] });
      }
      if (data.inspectedOn > todayInChina()) {
        throw new AppError("VALIDATION", undefined, { inspectedOn: ["督察日期不能晚于今天"] });
      }
      const saved = await tx.inspection.create({
        data: {
          districtId: region.districtId,
          regionId: region.id,
          title: data.title,
          inspector: data.inspector ?? null,
          inspectedOn: dateColumn(data.inspectedOn),
          description: data.description ?? null,
        },
      });
      await recordAudit(tx, {
        actor,
        action: "inspection.create",
        entityType: "Inspection",
        entityId: saved.id,
        districtId: saved.districtId,
        after: saved,
      });
      return saved;
    });
    return { message: "督察已登记,请逐条录入督察发现的问题", data: { id: inspection.id } };
  });
}

export async function addFinding(input: unknown) {
  return runAction("addFinding", addFindingSchema, input, async (actor, data) => {
    if (!can(actor, "inspection.manage")) throw forbidden();
    const result = await db().$transaction(async (tx) => {
      const inspection = await tx.inspection.findFirst({ where: { id: data.inspectionId, ...scope.inspections(actor) } });
      if (!inspection || !can(actor, "inspection.manage", { regionId: inspection.regionId })) throw notFound();
      const unitIds = [...new Set(data.unitIds)];
      const units = await tx.unit.findMany({
        where: {
          id: { in: unitIds },
          districtId: inspection.districtId,
          active: true,
          ...scope.units(actor),
        },
        select: { id: true },
      });
      if (units.length !== unitIds.length) {
        throw new AppError("VALIDATION", undefined, { unitIds: ["整改单位须是本次督察所在区的在用单位"] });
      }
      if (data.measureId !== undefined) {
        const measure = await tx.measure.findFirst({
          where: { id: data.measureId, districtId: inspection.districtId },
          select: { id: true },
        });
        if (!measure) throw new AppError("VALIDATION", undefined, { measureId: ["关联举措须是本区规划中的举措"] });
      }
      const inspectedOn = isoDate(inspection.inspectedOn);
      if (data.deadline < inspectedOn) {
        throw new AppError("VALIDATION", undefined, { deadline: [`整改期限不能早于督察日期(${inspectedOn})`] });
      }
      const finding = await tx.finding.create({
        data: {
          districtId: inspection.districtId,
          inspectionId: inspection.id,
          measureId: data.measureId ?? null,
          text: data.text,
          units: { create: unitIds.map((unitId) => ({ unitId, districtId: inspection.districtId })) },
        },
      });
      const items = await tx.rectification.createManyAndReturn({
        data: unitIds.map((unitId) => ({
          districtId: inspection.districtId,
          findingId: finding.id,
          unitId,
          deadline: dateColumn(data.deadline),
          status: "OPEN" as const,
        })),
      });
      await recordAudit(tx, {
        actor,
        action: "finding.create",
        entityType: "Finding",
        entityId: finding.id,
        districtId: finding.districtId,
        after: { ...finding, unitIds, rectificationIds: items.map((i) => i.id) },
      });
      for (const item of items) {
        await recordAudit(tx, {
          actor,
          action: "rectification.create",
          entityType: "Rectification",
          entityId: item.id,
          districtId: item.districtId,
          after: item,
        });
      }
      await notifyUnitLiaisons(
        tx,
        items.map((i) => ({ unitId: i.unitId, districtId: i.districtId, rectificationId: i.id })),
        "有新的督察整改任务",
        `${inspection.title}:${clip(data.text, 300)}(整改期限 ${data.deadline})`,
      );
      return { finding, items };
    });
    return {
      message: `已录入督察发现的问题,生成 ${result.items.length} 项整改任务`,
      data: { id: result.finding.id, rectificationIds: result.items.map((i) => i.id) },
    };
  });
}

/** Waits for, then reads, the item the actor may act on; 404 outside its scope. */
async function lockedItem(tx: Tx, actor: Actor, rectificationId: number) {
  const where = { id: rectificationId, ...scope.rectifications(actor) };
  // Scope first: a row lock on an item the actor cannot see would let anyone
  // stall another district's work.
  if (!(await tx.rectification.findFirst({ where, select: { id: true } }))) return null;
  await tx.$queryRaw`SELECT "id" FROM "Rectification" WHERE "id" = ${rectificationId}::int FOR UPDATE`;
  // Read again under the lock: whoever held it may have moved the item.
  return tx.rectification.findFirst({
    where,
    include: { unit: { select: { id: true, regionId: true, name: true } }, finding: { select: { text: true } } },
  });
}

export async function reportRectification(input: unknown) {
  return runAction("reportRectification", reportRectificationSchema, input, async (actor, data) => {
    if (!can(actor, "rectification.report")) throw forbidden();
    const report = await db().$transaction(async (tx) => {
      const item = await lockedItem(tx, actor, data.rectificationId);
      if (!item || !can(actor, "rectification.report", { regionId: item.unit.regionId, unitId: item.unitId })) throw notFound();
      const refused = rectificationReportRefusal(item.status);
      if (refused) throw new AppError("CONFLICT", refused);
      const today = dateColumn(todayInChina());
      const submittedAt = new Date();
      const saved = await tx.progressReport.create({
        data: {
          districtId: item.districtId,
          rectificationId: item.id,
          assignmentId: null,
          // A rectification has no reporting periods: a report covers the day it is made.
          periodStart: today,
          periodEnd: today,
          text: data.text,
          percent: data.claimedStatus === "COMPLETED" ? 100 : data.percent,
          claimedStatus: data.claimedStatus,
          state: "SUBMITTED",
          submittedAt,
          firstSubmittedAt: submittedAt,
          authorId: actor.id,
          // Bureau staff logging the unit's report for it (代报).
          onBehalfOfUnitId: scope.isOwnUnit(actor, item.unitId) ? null : item.unitId,
        },
      });
      const { unit: _unit, finding: _finding, ...before } = item;
      // A progress report is recorded and the item stays open for more; only a
      // completion claim asks the bureau to verify (and stops further reports).
      const after =
        data.claimedStatus === "COMPLETED"
          ? await tx.rectification.update({ where: { id: item.id }, data: { status: "SUBMITTED" } })
          : before;
      await recordAudit(tx, {
        actor,
        action: "report.submit",
        entityType: "ProgressReport",
        entityId: saved.id,
        districtId: saved.districtId,
        after: saved,
      });
      await recordAudit(tx, {
        actor,
        action: "rectification.report",
        entityType: "Rectification",
        entityId: item.id,
        districtId: item.districtId,
        before,
        after: { ...after, reportId: saved.id },
      });
      return saved;
    });
    const message =
      report.claimedStatus === "COMPLETED" ? "整改情况已报送,等待司法局核验销号" : "整改进展已报送;整改到位后请报送并申请销号";
    return { message, data: { id: report.id } };
  });
}

/** The item and its report the bureau decides on, both as the bureau last saw them. */
async function decisionTarget(tx: Tx, actor: Actor, data: { rectificationId: number; reportId: number }) {
  const item = await lockedItem(tx, actor, data.rectificationId);
  if (!item || !can(actor, "rectification.verify", { regionId: item.unit.regionId })) throw notFound();
  if (item.status !== "SUBMITTED") throw new AppError("CONFLICT", "该整改事项不在待核验状态,请刷新后查看。");
  // The latest report of any kind: the bureau decides on the unit's last word.
  const latest = await tx.progressReport.findFirst({ where: { rectificationId: item.id }, orderBy: { id: "desc" } });
  const report = reportAwaitingVerification(item.status, latest);
  if (!report || report.id !== data.reportId) {
    throw new AppError("CONFLICT", "该单位有新的整改报送,请刷新后查看。");
  }
  const { unit, finding, ...before } = item;
  return { item: before, unit, finding, report };
}

export async function verifyRectification(input: unknown) {
  return runAction("verifyRectification", verifyRectificationSchema, input, async (actor, data) => {
    if (!can(actor, "rectification.verify")) throw forbidden();
    await db().$transaction(async (tx) => {
      const { item, report } = await decisionTarget(tx, actor, data);
      // 销号 closes the item on the unit's claim that it is done, never on
      // interim progress. (Returning stays open to any pending report, so an
      // item left waiting on a progress report by older data can be released.)
      if (report.claimedStatus !== "COMPLETED") throw new AppError("CONFLICT", "该报送是整改进展,未申请销号,不能核验销号。");
      const now = new Date();
      const reviewed = await tx.progressReport.update({
        where: { id: report.id },
        data: { state: "APPROVED", reviewerId: actor.id, reviewedAt: now, reviewComment: data.comment ?? null, version: { increment: 1 } },
      });
      const closed = await tx.rectification.update({
        where: { id: item.id },
        data: { status: "CLOSED", verifiedById: actor.id, verifiedAt: now },
      });
      // The row's verifiedAt goes if it is reopened; the closing stays (rectificationsClosedAsOf).
      await tx.rectificationClosure.create({
        data: { districtId: item.districtId, rectificationId: item.id, closedAt: now, closedById: actor.id },
      });
      await recordAudit(tx, {
        actor,
        action: "report.approve",
        entityType: "ProgressReport",
        entityId: report.id,
        districtId: report.districtId,
        before: report,
        after: reviewed,
      });
      await recordAudit(tx, {
        actor,
        action: "rectification.verify",
        entityType: "Rectification",
        entityId: item.id,
        districtId: item.districtId,
        before: item,
        after: { ...closed, reportId: report.id },
      });
    });
    return { message: "已核验销号", data: null };
  });
}

export async function returnRectification(input: unknown) {
  return runAction("returnRectification", returnRectificationSchema, input, async (actor, data) => {
    if (!can(actor, "rectification.verify")) throw forbidden();
    await db().$transaction(async (tx) => {
      const { item, report, finding } = await decisionTarget(tx, actor, data);
      const returned = await tx.progressReport.update({
        where: { id: report.id },
        data: { state: "RETURNED", reviewerId: actor.id, reviewedAt: new Date(), reviewComment: data.comment, version: { increment: 1 } },
      });
      await tx.reportReturn.create({
        data: {
          districtId: returned.districtId,
          reportId: returned.id,
          reviewerId: actor.id,
          comment: data.comment,
          returnedAt: returned.reviewedAt ?? new Date(),
        },
      });
      const reopened = await tx.rectification.update({ where: { id: item.id }, data: { status: "OPEN" } });
      await recordAudit(tx, {
        actor,
        action: "report.return",
        entityType: "ProgressReport",
        entityId: report.id,
        districtId: report.districtId,
        before: report,
        after: returned,
      });
      await recordAudit(tx, {
        actor,
        action: "rectification.return",
        entityType: "Rectification",
        entityId: item.id,
        districtId: item.districtId,
        before: item,
        after: { ...reopened, reportId: report.id },
      });
      await notifyUnitLiaisons(
        tx,
        [{ unitId: item.unitId, districtId: item.districtId, rectificationId: item.id }],
        "整改报送被退回",
        `${clip(finding.text, 100)}。退回意见:${data.comment}`,
      );
    });
    return { message: "已退回,并通知了整改单位", data: null };
  });
}

export async function reopenRectification(input: unknown) {
  return runAction("reopenRectification", reopenRectificationSchema, input, async (actor, data) => {
    if (!can(actor, "rectification.verify")) throw forbidden();
    await db().$transaction(async (tx) => {
      const found = await lockedItem(tx, actor, data.rectificationId);
      if (!found || !can(actor, "rectification.verify", { regionId: found.unit.regionId })) throw notFound();
      const { unit: _unit, finding, ...item } = found;
      if (item.status !== "CLOSED") throw new AppError("CONFLICT", "只有已销号的整改事项可以重新打开,请刷新后查看。");
      // The verification moves to its closing's row: an open item is not verified.
      const reopenedAt = new Date();
      const { count } = await tx.rectificationClosure.updateMany({
        where: { rectificationId: item.id, reopenedAt: null },
        data: { reopenedAt },
      });
      // Closed by data written without its closing row: the row still says when.
      if (count === 0 && item.verifiedAt) {
        await tx.rectificationClosure.create({
          data: {
            districtId: item.districtId,
            rectificationId: item.id,
            closedAt: item.verifiedAt,
            closedById: item.verifiedById,
            reopenedAt,
          },
        });
      }
      const reopened = await tx.rectification.update({
        where: { id: item.id },
        data: { status: "OPEN", reopenReason: data.reason, verifiedById: null, verifiedAt: null },
      });
      await recordAudit(tx, {
        actor,
        action: "rectification.reopen",
        entityType: "Rectification",
        entityId: item.id,
        districtId: item.districtId,
        before: item,
        after: reopened,
      });
      await notifyUnitLiaisons(
        tx,
        [{ unitId: item.unitId, districtId: item.districtId, rectificationId: item.id }],
        "整改事项被重新打开",
        `${clip(finding.text, 100)}。原因:${data.reason}`,
      );
    });
    return { message: "已重新打开,并通知了整改单位", data: null };
  });
}
