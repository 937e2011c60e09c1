import { describe, expect, it } from "vitest";
import {
  arrangeByUrgency,
  countFlags,
  parseWorkView,
  periodCountdown,
  rectificationUrgency,
  taskUrgency,
  type RectificationFacts,
  type TaskFacts,
  type UrgencyGroup,
} from "@/lib/workbench/urgency.ts";
import { periodByKey } from "@/lib/reporting/periods.ts";

// 2026-12-06: 2026 Q4 (due 2027-01-10) is being collected, 2026 Q3 (due 2026-10-10) is late if missing.
const TODAY = "2026-12-06";
const Q3 = periodByKey("2026-Q3", "QUARTERLY", 10)!;
const Q4 = periodByKey("2026-Q4", "QUARTERLY", 10)!;

function facts(overrides: Partial<TaskFacts>): TaskFacts {
  return {
    today: TODAY,
    deadline: "2027-12-31",
    ongoing: false,
    completed: false,
    reportingStart: "2021-06-30",
    currentPeriod: Q3,
    currentState: "APPROVED",
    nextPeriod: Q4,
    nextState: "SUBMITTED",
    ...overrides,
  };
}

describe("taskUrgency: the group and the flags behind the counts", () => {
  const cases: [string, Partial<TaskFacts>, UrgencyGroup, string[]][] = [
    ["Q4 report returned", { nextState: "RETURNED" }, "RETURNED", ["returned"]],
    ["Q3 report returned, Q4 not yet written", { currentState: "RETURNED", nextState: "NONE" }, "RETURNED", ["returned", "due"]],
    [
      "returned and past its deadline: returned still comes first",
      { nextState: "RETURNED", deadline: "2026-11-30" },
      "RETURNED",
      ["returned", "overdue"],
    ],
    ["deadline passed", { deadline: "2026-11-30" }, "OVERDUE", ["overdue"]],
    ["Q3 report never sent (late)", { currentState: "NONE" }, "OVERDUE", ["overdue"]],
    ["Q3 report never sent and deadline passed", { currentState: "NONE", deadline: "2026-11-30" }, "OVERDUE", ["overdue"]],
    ["Q3 report only a draft (late)", { currentState: "DRAFT", nextState: "NONE" }, "OVERDUE", ["overdue", "due"]],
    [
      "Q3 missing but assigned after Q3 ended: nothing late",
      { currentState: "NONE", nextState: "NONE", reportingStart: "2026-11-02" },
      "DUE",
      ["due"],
    ],
    ["Q4 report owed", { nextState: "NONE" }, "DUE", ["due"]],
    // The plan's reporting window (issue 15): a period starting after its last day is owed by nobody.
    ["plan ended 2025: neither Q3 nor Q4 owed", { currentState: "NONE", nextState: "NONE", reportingEnd: "2025-12-31" }, "UPCOMING", []],
    [
      "plan ended 30 September: Q3 late, Q4 not owed",
      { currentState: "NONE", nextState: "NONE", reportingEnd: "2026-09-30" },
      "OVERDUE",
      ["overdue"],
    ],
    [
      "plan ended 2025, deadline passed: still overdue",
      { nextState: "NONE", deadline: "2026-11-30", reportingEnd: "2025-12-31" },
      "OVERDUE",
      ["overdue"],
    ],
    ["Q4 report a draft", { nextState: "DRAFT" }, "DUE", ["due"]],
    ["Q4 owed and deadline in 20 days", { nextState: "NONE", deadline: "2026-12-26" }, "DUE", ["due", "soon"]],
    ["Q4 submitted, deadline today", { deadline: TODAY }, "UPCOMING", ["soon"]],
    ["Q4 submitted, deadline in 31 days", { deadline: "2027-01-06" }, "UPCOMING", []],
    ["ongoing measure: its deadline is ignored", { ongoing: true, deadline: "2020-01-01" }, "UPCOMING", []],
    [
      "completed, even with everything missing",
      { completed: true, currentState: "NONE", nextState: "RETURNED", deadline: "2020-01-01" },
      "DONE",
      [],
    ],
  ];
  it.each(cases)("%s", (_name, overrides, group, flags) => {
    const result = taskUrgency(facts(overrides));
    expect(result.group).toBe(group);
    expect(
      Object.entries(result.flags)
        .filter(([, on]) => on)
        .map(([flag]) => flag)
        .sort(),
    ).toEqual([...flags].sort());
  });
});

describe("rectificationUrgency", () => {
  const base: RectificationFacts = { status: "OPEN", deadline: "2027-02-01", overdue: false, dueSoon: false, latestState: null };
  const cases: [string, Partial<RectificationFacts>, UrgencyGroup, string[]][] = [
    ["returned report", { latestState: "RETURNED" }, "RETURNED", ["rectification", "returned"]],
    ["returned and overdue", { latestState: "RETURNED", overdue: true }, "RETURNED", ["rectification", "returned", "overdue"]],
    ["overdue, never reported", { overdue: true }, "OVERDUE", ["rectification", "overdue", "due"]],
    ["open, to report", {}, "DUE", ["rectification", "due"]],
    ["open, due soon", { dueSoon: true }, "DUE", ["rectification", "due", "soon"]],
    ["submitted, waiting for verification", { status: "SUBMITTED", latestState: "SUBMITTED" }, "UPCOMING", ["rectification"]],
    ["closed", { status: "CLOSED" }, "DONE", []],
  ];
  it.each(cases)("%s", (_name, overrides, group, flags) => {
    const result = rectificationUrgency({ ...base, ...overrides });
    expect(result.group).toBe(group);
    expect(
      Object.entries(result.flags)
        .filter(([, on]) => on)
        .map(([flag]) => flag)
        .sort(),
    ).toEqual([...flags].sort());
  });
});

describe("arrangeByUrgency", () => {
  const item = (
    id: string,
    group: UrgencyGroup,
    sortDate: string | null,
    flags: Partial<Record<"returned" | "overdue" | "due" | "soon" | "rectification", boolean>> = {},
  ) => ({
    id,
    urgency: { group, sortDate, flags: { returned: false, overdue: false, due: false, soon: false, rectification: false, ...flags } },
  });
  const items = [
    item("upcoming-a", "UPCOMING", "2027-06-30"),
    item("done", "DONE", null),
    item("due-late", "DUE", "2027-01-10", { due: true }),
    item("overdue-recent", "OVERDUE", "2026-11-30", { overdue: true }),
    item("returned-b", "RETURNED", "2027-01-10", { returned: true }),
    item("due-soon", "DUE", "2026-12-20", { due: true, soon: true }),
    item("upcoming-nodate", "UPCOMING", null),
    item("overdue-old", "OVERDUE", "2026-10-10", { overdue: true }),
    item("returned-a", "RETURNED", "2026-10-10", { returned: true, overdue: true }),
    item("upcoming-b", "UPCOMING", "2027-03-31"),
  ];

  it("orders returned, overdue, due this period, upcoming, done; earliest date first, undated last, stable", () => {
    const groups = arrangeByUrgency(items);
    expect(groups.map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ["RETURNED", ["returned-a", "returned-b"]],
      ["OVERDUE", ["overdue-old", "overdue-recent"]],
      ["DUE", ["due-soon", "due-late"]],
      ["UPCOMING", ["upcoming-b", "upcoming-a", "upcoming-nodate"]],
      ["DONE", ["done"]],
    ]);
    expect(groups.map((g) => g.label)).toEqual(["被退回", "已逾期", "本期待报送", "其他任务", "已完成"]);
  });

  it("a view keeps only the items with that flag (or that group for upcoming), still by urgency; empty groups are left out", () => {
    expect(arrangeByUrgency(items, "returned").map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ["RETURNED", ["returned-a", "returned-b"]],
    ]);
    expect(arrangeByUrgency(items, "overdue").map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ["RETURNED", ["returned-a"]],
      ["OVERDUE", ["overdue-old", "overdue-recent"]],
    ]);
    expect(arrangeByUrgency(items, "soon").flatMap((g) => g.items.map((i) => i.id))).toEqual(["due-soon"]);
    expect(arrangeByUrgency(items, "upcoming").flatMap((g) => g.items.map((i) => i.id))).toEqual([
      "upcoming-b",
      "upcoming-a",
      "upcoming-nodate",
    ]);
    expect(arrangeByUrgency([], null)).toEqual([]);
  });

  it("counts each flag once per item", () => {
    expect(countFlags(items)).toEqual({ returned: 2, overdue: 3, due: 2, soon: 1, rectification: 0 });
  });
});

describe("parseWorkView", () => {
  it.each([
    ["returned", "returned"],
    ["overdue", "overdue"],
    ["due", "due"],
    ["soon", "soon"],
    ["rectification", "rectification"],
    ["upcoming", "upcoming"],
    ["RETURNED", null],
    ["", null],
    [undefined, null],
    [["due", "soon"], "due"],
  ] as const)("%j → %j", (raw, view) => {
    expect(parseWorkView(raw as string | string[] | undefined)).toBe(view);
  });
});

describe("periodCountdown", () => {
  it.each([
    ["2026-12-06", Q4, "2026年第四季度进展 1月10日截止,还有 35 天", 35],
    ["2027-01-09", Q4, "2026年第四季度进展 1月10日截止,还有 1 天", 1],
    ["2027-01-10", Q4, "2026年第四季度进展 1月10日截止,今天截止", 0],
    ["2026-12-06", Q3, "2026年第三季度进展 10月10日截止,已逾期 57 天", -57],
  ] as const)("%s, %s", (today, period, text, daysLeft) => {
    expect(periodCountdown(today, period)).toEqual({ label: period.label, dueDate: period.dueDate, daysLeft, late: daysLeft < 0, text });
  });
});

describe("taskUrgency.lateReport: the last due period's report is missing", () => {
  it.each([
    [{ currentState: "NONE" }, true],
    [{ currentState: "DRAFT" }, true],
    [{ currentState: "SUBMITTED" }, false],
    [{ currentState: "NONE", deadline: "2026-11-30" }, true],
    [{ currentState: "NONE", reportingStart: "2026-11-02" }, false],
    [{ currentState: "NONE", completed: true }, false],
  ] as [Partial<TaskFacts>, boolean][])("%j → %s", (overrides, late) => {
    expect(taskUrgency(facts(overrides)).lateReport ?? false).toBe(late);
  });
});
