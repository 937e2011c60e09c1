import { measureLight, measureStatus, type Light, type MeasureStatus, type ReportStateForPeriod } from "@/lib/reporting/lights.ts";
import { latestDuePeriod, type Period, type ReportCadence } from "@/lib/reporting/periods.ts";

// A measure's state "as at" a past day (评估基准日), for the mid-term
// evaluation's snapshot. Pure: the loader (lib/evaluations/actions.ts) reads
// the facts with their dates, these functions keep only what was known on the
// day and hand it to the same rules the dashboards use (lib/reporting/lights.ts),
// so a snapshot taken today agrees with the dashboards measure by measure.
//
// "Known on the day" (all dates are Beijing calendar days, inclusive):
//   - a completion counts if it was approved on or before the day;
//   - a unit has "reported" if a report of it was submitted on or before the day;
//   - the judged period is latestDuePeriod(day), as the light judges it today;
//     its report's state is what it was on the day: not yet submitted → NONE,
//     submitted but reviewed later → SUBMITTED, reviewed by then → APPROVED or
//     RETURNED (a report returned and resubmitted keeps only its latest
//     submission time, so a resubmission after the day reads as "not sent");
//   - the deadline is the one in force on the day: the newest approved
//     extension decided by then, else the deadline before the first approved
//     extension (the printed one), else the measure's deadline.
// Which measures and units there are is taken from today's plan: a plan is
// usually imported long after it was issued, so creation times say when the
// data was typed in, not when the work was assigned. They only set, as on the
// dashboards, the first period an assignment owes a report for.

export type DeadlineKind = "DATED" | "ONGOING" | "NONE";

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  DATED: "有明确时限",
  ONGOING: "长期坚持",
  NONE: "未列时限",
};

export type ApprovedExtension = { oldDeadline: string | null; newDeadline: string; decidedOn: string };

/** The deadline in force on `date`, undoing approved extensions decided after it. */
export function deadlineAsAt(current: string | null, extensions: readonly ApprovedExtension[], date: string): string | null {
  if (extensions.length === 0) return current;
  const ordered = [...extensions].sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : 0));
  const decided = ordered.filter((e) => e.decidedOn <= date);
  if (decided.length > 0) return decided[decided.length - 1]!.newDeadline;
  return ordered[0]!.oldDeadline;
}

export type ReportFacts = {
  state: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
  submittedOn: string | null;
  reviewedOn: string | null;
};

/** The review state of a period's report as it stood on `date`. */
export function reportStateAsAt(report: ReportFacts | null, date: string): ReportStateForPeriod {
  if (!report || report.submittedOn === null || report.submittedOn > date) return "NONE";
  if (report.state !== "SUBMITTED" && report.reviewedOn !== null && report.reviewedOn <= date) {
    // A DRAFT with a submission and a review behind it was returned and is being redone.
    return report.state === "APPROVED" ? "APPROVED" : "RETURNED";
  }
  return "SUBMITTED";
}

export type SnapshotAssignment = {
  unitId: number;
  role: "LEAD" | "RESPONSIBLE";
  /** Day the assignment row was created (sets the first period it owes a report for). */
  createdOn: string;
  /** Day its completion was approved, if ever. */
  completedOn: string | null;
  /** Earliest day a report of it is known to have been submitted, if ever. */
  firstSubmittedOn: string | null;
  /** Percent of its newest report approved on or before the day (the loader applies the day). */
  approvedPercent: number | null;
  /** Its report for the judged period (latestDuePeriod of the day), if any. */
  judgedReport: ReportFacts | null;
};

export type SnapshotMeasure = {
  id: number;
  chapterId: number | null;
  createdOn: string;
  /** Today's deadline (after approved extensions). */
  deadline: string | null;
  ongoing: boolean;
  extensions: readonly ApprovedExtension[];
  assignments: readonly SnapshotAssignment[];
  /** Its milestones (时间节点): done on `completedOn` (a Beijing date), if ever. */
  milestones?: readonly { title: string; dueDate: string; completedOn: string | null }[];
  /** The plan's milestoneGraceDays (the schema's default when left out). */
  milestoneGraceDays?: number;
};

export type SnapshotPlan = {
  issueDate: string | null;
  /** The last day of the plan's reporting window (lib/plans/life.ts): later periods expect no report. */
  reportingEnd?: string | null;
  periodStart: number | null;
  reportCadence: ReportCadence;
  reportDueDay: number;
};

export type MeasureSnapshot = {
  measureId: number;
  status: MeasureStatus;
  light: Light;
  reason: string;
  percent: number;
  deadline: string | null;
  deadlineKind: DeadlineKind;
  chapterId: number | null;
  leadUnitIds: number[];
  unitIds: number[];
};

/** The first day of a plan: its issue date, else 1 January of its first year; null when neither is known. */
export function planStartDate(plan: Pick<SnapshotPlan, "issueDate" | "periodStart">): string | null {
  if (plan.issueDate) return plan.issueDate;
  return plan.periodStart ? `${String(plan.periodStart).padStart(4, "0")}-01-01` : null;
}

/** The period the light judges on `date`, for the loader to fetch that period's reports. */
export function judgedPeriod(plan: SnapshotPlan, date: string): Period {
  return latestDuePeriod(date, plan.reportCadence, plan.reportDueDay);
}

const later = (a: string | null, b: string): string => (a !== null && a > b ? a : b);

export function measureSnapshot(plan: SnapshotPlan, measure: SnapshotMeasure, date: string): MeasureSnapshot {
  const period = judgedPeriod(plan, date);
  const deadline = deadlineAsAt(measure.deadline, measure.extensions, date);
  const deadlineKind: DeadlineKind = measure.ongoing ? "ONGOING" : deadline === null ? "NONE" : "DATED";
  const facts = measure.assignments.map((a) => ({
    role: a.role,
    completedApproved: a.completedOn !== null && a.completedOn <= date,
    everReported: a.firstSubmittedOn !== null && a.firstSubmittedOn <= date,
    currentState: reportStateAsAt(a.judgedReport, date),
    // As the dashboards: the later of the plan's issue and the row's creation.
    reportingStart: later(plan.issueDate, a.createdOn),
  }));
  const leads = facts.filter((a) => a.role === "LEAD");
  const status = measureStatus({
    leadAssignments: leads,
    deadline,
    ongoing: measure.ongoing,
    today: date,
    everReported: facts.some((a) => a.everReported),
  });
  const { light, reason } = measureLight({
    today: date,
    deadline,
    ongoing: measure.ongoing,
    currentPeriod: period,
    reportingStart: later(plan.issueDate, measure.createdOn),
    reportingEnd: plan.reportingEnd ?? null,
    assignments: facts,
    // A milestone completed after the day was still open on it (lights.ts milestoneDoneBy).
    milestones: (measure.milestones ?? []).map((m) => ({
      title: m.title,
      dueDate: m.dueDate,
      completed: m.completedOn !== null,
      completedOn: m.completedOn,
    })),
    ...(measure.milestoneGraceDays !== undefined ? { milestoneGraceDays: measure.milestoneGraceDays } : {}),
  });
  // 进度: the lead units' average (all units' when none leads); a completed unit counts 100.
  const basis = measure.assignments.some((a) => a.role === "LEAD")
    ? measure.assignments.filter((a) => a.role === "LEAD")
    : measure.assignments;
  const unitPercent = (a: SnapshotAssignment) =>
    a.completedOn !== null && a.completedOn <= date ? 100 : Math.min(100, Math.max(0, a.approvedPercent ?? 0));
  const percent =
    status === "COMPLETED" ? 100 : basis.length === 0 ? 0 : Math.round(basis.reduce((sum, a) => sum + unitPercent(a), 0) / basis.length);
  const leadUnitIds = unique(measure.assignments.filter((a) => a.role === "LEAD").map((a) => a.unitId));
  const others = unique(measure.assignments.filter((a) => a.role !== "LEAD").map((a) => a.unitId)).filter(
    (id) => !leadUnitIds.includes(id),
  );
  return {
    measureId: measure.id,
    status,
    light,
    reason,
    percent,
    deadline: deadlineKind === "DATED" ? deadline : null,
    deadlineKind,
    chapterId: measure.chapterId,
    leadUnitIds,
    unitIds: [...leadUnitIds, ...others],
  };
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}

export type ComparisonChange = "COMPLETED_SINCE" | "NEWLY_OVERDUE" | "UNCHANGED" | "OTHER";

export const COMPARISON_CHANGE_LABELS: Record<ComparisonChange, string> = {
  COMPLETED_SINCE: "基准日后完成",
  NEWLY_OVERDUE: "新增逾期",
  UNCHANGED: "状态未变",
  OTHER: "其他变化",
};

/** How a measure moved between the snapshot and today (the SQL in queries.ts states the same rule). */
export function comparisonChange(then: string, now: string): ComparisonChange {
  if (then === now) return "UNCHANGED";
  if (now === "COMPLETED") return "COMPLETED_SINCE";
  if (now === "OVERDUE") return "NEWLY_OVERDUE";
  return "OTHER";
}
