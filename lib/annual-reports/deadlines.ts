import { daysBetween } from "@/lib/reporting/lights.ts";

// The two deadlines of an annual report for year Y (法治政府建设年度报告工作规定):
// to the party committee and government one level up by Y+1-03-01 (the report
// is SUBMITTED), to the public by Y+1-04-01 (it is PUBLISHED). The deadline
// day itself is still on time. Pure: dates are Beijing calendar days
// "YYYY-MM-DD".

/** A deadline this many days away or fewer (and not passed) is warned about. */
export const REPORT_WARN_DAYS = 30;

export type DeadlineKind = "SUBMIT" | "PUBLISH";

export type DeadlineStatus =
  /** Not due for a while yet: nothing to say. */
  | "PENDING"
  /** Due within REPORT_WARN_DAYS (today included). */
  | "DUE_SOON"
  /** Passed and still not done. */
  | "OVERDUE"
  | "DONE_ON_TIME"
  | "DONE_LATE";

export type DeadlineState = {
  kind: DeadlineKind;
  due: string;
  status: DeadlineStatus;
  /** Days from today to the deadline (negative once passed); null when done. */
  daysLeft: number | null;
  /** Words for a badge or a warning line (colour is never the only signal). */
  label: string;
};

export function reportDeadlines(year: number): { submitBy: string; publishBy: string } {
  return { submitBy: `${year + 1}-03-01`, publishBy: `${year + 1}-04-01` };
}

const WHAT: Record<DeadlineKind, { verb: string; to: string }> = {
  SUBMIT: { verb: "报送", to: "向上级党委、政府报送" },
  PUBLISH: { verb: "公开", to: "向社会公开" },
};

function judge(kind: DeadlineKind, due: string, doneOn: string | null, today: string): DeadlineState {
  const { verb, to } = WHAT[kind];
  if (doneOn) {
    return doneOn <= due
      ? { kind, due, status: "DONE_ON_TIME", daysLeft: null, label: `已按时${verb}` }
      : { kind, due, status: "DONE_LATE", daysLeft: null, label: `逾期${verb}(晚 ${daysBetween(due, doneOn)} 天)` };
  }
  const daysLeft = daysBetween(today, due);
  if (daysLeft < 0) return { kind, due, status: "OVERDUE", daysLeft, label: `逾期未${verb}(已超 ${-daysLeft} 天)` };
  if (daysLeft <= REPORT_WARN_DAYS) {
    return { kind, due, status: "DUE_SOON", daysLeft, label: daysLeft === 0 ? `今日须${to}` : `距${to}截止还有 ${daysLeft} 天` };
  }
  return { kind, due, status: "PENDING", daysLeft, label: `${due} 前${to}` };
}

export type ReportDeadlineInput = {
  year: number;
  today: string;
  /** Beijing date the report was submitted (a published one was necessarily submitted; pass its publication date if no submission is recorded). */
  submittedOn: string | null;
  publishedOn: string | null;
};

/** Both deadlines of one report year, judged on `today`. */
export function reportDeadlineStates(input: ReportDeadlineInput): { submit: DeadlineState; publish: DeadlineState } {
  const { submitBy, publishBy } = reportDeadlines(input.year);
  return {
    submit: judge("SUBMIT", submitBy, input.submittedOn ?? input.publishedOn, input.today),
    publish: judge("PUBLISH", publishBy, input.publishedOn, input.today),
  };
}

/** A state that deserves a warning on the list and the home page. */
export function needsWarning(state: DeadlineState): boolean {
  return state.status === "DUE_SOON" || state.status === "OVERDUE";
}

/** A state that marks the report late (done late, or not done by the deadline). */
export function isLate(state: DeadlineState): boolean {
  return state.status === "DONE_LATE" || state.status === "OVERDUE";
}

/** The report year whose deadlines fall in the year of `today` (the previous calendar year). */
export function currentReportYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}
