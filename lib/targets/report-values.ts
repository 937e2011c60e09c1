import type { Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError } from "@/lib/errors.ts";
import { indicatorFieldName, type IndicatorValueInput } from "@/lib/targets/schema.ts";

// 工作指标数值 a progress report states: one field per indicator of the
// report's year, named "indicator.<id>" so the form's flat fields (and
// FormData) carry them. Only a LEAD assignment's report states them: the lead
// unit reports the measure's consolidated progress (汇总进展), and one figure
// per indicator and period is what Indicator.actualValue can follow.
//
// Indicator.actualValue follows the latest *submitted* value: the value of the
// newest period among the measure's reports that are SUBMITTED or APPROVED. A
// leader sees a unit's figure as soon as the unit states it (review often
// lags by weeks); a report the bureau returns drops out until it is sent again.

/** The year whose indicators a report states: periods never straddle a year. */
export const reportYear = (periodStart: string) => Number(periodStart.slice(0, 4));

/**
 * Writes a report's indicator values in the report's transaction: a value
 * given is kept (a blank one removes the report's value), then the
 * indicators' actual values are worked out again. Audited when anything changed.
 */
export async function saveIndicatorValues(
  tx: Tx,
  actor: Actor,
  report: { id: number; districtId: number },
  assignment: { measureId: number; role: string },
  periodStart: string,
  values: readonly IndicatorValueInput[],
) {
  if (values.length === 0) return;
  if (assignment.role !== "LEAD") throw new AppError("VALIDATION", "工作指标数值由牵头单位填报。");
  const indicators = await tx.indicator.findMany({
    where: { measureId: assignment.measureId, year: reportYear(periodStart), id: { in: values.map((v) => v.indicatorId) } },
    select: { id: true },
  });
  const known = new Set(indicators.map((i) => i.id));
  const stray = values.find((v) => !known.has(v.indicatorId));
  if (stray) {
    throw new AppError("VALIDATION", "工作指标已被修改,请刷新页面后再填报;您填写的内容已保留。", {
      [indicatorFieldName(stray.indicatorId)]: ["该指标已不在本年度的指标中"],
    });
  }
  const before = await tx.indicatorValue.findMany({ where: { reportId: report.id }, select: { indicatorId: true, value: true } });
  const had = new Map(before.map((v) => [v.indicatorId, v.value.toString()]));
  let changed = false;
  for (const { indicatorId, value } of values) {
    const old = had.get(indicatorId);
    if (value === null) {
      if (old === undefined) continue;
      await tx.indicatorValue.deleteMany({ where: { reportId: report.id, indicatorId } });
    } else {
      if (old !== undefined && Number(old) === Number(value)) continue;
      await tx.indicatorValue.upsert({
        where: { reportId_indicatorId_districtId: { reportId: report.id, indicatorId, districtId: report.districtId } },
        create: { reportId: report.id, indicatorId, districtId: report.districtId, value },
        update: { value },
      });
    }
    changed = true;
  }
  if (!changed) return;
  const after = await tx.indicatorValue.findMany({ where: { reportId: report.id }, select: { indicatorId: true, value: true } });
  await recordAudit(tx, {
    actor,
    action: "report.indicatorValues",
    entityType: "ProgressReport",
    entityId: report.id,
    districtId: report.districtId,
    before: { values: before.map((v) => ({ indicatorId: v.indicatorId, value: v.value.toString() })) },
    after: { values: after.map((v) => ({ indicatorId: v.indicatorId, value: v.value.toString() })) },
  });
}

/**
 * Sets each indicator's actualValue to its latest submitted value (see the
 * head of this file): for the indicators a report states (and `also`, those a
 * save just cleared), after it is submitted or returned.
 */
export async function refreshIndicatorActuals(tx: Tx, reportId: number, also: readonly IndicatorValueInput[] = []) {
  const stated = await tx.indicatorValue.findMany({ where: { reportId }, select: { indicatorId: true } });
  const ids = new Set([...stated.map((v) => v.indicatorId), ...also.map((v) => v.indicatorId)]);
  for (const indicatorId of ids) {
    const latest = await tx.indicatorValue.findFirst({
      where: { indicatorId, report: { state: { in: ["SUBMITTED", "APPROVED"] } } },
      orderBy: [{ report: { periodEnd: "desc" } }, { report: { submittedAt: "desc" } }, { id: "desc" }],
      select: { value: true },
    });
    await tx.indicator.update({ where: { id: indicatorId }, data: { actualValue: latest?.value ?? null } });
  }
}
