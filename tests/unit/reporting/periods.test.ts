import { describe, expect, it } from "vitest";
import {
  addDays,
  cadenceOfKey,
  isIsoDate,
  isPeriodClosed,
  latestDuePeriod,
  nextPeriod,
  periodAcceptsReportsUntil,
  periodByKey,
  periodContaining,
  periodsBetween,
  previousPeriod,
  reportingPeriod,
  type Period,
  type ReportCadence,
} from "@/lib/reporting/periods.ts";
import { daysInMonth } from "@/lib/dates.ts";

const p = (start: string, end: string, dueDate: string, label: string, key: string): Period => ({
  start,
  end,
  dueDate,
  label,
  key,
});

describe("calendar helpers", () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2024, 4, 30],
    [2024, 12, 31],
  ])("daysInMonth(%i, %i) = %i", (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2024-13-01", false],
    ["2024-00-10", false],
    ["2024-04-31", false],
    ["2024-4-1", false],
    ["2024-04-01T00:00", false],
    ["", false],
  ])("isIsoDate(%j) = %s", (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });

  it.each([
    ["2024-02-28", 1, "2024-02-29"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2025-01-01", -1, "2024-12-31"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2024-10-10", 92, "2025-01-10"],
  ])("addDays(%s, %i) = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe("periodContaining", () => {
  it.each<[string, ReportCadence, number, Period]>([
    // the brief's example
    ["2024-08-15", "QUARTERLY", 10, p("2024-07-01", "2024-09-30", "2024-10-10", "2024年第三季度", "2024-Q3")],
    // first and last day of a period belong to it
    ["2024-07-01", "QUARTERLY", 10, p("2024-07-01", "2024-09-30", "2024-10-10", "2024年第三季度", "2024-Q3")],
    ["2024-09-30", "QUARTERLY", 10, p("2024-07-01", "2024-09-30", "2024-10-10", "2024年第三季度", "2024-Q3")],
    ["2024-02-10", "QUARTERLY", 10, p("2024-01-01", "2024-03-31", "2024-04-10", "2024年第一季度", "2024-Q1")],
    ["2024-05-10", "QUARTERLY", 10, p("2024-04-01", "2024-06-30", "2024-07-10", "2024年第二季度", "2024-Q2")],
    // December: due in January of the next year
    ["2024-12-31", "QUARTERLY", 10, p("2024-10-01", "2024-12-31", "2025-01-10", "2024年第四季度", "2024-Q4")],
    ["2024-12-01", "MONTHLY", 10, p("2024-12-01", "2024-12-31", "2025-01-10", "2024年12月", "2024-12")],
    ["2024-07-31", "MONTHLY", 10, p("2024-07-01", "2024-07-31", "2024-08-10", "2024年7月", "2024-07")],
    // February: leap year end, and dueDay 31 clamped in the following month
    ["2024-02-29", "MONTHLY", 10, p("2024-02-01", "2024-02-29", "2024-03-10", "2024年2月", "2024-02")],
    ["2023-02-15", "MONTHLY", 10, p("2023-02-01", "2023-02-28", "2023-03-10", "2023年2月", "2023-02")],
    ["2024-01-15", "MONTHLY", 31, p("2024-01-01", "2024-01-31", "2024-02-29", "2024年1月", "2024-01")],
    ["2023-01-15", "MONTHLY", 31, p("2023-01-01", "2023-01-31", "2023-02-28", "2023年1月", "2023-01")],
    ["2024-01-15", "MONTHLY", 30, p("2024-01-01", "2024-01-31", "2024-02-29", "2024年1月", "2024-01")],
    ["2024-01-15", "MONTHLY", 29, p("2024-01-01", "2024-01-31", "2024-02-29", "2024年1月", "2024-01")],
    ["2024-03-15", "MONTHLY", 31, p("2024-03-01", "2024-03-31", "2024-04-30", "2024年3月", "2024-03")],
    ["2024-04-15", "MONTHLY", 31, p("2024-04-01", "2024-04-30", "2024-05-31", "2024年4月", "2024-04")],
    ["2024-02-15", "QUARTERLY", 31, p("2024-01-01", "2024-03-31", "2024-04-30", "2024年第一季度", "2024-Q1")],
    ["2024-02-15", "QUARTERLY", 1, p("2024-01-01", "2024-03-31", "2024-04-01", "2024年第一季度", "2024-Q1")],
    // half years and years
    ["2024-06-30", "HALF_YEARLY", 10, p("2024-01-01", "2024-06-30", "2024-07-10", "2024年上半年", "2024-H1")],
    ["2024-07-01", "HALF_YEARLY", 15, p("2024-07-01", "2024-12-31", "2025-01-15", "2024年下半年", "2024-H2")],
    ["2024-03-03", "YEARLY", 10, p("2024-01-01", "2024-12-31", "2025-01-10", "2024年度", "2024")],
    ["2023-11-30", "YEARLY", 31, p("2023-01-01", "2023-12-31", "2024-01-31", "2023年度", "2023")],
  ])("%s %s due day %i", (date, cadence, dueDay, expected) => {
    expect(periodContaining(date, cadence, dueDay)).toEqual(expected);
  });

  it("defaults the due day to 10", () => {
    expect(periodContaining("2024-08-15", "QUARTERLY").dueDate).toBe("2024-10-10");
  });

  it.each<[string, ReportCadence, number]>([
    ["2024-02-30", "QUARTERLY", 10],
    ["2024/08/15", "QUARTERLY", 10],
    ["2024-08-15", "WEEKLY" as ReportCadence, 10],
    ["2024-08-15", "QUARTERLY", 0],
    ["2024-08-15", "QUARTERLY", 32],
    ["2024-08-15", "QUARTERLY", 10.5],
  ])("rejects %j / %s / due day %s", (date, cadence, dueDay) => {
    expect(() => periodContaining(date, cadence, dueDay)).toThrow(RangeError);
  });
});

describe("previousPeriod and nextPeriod", () => {
  it.each<[ReportCadence, number, string, string, string]>([
    // cadence, dueDay, key, previous key, next key
    ["QUARTERLY", 10, "2024-Q1", "2023-Q4", "2024-Q2"],
    ["QUARTERLY", 10, "2024-Q4", "2024-Q3", "2025-Q1"],
    ["MONTHLY", 10, "2024-01", "2023-12", "2024-02"],
    ["MONTHLY", 10, "2024-12", "2024-11", "2025-01"],
    ["MONTHLY", 31, "2024-03", "2024-02", "2024-04"],
    ["HALF_YEARLY", 10, "2024-H1", "2023-H2", "2024-H2"],
    ["HALF_YEARLY", 10, "2024-H2", "2024-H1", "2025-H1"],
    ["YEARLY", 10, "2024", "2023", "2025"],
  ])("%s (due day %i) %s: previous %s, next %s", (cadence, dueDay, key, prevKey, nextKey) => {
    const period = periodByKey(key, cadence, dueDay)!;
    expect(previousPeriod(period, cadence, dueDay)).toEqual(periodByKey(prevKey, cadence, dueDay));
    expect(nextPeriod(period, cadence, dueDay)).toEqual(periodByKey(nextKey, cadence, dueDay));
  });

  it("next of the previous is the period itself, for every month of a leap year", () => {
    for (const cadence of ["MONTHLY", "QUARTERLY", "HALF_YEARLY", "YEARLY"] as const) {
      for (let month = 1; month <= 12; month++) {
        const period = periodContaining(`2024-${String(month).padStart(2, "0")}-15`, cadence, 31);
        expect(nextPeriod(previousPeriod(period, cadence, 31), cadence, 31)).toEqual(period);
        expect(addDays(previousPeriod(period, cadence, 31).end, 1)).toBe(period.start);
      }
    }
  });
});

describe("periodByKey", () => {
  it.each<[string, ReportCadence, string, string, string]>([
    ["2024-Q3", "QUARTERLY", "2024-07-01", "2024-09-30", "2024年第三季度"],
    ["2024-Q2", "QUARTERLY", "2024-04-01", "2024-06-30", "2024年第二季度"],
    ["2024-07", "MONTHLY", "2024-07-01", "2024-07-31", "2024年7月"],
    ["2024-02", "MONTHLY", "2024-02-01", "2024-02-29", "2024年2月"],
    ["2024-10", "MONTHLY", "2024-10-01", "2024-10-31", "2024年10月"],
    ["2024-H1", "HALF_YEARLY", "2024-01-01", "2024-06-30", "2024年上半年"],
    ["2024-H2", "HALF_YEARLY", "2024-07-01", "2024-12-31", "2024年下半年"],
    ["2024", "YEARLY", "2024-01-01", "2024-12-31", "2024年度"],
  ])("%s (%s) → %s … %s, %s", (key, cadence, start, end, label) => {
    const period = periodByKey(key, cadence, 10);
    expect(period).toMatchObject({ start, end, label, key });
    expect(period).toEqual(periodContaining(start, cadence, 10));
  });

  it.each<[string, ReportCadence]>([
    ["2024-Q5", "QUARTERLY"],
    ["2024-Q0", "QUARTERLY"],
    ["2024-q3", "QUARTERLY"],
    ["2024-07", "QUARTERLY"],
    ["2024-13", "MONTHLY"],
    ["2024-00", "MONTHLY"],
    ["2024-7", "MONTHLY"],
    ["2024-Q3", "MONTHLY"],
    ["2024-H3", "HALF_YEARLY"],
    ["2024", "HALF_YEARLY"],
    ["2024-Q1", "YEARLY"],
    ["24", "YEARLY"],
    [" 2024", "YEARLY"],
    ["0000", "YEARLY"],
    ["", "QUARTERLY"],
  ])("%j is not a %s key", (key, cadence) => {
    expect(periodByKey(key, cadence, 10)).toBeNull();
  });

  it("throws on a bad due day even for a bad key", () => {
    expect(() => periodByKey("2024-Q3", "QUARTERLY", 0)).toThrow(RangeError);
  });

  it.each<[string, ReportCadence | null]>([
    ["2024-07", "MONTHLY"],
    ["2024-Q3", "QUARTERLY"],
    ["2024-H2", "HALF_YEARLY"],
    ["2024", "YEARLY"],
    ["2024-W3", null],
    ["0000", null],
  ])("cadenceOfKey(%j) = %s", (key, cadence) => {
    expect(cadenceOfKey(key)).toBe(cadence);
  });
});

describe("periodsBetween", () => {
  const keys = (periods: Period[]) => periods.map((x) => x.key);

  it.each<[string, string, ReportCadence, string[]]>([
    ["2024-02-15", "2024-07-01", "QUARTERLY", ["2024-Q1", "2024-Q2", "2024-Q3"]],
    ["2024-01-01", "2024-12-31", "QUARTERLY", ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]],
    ["2024-11-20", "2025-02-01", "MONTHLY", ["2024-11", "2024-12", "2025-01", "2025-02"]],
    ["2024-09-30", "2024-10-01", "QUARTERLY", ["2024-Q3", "2024-Q4"]],
    ["2024-05-05", "2024-05-05", "MONTHLY", ["2024-05"]],
    ["2021-01-01", "2025-12-31", "YEARLY", ["2021", "2022", "2023", "2024", "2025"]],
    ["2021-03-01", "2022-08-01", "HALF_YEARLY", ["2021-H1", "2021-H2", "2022-H1", "2022-H2"]],
    ["2024-05-06", "2024-05-05", "MONTHLY", []],
  ])("%s … %s %s", (start, end, cadence, expected) => {
    expect(keys(periodsBetween(start, end, cadence, 10))).toEqual(expected);
  });

  it("covers a five-year plan monthly with contiguous periods", () => {
    const periods = periodsBetween("2021-01-01", "2025-12-31", "MONTHLY", 31);
    expect(periods).toHaveLength(60);
    for (let i = 1; i < periods.length; i++) expect(addDays(periods[i - 1]!.end, 1)).toBe(periods[i]!.start);
  });

  it("carries the due day", () => {
    expect(periodsBetween("2024-01-01", "2024-03-31", "MONTHLY", 31).map((x) => x.dueDate)).toEqual([
      "2024-02-29",
      "2024-03-31",
      "2024-04-30",
    ]);
  });
});

describe("reportingPeriod and latestDuePeriod", () => {
  it.each<[string, ReportCadence, number, string, string]>([
    // today, cadence, dueDay, reporting period, latest due period
    ["2024-10-01", "QUARTERLY", 10, "2024-Q3", "2024-Q2"],
    ["2024-10-09", "QUARTERLY", 10, "2024-Q3", "2024-Q2"],
    ["2024-10-10", "QUARTERLY", 10, "2024-Q3", "2024-Q2"], // on the due date: still Q3
    ["2024-10-11", "QUARTERLY", 10, "2024-Q4", "2024-Q3"], // the day after: Q4
    ["2024-09-30", "QUARTERLY", 10, "2024-Q3", "2024-Q2"], // last day of Q3: Q3 being reported
    ["2024-08-15", "QUARTERLY", 10, "2024-Q3", "2024-Q2"],
    ["2025-01-10", "QUARTERLY", 10, "2024-Q4", "2024-Q3"], // across the year
    ["2025-01-11", "QUARTERLY", 10, "2025-Q1", "2024-Q4"],
    ["2024-03-10", "MONTHLY", 10, "2024-02", "2024-01"],
    ["2024-03-11", "MONTHLY", 10, "2024-03", "2024-02"],
    ["2024-02-29", "MONTHLY", 31, "2024-01", "2023-12"], // clamped due day
    ["2024-03-01", "MONTHLY", 31, "2024-02", "2024-01"], // February is due 03-31
    ["2024-03-31", "MONTHLY", 31, "2024-02", "2024-01"],
    ["2024-04-01", "MONTHLY", 31, "2024-03", "2024-02"], // March is due 04-30

    ["2025-01-01", "MONTHLY", 10, "2024-12", "2024-11"],
    ["2024-07-15", "HALF_YEARLY", 15, "2024-H1", "2023-H2"],
    ["2024-07-16", "HALF_YEARLY", 15, "2024-H2", "2024-H1"],
    ["2025-01-10", "YEARLY", 10, "2024", "2023"],
    ["2025-01-11", "YEARLY", 10, "2025", "2024"],
  ])("on %s (%s, due day %i): reporting %s, latest due %s", (today, cadence, dueDay, reporting, latestDue) => {
    expect(reportingPeriod(today, cadence, dueDay).key).toBe(reporting);
    expect(latestDuePeriod(today, cadence, dueDay).key).toBe(latestDue);
  });

  it("the reporting period is never past due and the latest due period always is, yet still open", () => {
    for (const cadence of ["MONTHLY", "QUARTERLY", "HALF_YEARLY", "YEARLY"] as const) {
      for (let day = 0; day < 800; day += 1) {
        const today = addDays("2023-06-01", day);
        const reporting = reportingPeriod(today, cadence, 10);
        const latestDue = latestDuePeriod(today, cadence, 10);
        expect(today <= reporting.dueDate).toBe(true);
        expect(today > latestDue.dueDate).toBe(true);
        expect(isPeriodClosed(latestDue, today)).toBe(false);
        expect(isPeriodClosed(previousPeriod(latestDue, cadence, 10), today)).toBe(true);
      }
    }
  });
});

describe("isPeriodClosed", () => {
  const q3 = periodByKey("2024-Q3", "QUARTERLY", 10)!;

  it.each<[string, number, boolean]>([
    ["2024-08-01", 0, false], // running
    ["2024-10-10", 0, false], // on time
    ["2024-10-11", 0, false], // late, still accepted
    ["2025-01-10", 0, false], // the next period's due date: last day
    ["2025-01-11", 0, true], // the day after: closed
    ["2025-01-15", 5, false],
    ["2025-01-16", 5, true],
    ["2026-01-01", 0, true],
  ])("2024-Q3 on %s with %i grace days: closed %s", (today, grace, closed) => {
    expect(isPeriodClosed(q3, today, grace)).toBe(closed);
  });

  it("a future period is not closed", () => {
    expect(isPeriodClosed(periodByKey("2030-Q1", "QUARTERLY", 10)!, "2024-08-01")).toBe(false);
  });

  it.each<[string, ReportCadence, number, string]>([
    ["2024-Q3", "QUARTERLY", 10, "2025-01-10"],
    ["2024-Q4", "QUARTERLY", 10, "2025-04-10"],
    ["2024-12", "MONTHLY", 10, "2025-02-10"],
    ["2024-01", "MONTHLY", 10, "2024-03-10"],
    ["2024-H2", "HALF_YEARLY", 15, "2025-07-15"],
    ["2023", "YEARLY", 10, "2025-01-10"],
    // due day inferred from a clamped due date: month-end assumed
    ["2024-01", "MONTHLY", 31, "2024-03-31"],
    ["2024-Q1", "QUARTERLY", 31, "2024-07-31"],
  ])("%s (%s, due day %i) accepts reports until %s", (key, cadence, dueDay, until) => {
    const period = periodByKey(key, cadence, dueDay)!;
    expect(periodAcceptsReportsUntil(period)).toBe(until);
    expect(periodAcceptsReportsUntil(period, 0, dueDay)).toBe(until);
    expect(isPeriodClosed(period, until)).toBe(false);
    expect(isPeriodClosed(period, addDays(until, 1))).toBe(true);
  });

  it("an explicit due day is exact where the clamped due date is ambiguous", () => {
    // dueDay 30: Q1 due 04-30 (same as 31), Q2 due 07-30 (not 07-31)
    const q1 = periodByKey("2024-Q1", "QUARTERLY", 30)!;
    expect(q1.dueDate).toBe("2024-04-30");
    expect(periodAcceptsReportsUntil(q1, 0, 30)).toBe("2024-07-30");
    expect(isPeriodClosed(q1, "2024-07-31", 0, 30)).toBe(true);
    // without it, month-end is assumed: later, never earlier
    expect(isPeriodClosed(q1, "2024-07-31")).toBe(false);
  });

  it.each([
    [-1, "2024-10-11"],
    [1.5, "2024-10-11"],
    [0, "2024-13-01"],
  ])("rejects grace days %s / today %s", (grace, today) => {
    expect(() => isPeriodClosed(q3, today, grace)).toThrow(RangeError);
  });

  it("rejects a period whose key names no cadence", () => {
    expect(() => isPeriodClosed({ ...q3, key: "Q3" }, "2024-10-11")).toThrow(RangeError);
  });
});
