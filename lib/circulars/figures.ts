import { chineseDate } from "@/lib/dates.ts";
import { periodsBetween, type Period, type ReportCadence } from "@/lib/reporting/periods.ts";

// 通报 figures: the pure half. Which reporting periods a circular covers, how
// units are ranked, which are named as lagging, and the default wording. The
// counting itself is SQL (lib/circulars/queries.ts); this file only orders and
// words the few hundred rows it returns.
//
// Rules (decided here, where the issue was silent):
// - A circular covers [start, end]. Each plan in force contributes every period
//   of its own cadence that lies inside it: a quarterly circular of 2026-Q3
//   covers the quarterly plans' Q3 and the monthly plans' July–September; an
//   ad-hoc one from 1 January to 30 June covers Q1 and Q2 of the quarterly plans.
// - 报送率 = submitted / owed; 按时报送率 = submitted by the period's due date /
//   owed (both over the same base, so a late report lowers the second only).
//   A report counts as submitted while it stands SUBMITTED or APPROVED; one
//   RETURNED is owed again and is counted under 退回 instead.
// - Overdue measures are judged as of the circular's end (or today, if the
//   period has not ended yet): the figures then describe the period, and the
//   same circular computed on two days agrees.
// - Ranking: 报送率 high first, then 按时报送率, then fewer overdue measures,
//   then fewer returned reports; equal figures share a rank and are ordered by
//   name (pinyin). A unit that owed nothing counts as 100%.
// - Lagging units (排名靠后): only the bottom part of the ranking — its last
//   min(LAGGING_COUNT, ⌊n/2⌋) places of n units, so a small district never
//   names its upper half — and only units that fall short somewhere (a rate
//   below 100%, an overdue measure or a returned report). A unit is named when
//   its shared rank lies inside the bottom part: units tied with one inside it
//   are named only if the whole tie lies inside; a tie straddling the boundary
//   is left out rather than widening the list (the table still shows it).
//   A district where everyone reported on time names nobody.

export const LAGGING_COUNT = 3;

/** One unit's counts for the circular's periods, as the SQL returns them. */
export type UnitCounts = {
  unitId: number;
  unitName: string;
  /** Assignment × period pairs that owed a report. */
  owed: number;
  /** Of those, reports standing SUBMITTED or APPROVED. */
  submitted: number;
  /** Of those, submitted by the period's due date. */
  onTime: number;
  /** Reports standing RETURNED (owed again). */
  returned: number;
  /** Measures of the unit past their deadline and not completed as of `asOf`. */
  overdue: number;
};

export type RankedUnit = UnitCounts & {
  /** Percent with one decimal; null when nothing was owed. */
  reportRate: number | null;
  onTimeRate: number | null;
  rank: number;
  lagging: boolean;
};

export type CircularFigures = {
  /** Bumped when the shape changes; issued circulars keep the shape they were issued with. */
  version: 1;
  start: string;
  end: string;
  /** The day overdue measures are judged on. */
  asOf: string;
  /** When the figures were counted (an ISO instant). */
  computedAt: string;
  units: RankedUnit[];
  totals: Omit<UnitCounts, "unitId" | "unitName"> & { units: number; reportRate: number | null; onTimeRate: number | null };
  /** Names of the lagging units, worst first. */
  lagging: string[];
};

/** A plan as the period rule needs it. */
export type PlanForPeriods = { id: number; reportCadence: ReportCadence; reportDueDay: number };
export type PlanPeriod = { planId: number; start: string; end: string; dueDate: string };

/** Every period of each plan's cadence that lies wholly inside [start, end]. */
export function planPeriodsWithin(plans: readonly PlanForPeriods[], start: string, end: string): PlanPeriod[] {
  return plans.flatMap((plan) =>
    periodsBetween(start, end, plan.reportCadence, plan.reportDueDay)
      .filter((p: Period) => p.start >= start && p.end <= end)
      .map((p) => ({ planId: plan.id, start: p.start, end: p.end, dueDate: p.dueDate })),
  );
}

/** The day overdue measures are judged on: the circular's end, or today while it runs. */
export const asOfDay = (end: string, today: string) => (end < today ? end : today);

/** Percent with one decimal, null for 0/0. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

const collator = new Intl.Collator("zh-CN");

/** Sort key: higher is better for rates (null = nothing owed = 100), lower for the counts. */
function compareFigures(a: RankedUnit, b: RankedUnit): number {
  return (
    (b.reportRate ?? 100) - (a.reportRate ?? 100) ||
    (b.onTimeRate ?? 100) - (a.onTimeRate ?? 100) ||
    a.overdue - b.overdue ||
    a.returned - b.returned
  );
}

const fallsShort = (u: RankedUnit) => (u.reportRate ?? 100) < 100 || (u.onTimeRate ?? 100) < 100 || u.overdue > 0 || u.returned > 0;

/** The units ranked, with rates, ranks (shared on equal figures) and the lagging ones marked. */
export function rankUnits(rows: readonly UnitCounts[], laggingCount = LAGGING_COUNT): RankedUnit[] {
  const units: RankedUnit[] = rows.map((r) => ({
    ...r,
    reportRate: rate(r.submitted, r.owed),
    onTimeRate: rate(r.onTime, r.owed),
    rank: 0,
    lagging: false,
  }));
  units.sort((a, b) => compareFigures(a, b) || collator.compare(a.unitName, b.unitName) || a.unitId - b.unitId);
  units.forEach((u, i) => {
    const previous = units[i - 1];
    u.rank = previous && compareFigures(previous, u) === 0 ? previous.rank : i + 1;
  });
  const bottomPlaces = Math.min(laggingCount, Math.floor(units.length / 2));
  const firstBottomPlace = units.length - bottomPlaces + 1;
  for (const u of units) if (bottomPlaces > 0 && u.rank >= firstBottomPlace && fallsShort(u)) u.lagging = true;
  return units;
}

/** Figures from the SQL's rows: ranked, totalled, lagging named worst first. */
export function buildFigures(input: {
  start: string;
  end: string;
  asOf: string;
  rows: readonly UnitCounts[];
  computedAt?: Date;
}): CircularFigures {
  const units = rankUnits(input.rows);
  const sum = (key: keyof Omit<UnitCounts, "unitId" | "unitName">) => input.rows.reduce((n, r) => n + r[key], 0);
  const owed = sum("owed");
  const submitted = sum("submitted");
  const onTime = sum("onTime");
  return {
    version: 1,
    start: input.start,
    end: input.end,
    asOf: input.asOf,
    computedAt: (input.computedAt ?? new Date()).toISOString(),
    units,
    totals: {
      units: units.length,
      owed,
      submitted,
      onTime,
      returned: sum("returned"),
      overdue: sum("overdue"),
      reportRate: rate(submitted, owed),
      onTimeRate: rate(onTime, owed),
    },
    lagging: units
      .filter((u) => u.lagging)
      .reverse()
      .map((u) => u.unitName),
  };
}

/** A unit's place, for its liaison: "本单位排名第 3 / 12"; null when the unit is not ranked. */
export function unitStanding(figures: Pick<CircularFigures, "units">, unitId: number | null | undefined): string | null {
  const own = unitId == null ? undefined : figures.units.find((u) => u.unitId === unitId);
  return own ? `本单位排名第 ${own.rank} / ${figures.units.length}` : null;
}

// ---------------------------------------------------------------------------
// Wording

export const percentText = (value: number | null) => (value === null ? "—" : `${value}%`);

/** "2026年第三季度" for a quarter, "2026年7月1日至2026年9月30日" for any other span. */
export function spanLabel(input: { start: string; end: string; label?: string | null }): string {
  return input.label ?? `${chineseDate(input.start)}至${chineseDate(input.end)}`;
}

/** "关于2026年第三季度法治政府建设任务推进情况的通报". */
export function defaultTitle(span: string): string {
  return `关于${span}法治政府建设任务推进情况的通报`;
}

/** The opening, the remarks (figures and the lagging units) and the requirements, in Chinese. */
export function defaultBody(span: string, figures: CircularFigures): string {
  const t = figures.totals;
  const opening = `为压实法治政府建设工作责任,推动各项任务落地见效,现将${span}各单位任务推进情况通报如下。`;
  const remarks =
    t.owed === 0
      ? `本期共有 ${t.units} 个单位承担任务,没有应报送的进展;逾期未完成举措 ${t.overdue} 项。`
      : `本期 ${t.units} 个单位应报送进展 ${t.owed} 项,已报送 ${t.submitted} 项,报送率 ${percentText(t.reportRate)};` +
        `按时报送 ${t.onTime} 项,按时报送率 ${percentText(t.onTimeRate)};被退回 ${t.returned} 项;` +
        `截至${chineseDate(figures.asOf)},逾期未完成举措 ${t.overdue} 项。`;
  const lagging = figures.lagging.length
    ? `${figures.lagging.join("、")}在本期排名靠后,报送不及时或举措推进滞后,予以通报。`
    : "各单位均按时报送,无逾期未完成举措,未有单位排名靠后。";
  const requirements =
    "请各单位对照通报查找差距:未报送或被退回的,于收到本通报后 5 个工作日内补报;逾期举措的牵头单位要说明原因、明确整改措施和完成时限,需要延期的按程序申请。排名靠后的单位要认真分析原因,切实加快推进。";
  return [opening, remarks, lagging, requirements].join("\n");
}
