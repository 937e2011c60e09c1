"use server";

import { z } from "zod";
import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { runAction } from "@/lib/actions/run.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { id } from "@/lib/validation.ts";
import { decodeDocument, decodePastedText, ImportInputError, MAX_UPLOAD_BYTES } from "@/lib/import/decode.ts";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import { importWarnings } from "@/lib/import/warnings.ts";
import { todayInChina } from "@/lib/dates.ts";
import { reconcileNames } from "@/lib/import/reconcile.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import { loadCatalogue } from "@/lib/plans/queries.ts";
import { writePlanImport } from "@/lib/plans/import.ts";
import {
  commitPlanImportSchema,
  importedPlanSchema,
  updatePlanReportingSchema,
  updateSectionOutlineAreaSchema,
  type Resolution,
} from "@/lib/plans/schema.ts";
import { outlineAreaName } from "@/lib/outline/areas.ts";
import { sectionHeading } from "@/lib/outline/classify.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { readLedgerWorkbook } from "@/lib/plans/ledger/read.ts";

const previewSchema = z
  .object({
    regionId: id("所属区县"),
    text: z.string().optional(),
    file: z.instanceof(File).optional(),
    // Chosen by hand when the text was not recognised as either (issue 13).
    kind: z.enum(["plans", "annualReport"], { error: "请选择按规划或按年度报告导入" }).optional(),
  })
  .refine((v) => v.file || v.text?.trim(), { message: "请上传文件或粘贴文本", path: ["file"] });

/** Reads a document and shows what would be imported; writes nothing. */
export async function previewPlanImport(form: FormData) {
  // A form with no file chosen still sends an empty, nameless File.
  const input = Object.fromEntries([...form.entries()].filter(([, v]) => !(v instanceof File && !v.name && v.size === 0)));
  return runAction("previewPlanImport", previewSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const region = await findRegionInScope(db(), actor, data.regionId);
    if (!region?.districtId) {
      throw new AppError("VALIDATION", undefined, { regionId: ["所选区域不存在、不在您的管理范围内或不是区县/乡镇"] });
    }
    let decoded;
    try {
      decoded = data.file
        ? await decodeDocument({ fileName: data.file.name, bytes: new Uint8Array(await data.file.arrayBuffer()) })
        : decodePastedText(data.text ?? "");
    } catch (error) {
      if (error instanceof ImportInputError) throw new AppError("VALIDATION", error.message, { file: [error.message] });
      throw error;
    }
    const document = parseDocumentText(decoded.text, { kind: data.kind });
    const warnings = [...decoded.warnings, ...document.warnings, ...importWarnings(document, todayInChina())].sort(
      (a, b) => a.line - b.line,
    );
    if (document.kind === "unrecognised" && document.structureless) {
      // Nothing to review as either kind; the wizard still offers the choice.
      throw new AppError(
        "VALIDATION",
        `未识别为规划或年度报告:${document.reason}`,
        { file: ["没有找到任何举措"], kind: ["请选择按规划或按年度报告导入"] },
        // The wizard shows the reason under its own heading.
        { detail: document.reason },
      );
    }
    if (document.kind === "plans" && document.plans.length === 0) {
      throw new AppError("VALIDATION", "文件中没有找到任何举措。请确认这是规划、行动计划或分工方案。", {
        file: ["没有找到任何举措"],
      });
    }
    const names =
      document.kind === "plans"
        ? [...new Set(document.plans.flatMap((p) => p.measures.flatMap((m) => [...m.leadUnits, ...m.responsibleUnits])))]
        : [];
    // A report names its own region; prefer it over the one picked in the form.
    const reportRegion =
      document.kind === "annualReport" && document.report.regionName
        ? await db().region.findFirst({
            where: { AND: [{ name: document.report.regionName }, scope.regions(actor)] },
            select: { id: true },
          })
        : null;
    const catalogue = await loadCatalogue(region.districtId);
    const reconciliation = reconcileNames(names, catalogue);
    return {
      message:
        document.kind === "plans"
          ? `识别出 ${document.plans.length} 个规划`
          : document.kind === "annualReport"
            ? "识别为年度报告"
            : "未识别为规划或年度报告,未导入任何内容",
      data: {
        regionId: region.id,
        reportRegionId: reportRegion?.id ?? region.id,
        fileName: data.file?.name ?? null,
        sourceText: decoded.text,
        document: { ...document, warnings },
        reconciliation,
        // The import region's path and the units' paths: the review offers a group only the members the commit accepts.
        regionPath: region.path,
        units: catalogue.units.map(({ id, name, regionPath }) => ({ id, name, regionPath })),
        groups: catalogue.groups,
      },
    };
  });
}

/** Writes a reviewed import: plans, sections, measures, units, groups, aliases, assignments. */
export async function commitPlanImport(input: unknown) {
  return runAction("commitPlanImport", commitPlanImportSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const summary = await db().$transaction((tx) => writePlanImport(tx, actor, data), { timeout: 120_000 });
    const measures = summary.measuresCreated + summary.measuresUpdated;
    return {
      message: `已导入 ${summary.plans.length} 个规划、${measures} 项举措(新增 ${summary.measuresCreated},更新 ${summary.measuresUpdated})`,
      data: summary,
    };
  });
}

const ledgerSchema = z.object({
  regionId: id("所属区县"),
  file: z.instanceof(File, { message: "请选择分工台账文件" }),
});

/**
 * Reads a ledger exported from here (or kept by hand in the same columns) back
 * in. Any error in the sheet refuses the whole file, with the rows to fix.
 */
export async function importPlanLedger(form: FormData) {
  return runAction("importPlanLedger", ledgerSchema, Object.fromEntries(form.entries()), async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const region = await findRegionInScope(db(), actor, data.regionId);
    if (!region?.districtId) throw new AppError("NOT_FOUND");
    if (data.file.size > MAX_UPLOAD_BYTES) throw new AppError("VALIDATION", "文件超过 10 MB", { file: ["文件超过 10 MB"] });
    const { plan, errors } = await readLedgerWorkbook(new Uint8Array(await data.file.arrayBuffer()));
    // Row 0 is the file as a whole (not a workbook, a zip bomb): there are no rows to check.
    const fileProblem = errors.find((e) => e.row === 0);
    if (fileProblem) throw new AppError("VALIDATION", `${fileProblem.message},未导入任何内容`, { file: [fileProblem.message] });
    const rowErrors = errors.map((e) => `第 ${e.row} 行:${e.message}`);
    const parsed = importedPlanSchema.safeParse(plan);
    if (!parsed.success) rowErrors.push(...parsed.error.issues.map((issue) => issue.message));
    if (rowErrors.length || !parsed.success) {
      throw new AppError("VALIDATION", `台账中有 ${rowErrors.length} 处问题,未导入任何内容`, { file: rowErrors });
    }
    const names = [...new Set(parsed.data.measures.flatMap((m) => [...m.leadUnits, ...m.responsibleUnits]))];
    const reconciliation = reconcileNames(names, await loadCatalogue(region.districtId));
    const resolutions: Record<string, Resolution> = {};
    const unresolved: string[] = [];
    for (const item of reconciliation) {
      if (item.status === "unit") resolutions[item.name] = { action: "unit", unitId: item.unitId, remember: false };
      else if (item.status === "group") resolutions[item.name] = { action: "group", groupId: item.groupId, remember: false };
      else {
        const codes = parsed.data.measures
          .filter((m) => m.leadUnits.includes(item.name) || m.responsibleUnits.includes(item.name))
          .map((m) => m.code);
        unresolved.push(`举措 ${codes.join("、")} 中的“${item.name}”不是本区县已有的单位或分组`);
      }
    }
    if (unresolved.length) {
      throw new AppError("VALIDATION", "台账中有未登记的单位,未导入任何内容。请先在“单位”中添加或改用已有名称。", {
        file: unresolved,
      });
    }
    const summary = await db().$transaction(
      (tx) => writePlanImport(tx, actor, { regionId: region.id, fileName: data.file.name, plans: [parsed.data], resolutions }),
      { timeout: 120_000 },
    );
    return {
      message: `已导入 1 个规划、${summary.measuresCreated + summary.measuresUpdated} 项举措(新增 ${summary.measuresCreated},更新 ${summary.measuresUpdated})`,
      data: summary,
    };
  });
}

/** How often units report on the plan's measures, and by which day of the following month. */
export async function updatePlanReporting(input: unknown) {
  return runAction("updatePlanReporting", updatePlanReportingSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const before = await tx.plan.findFirst({ where: { id: data.planId, ...scope.plans(actor) } });
      if (!before) throw notFound();
      const after = await tx.plan.update({
        where: { id: before.id },
        data: {
          reportCadence: data.reportCadence,
          reportDueDay: data.reportDueDay,
          ...(data.milestoneGraceDays !== undefined ? { milestoneGraceDays: data.milestoneGraceDays } : {}),
        },
      });
      await recordAudit(tx, {
        actor,
        action: "plan.updateReporting",
        entityType: "Plan",
        entityId: after.id,
        districtId: after.districtId,
        before: { reportCadence: before.reportCadence, reportDueDay: before.reportDueDay, milestoneGraceDays: before.milestoneGraceDays },
        after: { reportCadence: after.reportCadence, reportDueDay: after.reportDueDay, milestoneGraceDays: after.milestoneGraceDays },
      });
    });
    return { message: "已保存报送周期", data: null };
  });
}

/**
 * Files a chapter under an area of the national outline, or under none ("").
 * The import guessed it from the title; this is the bureau's correction, and
 * a re-import keeps it (Section.outlineAreaSetByHand).
 */
export async function updateSectionOutlineArea(input: unknown) {
  return runAction("updateSectionOutlineArea", updateSectionOutlineAreaSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const section = await db().$transaction(async (tx) => {
      const before = await tx.section.findFirst({
        where: { id: data.sectionId, ...scope.sections(actor) },
        select: { id: true, districtId: true, outlineArea: true },
      });
      if (!before) throw notFound();
      const after = await tx.section.update({
        where: { id: before.id },
        data: { outlineArea: data.outlineArea, outlineAreaSetByHand: true },
        select: { id: true, districtId: true, label: true, title: true, outlineArea: true },
      });
      await recordAudit(tx, {
        actor,
        action: "section.updateOutlineArea",
        entityType: "Section",
        entityId: after.id,
        districtId: after.districtId,
        before: { outlineArea: before.outlineArea },
        after: { outlineArea: after.outlineArea },
      });
      return after;
    });
    const heading = `${section.label}${sectionHeading(section.title).slice(0, 30)}`;
    const name = outlineAreaName(section.outlineArea);
    return { message: name ? `已将“${heading}”对应到“${name}”` : `已将“${heading}”设为未对应`, data: null };
  });
}

export type PlanImportPreview = Extract<Awaited<ReturnType<typeof previewPlanImport>>, { ok: true }>["data"];
