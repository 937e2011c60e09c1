import { daysBetween, DUE_SOON_DAYS, type ReportStateForPeriod } from "@/lib/reporting/lights.ts";
import type { Period } from "@/lib/reporting/periods.ts";

// The liaison's workbench and 我的任务 put what needs doing first. Pure rules:
// the caller loads the facts (lib/workbench/queries.ts), these decide.
//
// Flags (several may hold; the counts at the top of the workbench count them):
//   returned       the report of the period being judged or collected was returned (被退回)
//   overdue        the measure's deadline has passed, or the last due period's report
//                  is missing although it was owed (已逾期)
//   due            the period being collected (reportingPeriod) still owes a report (待报送)
//   soon           the deadline is today or within DUE_SOON_DAYS (临期)
//   rectification  an open 督察整改 item (整改)
// Group (one per item, the list's headings), first that applies:
//   DONE (completed) → RETURNED → OVERDUE → DUE → UPCOMING.
// Nothing is flagged once a task is completed.

export type UrgencyGroup = "RETURNED" | "OVERDUE" | "DUE" | "UPCOMING" | "DONE";

export const URGENCY_GROUP_LABELS: Record<UrgencyGroup, string> = {
  RETURNED: "被退回",
  OVERDUE: "已逾期",
  DUE: "本期待报送",
  UPCOMING: "其他任务",
  DONE: "已完成",
};

const GROUP_ORDER: readonly UrgencyGroup[] = ["RETURNED", "OVERDUE", "DUE", "UPCOMING", "DONE"];

export type UrgencyFlag = "returned" | "overdue" | "due" | "soon" | "rectification";
export type UrgencyFlags = Record<UrgencyFlag, boolean>;

export const URGENCY_FLAG_LABELS: Record<UrgencyFlag, string> = {
  due: "待报送",
  returned: "被退回",
  overdue: "已逾期",
  soon: "临期",
  rectification: "整改",
};

/** A view of the list named in the URL (?view=…): one flag, or the upcoming group. */
export type WorkView = UrgencyFlag | "upcoming";

const VIEWS: readonly WorkView[] = ["returned", "overdue", "due", "soon", "rectification", "upcoming"];

export function parseWorkView(raw: string | string[] | undefined): WorkView | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return VIEWS.includes(value as WorkView) ? (value as WorkView) : null;
}

/** A group's "查看全部" view. */
export const GROUP_VIEW: Partial<Record<UrgencyGroup, WorkView>> = {
  RETURNED: "returned",
  OVERDUE: "overdue",
  DUE: "due",
  UPCOMING: "upcoming",
};

export type Urgency = {
  group: UrgencyGroup;
  flags: UrgencyFlags;
  /** The date that orders items inside their group, earliest first; null sorts last. */
  sortDate: string | null;
  /** The last due period's report is missing although owed (part of overdue). */
  lateReport?: boolean;
};

export type TaskFacts = {
  today: string;
  /** The measure's deadline "YYYY-MM-DD", or null. */
  deadline: string | null;
  ongoing: boolean;
  /** The assignment, or the measure through its lead units, is completed. */
  completed: boolean;
  /** First day reports are owed (reportingStartOf); periods ending before it owe none. */
  reportingStart: string | null;
  /** Last day of the plan's reporting window (lib/plans/life.ts); periods starting after it owe none. */
  reportingEnd?: string | null;
  /** latestDuePeriod(today): its report is late if missing. */
  currentPeriod: Period;
  currentState: ReportStateForPeriod;
  /** reportingPeriod(today): the period being collected now (本期). */
  nextPeriod: Period;
  nextState: ReportStateForPeriod;
};

const NO_FLAGS: UrgencyFlags = { returned: false, overdue: false, due: false, soon: false, rectification: false };
const MISSING: ReadonlySet<ReportStateForPeriod> = new Set(["NONE", "DRAFT"]);

const earliest = (...dates: (string | null | false)[]) => dates.filter((d): d is string => typeof d === "string").sort()[0] ?? null;

function groupOf(flags: UrgencyFlags): UrgencyGroup {
  if (flags.returned) return "RETURNED";
  if (flags.overdue) return "OVERDUE";
  if (flags.due) return "DUE";
  return "UPCOMING";
}

export function taskUrgency(t: TaskFacts): Urgency {
  if (t.completed) return { group: "DONE", flags: NO_FLAGS, sortDate: null };
  const owes = (period: Period) =>
    (t.reportingStart === null || period.end >= t.reportingStart) && (t.reportingEnd == null || period.start <= t.reportingEnd);
  const daysLeft = !t.ongoing && t.deadline !== null ? daysBetween(t.today, t.deadline) : null;
  const pastDeadline = daysLeft !== null && daysLeft < 0;
  const lateReport = owes(t.currentPeriod) && MISSING.has(t.currentState) && t.today > t.currentPeriod.dueDate;
  const returnedPeriod = t.currentState === "RETURNED" ? t.currentPeriod : t.nextState === "RETURNED" ? t.nextPeriod : null;
  const flags: UrgencyFlags = {
    returned: returnedPeriod !== null,
    overdue: pastDeadline || lateReport,
    due: owes(t.nextPeriod) && MISSING.has(t.nextState),
    soon: daysLeft !== null && daysLeft >= 0 && daysLeft <= DUE_SOON_DAYS,
    rectification: false,
  };
  const group = groupOf(flags);
  const deadline = t.ongoing ? null : t.deadline;
  const sortDate = {
    RETURNED: returnedPeriod?.dueDate ?? null,
    OVERDUE: earliest(pastDeadline && deadline, lateReport && t.currentPeriod.dueDate),
    DUE: earliest(deadline, t.nextPeriod.dueDate),
    UPCOMING: deadline,
    DONE: null,
  }[group];
  return { group, flags, sortDate, lateReport };
}

export type RectificationFacts = {
  status: "OPEN" | "SUBMITTED" | "CLOSED";
  deadline: string;
  overdue: boolean;
  dueSoon: boolean;
  /** The state of its latest report, if any. */
  latestState: string | null;
};

/** An open rectification owes a report until it is submitted; a returned one owes it again. */
export function rectificationUrgency(r: RectificationFacts): Urgency {
  if (r.status === "CLOSED") return { group: "DONE", flags: NO_FLAGS, sortDate: null };
  const returned = r.status === "OPEN" && r.latestState === "RETURNED";
  const flags: UrgencyFlags = {
    returned,
    overdue: r.overdue,
    due: r.status === "OPEN" && !returned,
    soon: r.dueSoon,
    rectification: true,
  };
  return { group: groupOf(flags), flags, sortDate: r.deadline };
}

export type UrgencyGroupOf<T> = { group: UrgencyGroup; label: string; items: T[] };

/** Groups in order of urgency, items inside by sortDate (undated last), otherwise as given; a view keeps only its items. */
export function arrangeByUrgency<T extends { urgency: Urgency }>(items: readonly T[], view: WorkView | null = null): UrgencyGroupOf<T>[] {
  const shown = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => (view === null ? true : view === "upcoming" ? item.urgency.group === "UPCOMING" : item.urgency.flags[view]));
  return GROUP_ORDER.map((group) => ({
    group,
    label: URGENCY_GROUP_LABELS[group],
    items: shown
      .filter(({ item }) => item.urgency.group === group)
      .sort((a, b) => {
        const da = a.item.urgency.sortDate ?? "\uffff";
        const db = b.item.urgency.sortDate ?? "\uffff";
        return da < db ? -1 : da > db ? 1 : a.index - b.index;
      })
      .map(({ item }) => item),
  })).filter((g) => g.items.length > 0);
}

export function countFlags(items: readonly { urgency: Urgency }[]): Record<UrgencyFlag, number> {
  const counts: Record<UrgencyFlag, number> = { returned: 0, overdue: 0, due: 0, soon: 0, rectification: 0 };
  for (const { urgency } of items) {
    for (const flag of Object.keys(counts) as UrgencyFlag[]) if (urgency.flags[flag]) counts[flag] += 1;
  }
  return counts;
}

export type Countdown = { label: string; dueDate: string; daysLeft: number; late: boolean; text: string };

/** "2026年第四季度进展 1月10日截止,还有 35 天" / "…今天截止" / "…已逾期 57 天". */
export function periodCountdown(today: string, period: Period): Countdown {
  const daysLeft = daysBetween(today, period.dueDate);
  const [, month, day] = period.dueDate.split("-").map(Number);
  const when = daysLeft > 0 ? `还有 ${daysLeft} 天` : daysLeft === 0 ? "今天截止" : `已逾期 ${-daysLeft} 天`;
  return {
    label: period.label,
    dueDate: period.dueDate,
    daysLeft,
    late: daysLeft < 0,
    text: `${period.label}进展 ${month}月${day}日截止,${when}`,
  };
}
