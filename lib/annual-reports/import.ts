import type { z } from "zod";
import type { Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/errors.ts";
import type { importAnnualReportSchema } from "@/lib/annual-reports/schema.ts";

export type AnnualReportImport = z.output<typeof importAnnualReportSchema>;

/**
 * Keeps a report the government already published as history: imported,
 * published, frozen. Importing the same region and year again with the same
 * title and sections changes nothing (so a repeated import or seed is
 * harmless); with other content it is refused, since a published report is
 * corrected by a new version (创建更正版本), never overwritten. Shared by the
 * import action and the demo seed, so the demo's history is what an import
 * would write.
 */
export async function writeAnnualReportImport(
  tx: Tx,
  actor: Actor,
  region: { id: number; districtId: number },
  data: AnnualReportImport,
  options: { publishedAt?: Date } = {},
) {
  // Serialises two imports of the same region and year.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`annualReport:${region.id}:0:${data.year}`}))`;
  const before = await tx.annualReport.findFirst({
    where: { regionId: region.id, year: data.year, imported: true, unitId: null },
    include: { sections: { orderBy: { sortOrder: "asc" } } },
  });
  if (before) {
    const same =
      before.title === data.title &&
      before.sections.length === data.sections.length &&
      before.sections.every((s, index) => s.heading === data.sections[index]!.heading && s.body === data.sections[index]!.body);
    if (!same) throw new AppError("CONFLICT", ALREADY_PUBLISHED);
    const { sections: _sections, ...report } = before;
    return report;
  }
  const sections = data.sections.map((s, index) => ({ ...s, sortOrder: index, districtId: region.districtId }));
  const saved = await tx.annualReport.create({
    data: {
      title: data.title,
      sourceText: data.sourceText ?? null,
      status: "PUBLISHED",
      publishedAt: options.publishedAt ?? new Date(),
      publishedById: actor.id,
      regionId: region.id,
      districtId: region.districtId,
      year: data.year,
      imported: true,
      ...(options.publishedAt ? { createdAt: options.publishedAt } : {}),
      sections: { create: sections },
    },
  });
  await recordAudit(tx, {
    actor,
    action: "annualReport.import",
    entityType: "AnnualReport",
    entityId: saved.id,
    districtId: saved.districtId,
    after: { ...saved, sourceText: undefined, sections: data.sections.map((s) => s.heading) },
  });
  return saved;
}

export const ALREADY_PUBLISHED = "该年度报告已发布,内容不能覆盖;如需更正,请在报告页创建更正版本。";
