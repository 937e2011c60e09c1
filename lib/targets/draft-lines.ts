import type { Db } from "@/lib/db/client.ts";
import { targetAgainstResults } from "@/lib/targets/format.ts";

/** One measure's line in the annual report draft (lib/annual-reports/draft.ts). */
export type MeasureTargetLine = { measureId: number; code: string; line: string };

/**
 * For the annual report draft: the measures of the plans covered that have a
 * 年度目标 for the year, in the plans' order, each with its target quoted
 * against its indicators' results. A unit's own report quotes only the
 * targets that unit set (another lead unit's are not its to report); the
 * district's quotes every lead unit's, each named by its unit.
 */
export async function loadTargetLines(
  client: Db,
  planIds: readonly number[],
  year: number,
  unitId: number | undefined,
): Promise<MeasureTargetLine[]> {
  if (planIds.length === 0) return [];
  const whose = { year, ...(unitId !== undefined ? { unitId } : {}) };
  const measures = await client.measure.findMany({
    where: { planId: { in: [...planIds] }, annualTargets: { some: whose } },
    orderBy: [{ planId: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
    select: {
      id: true,
      code: true,
      annualTargets: { where: whose, orderBy: { id: "asc" }, select: { target: true, unit: { select: { name: true } } } },
      indicators: {
        where: { year },
        orderBy: { id: "asc" },
        select: { name: true, unitOfMeasure: true, targetValue: true, actualValue: true },
      },
    },
  });
  return measures.flatMap((m) => {
    const line = targetAgainstResults({
      targets: m.annualTargets.map((t) => (unitId !== undefined ? t.target : { unitName: t.unit.name, target: t.target })),
      indicators: m.indicators.map((i) => ({
        name: i.name,
        unitOfMeasure: i.unitOfMeasure,
        targetValue: i.targetValue?.toString() ?? null,
        actualValue: i.actualValue?.toString() ?? null,
      })),
    });
    return line ? [{ measureId: m.id, code: m.code, line }] : [];
  });
}
