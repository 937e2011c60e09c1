import type { z } from "zod";
import type { Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import type { importAnnualReportSchema } from "@/lib/annual-reports/schema.ts";

export type AnnualReportImport = z.output<typeof importAnnualReportSchema>;

/**
 * Keeps a report the government already published as history: imported,
 * published, frozen. Importing the same region and year again replaces the
 * imported copy rather than adding a second one. Shared by the import action
 * and the demo seed, so the demo's history is what an import would write.
 */
export async function writeAnnualReportImport(
  tx: Tx,
  actor: Actor,
  region: { id: number; districtId: number },
  data: AnnualReportImport,
  options: { publishedAt?: Date } = {},
) {
  const before = await tx.annualReport.findFirst({
    where: { regionId: region.id, year: data.year, imported: true, unitId: null },
    include: { sections: true },
  });
  const fields = {
    title: data.title,
    sourceText: data.sourceText ?? null,
    status: "PUBLISHED" as const,
    publishedAt: before?.publishedAt ?? options.publishedAt ?? new Date(),
    publishedById: actor.id,
  };
  const sections = data.sections.map((s, index) => ({ ...s, sortOrder: index, districtId: region.districtId }));
  const saved = before
    ? await tx.annualReport.update({
        where: { id: before.id },
        data: { ...fields, sections: { deleteMany: {}, create: sections } },
      })
    : await tx.annualReport.create({
        data: {
          ...fields,
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
    action: before ? "annualReport.reimport" : "annualReport.import",
    entityType: "AnnualReport",
    entityId: saved.id,
    districtId: saved.districtId,
    before: before ? { ...before, sourceText: undefined } : null,
    after: { ...saved, sourceText: undefined, sections: data.sections.map((s) => s.heading) },
  });
  return saved;
}
