import { isPeriodClosed, latestDuePeriod, reportingPeriod, type Period, type ReportCadence } from "@/lib/reporting/periods.ts";
import { daysBetween, type ReportStateForPeriod } from "@/lib/reporting/lights.ts";

// Which periods a unit still has to report on one assignment, oldest first, and
// how each stands against its due date. Pure, so the measure page and its tests
// agree on the rule; labels live in lib/progress/schema.ts.

/** A state that still needs a 报送 from the unit: nothing yet, a draft, or a report sent back. */
const OPEN: ReadonlySet<ReportStateForPeriod> = new Set(["NONE", "DRAFT", "RETURNED"]);

export function isOwedState(state: ReportStateForPeriod): boolean {
  return OPEN.has(state);
}

export type PeriodsInPlayInput = {
  today: string;
  cadence: ReportCadence;
  dueDay: number;
  /** The unit's first reporting day (reportingStartOf): a period ending before it was never owed. */
  reportingStart: string;
  /** The plan's last reporting day (lib/plans/life.ts reportingWindow): a period starting after it is not owed. */
  reportingEnd?: string | null;
};

/**
 * The periods a unit can report on today, oldest first: the last period whose
 * due date has passed (while it still accepts late reports and the unit owed it)
 * and the period being collected now (if it had begun to owe by its end). At most two.
 */
export function periodsInPlay({ today, cadence, dueDay, reportingStart, reportingEnd = null }: PeriodsInPlayInput): Period[] {
  const late = latestDuePeriod(today, cadence, dueDay);
  const collecting = reportingPeriod(today, cadence, dueDay);
  const inWindow = (period: Period) => period.end >= reportingStart && (reportingEnd === null || period.start <= reportingEnd);
  const lateOwed = inWindow(late) && !isPeriodClosed(late, today, 0, dueDay) && late.key !== collecting.key;
  return [...(lateOwed ? [late] : []), ...(inWindow(collecting) ? [collecting] : [])];
}

/** The periods in play whose state still needs a 报送, oldest first: the first one is the form to show. */
export function owedPeriods(input: PeriodsInPlayInput, stateOf: (period: Period) => ReportStateForPeriod): Period[] {
  return periodsInPlay(input).filter((period) => isOwedState(stateOf(period)));
}

export type DueStanding = { late: true; daysLate: number } | { late: false; daysLeft: number };

/** How a period's report stands against its due date on `today`. */
export function dueStanding(period: Period, today: string): DueStanding {
  const days = daysBetween(today, period.dueDate);
  return days < 0 ? { late: true, daysLate: -days } : { late: false, daysLeft: days };
}

/** "已逾期 57 天" / "今日截止" / "剩 35 天". */
export function dueStandingLabel(standing: DueStanding): string {
  if (standing.late) return `已逾期 ${standing.daysLate} 天`;
  return standing.daysLeft === 0 ? "今日截止" : `剩 ${standing.daysLeft} 天`;
}
