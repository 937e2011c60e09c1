import type { Db } from "@/lib/db/client.ts";
import type { MeasureTargetLine } from "@/lib/annual-reports/draft.ts";
import { targetAgainstResults } from "@/lib/targets/format.ts";

/**
 * For the annual report draft: the measures of the plans covered that have a
 * 年度目标 for the year (a unit's report: the measures it works on), in the
 * plans' order, each with its target quoted against its indicators' results.
 */
export async function loadTargetLines(client: Db, planIds: readonly number[], year: number, unitId: number | undefined): Promise<MeasureTargetLine[]> {
  if (planIds.length === 0) return [];
  const measures = await client.measure.findMany({
    where: {
      planId: { in: [...planIds] },
      annualTargets: { some: { year } },
      ...(unitId !== undefined ? { assignments: { some: { unitId } } } : {}),
    },
    orderBy: [{ planId: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
    select: {
      id: true,
      code: true,
      annualTargets: { where: { year }, orderBy: { id: "asc" }, select: { target: true } },
      indicators: { where: { year }, orderBy: { id: "asc" }, select: { name: true, unitOfMeasure: true, targetValue: true, actualValue: true } },
    },
  });
  return measures.flatMap((m) => {
    const line = targetAgainstResults({
      targets: m.annualTargets.map((t) => t.target),
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
