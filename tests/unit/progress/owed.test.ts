import { describe, expect, it } from "vitest";
import { dueStanding, dueStandingLabel, owedPeriods, periodsInPlay } from "@/lib/progress/owed.ts";
import { periodByKey } from "@/lib/reporting/periods.ts";
import type { ReportStateForPeriod } from "@/lib/reporting/lights.ts";

const base = { cadence: "QUARTERLY" as const, dueDay: 10 };

describe("periodsInPlay: the late period (while it accepts reports and was owed) and the one being collected", () => {
  it.each([
    ["after Q3's due date: Q3 late, Q4 collected", "2026-12-06", "2026-01-01", ["2026-Q3", "2026-Q4"]],
    ["a unit assigned after Q3 ended owes only Q4", "2026-12-06", "2026-12-01", ["2026-Q4"]],
    ["a unit assigned on Q3's last day owes both", "2026-12-06", "2026-09-30", ["2026-Q3", "2026-Q4"]],
    ["1–10 October: Q2 late, Q3 collected", "2026-10-05", "2026-01-01", ["2026-Q2", "2026-Q3"]],
    ["on Q3's due date Q3 is still the one collected", "2026-10-10", "2026-01-01", ["2026-Q2", "2026-Q3"]],
    ["the day after Q3's due date Q2 is closed", "2026-10-11", "2026-01-01", ["2026-Q3", "2026-Q4"]],
    ["a unit assigned on 3 October never owed Q3, which is still being collected", "2026-10-05", "2026-10-03", []],
    ["… and owes Q4 once Q3's due date has passed", "2026-10-11", "2026-10-03", ["2026-Q4"]],
  ])("%s", (_case, today, reportingStart, keys) => {
    expect(periodsInPlay({ ...base, today, reportingStart }).map((p) => p.key)).toEqual(keys);
  });
});

describe("periodsInPlay: a plan's reporting window ends on its last day (reportingEnd)", () => {
  it.each([
    ["a 2021–2025 plan owes no 2026 period", "2026-12-06", "2025-12-31", []],
    ["a plan ended on 15 November still owes Q4, which it was in force for", "2026-12-06", "2026-11-15", ["2026-Q3", "2026-Q4"]],
    ["a plan ended on 30 September owes the late Q3, not Q4", "2026-12-06", "2026-09-30", ["2026-Q3"]],
    ["its last quarter's report is still owed early next year", "2026-01-05", "2025-12-31", ["2025-Q3", "2025-Q4"]],
    ["no end: as before", "2026-12-06", null, ["2026-Q3", "2026-Q4"]],
  ])("%s", (_case, today, reportingEnd, keys) => {
    expect(periodsInPlay({ ...base, today, reportingStart: "2021-01-01", reportingEnd }).map((p) => p.key)).toEqual(keys);
  });
});

describe("owedPeriods: oldest still owed first", () => {
  const input = { ...base, today: "2026-12-06", reportingStart: "2026-01-01" };
  it.each<[string, Record<string, ReportStateForPeriod>, string[]]>([
    ["nothing reported: both, Q3 first", {}, ["2026-Q3", "2026-Q4"]],
    ["a draft is still owed", { "2026-Q3": "DRAFT" }, ["2026-Q3", "2026-Q4"]],
    ["Q3 sent back: still owed first", { "2026-Q3": "RETURNED" }, ["2026-Q3", "2026-Q4"]],
    ["Q3 submitted: Q4 next", { "2026-Q3": "SUBMITTED" }, ["2026-Q4"]],
    ["Q3 approved, Q4 drafted: Q4", { "2026-Q3": "APPROVED", "2026-Q4": "DRAFT" }, ["2026-Q4"]],
    ["both sent: none", { "2026-Q3": "APPROVED", "2026-Q4": "SUBMITTED" }, []],
    ["Q4 sent ahead of late Q3: Q3", { "2026-Q4": "SUBMITTED" }, ["2026-Q3"]],
  ])("%s", (_case, states, keys) => {
    expect(owedPeriods(input, (p) => states[p.key] ?? "NONE").map((p) => p.key)).toEqual(keys);
  });
});

describe("dueStanding", () => {
  const q3 = periodByKey("2026-Q3", "QUARTERLY", 10)!; // due 2026-10-10
  it.each([
    ["2026-12-06", { late: true, daysLate: 57 }, "已逾期 57 天"],
    ["2026-10-11", { late: true, daysLate: 1 }, "已逾期 1 天"],
    ["2026-10-10", { late: false, daysLeft: 0 }, "今日截止"],
    ["2026-09-05", { late: false, daysLeft: 35 }, "剩 35 天"],
  ])("on %s", (today, standing, label) => {
    expect(dueStanding(q3, today)).toEqual(standing);
    expect(dueStandingLabel(dueStanding(q3, today))).toBe(label);
  });
});
