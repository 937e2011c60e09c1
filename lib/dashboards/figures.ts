import { cadenceOfKey, latestDuePeriod, periodByKey, previousPeriod, type Period } from "@/lib/reporting/periods.ts";
import type { AssignmentCounters } from "@/lib/dashboards/facts.ts";
import type { UnitSort } from "@/lib/dashboards/schema.ts";

// Pure calculations around the dashboards' SQL figures: the period choices,
// the monthly series and the ranking of the unit table.

export type UnitRow = AssignmentCounters & { unitId: number; name: string; returned: number };
export type MonthPoint = { month: string; completed: number; cumulative: number };

/** The period a filter key names, in the key's own cadence, or null. */
function chosenPeriod(key?: string): Period | null {
  const cadence = key ? cadenceOfKey(key) : null;
  return key && cadence ? periodByKey(key, cadence) : null;
}

/** The reporting periods a user can pick: the last 8 quarters up to the latest one due. */
export function periodOptions(today: string, selected?: string): Period[] {
  const options: Period[] = [];
  let period = latestDuePeriod(today, "QUARTERLY");
  for (let i = 0; i < 8; i++) {
    options.push(period);
    period = previousPeriod(period, "QUARTERLY");
  }
  const chosen = chosenPeriod(selected);
  if (chosen && !options.some((p) => p.key === chosen.key)) options.unshift(chosen);
  return options;
}

/** The label of the period whose submissions are counted ("2026年第三季度"). */
export function selectedPeriodLabel(today: string, selected?: string): string {
  return (chosenPeriod(selected) ?? latestDuePeriod(today, "QUARTERLY")).label;
}

/** Completions per month ("YYYY-MM" → count) as a monthly series up to today's month, with a running total. */
export function monthSeries(counts: { month: string; completed: number }[], firstYear: number | null, today: string): MonthPoint[] {
  const byMonth = new Map(counts.map((c) => [c.month, c.completed]));
  const endYear = Number(today.slice(0, 4));
  const endMonth = Number(today.slice(5, 7));
  const earliest = counts.map((c) => c.month).sort()[0];
  let year = Math.max(Math.min(firstYear ?? endYear, earliest ? Number(earliest.slice(0, 4)) : endYear), endYear - 5);
  let month = 1;
  const out: MonthPoint[] = [];
  // Completions before the window still count in the cumulative line.
  let cumulative = counts.filter((c) => c.month < `${year}-01`).reduce((sum, c) => sum + c.completed, 0);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    const completed = byMonth.get(key) ?? 0;
    cumulative += completed;
    out.push({ month: key, completed, cumulative });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

const SORT_KEYS: Record<UnitSort, (row: UnitRow) => number | string> = {
  name: (r) => r.name, // compared with localeCompare below
  assigned: (r) => r.assigned,
  completed: (r) => r.completed,
  overdue: (r) => r.overdue,
  onTimeRate: (r) => (r.onTimeBase ? r.onTime / r.onTimeBase : -1),
  submissionRate: (r) => (r.expected ? r.submitted / r.expected : -1),
  returned: (r) => r.returned,
};

/** The per-unit table ranked by a column (default: most overdue first), ties by name. */
export function rankUnits(rows: UnitRow[], sort: UnitSort = "overdue", dir?: "asc" | "desc"): UnitRow[] {
  const key = SORT_KEYS[sort];
  const direction = (dir ?? (sort === "name" ? "asc" : "desc")) === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (typeof ka === "string" && typeof kb === "string") return ka.localeCompare(kb, "zh-CN") * direction;
    if (ka !== kb) return (ka < kb ? -1 : 1) * direction;
    return a.name.localeCompare(b.name, "zh-CN");
  });
}

/** A unit that is behind: reports owed this period, overdue assignments, reports returned and not resubmitted. */
export type LaggingUnit = {
  unitId: number;
  name: string;
  districtId: number;
  districtName: string;
  /** Reports owed for the period and missing (本期未报). */
  notReported: number;
  /** Assignments past their measure's deadline and not done (逾期). */
  overdue: number;
  /** Reports returned and not yet resubmitted, any period (退回). */
  returned: number;
};

/**
 * Ranks lagging units: any report owed this period first (most owed first),
 * then the most overdue, then the most returned; ties by name.
 */
export function rankLagging(a: LaggingUnit, b: LaggingUnit): number {
  return (
    b.notReported - a.notReported ||
    b.overdue - a.overdue ||
    b.returned - a.returned ||
    a.name.localeCompare(b.name, "zh-CN") ||
    a.unitId - b.unitId
  );
}
