"use server";

import type { AuditAction } from "@/lib/audit/events.ts";
import { db, type Tx } from "@/lib/db/client.ts";
import { runAction } from "@/lib/actions/run.ts";
import { ANNUAL_REPORT_STEPS } from "@/lib/annual-reports/rules.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import { todayInChina } from "@/lib/dates.ts";
import {
  createAnnualReportCorrectionSchema,
  createAnnualReportDraftSchema,
  importAnnualReportSchema,
  publishAnnualReportSchema,
  returnAnnualReportSchema,
  submitAnnualReportSchema,
  updateAnnualReportSchema,
} from "@/lib/annual-reports/schema.ts";
import { buildDraft } from "@/lib/annual-reports/draft.ts";
import { loadDraftData } from "@/lib/annual-reports/queries.ts";
import { writeAnnualReportImport } from "@/lib/annual-reports/import.ts";

/** Keeps a report the government already published as history (see writeAnnualReportImport). */
export async function importAnnualReport(input: unknown) {
  return runAction("importAnnualReport", importAnnualReportSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const report = await db().$transaction(async (tx) => {
      const region = await findRegionInScope(tx, actor, data.regionId);
      if (!region?.districtId) {
        throw new AppError("VALIDATION", undefined, { regionId: ["所选区域不存在、不在您的管理范围内或不是区县/乡镇"] });
      }
      return writeAnnualReportImport(tx, actor, { id: region.id, districtId: region.districtId }, data);
    });
    return { message: `已保存${report.year}年度报告“${report.title}”`, data: { id: report.id } };
  });
}

// ---------------------------------------------------------------------------
// Drafting, editing and the workflow DRAFT → SUBMITTED → PUBLISHED (年度报告).
// Every use case: the role may act at all (FORBIDDEN, whatever the id), the
// actor may read the report (scope.annualReports; NOT_FOUND otherwise, as the
// report's page answers, nothing said about it), the actor may act on that
// report (a liaison on a published report of another unit: FORBIDDEN), then
// the change and its audit event in one transaction.

const STATUS_WORDS = { DRAFT: "草稿", SUBMITTED: "已报送", PUBLISHED: "已发布" } as const;

/**
 * A report the actor may read, read for change (its row locked until the
 * transaction ends). One it may not read answers 404, as its page does, even
 * inside the actor's district: otherwise a refusal would tell that it exists.
 */
async function reportForChange(tx: Tx, actor: Actor, id: number) {
  const found = await tx.annualReport.findFirst({ where: { AND: [{ id }, scope.annualReports(actor)] }, select: { id: true } });
  if (!found) throw notFound();
  await tx.$executeRaw`SELECT 1 FROM "AnnualReport" WHERE "id" = ${id}::int FOR UPDATE`;
  return tx.annualReport.findUniqueOrThrow({ where: { id }, include: { sections: { orderBy: { sortOrder: "asc" } } } });
}

const subjectOf = (report: { regionId: number; unitId: number | null }) => ({ regionId: report.regionId, unitId: report.unitId });

function notEditable(status: keyof typeof STATUS_WORDS): AppError {
  return new AppError(
    "CONFLICT",
    status === "PUBLISHED"
      ? "该报告已发布,内容已冻结,不能修改;如需更正,请创建更正版本。"
      : "该报告已报送,不能修改;如需修改,请由司法局退回后再改。",
  );
}

export async function createAnnualReportDraft(input: unknown) {
  return runAction("createAnnualReportDraft", createAnnualReportDraftSchema, input, async (actor, data) => {
    if (!can(actor, "annualReport.manage")) throw forbidden();
    const region = await findRegionInScope(db(), actor, data.regionId);
    if (!region?.districtId) throw notFound();
    // The unit must lie in the actor's scope and in the report's region (a
    // town's bureau may not draft, and so read, a district department's report).
    const unit = data.unitId
      ? await db().unit.findFirst({
          where: {
            id: data.unitId,
            districtId: region.districtId,
            region: { path: { startsWith: region.path } },
            ...scope.units(actor),
          },
          select: { id: true, name: true, regionId: true },
        })
      : null;
    if (data.unitId && !unit) throw notFound();
    if (!can(actor, "annualReport.manage", unit ? { regionId: unit.regionId, unitId: unit.id } : { regionId: region.id, unitId: null })) {
      throw forbidden();
    }

    const source = await loadDraftData(
      db(),
      {
        districtId: region.districtId,
        regionId: region.id,
        regionIsDistrict: region.level === "DISTRICT",
        unitId: unit?.id ?? null,
        year: data.year,
      },
      todayInChina(),
    );
    const draft = buildDraft({ ...source, subject: unit?.name ?? region.name, unitReport: unit !== null });

    const report = await db().$transaction(async (tx) => {
      // Two clicks at once must not both pass the check below.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`annualReport:${region.id}:${unit?.id ?? 0}:${data.year}`}))`;
      // An imported (already published) report counts too: a second current
      // published report of the year would contradict it; it is corrected instead.
      const existing = await tx.annualReport.findFirst({
        where: { regionId: region.id, unitId: unit?.id ?? null, year: data.year },
        orderBy: [{ version: "desc" }, { id: "desc" }],
        select: { id: true, status: true, imported: true },
      });
      if (existing) {
        throw new AppError(
          "DUPLICATE",
          existing.status === "PUBLISHED"
            ? existing.imported
              ? `${data.year}年度报告已导入并发布,不能再生成草稿;如需修改请打开 /reports/${existing.id} 创建更正版本。`
              : `${data.year}年度报告已发布,如需修改请打开 /reports/${existing.id} 创建更正版本。`
            : `已有一份未发布的${data.year}年度报告(${STATUS_WORDS[existing.status]}),请打开 /reports/${existing.id} 继续办理。`,
          undefined,
          { link: `/reports/${existing.id}` },
        );
      }
      const saved = await tx.annualReport.create({
        data: {
          districtId: region.districtId!,
          regionId: region.id,
          unitId: unit?.id ?? null,
          year: data.year,
          title: draft.title,
          status: "DRAFT",
          createdById: actor.id,
          sections: {
            create: draft.sections.map((s, index) => ({ ...s, sortOrder: index, districtId: region.districtId! })),
          },
        },
      });
      await recordAudit(tx, {
        actor,
        action: "annualReport.draft",
        entityType: "AnnualReport",
        entityId: saved.id,
        districtId: saved.districtId,
        after: { ...saved, sections: draft.sections.map((s) => s.heading) },
      });
      return saved;
    });
    return { message: `已生成${report.year}年度报告草稿`, data: { id: report.id } };
  });
}

export async function updateAnnualReport(input: unknown) {
  return runAction("updateAnnualReport", updateAnnualReportSchema, input, async (actor, data) => {
    if (!can(actor, "annualReport.manage")) throw forbidden();
    const saved = await db().$transaction(async (tx) => {
      const report = await reportForChange(tx, actor, data.id);
      if (!can(actor, "annualReport.manage", subjectOf(report))) throw forbidden();
      if (report.status !== ANNUAL_REPORT_STEPS.edit.from) throw notEditable(report.status);
      if (report.updatedAt.toISOString() !== data.updatedAt) throw new AppError("CONFLICT");
      const byId = new Map(report.sections.map((s) => [s.id, s]));
      if (data.sections.some((s) => !byId.has(s.id))) throw new AppError("CONFLICT");
      const changed = data.sections.filter((s) => {
        const old = byId.get(s.id)!;
        // The standard headings (level 1) are fixed; only the paragraphs' own headings are edited.
        return old.body !== s.body || (old.level > 1 && old.heading !== s.heading);
      });
      for (const s of changed) {
        const old = byId.get(s.id)!;
        await tx.annualReportSection.update({
          where: { id: s.id },
          data: { body: s.body, ...(old.level > 1 ? { heading: s.heading } : {}) },
        });
      }
      // Always moved forward (even within one millisecond), so the next save must name this version.
      const updatedAt = new Date(Math.max(Date.now(), report.updatedAt.getTime() + 1));
      const after = await tx.annualReport.update({ where: { id: report.id }, data: { title: data.title, updatedAt } });
      await recordAudit(tx, {
        actor,
        action: "annualReport.update",
        entityType: "AnnualReport",
        entityId: report.id,
        districtId: report.districtId,
        before: {
          title: report.title,
          sections: changed.map((s) => ({ id: s.id, heading: byId.get(s.id)!.heading, body: byId.get(s.id)!.body })),
        },
        after: { title: after.title, sections: changed },
      });
      return after;
    });
    return { message: "已保存", data: { id: saved.id, updatedAt: saved.updatedAt.toISOString() } };
  });
}

/** A workflow step: the permission, the state it starts from, the fields it sets. */
async function step(
  actor: Actor,
  id: number,
  spec: {
    action: AuditAction;
    permission: "annualReport.manage" | "annualReport.publish";
    from: "DRAFT" | "SUBMITTED" | "PUBLISHED";
    wrongState: (status: keyof typeof STATUS_WORDS) => string;
    data: () => Record<string, unknown>;
  },
) {
  if (!can(actor, spec.permission)) throw forbidden();
  return db().$transaction(async (tx) => {
    const report = await reportForChange(tx, actor, id);
    if (!can(actor, spec.permission, subjectOf(report))) throw forbidden();
    if (report.status !== spec.from) throw new AppError("CONFLICT", spec.wrongState(report.status));
    const { sections: _sections, ...before } = report;
    const after = await tx.annualReport.update({ where: { id }, data: spec.data() });
    await recordAudit(tx, {
      actor,
      action: spec.action,
      entityType: "AnnualReport",
      entityId: id,
      districtId: report.districtId,
      before: { ...before, sourceText: undefined },
      after: { ...after, sourceText: undefined },
    });
    return after;
  });
}

export async function submitAnnualReport(input: unknown) {
  return runAction("submitAnnualReport", submitAnnualReportSchema, input, async (actor, data) => {
    await step(actor, data.id, {
      action: "annualReport.submit",
      ...ANNUAL_REPORT_STEPS.submit,
      wrongState: (s) => `该报告${STATUS_WORDS[s]},不能再报送。`,
      data: () => ({ status: "SUBMITTED", submittedAt: new Date(), submittedById: actor.id }),
    });
    return { message: "已报送,等待审核发布", data: null };
  });
}

export async function publishAnnualReport(input: unknown) {
  return runAction("publishAnnualReport", publishAnnualReportSchema, input, async (actor, data) => {
    await step(actor, data.id, {
      action: "annualReport.publish",
      ...ANNUAL_REPORT_STEPS.publish,
      wrongState: (s) => (s === "DRAFT" ? "该报告还是草稿,须先报送才能发布。" : "该报告已发布。"),
      data: () => ({ status: "PUBLISHED", publishedAt: new Date(), publishedById: actor.id }),
    });
    return { message: "已发布,报告内容已冻结", data: null };
  });
}

export async function returnAnnualReport(input: unknown) {
  return runAction("returnAnnualReport", returnAnnualReportSchema, input, async (actor, data) => {
    await step(actor, data.id, {
      action: "annualReport.return",
      ...ANNUAL_REPORT_STEPS.return,
      wrongState: (s) => (s === "DRAFT" ? "该报告还是草稿,无需退回。" : "该报告已发布,不能退回;如需更正,请创建更正版本。"),
      data: () => ({
        status: "DRAFT",
        submittedAt: null,
        submittedById: null,
        returnedAt: new Date(),
        returnedById: actor.id,
        returnComment: data.comment,
      }),
    });
    return { message: "已退回修改", data: null };
  });
}

/**
 * A published report is frozen: a correction is a new DRAFT version carrying
 * the old one's sections, with previousVersionId pointing back. The old row
 * stays PUBLISHED and untouched until (and after) the correction is published.
 */
export async function createAnnualReportCorrection(input: unknown) {
  return runAction("createAnnualReportCorrection", createAnnualReportCorrectionSchema, input, async (actor, data) => {
    if (!can(actor, "annualReport.manage")) throw forbidden();
    const saved = await db().$transaction(async (tx) => {
      const report = await reportForChange(tx, actor, data.reportId);
      if (!can(actor, "annualReport.manage", subjectOf(report))) throw forbidden();
      if (report.status !== ANNUAL_REPORT_STEPS.correct.from)
        throw new AppError("CONFLICT", "只有已发布的报告才需要更正;未发布的报告可直接修改或退回后修改。");
      const next = await tx.annualReport.findUnique({ where: { previousVersionId: report.id }, select: { id: true } });
      if (next)
        throw new AppError("DUPLICATE", `该报告已有更正版本,请打开 /reports/${next.id}。`, undefined, { link: `/reports/${next.id}` });
      const created = await tx.annualReport.create({
        data: {
          districtId: report.districtId,
          regionId: report.regionId,
          unitId: report.unitId,
          year: report.year,
          title: report.title,
          status: "DRAFT",
          version: report.version + 1,
          previousVersionId: report.id,
          createdById: actor.id,
          sections: {
            create: report.sections.map((s) => ({
              districtId: s.districtId,
              sortOrder: s.sortOrder,
              level: s.level,
              kind: s.kind,
              heading: s.heading,
              body: s.body,
              measureIds: s.measureIds,
            })),
          },
        },
      });
      await recordAudit(tx, {
        actor,
        action: "annualReport.correct",
        entityType: "AnnualReport",
        entityId: created.id,
        districtId: created.districtId,
        after: { ...created, correctsReportId: report.id },
      });
      return created;
    });
    return { message: `已创建更正版本(第 ${saved.version} 版),请修改后报送`, data: { id: saved.id } };
  });
}
