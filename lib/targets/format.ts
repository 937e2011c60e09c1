import { milestoneDoneBy, missedMilestone, type MilestoneForLight, type MissedMilestoneCode } from "@/lib/reporting/lights.ts";

// Pure wording of targets, indicators and milestones: the measure page, the
// annual report draft and the tests share it.

export type MilestoneState = "DONE" | "PENDING" | MissedMilestoneCode;

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  DONE: "已完成",
  PENDING: "未到期",
  MILESTONE_MISSED: "未按期完成",
  MILESTONE_OVERDUE: "逾期",
};

/** A milestone's state today, by the same rule as the light (lights.ts missedMilestone). */
export function milestoneState(
  milestone: MilestoneForLight,
  today: string,
  graceDays: number,
): { state: MilestoneState; daysLate: number } {
  if (milestoneDoneBy(milestone, today)) return { state: "DONE", daysLate: 0 };
  const missed = missedMilestone([milestone], today, graceDays);
  return missed ? { state: missed.code, daysLate: missed.daysLate } : { state: "PENDING", daysLate: 0 };
}

/** "逾期 16 天", "未按期完成", "已完成", "未到期". */
export function milestoneStateLabel({ state, daysLate }: { state: MilestoneState; daysLate: number }): string {
  return state === "MILESTONE_OVERDUE" ? `逾期 ${daysLate} 天` : MILESTONE_STATE_LABELS[state];
}

/** A Decimal column as text: "4", "12.5", never "4.00". */
export function formatNumber(value: string | number | { toString(): string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const n = Number(value.toString());
  if (!Number.isFinite(n)) return null;
  return String(Math.round(n * 100) / 100);
}

/** 完成率 in whole percent, or null when there is no target, a zero target or no actual value. */
export function completionPercent(
  targetValue: string | number | null | undefined,
  actualValue: string | number | null | undefined,
): number | null {
  const target = targetValue == null ? NaN : Number(targetValue);
  const actual = actualValue == null ? NaN : Number(actualValue);
  if (!Number.isFinite(target) || !Number.isFinite(actual) || target === 0) return null;
  return Math.round((actual / target) * 100);
}

export type IndicatorForText = {
  name: string;
  unitOfMeasure: string | null;
  targetValue: string | null;
  actualValue: string | null;
};

/** "培训场次 4/3 场(完成率 75%)"; "—" for a value not set, and no rate without both. */
export function indicatorText(indicator: IndicatorForText): string {
  const target = formatNumber(indicator.targetValue) ?? "—";
  const actual = formatNumber(indicator.actualValue) ?? "—";
  const unit = indicator.unitOfMeasure ? ` ${indicator.unitOfMeasure}` : "";
  const rate = completionPercent(indicator.targetValue, indicator.actualValue);
  return `${indicator.name} ${target}/${actual}${unit}${rate !== null ? `(完成率 ${rate}%)` : ""}`;
}

/** A lead unit's target, named by its unit where several units' targets are quoted together (the district's report). */
export type TargetForText = string | { unitName: string; target: string };

/**
 * The line the annual report draft quotes under a measure:
 * "年度目标:…;指标:名称 目标值/实际值 单位(完成率 N%)、…". Several
 * targets are joined with ";", each named targets as "年度目标(区司法局):…".
 * Null when the year has no target.
 */
export function targetAgainstResults(input: { targets: readonly TargetForText[]; indicators: readonly IndicatorForText[] }): string | null {
  const targets = input.targets
    .map((t) => (typeof t === "string" ? { unitName: null, text: t } : { unitName: t.unitName, text: t.target }))
    .map((t) => ({ ...t, text: t.text.trim().replace(/[。;;]+$/, "") }))
    .filter((t) => t.text !== "");
  if (targets.length === 0) return null;
  const head = targets.every((t) => t.unitName === null)
    ? `年度目标:${targets.map((t) => t.text).join(";")}`
    : targets.map((t) => `年度目标${t.unitName !== null ? `(${t.unitName})` : ""}:${t.text}`).join(";");
  return input.indicators.length === 0 ? head : `${head};指标:${input.indicators.map(indicatorText).join("、")}`;
}
