"use server";

import type { AuditAction } from "@/lib/audit/events.ts";
import { db, type Tx } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { runAction } from "@/lib/actions/run.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { mayReportFor, reviewRefusal } from "@/lib/progress/rules.ts";
import { todayInChina, dateColumn } from "@/lib/dates.ts";
import { logError } from "@/lib/log.ts";
import { isPeriodClosed, periodByKey, type Period } from "@/lib/reporting/periods.ts";
import { planLifeFacts, reportingWindow } from "@/lib/plans/life.ts";
import { notifyUnitLiaisons, reportSubject } from "@/lib/notifications/write.ts";
import { noteArrival, resolveDigests } from "@/lib/notifications/digests.ts";
import { reportApprovedMessage, reportReturnedMessage } from "@/lib/notifications/messages.ts";
import { attachmentStore, contentHash } from "@/lib/storage/attachment-store.ts";
import { UPLOAD_MESSAGES, evidenceSizeProblems, validateUpload } from "@/lib/storage/validate-upload.ts";
import { refreshIndicatorActuals, saveIndicatorValues } from "@/lib/targets/report-values.ts";
import {
  batchApproveProgressReportsSchema,
  carryForwardProgressReportSchema,
  returnProgressReportSchema,
  approveProgressReportSchema,
  saveProgressDraftSchema,
  submitProgressReportSchema,
} from "@/lib/progress/schema.ts";

// A unit reports once per assignment and period: the report row moves
// DRAFT → SUBMITTED → APPROVED, or → RETURNED → SUBMITTED again. Every move is
// an audit event, which is also the measure's timeline. Each write names the
// version it was read at, so two people never overwrite each other silently.

/** A form posts files; tests and other callers may pass a plain object. */
function formInput(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) if (typeof value === "string") fields[key] = value;
  // One value per attachment the user unticked: keep them all, not just the last.
  fields.removeAttachment = input.getAll("removeAttachment").filter((v): v is string => typeof v === "string");
  // A file input with nothing chosen still sends one empty, nameless file.
  fields.evidence = input.getAll("evidence").filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ""));
  return fields;
}

type StoredEvidence = { fileName: string; contentHash: string; size: number; mimeType: string };

/**
 * Checks every file before anything is written, then stores the content. Call
 * it only after the actor has been authorized for the report (reportTarget), so
 * a refused upload never reaches storage. With the database store the files
 * are written in the report's transaction and go with it when it fails; a
 * file stored elsewhere for a failed report is referenced by nothing, and the
 * cleanup (lib/storage/cleanup.ts) removes it after a day.
 */
async function storeEvidence(tx: Tx, files: File[]): Promise<StoredEvidence[]> {
  const checked = [];
  const problems = evidenceSizeProblems(files);
  if (problems.length) throw new AppError("VALIDATION", UPLOAD_MESSAGES.refused, { evidence: problems });
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = validateUpload(file.name, bytes);
    if (result.ok) checked.push({ bytes, fileName: result.fileName, mimeType: result.mimeType });
    else problems.push(`“${file.name}”:${result.message}`);
  }
  if (problems.length) throw new AppError("VALIDATION", UPLOAD_MESSAGES.refused, { evidence: problems });
  const store = attachmentStore();
  // One after another in the order of their hashes: in the database store each
  // new file stays locked until the report commits, and two reports taking the
  // same files in opposite orders would deadlock.
  const hashed = checked
    .map((file) => ({ ...file, hash: contentHash(file.bytes) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  const stored = new Map<Uint8Array, StoredEvidence>();
  for (const { bytes, fileName, mimeType } of hashed) {
    const { hash, size } = await store.put(bytes, tx);
    stored.set(bytes, { fileName, contentHash: hash, size, mimeType });
  }
  return checked.map((file) => stored.get(file.bytes)!);
}

// Storing happens inside the transaction, after the scope check: up to 40 MB
// hashed and synced to disk takes longer than Prisma's 5 s default on a slow disk.
const EVIDENCE_TRANSACTION = { timeout: 60_000 };

/**
 * Adds the files the report does not hold yet: content already attached to this
 * report (the same hash, whatever its name) is not attached twice. The bytes
 * themselves are stored once per hash anyway (lib/storage).
 */
async function attachEvidence(tx: Tx, actor: Actor, report: { id: number; districtId: number }, evidence: StoredEvidence[]) {
  if (!evidence.length) return;
  const held = new Set(
    (await tx.attachment.findMany({ where: { reportId: report.id }, select: { contentHash: true } })).map((a) => a.contentHash),
  );
  const fresh = evidence.filter((e) => !held.has(e.contentHash) && (held.add(e.contentHash), true));
  if (!fresh.length) return;
  await tx.attachment.createMany({
    data: fresh.map((e) => ({ ...e, reportId: report.id, districtId: report.districtId, uploadedById: actor.id })),
  });
}

/**
 * The report's attachments the user asked to remove, found within the actor's
 * scope and on this very report; any id that is not one of them answers 404
 * before anything is written.
 */
async function attachmentsToRemove(tx: Tx, actor: Actor, existing: { id: number } | null, ids: number[]) {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  if (!existing) throw notFound();
  const found = await tx.attachment.findMany({
    where: { AND: [{ id: { in: wanted }, reportId: existing.id }, scope.attachments(actor)] },
    select: { id: true, fileName: true, contentHash: true, size: true, reportId: true, districtId: true },
  });
  if (found.length !== wanted.length) throw notFound();
  return found;
}

/** Removes them from the report, one audit event each, in the caller's transaction. */
async function removeAttachments(tx: Tx, actor: Actor, removed: Awaited<ReturnType<typeof attachmentsToRemove>>) {
  if (!removed.length) return;
  await tx.attachment.deleteMany({ where: { id: { in: removed.map((a) => a.id) } } });
  for (const attachment of removed) {
    await recordAudit(tx, {
      actor,
      action: "report.removeAttachment",
      entityType: "ProgressReport",
      entityId: attachment.reportId!,
      districtId: attachment.districtId,
      before: attachment,
      after: null,
    });
  }
}

type ReportInput = {
  assignmentId: number;
  periodKey: string;
  text: string;
  percent: number;
  claimedStatus: "IN_PROGRESS" | "COMPLETED" | "NO_CHANGE";
  version?: number;
};

/** The assignment, if the actor may report on it, and the period the report is for. */
async function reportTarget(tx: Tx, actor: Actor, input: ReportInput) {
  const assignment = await tx.assignment.findFirst({
    where: { id: input.assignmentId, ...scope.assignments(actor) },
    include: { unit: true, measure: { include: { plan: true } } },
  });
  if (!assignment || !mayReportFor(actor, assignment)) throw notFound();
  const { plan } = assignment.measure;
  if (plan.status === "CLOSED") throw new AppError("CONFLICT", "该规划已结束,不再接受进展报送。");
  if (plan.status === "DRAFT") throw new AppError("CONFLICT", "该规划尚为草案,施行后方可报送进展。");
  const period = periodByKey(input.periodKey, plan.reportCadence, plan.reportDueDay);
  if (!period) throw new AppError("VALIDATION", undefined, { periodKey: ["报送期次与该规划的报送周期不符"] });
  const today = todayInChina();
  if (period.start > today) throw new AppError("VALIDATION", undefined, { periodKey: [`${period.label}尚未开始,不能报送`] });
  const { last } = reportingWindow(planLifeFacts(plan));
  if (last !== null && period.start > last) {
    throw new AppError("VALIDATION", undefined, { periodKey: [`该规划的报送期至 ${last} 止,${period.label}不在报送期内,不能报送`] });
  }
  if (isPeriodClosed(period, today, 0, plan.reportDueDay)) {
    throw new AppError("VALIDATION", undefined, { periodKey: [`${period.label}的报送已截止,不能再报送或修改`] });
  }
  const existing = await tx.progressReport.findUnique({
    where: {
      assignmentId_periodStart_periodEnd_districtId: {
        assignmentId: assignment.id,
        periodStart: dateColumn(period.start),
        periodEnd: dateColumn(period.end),
        districtId: assignment.districtId,
      },
    },
  });
  return { assignment, period, existing };
}

/** Applies a change only if the row is still at the version the user saw. */
async function updateAtVersion(tx: Tx, id: number, version: number | undefined, data: Record<string, unknown>) {
  if (version === undefined) throw new AppError("CONFLICT");
  const { count } = await tx.progressReport.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw new AppError("CONFLICT");
  return tx.progressReport.findUniqueOrThrow({ where: { id } });
}

function reportData(actor: Actor, assignment: { unitId: number }, input: ReportInput, period: Period) {
  // Bureau staff logging a unit's paper or e-mail report (代报).
  const onBehalf = !scope.isOwnUnit(actor, assignment.unitId);
  return {
    text: input.text,
    percent: input.claimedStatus === "COMPLETED" ? 100 : input.percent,
    claimedStatus: input.claimedStatus,
    periodStart: dateColumn(period.start),
    periodEnd: dateColumn(period.end),
    authorId: actor.id,
    onBehalfOfUnitId: onBehalf ? assignment.unitId : null,
  };
}

type Target = Awaited<ReturnType<typeof reportTarget>>;

/**
 * Creates the period's report or updates it at the version the user saw,
 * attaches the evidence and records the step. A submitted report also marks
 * the assignment as reported.
 */
async function writeReport(
  tx: Tx,
  actor: Actor,
  { assignment, existing }: Target,
  step: {
    action: AuditAction;
    version?: number;
    fields: ReturnType<typeof reportData> & { state: "DRAFT" | "SUBMITTED"; submittedAt?: Date };
    evidence: StoredEvidence[];
    note?: object;
  },
) {
  // The first submission stays: a report returned and sent again was first sent before (the 考核's LATE_REPORT).
  const fields =
    step.fields.state === "SUBMITTED" && !existing?.firstSubmittedAt
      ? { ...step.fields, firstSubmittedAt: step.fields.submittedAt }
      : step.fields;
  const saved = existing
    ? await updateAtVersion(tx, existing.id, step.version, fields)
    : await tx.progressReport
        .create({ data: { ...fields, assignmentId: assignment.id, districtId: assignment.districtId } })
        .catch((error: unknown) => {
          // Someone else wrote this period's first report a moment ago.
          if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT");
          throw error;
        });
  await attachEvidence(tx, actor, saved, step.evidence);
  if (saved.state === "SUBMITTED") {
    await tx.assignment.update({
      where: { id: assignment.id },
      data: { lastReportAt: saved.submittedAt, ...(assignment.status === "NOT_STARTED" ? { status: "IN_PROGRESS" } : {}) },
    });
  }
  await recordAudit(tx, {
    actor,
    action: step.action,
    entityType: "ProgressReport",
    entityId: saved.id,
    districtId: saved.districtId,
    before: existing,
    after: { ...saved, ...step.note },
  });
  return saved;
}

export async function saveProgressDraft(input: unknown) {
  return runAction("saveProgressDraft", saveProgressDraftSchema, formInput(input), async (actor, data) => {
    if (!can(actor, "assignment.report")) throw forbidden();
    const report = await db().$transaction(async (tx) => {
      const target = await reportTarget(tx, actor, data);
      const { assignment, period, existing } = target;
      if (existing && existing.state !== "DRAFT" && existing.state !== "RETURNED") {
        throw new AppError("CONFLICT", "本期已报送,不能再保存草稿;如需修改,请联系司法局退回。");
      }
      const removed = await attachmentsToRemove(tx, actor, existing, data.removeAttachment);
      // Authorized above: only now may the files reach storage.
      const evidence = await storeEvidence(tx, data.evidence);
      await removeAttachments(tx, actor, removed);
      const saved = await writeReport(tx, actor, target, {
        action: "report.saveDraft",
        version: data.version,
        // Editing a returned report makes it a draft again; the return stays in the timeline.
        fields: { ...reportData(actor, assignment, data, period), state: "DRAFT" },
        evidence,
      });
      await saveIndicatorValues(tx, actor, saved, assignment, period.start, data.indicatorValues);
      return saved;
    }, EVIDENCE_TRANSACTION);
    return { message: "草稿已保存", data: { id: report.id, version: report.version } };
  });
}

/**
 * A report has arrived: the bureau hears of it (today's arrivals digest), and
 * the unit's reminder digests that listed it shrink, or resolve when it was the last.
 */
async function settleArrival(tx: Tx, assignment: { districtId: number; unitId: number }) {
  const today = todayInChina();
  await noteArrival(tx, assignment.districtId, today);
  await resolveDigests(tx, today, { unitId: assignment.unitId });
}

export async function submitProgressReport(input: unknown) {
  return runAction("submitProgressReport", submitProgressReportSchema, formInput(input), async (actor, data) => {
    if (!can(actor, "assignment.report")) throw forbidden();
    const report = await db().$transaction(async (tx) => {
      const target = await reportTarget(tx, actor, data);
      const { assignment, period, existing } = target;
      const onBehalf = reportData(actor, assignment, data, period).onBehalfOfUnitId !== null;
      if (existing && (existing.state === "SUBMITTED" || existing.state === "APPROVED")) {
        throw new AppError("CONFLICT", `${period.label}已报送,请勿重复报送。`);
      }
      const removed = await attachmentsToRemove(tx, actor, existing, data.removeAttachment);
      const alreadyAttached = existing ? await tx.attachment.count({ where: { reportId: existing.id } }) : 0;
      if (onBehalf && data.evidence.length + alreadyAttached - removed.length === 0) {
        throw new AppError("VALIDATION", undefined, { evidence: ["代报须上传单位报来的原件(纸质件扫描或邮件附件)"] });
      }
      // Authorized above: only now may the files reach storage.
      const evidence = await storeEvidence(tx, data.evidence);
      await removeAttachments(tx, actor, removed);
      const written = await writeReport(tx, actor, target, {
        action: existing?.state === "RETURNED" ? "report.resubmit" : "report.submit",
        version: data.version,
        fields: { ...reportData(actor, assignment, data, period), state: "SUBMITTED", submittedAt: new Date() },
        evidence,
      });
      await saveIndicatorValues(tx, actor, written, assignment, period.start, data.indicatorValues);
      await refreshIndicatorActuals(tx, written.id, data.indicatorValues);
      await settleArrival(tx, assignment);
      return written;
    }, EVIDENCE_TRANSACTION);
    return { message: "已报送,等待司法局审核", data: { id: report.id, version: report.version } };
  });
}

/**
 * "本期无新进展": submits this period's report as a copy of the unit's last
 * one, so a unit that has nothing new reports in one click.
 */
export async function carryForwardProgressReport(input: unknown) {
  return runAction("carryForwardProgressReport", carryForwardProgressReportSchema, input, async (actor, data) => {
    if (!can(actor, "assignment.report")) throw forbidden();
    const report = await db().$transaction(async (tx) => {
      const target = await reportTarget(tx, actor, { ...data, text: "", percent: 0, claimedStatus: "NO_CHANGE" });
      const { assignment, period, existing } = target;
      if (existing && (existing.state === "SUBMITTED" || existing.state === "APPROVED")) {
        throw new AppError("CONFLICT", `${period.label}已报送,请勿重复报送。`);
      }
      const last = await tx.progressReport.findFirst({
        where: { assignmentId: assignment.id, periodStart: { lt: dateColumn(period.start) }, state: { in: ["SUBMITTED", "APPROVED"] } },
        orderBy: { periodStart: "desc" },
        include: { attachments: true },
      });
      if (!last) throw new AppError("VALIDATION", "没有可沿用的上期报送,请填写本期进展。");
      const onBehalf =
        reportData(actor, assignment, { ...data, text: "", percent: 0, claimedStatus: "NO_CHANGE" }, period).onBehalfOfUnitId !== null;
      if (onBehalf && last.attachments.length === 0) {
        throw new AppError("VALIDATION", undefined, { evidence: ["代报须上传单位报来的原件(纸质件扫描或邮件附件)"] });
      }
      // The same evidence stands for this period too; its content is stored once.
      const written = await writeReport(tx, actor, target, {
        action: "report.carryForward",
        version: data.version,
        fields: {
          ...reportData(actor, assignment, { ...data, text: last.text, percent: last.percent, claimedStatus: "NO_CHANGE" }, period),
          state: "SUBMITTED",
          submittedAt: new Date(),
        },
        evidence: last.attachments.map(({ fileName, contentHash, size, mimeType }) => ({ fileName, contentHash, size, mimeType })),
        note: { carriedFrom: last.id },
      });
      await settleArrival(tx, assignment);
      return written;
    });
    return { message: "已沿用上期报送(本期无新进展)", data: { id: report.id, version: report.version } };
  });
}

/** A submitted report the actor may review, or 404. */
async function reviewTarget(tx: Tx, actor: Actor, reportId: number) {
  const report = await tx.progressReport.findFirst({
    where: { id: reportId, ...scope.progressReports(actor) },
    include: { assignment: { include: { unit: true } } },
  });
  const refusal = report?.assignment ? reviewRefusal(actor, { state: report.state, unit: report.assignment.unit }) : "OUT_OF_REACH";
  if (!report?.assignment || refusal === "OUT_OF_REACH") throw notFound();
  if (refusal === "NOT_SUBMITTED") throw new AppError("CONFLICT", "该报送尚未提交,不能审核。");
  if (refusal === "ALREADY_REVIEWED") {
    throw new AppError("CONFLICT", "该报送已被审核或退回,请刷新后查看。", undefined, { detail: "该报送已被审核或退回" });
  }
  return { report, assignment: report.assignment };
}

/**
 * Approves one submitted report at the version the reviewer saw: the state, the
 * assignment's status, the unit's 审核结果 message and the audit event, in the
 * caller's transaction. The single 通过 and 批量通过 both go through here.
 */
async function approveInTx(tx: Tx, actor: Actor, reportId: number, version: number, comment: string | null = null) {
  const { report, assignment } = await reviewTarget(tx, actor, reportId);
  const saved = await updateAtVersion(tx, report.id, version, {
    state: "APPROVED",
    reviewerId: actor.id,
    reviewedAt: new Date(),
    reviewComment: comment || null,
  });
  // The unit's own status follows the newest approved report; a late
  // report for an earlier period never undoes a later one or a completion.
  const newer = await tx.progressReport.findFirst({
    where: { assignmentId: assignment.id, state: "APPROVED", id: { not: report.id }, periodStart: { gt: report.periodStart } },
    select: { id: true },
  });
  const completed = report.claimedStatus === "COMPLETED";
  if (completed) {
    await tx.assignment.update({
      where: { id: assignment.id },
      data: { status: "COMPLETED", percent: 100, completedAt: saved.reviewedAt },
    });
  } else if (!newer && assignment.status !== "COMPLETED") {
    await tx.assignment.update({
      where: { id: assignment.id },
      data: { status: "IN_PROGRESS", ...(report.claimedStatus === "IN_PROGRESS" ? { percent: report.percent } : {}) },
    });
  }
  // 审核结果 reaches the unit's liaisons, naming the measure and period.
  const { measure, period } = await reportSubject(tx, assignment.measureId, report.periodStart);
  const message = reportApprovedMessage({ measure, period, comment: saved.reviewComment });
  await notifyUnitLiaisons(tx, { unitId: assignment.unitId, districtId: saved.districtId }, message);
  await recordAudit(tx, {
    actor,
    action: "report.approve",
    entityType: "ProgressReport",
    entityId: saved.id,
    districtId: saved.districtId,
    before: report,
    after: saved,
  });
}

export async function approveProgressReport(input: unknown) {
  return runAction("approveProgressReport", approveProgressReportSchema, input, async (actor, data) => {
    if (!can(actor, "report.review")) throw forbidden();
    await db().$transaction((tx) => approveInTx(tx, actor, data.reportId, data.version, data.comment ?? null));
    return { message: "已审核通过", data: null };
  });
}

export type BatchApprovalOutcome = {
  approved: number[];
  /** Reports left as they were, each named for the reviewer: changed meanwhile, already decided. */
  failed: { reportId: number; name: string; reason: string }[];
};

/**
 * 批量通过: every report of the list is first looked up inside the actor's scope;
 * one id outside it (or unknown) refuses the whole batch with NOT_FOUND, so a
 * forged list changes nothing and probes nothing. Each approval then runs in its
 * own transaction through the single approval's core, so a report changed
 * meanwhile (stale version) or already decided is reported by name and the rest
 * still go through.
 */
export async function approveProgressReports(input: unknown) {
  return runAction(
    "approveProgressReports",
    batchApproveProgressReportsSchema,
    input,
    async (actor, data): Promise<{ message: string; data: BatchApprovalOutcome }> => {
      if (!can(actor, "report.review")) throw forbidden();
      const ids = data.items.map((item) => item.reportId);
      const found = await db().progressReport.findMany({
        where: { id: { in: ids }, assignmentId: { not: null }, ...scope.progressReports(actor) },
        select: {
          id: true,
          periodStart: true,
          assignment: { select: { unit: { select: { name: true, regionId: true } }, measure: { select: { code: true } } } },
        },
      });
      if (
        found.length !== ids.length ||
        found.some((r) => !r.assignment || !can(actor, "report.review", { regionId: r.assignment.unit.regionId }))
      ) {
        throw notFound();
      }
      const nameOf = new Map(found.map((r) => [r.id, `${r.assignment!.unit.name} · 举措 ${r.assignment!.measure.code}`]));
      const outcome: BatchApprovalOutcome = { approved: [], failed: [] };
      for (const item of data.items) {
        try {
          await db().$transaction((tx) => approveInTx(tx, actor, item.reportId, item.version));
          outcome.approved.push(item.reportId);
        } catch (error) {
          // Approvals before this one are committed: an unexpected failure is named
          // with the rest (and logged), never a bare error that hides what went through.
          if (!(error instanceof AppError))
            logError("batch approval item failed", { action: "approveProgressReports", reportId: item.reportId, actorId: actor.id }, error);
          const reason = !(error instanceof AppError)
            ? "系统错误,未处理"
            : error.code === "CONFLICT" && error.generic
              ? "已被他人修改"
              : (error.detail ?? error.message);
          outcome.failed.push({ reportId: item.reportId, name: nameOf.get(item.reportId)!, reason });
        }
      }
      const failedText = outcome.failed.length
        ? `;${outcome.failed.length} 份未通过:${outcome.failed.map((f) => `${f.name}(${f.reason})`).join("、")},请刷新后查看`
        : "";
      return { message: `已通过 ${outcome.approved.length} 份报送${failedText}`, data: outcome };
    },
  );
}

export async function returnProgressReport(input: unknown) {
  return runAction("returnProgressReport", returnProgressReportSchema, input, async (actor, data) => {
    if (!can(actor, "report.review")) throw forbidden();
    await db().$transaction(async (tx) => {
      const { report, assignment } = await reviewTarget(tx, actor, data.reportId);
      const saved = await updateAtVersion(tx, report.id, data.version, {
        state: "RETURNED",
        reviewerId: actor.id,
        reviewedAt: new Date(),
        reviewComment: data.comment,
      });
      // Its 工作指标数值 no longer count as the indicators' actual values.
      await refreshIndicatorActuals(tx, saved.id);
      // The unit's liaisons see the return in their inbox at once.
      const liaisons = await tx.user.findMany({
        where: { unitId: assignment.unitId, role: "LIAISON", active: true },
        select: { id: true },
      });
      const { measure, period } = await reportSubject(tx, assignment.measureId, report.periodStart);
      const message = reportReturnedMessage({ measure, period, comment: data.comment });
      await tx.notification.createMany({ data: liaisons.map((user) => ({ userId: user.id, districtId: saved.districtId, ...message })) });
      // Every return counts in the 考核 (RETURNED_REPORT), also once the report is sent again.
      await tx.reportReturn.create({
        data: {
          districtId: saved.districtId,
          reportId: saved.id,
          reviewerId: actor.id,
          comment: data.comment,
          returnedAt: saved.reviewedAt ?? new Date(),
        },
      });
      await recordAudit(tx, {
        actor,
        action: "report.return",
        entityType: "ProgressReport",
        entityId: saved.id,
        districtId: saved.districtId,
        before: report,
        after: saved,
      });
    });
    return { message: "已退回,并通知了报送单位", data: null };
  });
}
