import { toDayNumber, type Period } from "@/lib/reporting/periods.ts";

// Traffic lights (红黄绿灯) and derived measure status. Pure functions: the
// caller loads the facts, these rules turn them into a light, never typed in.
// Dates are calendar dates "YYYY-MM-DD"; a deadline is the last day on which
// the measure is on time (2024年底前 → 2024-12-31 is still on time).
//
// assignmentLight, first rule that applies:
// (each reason is a code of LightReasonCode; the words below are its LIGHT_REASON_LABELS)
//   1. completed                                   GREEN  "已完成" (even if it finished late)
//   2. deadline passed (today > deadline)          RED    "已逾期 N 天"
//   2a. a milestone (时间节点) of the measure missed for more than the plan's
//      grace days (today > dueDate + grace)        RED    "时间节点「…」逾期 N 天"
//   2b. a milestone missed (today > dueDate, not completed)
//                                                  YELLOW "时间节点「…」未按期完成"
//   3. the period's report was returned            YELLOW "本期(2024年第三季度)报送被退回"
//   4. the period's report is missing (NONE or DRAFT) and its due date has
//      passed (today > currentPeriod.dueDate)      YELLOW "本期(2024年第三季度)未报送"
//   5. deadline within 30 days (0 ≤ days ≤ 30)     YELLOW "距完成时限 N 天" / "今日到期"
//   6. never reported                              GREY   "尚未启动"
//   7. otherwise                                   GREEN  "进展正常"
// Ongoing measures (长期坚持) have no deadline: rules 2 and 5 never apply (a
// deadline passed along with ongoing = true is ignored); they are judged per
// reporting period only.
//
// Which period is "current": pass latestDuePeriod(today, cadence, dueDay) from
// periods.ts — the latest period whose due date has passed and that is still
// open. Its report is late if missing and can still be made good, so rule 4
// flags exactly the reports a unit can and must still send. (Passing
// reportingPeriod(today) would make rule 4 never fire: that period is never
// past its due date.) The rules themselves work with any period passed in.
//
// reportingStart (optional): the first day the assignment has to report on
// (the plan's entry into force or the assignment's creation, whichever is
// later). A period that ends before it expects no report, so rule 4 does not
// apply and a unit that never reported stays GREY: "the first report is not
// yet due". Without it, every period is taken to expect a report.
//
// reportingEnd (optional): the last day of the plan's reporting window
// (lib/plans/life.ts reportingWindow): a period that starts after it expects
// no report either (a 2021–2025 plan owes no 2026 report).

export type Light = "RED" | "YELLOW" | "GREEN" | "GREY";

/** Colour is never the only signal: each label carries words. */
export const LIGHT_LABELS: Record<Light, string> = {
  RED: "红灯·逾期",
  YELLOW: "黄灯·临期或未报",
  GREEN: "绿灯·正常",
  GREY: "灰灯·未启动",
};

/** Worst first; the order used to combine lights and to sort lists. */
export const LIGHTS_WORST_FIRST: readonly Light[] = ["RED", "YELLOW", "GREEN", "GREY"];

/** Higher is worse: RED 3, YELLOW 2, GREEN 1, GREY 0. */
export function lightSeverity(light: Light): number {
  return LIGHTS_WORST_FIRST.length - 1 - LIGHTS_WORST_FIRST.indexOf(light);
}

/** A deadline this many days away or fewer (and not passed) turns the light yellow. */
export const DUE_SOON_DAYS = 30;

/**
 * The state of an assignment's report for one period: NONE when there is no
 * report, otherwise the review state of its latest report.
 */
export type ReportStateForPeriod = "NONE" | "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED";

/**
 * Why a light is what it is, as a code: rules decide on the code, never on
 * the words. The words come from LIGHT_REASON_LABELS, through lightReasonText.
 */
export type LightReasonCode =
  | "COMPLETED"
  | "OVERDUE"
  | "MILESTONE_OVERDUE"
  | "MILESTONE_MISSED"
  | "RETURNED"
  | "REPORT_LATE"
  | "DUE_TODAY"
  | "DUE_SOON"
  | "NOT_STARTED"
  | "ON_TRACK";

/** The words of each reason; {days}, {title} and {period} are filled in by lightReasonText. */
export const LIGHT_REASON_LABELS: Record<LightReasonCode, string> = {
  COMPLETED: "已完成",
  OVERDUE: "已逾期 {days} 天",
  MILESTONE_OVERDUE: "时间节点「{title}」逾期 {days} 天",
  MILESTONE_MISSED: "时间节点「{title}」未按期完成",
  RETURNED: "本期({period})报送被退回",
  REPORT_LATE: "本期({period})未报送",
  DUE_TODAY: "今日到期",
  DUE_SOON: "距完成时限 {days} 天",
  NOT_STARTED: "尚未启动",
  ON_TRACK: "进展正常",
};

/** A reason with the facts its words name. */
export type LightReason =
  | { code: "COMPLETED" | "DUE_TODAY" | "NOT_STARTED" | "ON_TRACK" }
  | { code: "OVERDUE" | "DUE_SOON"; days: number }
  | { code: "MILESTONE_OVERDUE"; title: string; days: number }
  | { code: "MILESTONE_MISSED"; title: string }
  | { code: "RETURNED" | "REPORT_LATE"; period: string };

/** The one place a reason becomes words. */
export function lightReasonText(reason: LightReason): string {
  const facts = reason as Record<string, unknown>;
  return LIGHT_REASON_LABELS[reason.code].replace(/\{(\w+)\}/g, (_, key: string) => String(facts[key]));
}

/** A light with its reason's code and, rendered once, its words (`reason`: display only, never compared). */
// reasonCode, not code: the rows a light is spread into (measures) have a code of their own.
export type LightResult = { light: Light; reasonCode: LightReasonCode; reason: string };

export function lightResult(light: Light, reason: LightReason): LightResult {
  return { light, reasonCode: reason.code, reason: lightReasonText(reason) };
}

/** Signed number of days from a to b: daysBetween("2024-09-30", "2024-10-10") = 10. */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

export type AssignmentLightInput = {
  today: string;
  /** The measure's current deadline (after approved extensions), or null. */
  deadline: string | null;
  ongoing: boolean;
  /**
   * The assignment is done: its completion was approved, or the measure as a
   * whole is completed (its lead assignments' completion approved) — pass
   * true then, so a responsible unit of a finished measure is not flagged.
   */
  completed: boolean;
  /** A report of this assignment has ever been submitted (drafts do not count). */
  everReported: boolean;
  /** The period judged; normally latestDuePeriod(today, …). */
  currentPeriod: Period;
  currentState: ReportStateForPeriod;
  /** First day reports are expected; periods ending before it expect none. */
  reportingStart?: string | null;
  /** The measure's milestones (时间节点); none when left out. */
  milestones?: readonly MilestoneForLight[];
  /** The plan's Plan.milestoneGraceDays: days a missed milestone stays yellow. */
  milestoneGraceDays?: number;
  /** Last day of the plan's reporting window; periods starting after it expect none. */
  reportingEnd?: string | null;
};

const MISSING: ReadonlySet<ReportStateForPeriod> = new Set(["NONE", "DRAFT"]);

export function assignmentLight(input: AssignmentLightInput): LightResult {
  const { today, ongoing, completed, everReported, currentPeriod, currentState, reportingStart, reportingEnd } = input;
  toDayNumber(today); // validates
  if (completed) return lightResult("GREEN", { code: "COMPLETED" });

  const daysLeft = !ongoing && input.deadline !== null ? daysBetween(today, input.deadline) : null;
  if (daysLeft !== null && daysLeft < 0) return lightResult("RED", { code: "OVERDUE", days: -daysLeft });
  const milestone = missedMilestone(input.milestones ?? [], today, input.milestoneGraceDays ?? DEFAULT_MILESTONE_GRACE_DAYS);
  if (milestone) return milestoneLightResult(milestone);

  if (currentState === "RETURNED") {
    return lightResult("YELLOW", { code: "RETURNED", period: currentPeriod.label });
  }
  const expected =
    (reportingStart == null || currentPeriod.end >= reportingStart) && (reportingEnd == null || currentPeriod.start <= reportingEnd);
  if (expected && MISSING.has(currentState) && today > currentPeriod.dueDate) {
    return lightResult("YELLOW", { code: "REPORT_LATE", period: currentPeriod.label });
  }

  if (daysLeft !== null && daysLeft <= DUE_SOON_DAYS) {
    return lightResult("YELLOW", daysLeft === 0 ? { code: "DUE_TODAY" } : { code: "DUE_SOON", days: daysLeft });
  }

  if (!everReported && MISSING.has(currentState)) return lightResult("GREY", { code: "NOT_STARTED" });
  return lightResult("GREEN", { code: "ON_TRACK" });
}

export type AssignmentRoleForLight = "LEAD" | "RESPONSIBLE";

export type MeasureLightInput = {
  today: string;
  deadline: string | null;
  ongoing: boolean;
  /** The period judged; normally latestDuePeriod(today, …). */
  currentPeriod: Period;
  reportingStart?: string | null;
  /** The measure's milestones and the plan's grace, passed to every assignment's light (rules 2a, 2b). */
  milestones?: readonly MilestoneForLight[];
  milestoneGraceDays?: number;
  reportingEnd?: string | null;
  assignments: readonly {
    role: AssignmentRoleForLight;
    /** This assignment's completion was approved. */
    completedApproved: boolean;
    everReported: boolean;
    currentState: ReportStateForPeriod;
    /** This assignment's own first reporting day (a unit added later owes less); defaults to the measure's. */
    reportingStart?: string | null;
  }[];
};

/** Completed: it has lead assignments and every one's completion is approved. */
export function isMeasureCompleted(leadAssignments: readonly { completedApproved: boolean }[]): boolean {
  return leadAssignments.length > 0 && leadAssignments.every((a) => a.completedApproved);
}

/**
 * The light of a measure:
 *   - completed (isMeasureCompleted over its LEAD assignments) → GREEN "已完成",
 *     whatever the responsible units and the deadline say;
 *   - otherwise the worst of its assignments' lights, each computed by
 *     assignmentLight with completed = that assignment's approved completion,
 *     worst meaning RED > YELLOW > GREEN > GREY (GREY only if no unit has
 *     started: one unit reporting means the measure has started); the reason is
 *     that of the first worst assignment, LEAD assignments before RESPONSIBLE,
 *     otherwise in the order given;
 *   - no assignments at all: judged as one assignment that never reported.
 */
export function measureLight(input: MeasureLightInput): LightResult {
  const { assignments, ...shared } = input;
  const leads = assignments.filter((a) => a.role === "LEAD");
  if (isMeasureCompleted(leads)) {
    toDayNumber(input.today);
    return lightResult("GREEN", { code: "COMPLETED" });
  }
  const ordered = [...leads, ...assignments.filter((a) => a.role !== "LEAD")];
  if (ordered.length === 0) {
    return assignmentLight({ ...shared, completed: false, everReported: false, currentState: "NONE" });
  }
  const results = ordered.map((a) =>
    assignmentLight({
      ...shared,
      ...(a.reportingStart !== undefined ? { reportingStart: a.reportingStart } : {}),
      completed: a.completedApproved,
      everReported: a.everReported,
      currentState: a.currentState,
    }),
  );
  // reduce keeps the earlier result on ties.
  return results.reduce((worst, r) => (lightSeverity(r.light) > lightSeverity(worst.light) ? r : worst));
}

export type MeasureStatus = "COMPLETED" | "OVERDUE" | "IN_PROGRESS" | "NOT_STARTED";

export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  COMPLETED: "已完成",
  OVERDUE: "已逾期",
  IN_PROGRESS: "推进中",
  NOT_STARTED: "未启动",
};

export type MeasureStatusInput = {
  leadAssignments: readonly { completedApproved: boolean }[];
  deadline: string | null;
  ongoing: boolean;
  today: string;
  /** Any assignment of the measure (lead or responsible) has ever submitted a report; drafts do not count. */
  everReported: boolean;
};

/**
 * Derived status of a measure, first rule that applies:
 *   COMPLETED   it has lead assignments and all of them are approved as completed
 *   OVERDUE     not ongoing, has a deadline, and today > deadline
 *   NOT_STARTED no unit has ever submitted a report for it
 *   IN_PROGRESS otherwise
 * An ongoing measure is never OVERDUE; it is COMPLETED only if the bureau
 * approves its leads' completion. Consistent with measureLight: COMPLETED is
 * GREEN, OVERDUE is RED, NOT_STARTED is GREY or YELLOW.
 */
export function measureStatus(input: MeasureStatusInput): MeasureStatus {
  toDayNumber(input.today);
  if (isMeasureCompleted(input.leadAssignments)) return "COMPLETED";
  if (!input.ongoing && input.deadline !== null && daysBetween(input.today, input.deadline) < 0) return "OVERDUE";
  if (!input.everReported) return "NOT_STARTED";
  return "IN_PROGRESS";
}

// ---------------------------------------------------------------------------
// Milestones (时间节点) a lead unit sets for its measure (rules 2a and 2b).
// lib/dashboards/facts.ts restates them in SQL (its `msl` CTE).

/** The schema's default of Plan.milestoneGraceDays. */
export const DEFAULT_MILESTONE_GRACE_DAYS = 15;

export type MilestoneForLight = {
  title: string;
  dueDate: string;
  completed: boolean;
  /** The Beijing day it was completed, when known: judged at an earlier day it was still open. */
  completedOn?: string | null;
};

/** Done on `today`: completed on or before it (a view of a past day sees a later completion as not yet done). */
export function milestoneDoneBy(m: MilestoneForLight, today: string): boolean {
  return m.completed && (m.completedOn == null || m.completedOn <= today);
}

export type MissedMilestoneCode = "MILESTONE_MISSED" | "MILESTONE_OVERDUE";

export type MissedMilestone = { code: MissedMilestoneCode; title: string; daysLate: number };

/**
 * The milestone that decides the light: the earliest one not completed whose
 * due date has passed (the due date itself is still on time). It is the most
 * overdue, so if any missed milestone is past the grace, this one is:
 * MILESTONE_OVERDUE once daysLate > grace, MILESTONE_MISSED before. Null
 * when none is missed.
 */
export function missedMilestone(milestones: readonly MilestoneForLight[], today: string, graceDays: number): MissedMilestone | null {
  let earliest: MilestoneForLight | null = null;
  for (const m of milestones) {
    if (milestoneDoneBy(m, today) || !(today > m.dueDate)) continue;
    if (earliest === null || m.dueDate < earliest.dueDate) earliest = m;
  }
  if (earliest === null) return null;
  const daysLate = daysBetween(earliest.dueDate, today);
  return { code: daysLate > graceDays ? "MILESTONE_OVERDUE" : "MILESTONE_MISSED", title: earliest.title, daysLate };
}

/** Codes to light and words, in one place. */
export function milestoneLightResult(missed: MissedMilestone): LightResult {
  return missed.code === "MILESTONE_OVERDUE"
    ? lightResult("RED", { code: "MILESTONE_OVERDUE", title: missed.title, days: missed.daysLate })
    : lightResult("YELLOW", { code: "MILESTONE_MISSED", title: missed.title });
}
