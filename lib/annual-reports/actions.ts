"use server";

import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import { runAction } from "@/lib/actions/run.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden } from "@/lib/errors.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import { importAnnualReportSchema } from "@/lib/annual-reports/schema.ts";

/**
 * Keeps a report the government already published as history: imported,
 * published, frozen. Importing the same region and year again replaces the
 * imported copy rather than adding a second one.
 */
export async function importAnnualReport(input: unknown) {
  return runAction("importAnnualReport", importAnnualReportSchema, input, async (actor, data) => {
    if (!can(actor, "plan.manage")) throw forbidden();
    const report = await db().$transaction(async (tx) => {
      const region = await findRegionInScope(tx, actor, data.regionId);
      if (!region?.districtId) {
        throw new AppError("VALIDATION", undefined, { regionId: ["所选区域不存在、不在您的管理范围内或不是区县/乡镇"] });
      }
      const before = await tx.annualReport.findFirst({
        where: { regionId: region.id, year: data.year, imported: true, unitId: null },
        include: { sections: true },
      });
      const fields = {
        title: data.title,
        sourceText: data.sourceText ?? null,
        status: "PUBLISHED" as const,
        publishedAt: before?.publishedAt ?? new Date(),
        publishedById: actor.id,
      };
      const sections = data.sections.map((s, index) => ({ ...s, sortOrder: index, districtId: region.districtId! }));
      const saved = before
        ? await tx.annualReport.update({
            where: { id: before.id },
            data: { ...fields, sections: { deleteMany: {}, create: sections } },
          })
        : await tx.annualReport.create({
            data: { ...fields, regionId: region.id, districtId: region.districtId!, year: data.year, imported: true, sections: { create: sections } },
          });
      await recordAudit(tx, {
        actor,
        action: before ? "annualReport.reimport" : "annualReport.import",
        entityType: "AnnualReport",
        entityId: saved.id,
        districtId: saved.districtId,
        before: before ? { ...before, sourceText: undefined } : null,
        after: { ...saved, sourceText: undefined, sections: data.sections.map((s) => s.heading) },
      });
      return saved;
    });
    return { message: `已保存${report.year}年度报告“${report.title}”`, data: { id: report.id } };
  });
}
