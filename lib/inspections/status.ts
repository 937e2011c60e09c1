import { daysBetween, DUE_SOON_DAYS, type Light } from "@/lib/reporting/lights.ts";

// The rules for a rectification item (整改事项), in one place: the pages, the
// dashboards' SQL (lib/inspections/queries.ts) and the tests follow them.
//   overdue:  the deadline has passed and the item is not closed (销号);
//   due soon: not closed, and the deadline is today or within DUE_SOON_DAYS;
//   closed on time: verified on or before the deadline; late otherwise.
// Dates are Beijing calendar days "YYYY-MM-DD"; the deadline day itself is on time.

export const RECTIFICATION_STATUS_LABELS = {
  OPEN: "整改中",
  SUBMITTED: "待核验",
  CLOSED: "已销号",
} as const;

export type RectificationStatus = keyof typeof RECTIFICATION_STATUS_LABELS;

export type RectificationTiming = "ON_TRACK" | "DUE_SOON" | "OVERDUE" | "CLOSED_ON_TIME" | "CLOSED_LATE";

export const RECTIFICATION_TIMING_LABELS: Record<RectificationTiming, string> = {
  ON_TRACK: "未到期",
  DUE_SOON: "即将到期",
  OVERDUE: "已逾期",
  CLOSED_ON_TIME: "按期销号",
  CLOSED_LATE: "逾期销号",
};

export type RectificationState = {
  status: RectificationStatus;
  timing: RectificationTiming;
  light: Light;
  /** Status and timing in words, e.g. "待核验 · 已逾期 3 天": never colour alone. */
  label: string;
  overdue: boolean;
  dueSoon: boolean;
  /** Days to the deadline (negative when past); null once closed. */
  daysLeft: number | null;
};

export { daysBetween };

export function rectificationState(input: {
  status: RectificationStatus;
  deadline: string;
  /** The Beijing day it was verified closed; only read when CLOSED. */
  verifiedOn: string | null;
  today: string;
}): RectificationState {
  const { status, deadline, today } = input;
  const word = RECTIFICATION_STATUS_LABELS[status];
  if (status === "CLOSED") {
    // A closed item with no verification day (data written before 销号 was
    // recorded) is taken as closed on time rather than guessed late.
    const late = input.verifiedOn !== null && input.verifiedOn > deadline;
    const timing = late ? "CLOSED_LATE" : "CLOSED_ON_TIME";
    return {
      status,
      timing,
      light: "GREEN",
      label: `${word} · ${RECTIFICATION_TIMING_LABELS[timing]}`,
      overdue: false,
      dueSoon: false,
      daysLeft: null,
    };
  }
  const daysLeft = daysBetween(today, deadline);
  if (daysLeft < 0) {
    return { status, timing: "OVERDUE", light: "RED", label: `${word} · 已逾期 ${-daysLeft} 天`, overdue: true, dueSoon: false, daysLeft };
  }
  if (daysLeft <= DUE_SOON_DAYS) {
    const when = daysLeft === 0 ? "今日到期" : `${daysLeft} 天后到期`;
    return { status, timing: "DUE_SOON", light: "YELLOW", label: `${word} · ${when}`, overdue: false, dueSoon: true, daysLeft };
  }
  return {
    status,
    timing: "ON_TRACK",
    light: "GREEN",
    label: `${word} · ${RECTIFICATION_TIMING_LABELS.ON_TRACK}`,
    overdue: false,
    dueSoon: false,
    daysLeft,
  };
}
