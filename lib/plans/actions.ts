"use server";

import { z } from "zod";
import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import { runAction } from "@/lib/actions/run.ts";
import { AppError, forbidden } from "@/lib/errors.ts";
import { id } from "@/lib/validation.ts";
import { decodeDocument, decodePastedText, ImportInputError } from "@/lib/import/decode.ts";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import { reconcileNames } from "@/lib/import/reconcile.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import { loadCatalogue } from "@/lib/plans/queries.ts";
import { writePlanImport } from "@/lib/plans/import.ts";
import { commitPlanImportSchema } from "@/lib/plans/schema.ts";

const previewSchema = z
  .object({
    regionId: id("所属区县"),
    text: z.string().optional(),
    file: z.instanceof(File).optional(),
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
      decoded =
        data.file
          ? await decodeDocument({ fileName: data.file.name, bytes: new Uint8Array(await data.file.arrayBuffer()) })
          : decodePastedText(data.text ?? "");
    } catch (error) {
      if (error instanceof ImportInputError) throw new AppError("VALIDATION", error.message, { file: [error.message] });
      throw error;
    }
    const document = parseDocumentText(decoded.text);
    const warnings = [...decoded.warnings, ...document.warnings].sort((a, b) => a.line - b.line);
    if (document.kind === "plans" && document.plans.length === 0) {
      throw new AppError("VALIDATION", "文件中没有找到任何举措。请确认这是规划、行动计划或分工方案。", {
        file: ["没有找到任何举措"],
      });
    }
    const names =
      document.kind === "plans"
        ? [...new Set(document.plans.flatMap((p) => p.measures.flatMap((m) => [...m.leadUnits, ...m.responsibleUnits])))]
        : [];
    const reconciliation = reconcileNames(names, await loadCatalogue(region.districtId));
    return {
      message: document.kind === "plans" ? `识别出 ${document.plans.length} 个规划` : "识别为年度报告",
      data: {
        regionId: region.id,
        fileName: data.file?.name ?? null,
        sourceText: decoded.text,
        document: { ...document, warnings },
        reconciliation,
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
