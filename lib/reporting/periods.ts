import type { ReportCadence } from "@/lib/generated/prisma/enums.ts";
import { daysInMonth, ymd } from "@/lib/dates.ts";

// Reporting periods of a plan. Pure functions on calendar dates written as
// "YYYY-MM-DD" (dates in China, no times, no time zones): every computation is
// plain UTC day arithmetic, so the server's time zone never shifts a date.
//
// A plan reports MONTHLY, QUARTERLY, HALF_YEARLY or YEARLY. The report for a
// period is due on day `dueDay` (1–31, default 10) of the month after the
// period ends, clamped to that month's length (dueDay 31 → 30 April, 28 or 29
// February). Example: QUARTERLY, 2024 Q3 → 2024-07-01 … 2024-09-30, due
// 2024-10-10, label "2024年第三季度", key "2024-Q3".
//
// The life of a period's report (QUARTERLY, dueDay 10, 2024 Q3):
//   2024-07-01 … 2024-09-30   the period runs; progress may already be reported
//   2024-10-01 … 2024-10-10   reportingPeriod(): Q3 is the period being collected
//   2024-10-11 … 2025-01-10   Q3's report is late but still accepted;
//                             latestDuePeriod() is Q3 (the traffic light judges it)
//   2025-01-11 …              isPeriodClosed(): Q3 is closed, new reports refused

export type { ReportCadence };

export const REPORT_CADENCES = ["MONTHLY", "QUARTERLY", "HALF_YEARLY", "YEARLY"] as const satisfies readonly ReportCadence[];

export const REPORT_CADENCE_LABELS: Record<ReportCadence, string> = {
  MONTHLY: "按月报送",
  QUARTERLY: "按季度报送",
  HALF_YEARLY: "按半年报送",
  YEARLY: "按年度报送",
};

export const DEFAULT_REPORT_DUE_DAY = 10;

export type Period = {
  /** First day of the period, "YYYY-MM-DD". */
  start: string;
  /** Last day of the period (inclusive). */
  end: string;
  /** Last day on which the period's report is on time (inclusive). */
  dueDate: string;
  /** "2024年第三季度", "2024年7月", "2024年上半年", "2024年度". */
  label: string;
  /** Stable identifier within a cadence: "2024-Q3", "2024-07", "2024-H1", "2024". */
  key: string;
};

// ---------------------------------------------------------------------------
// Calendar dates

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

type Ymd = { year: number; month: number; day: number };

/** True for a real calendar date written "YYYY-MM-DD" (2023-02-29 is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

function parse(value: string, what = "date"): Ymd {
  if (!isIsoDate(value)) throw new RangeError(`Invalid ${what}: ${JSON.stringify(value)} (expected YYYY-MM-DD)`);
  const [y, m, d] = value.split("-");
  return { year: Number(y), month: Number(m), day: Number(d) };
}

/** Days since 1970-01-01 (negative before). Throws RangeError on a malformed date. */
export function toDayNumber(date: string): number {
  const { year, month, day } = parse(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** Inverse of toDayNumber. */
export function fromDayNumber(dayNumber: number): string {
  const d = new Date(dayNumber * MS_PER_DAY);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** date + days (days may be negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Invalid day count: ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

// ---------------------------------------------------------------------------
// Periods

const MONTHS_PER_PERIOD: Record<ReportCadence, number> = {
  MONTHLY: 1,
  QUARTERLY: 3,
  HALF_YEARLY: 6,
  YEARLY: 12,
};

const QUARTER_NAMES = ["一", "二", "三", "四"] as const;

function checkCadence(cadence: ReportCadence): number {
  const months = MONTHS_PER_PERIOD[cadence];
  if (months === undefined) throw new RangeError(`Invalid report cadence: ${JSON.stringify(cadence)}`);
  return months;
}

function checkDueDay(dueDay: number): void {
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > 31) {
    throw new RangeError(`Invalid report due day: ${dueDay} (expected an integer 1–31)`);
  }
}

/** The index-th period (0-based) of a year; index < 12 / months per period. */
function build(year: number, index: number, cadence: ReportCadence, dueDay: number): Period {
  const months = checkCadence(cadence);
  checkDueDay(dueDay);
  const startMonth = index * months + 1;
  const endMonth = startMonth + months - 1;
  const dueYear = endMonth === 12 ? year + 1 : year;
  const dueMonth = endMonth === 12 ? 1 : endMonth + 1;
  const yyyy = String(year).padStart(4, "0");
  let label: string;
  let key: string;
  switch (cadence) {
    case "MONTHLY":
      label = `${year}年${startMonth}月`;
      key = `${yyyy}-${String(startMonth).padStart(2, "0")}`;
      break;
    case "QUARTERLY":
      label = `${year}年第${QUARTER_NAMES[index]}季度`;
      key = `${yyyy}-Q${index + 1}`;
      break;
    case "HALF_YEARLY":
      label = `${year}年${index === 0 ? "上" : "下"}半年`;
      key = `${yyyy}-H${index + 1}`;
      break;
    case "YEARLY":
      label = `${year}年度`;
      key = yyyy;
      break;
  }
  return {
    start: ymd(year, startMonth, 1),
    end: ymd(year, endMonth, daysInMonth(year, endMonth)),
    dueDate: ymd(dueYear, dueMonth, Math.min(dueDay, daysInMonth(dueYear, dueMonth))),
    label,
    key,
  };
}

/** The period of `cadence` that contains `date`. */
export function periodContaining(date: string, cadence: ReportCadence, dueDay = DEFAULT_REPORT_DUE_DAY): Period {
  const { year, month } = parse(date);
  const months = checkCadence(cadence);
  return build(year, Math.floor((month - 1) / months), cadence, dueDay);
}

/** The period just before `period` (2024-Q1 → 2023-Q4). */
export function previousPeriod(period: Period, cadence: ReportCadence, dueDay = DEFAULT_REPORT_DUE_DAY): Period {
  return periodContaining(addDays(period.start, -1), cadence, dueDay);
}

/** The period just after `period` (2024-12 → 2025-01). */
export function nextPeriod(period: Period, cadence: ReportCadence, dueDay = DEFAULT_REPORT_DUE_DAY): Period {
  return periodContaining(addDays(period.end, 1), cadence, dueDay);
}

const KEY_PATTERNS: Record<ReportCadence, RegExp> = {
  MONTHLY: /^(\d{4})-(0[1-9]|1[0-2])$/,
  QUARTERLY: /^(\d{4})-Q([1-4])$/,
  HALF_YEARLY: /^(\d{4})-H([12])$/,
  YEARLY: /^(\d{4})$/,
};

/**
 * The period a key names, or null when the key is not a well-formed key of
 * this cadence ("2024-Q5", "2024-13", "2024-Q3" for a MONTHLY plan, " 2024").
 * Keys come from URLs and forms, so a bad one is an answer, not an exception;
 * a bad cadence or dueDay is a programming error and throws.
 */
export function periodByKey(key: string, cadence: ReportCadence, dueDay = DEFAULT_REPORT_DUE_DAY): Period | null {
  checkCadence(cadence);
  checkDueDay(dueDay);
  const m = KEY_PATTERNS[cadence].exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1) return null;
  // The month (1–12), quarter (1–4) or half (1–2) is the 1-based period index.
  return build(year, cadence === "YEARLY" ? 0 : Number(m[2]) - 1, cadence, dueDay);
}

/** The cadence a period key belongs to, or null for a malformed key. */
export function cadenceOfKey(key: string): ReportCadence | null {
  for (const cadence of REPORT_CADENCES) if (KEY_PATTERNS[cadence].test(key) && !key.startsWith("0000")) return cadence;
  return null;
}

/**
 * Every period that overlaps [startDate, endDate] (both inclusive), in order;
 * [] when startDate > endDate. periodsBetween("2024-02-15", "2024-07-01",
 * "QUARTERLY") → 2024-Q1, 2024-Q2, 2024-Q3.
 */
export function periodsBetween(startDate: string, endDate: string, cadence: ReportCadence, dueDay = DEFAULT_REPORT_DUE_DAY): Period[] {
  const last = periodContaining(endDate, cadence, dueDay);
  let period = periodContaining(startDate, cadence, dueDay);
  if (startDate > endDate) return [];
  const out: Period[] = [];
  while (period.start <= last.start) {
    out.push(period);
    period = nextPeriod(period, cadence, dueDay);
  }
  return out;
}

/**
 * The period whose report is being collected on `today`: the previous period
 * while today ≤ its due date (from 1 to 10 October, Q3's report is due), else
 * the current period (from 11 October on, Q4 — its report is collected until
 * 10 January). This is what a liaison is asked to report now ("本期").
 *
 * It is never late by construction (today ≤ its dueDate). A report for the
 * period before it may still be accepted (see isPeriodClosed) and is then late;
 * latestDuePeriod() names that period.
 */
export function reportingPeriod(today: string, cadence: ReportCadence, dueDay = DEFAULT_REPORT_DUE_DAY): Period {
  const current = periodContaining(today, cadence, dueDay);
  const previous = previousPeriod(current, cadence, dueDay);
  return today <= previous.dueDate ? previous : current;
}

/**
 * The latest period whose due date has passed (dueDate < today): the period
 * before reportingPeriod(today). On 2024-10-05 that is 2024-Q2 (due 07-10); on
 * 2024-10-11, 2024-Q3 (due 10-10). Its report is late if missing, yet the
 * period is not closed (with graceDays 0), so a missing report can still be
 * made good. This is the period the traffic light judges (see lights.ts).
 */
export function latestDuePeriod(today: string, cadence: ReportCadence, dueDay = DEFAULT_REPORT_DUE_DAY): Period {
  return previousPeriod(reportingPeriod(today, cadence, dueDay), cadence, dueDay);
}

/**
 * The last day on which a report for `period` is still accepted: the due date
 * of the period after it, plus graceDays. Q3 2024 (dueDay 10) → 2025-01-10.
 *
 * The cadence is read from the period's key. The due day is `dueDay` when
 * given (pass the plan's reportDueDay to be exact); otherwise it is read from
 * period.dueDate, which is exact unless that date fell on the last day of a
 * month shorter than 31 days (then the plan's due day may have been clamped,
 * and month-end — due day 31 — is assumed: closing may come up to 3 days later
 * than exact, never earlier).
 */
export function periodAcceptsReportsUntil(period: Period, graceDays = 0, dueDay?: number): string {
  if (!Number.isInteger(graceDays) || graceDays < 0) {
    throw new RangeError(`Invalid grace days: ${graceDays} (expected a non-negative integer)`);
  }
  const cadence = cadenceOfKey(period.key);
  if (!cadence) throw new RangeError(`Invalid period key: ${JSON.stringify(period.key)}`);
  let day = dueDay;
  if (day === undefined) {
    const due = parse(period.dueDate, "due date");
    day = due.day === daysInMonth(due.year, due.month) ? 31 : due.day;
  }
  return addDays(nextPeriod(period, cadence, day).dueDate, graceDays);
}

/**
 * A period is closed for new reports once the due date of the period after it
 * has passed, plus graceDays: closed iff today > periodAcceptsReportsUntil().
 * So a report may be late by up to one full reporting cycle; after that the
 * next period's report has taken over and the old one is refused. A period that
 * has not started or not ended is never closed (whether a report for a future
 * period is acceptable is for the caller: period.start > today).
 *
 * QUARTERLY, dueDay 10, 2024-Q3: open through 2025-01-10, closed from 2025-01-11
 * (with graceDays 5: open through 2025-01-15).
 */
export function isPeriodClosed(period: Period, today: string, graceDays = 0, dueDay?: number): boolean {
  parse(today, "today");
  return today > periodAcceptsReportsUntil(period, graceDays, dueDay);
}
