import { chaseStop, chaseStopMessage, planLifeFacts, type PlanLifeRow } from "@/lib/plans/life.ts";
import { db } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import { todayInChina } from "@/lib/dates.ts";
import { getMeasureDetail } from "@/lib/progress/queries.ts";

// Who a 催办 about one measure is offered to, and who is ticked already.
// Built on getMeasureDetail, so the dialog agrees with the unit table and the
// lights on the same page: a unit owes when its report for the period being
// collected is missing (or only a draft) or was returned, or when last
// period's report is still owed. Units that have reported are listed too, but
// left unticked, and so are units already reminded about the measure today.

/** The dedupe key of a 催办 about one measure to one unit on one day (Reminder.dedupeKey, unique). */
export const measureUrgeKey = (measureId: number, unitId: number, day: string) => `urge:${measureId}:${unitId}:${day}`;

/** The dedupe key of a unit's own 催办 (everything it owes) on one day. */
export const unitUrgeKey = (unitId: number, day: string) => `urge-unit:${unitId}:${day}`;

type ReportState = "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";

const SHOWN_STATE: Record<ReportState | "NONE", string> = {
  NONE: "未报送",
  DRAFT: "未报送",
  SUBMITTED: "已报送,待审核",
  APPROVED: "已通过",
  RETURNED: "已退回",
};

export type UrgeTarget = {
  unitId: number;
  unitName: string;
  role: "LEAD" | "RESPONSIBLE";
  completed: boolean;
  /** Owes a report: last period's (still open) or the one being collected. */
  owes: boolean;
  /** The periods owed, oldest first ("2024年第三季度"). */
  owedPeriods: string[];
  remindedToday: boolean;
  /** Ticked when the dialog opens. */
  preselected: boolean;
  /** What the dialog says beside the unit: "2024年第三季度 已退回;2024年第四季度 未报送". */
  status: string;
};

type AssignmentState = {
  unitId: number;
  unit: { name: string };
  role: "LEAD" | "RESPONSIBLE";
  completedApproved: boolean;
  owesLate: boolean;
  currentState: ReportState | "NONE" | null;
  collectingState: ReportState | null;
  /** False when the unit's reporting began after the period being collected ended: it never owed it. */
  collectingDue?: boolean;
};

const owesCollecting = (a: AssignmentState) =>
  a.collectingDue !== false && a.collectingState !== "SUBMITTED" && a.collectingState !== "APPROVED";

/** One row per unit (a unit both leading and sharing counts as lead), from the measure page's assignments. Pure. */
export function urgeTargetsOf(
  assignments: readonly AssignmentState[],
  periods: { collecting: string; latestDue: string; sameAsCollecting: boolean },
  remindedToday: ReadonlySet<number>,
): UrgeTarget[] {
  const byUnit = new Map<number, AssignmentState[]>();
  for (const a of [...assignments].sort((x, y) => (x.role === y.role ? 0 : x.role === "LEAD" ? -1 : 1))) {
    byUnit.set(a.unitId, [...(byUnit.get(a.unitId) ?? []), a]);
  }
  return [...byUnit.values()].map((own) => {
    const first = own[0]!;
    const open = own.filter((a) => !a.completedApproved);
    const completed = open.length === 0;
    const late = open.find((a) => a.owesLate && !periods.sameAsCollecting);
    const collecting = open.find(owesCollecting) ?? open[0];
    const owedPeriods = [...(late ? [periods.latestDue] : []), ...(collecting && owesCollecting(collecting) ? [periods.collecting] : [])];
    const shown = [
      ...(late ? [`${periods.latestDue} ${SHOWN_STATE[late.currentState ?? "NONE"]}`] : []),
      ...(collecting?.collectingDue === false ? [] : [`${periods.collecting} ${SHOWN_STATE[collecting?.collectingState ?? "NONE"]}`]),
    ];
    const status = completed ? "已完成" : shown.length > 0 ? shown.join(";") : "暂无应报送的期次";
    const owes = owedPeriods.length > 0;
    const reminded = remindedToday.has(first.unitId);
    return {
      unitId: first.unitId,
      unitName: first.unit.name,
      role: first.role,
      completed,
      owes,
      owedPeriods,
      remindedToday: reminded,
      preselected: owes && !reminded,
      status,
    };
  });
}

/**
 * The units a 催办 about `measureId` may go to, for an actor who may send one
 * (bureau and admin within their regions); null for anyone else and for a
 * measure out of scope.
 */
function notChasedReason(plan: PlanLifeRow & { reportDueDay: number }, today: string): string | null {
  const facts = planLifeFacts(plan);
  const stop = chaseStop(facts, today, plan.reportDueDay);
  return stop === null ? null : chaseStopMessage(stop, facts);
}

export async function listUrgeTargets(actor: Actor, measureId: number) {
  if (!can(actor, "report.review")) return null;
  const detail = await getMeasureDetail(actor, measureId);
  if (!detail || !can(actor, "report.review", { regionId: detail.measure.plan.regionId })) return null;
  const today = todayInChina();
  const unitIds = [...new Set(detail.assignments.map((a) => a.unitId))];
  const reminded = await db().reminder.findMany({
    where: { dedupeKey: { in: unitIds.map((unitId) => measureUrgeKey(measureId, unitId, today)) } },
    select: { unitId: true },
  });
  const periods = {
    collecting: detail.collecting.label,
    latestDue: detail.latestDue.label,
    sameAsCollecting: detail.latestDue.key === detail.collecting.key,
  };
  return {
    /** The plan is closed (期满 or 终止): its measures are history and nobody is chased. */
    planClosed: detail.measure.plan.status === "CLOSED",
    /** Why nobody on this measure is chased today (draft, closed, past its last day), in Chinese; null: 催办 is open. */
    notChased: notChasedReason(detail.measure.plan, today),
    /** Every lead unit's completion approved: nobody is chased any more. */
    measureCompleted: detail.overall.reasonCode === "COMPLETED",
    collecting: periods.collecting,
    latestDue: periods.latestDue,
    units: urgeTargetsOf(detail.assignments, periods, new Set(reminded.map((r) => r.unitId))),
  };
}

/**
 * Why no 催办 about the measure may be sent today (in Chinese), or null: it
 * may. The measure page offers the dialog exactly when null; sendReminder
 * refuses with it.
 */
export function urgeRefusal(targets: { notChased: string | null; measureCompleted: boolean }): string | null {
  if (targets.notChased) return targets.notChased;
  return targets.measureCompleted ? "此举措已完成,无需催办。" : null;
}

/** The 办理记录 line of a 催办 names its units: "催办:区公安分局、区财政局". */
export function urgeTimelineDetail(event: { action: string; after?: unknown }): string {
  if (event.action !== "reminder.send") return "";
  const units = (event.after as { units?: unknown } | null | undefined)?.units;
  return Array.isArray(units) && units.length > 0 ? `:${units.join("、")}` : "";
}
