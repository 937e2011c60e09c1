import { describe, expect, it } from "vitest";
import {
  comparisonChange,
  deadlineAsAt,
  measureSnapshot,
  planStartDate,
  reportStateAsAt,
  type ReportFacts,
  type SnapshotAssignment,
  type SnapshotMeasure,
  type SnapshotPlan,
} from "@/lib/evaluations/snapshot.ts";

describe("deadlineAsAt: the deadline in force on a day", () => {
  const ext = (oldDeadline: string | null, newDeadline: string, decidedOn: string) => ({ oldDeadline, newDeadline, decidedOn });
  it.each<[string, string | null, ReturnType<typeof ext>[], string, string | null]>([
    ["no extension: today's deadline", "2024-12-31", [], "2024-06-30", "2024-12-31"],
    ["no deadline at all", null, [], "2024-06-30", null],
    [
      "extension decided after the day: the old deadline",
      "2025-06-30",
      [ext("2024-06-30", "2025-06-30", "2024-09-01")],
      "2024-06-30",
      "2024-06-30",
    ],
    ["extension decided on the day counts", "2025-06-30", [ext("2024-06-30", "2025-06-30", "2024-06-30")], "2024-06-30", "2025-06-30"],
    [
      "two extensions, the day between them",
      "2025-12-31",
      [ext("2025-06-30", "2025-12-31", "2025-05-01"), ext("2024-06-30", "2025-06-30", "2024-05-01")],
      "2024-10-01",
      "2025-06-30",
    ],
    [
      "two extensions, the day before both: the printed one",
      "2025-12-31",
      [ext("2025-06-30", "2025-12-31", "2025-05-01"), ext("2024-06-30", "2025-06-30", "2024-05-01")],
      "2024-01-01",
      "2024-06-30",
    ],
    [
      "two extensions, the day after both",
      "2025-12-31",
      [ext("2025-06-30", "2025-12-31", "2025-05-01"), ext("2024-06-30", "2025-06-30", "2024-05-01")],
      "2025-05-02",
      "2025-12-31",
    ],
  ])("%s", (_name, current, extensions, day, expected) => {
    expect(deadlineAsAt(current, extensions, day)).toBe(expected);
  });
});

describe("reportStateAsAt: a report's review state as it stood on a day", () => {
  const r = (state: ReportFacts["state"], submittedOn: string | null, reviewedOn: string | null = null): ReportFacts => ({
    state,
    submittedOn,
    reviewedOn,
  });
  it.each<[string, ReportFacts | null, string]>([
    ["no report", null, "NONE"],
    ["a draft never sent", r("DRAFT", null), "NONE"],
    ["submitted after the day", r("SUBMITTED", "2024-07-05"), "NONE"],
    ["approved, but submitted after the day", r("APPROVED", "2024-07-05", "2024-07-07"), "NONE"],
    ["submitted on the day", r("SUBMITTED", "2024-06-30"), "SUBMITTED"],
    ["submitted before, approved after the day", r("APPROVED", "2024-06-20", "2024-07-02"), "SUBMITTED"],
    ["approved by the day", r("APPROVED", "2024-06-20", "2024-06-30"), "APPROVED"],
    ["returned by the day", r("RETURNED", "2024-06-20", "2024-06-25"), "RETURNED"],
    ["returned after the day", r("RETURNED", "2024-06-20", "2024-07-25"), "SUBMITTED"],
    ["returned by the day and being redone", r("DRAFT", "2024-06-20", "2024-06-25"), "RETURNED"],
  ])("%s → %s", (_name, report, expected) => {
    expect(reportStateAsAt(report, "2024-06-30")).toBe(expected);
  });
});

describe("planStartDate", () => {
  it.each<[string | null, number | null, string | null]>([
    ["2021-09-15", 2021, "2021-09-15"],
    [null, 2021, "2021-01-01"],
    [null, null, null],
  ])("issue %s, first year %s → %s", (issueDate, periodStart, expected) => {
    expect(planStartDate({ issueDate, periodStart })).toBe(expected);
  });
});

// A quarterly plan (reports due on the 10th of the month after the quarter).
// On 2024-06-30 the light judges 2024-Q1 (due 2024-04-10); Q2 is not yet due.
const plan: SnapshotPlan = { issueDate: "2021-03-01", periodStart: 2021, reportCadence: "QUARTERLY", reportDueDay: 10 };
const DAY = "2024-06-30";
const Q1 = (state: ReportFacts["state"], submittedOn: string | null, reviewedOn: string | null = null) => ({
  state,
  submittedOn,
  reviewedOn,
});

const unit = (over: Partial<SnapshotAssignment> = {}): SnapshotAssignment => ({
  unitId: 1,
  role: "LEAD",
  createdOn: "2021-03-01",
  completedOn: null,
  firstSubmittedOn: null,
  approvedPercent: null,
  judgedReport: null,
  ...over,
});
const measure = (over: Partial<SnapshotMeasure> = {}): SnapshotMeasure => ({
  id: 1,
  chapterId: 10,
  createdOn: "2021-03-01",
  deadline: "2025-12-31",
  ongoing: false,
  extensions: [],
  assignments: [unit()],
  ...over,
});

describe("measureSnapshot on 2024-06-30 (hand-worked)", () => {
  const reported = { firstSubmittedOn: "2021-07-05", judgedReport: Q1("APPROVED", "2024-04-05", "2024-04-08"), approvedPercent: 40 };
  it.each<[string, SnapshotMeasure, { status: string; light: string; percent: number; deadline: string | null; deadlineKind: string }]>([
    [
      "completed after the day: in progress then",
      measure({ assignments: [unit({ ...reported, completedOn: "2024-08-01" })] }),
      { status: "IN_PROGRESS", light: "GREEN", percent: 40, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
    [
      "completed on the day",
      measure({ assignments: [unit({ ...reported, completedOn: DAY })] }),
      { status: "COMPLETED", light: "GREEN", percent: 100, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
    [
      "first report submitted after the day: not started, Q1 missing",
      measure({ assignments: [unit({ firstSubmittedOn: "2024-07-03" })] }),
      { status: "NOT_STARTED", light: "YELLOW", percent: 0, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
    [
      "deadline passed before the day: overdue",
      measure({ deadline: "2024-03-31", assignments: [unit(reported)] }),
      { status: "OVERDUE", light: "RED", percent: 40, deadline: "2024-03-31", deadlineKind: "DATED" },
    ],
    [
      "deadline in 20 days",
      measure({ deadline: "2024-07-20", assignments: [unit(reported)] }),
      { status: "IN_PROGRESS", light: "YELLOW", percent: 40, deadline: "2024-07-20", deadlineKind: "DATED" },
    ],
    [
      "extended after the day: overdue under the old deadline",
      measure({
        deadline: "2024-12-31",
        extensions: [{ oldDeadline: "2024-05-31", newDeadline: "2024-12-31", decidedOn: "2024-08-01" }],
        assignments: [unit(reported)],
      }),
      { status: "OVERDUE", light: "RED", percent: 40, deadline: "2024-05-31", deadlineKind: "DATED" },
    ],
    [
      "extended before the day: on time",
      measure({
        deadline: "2024-12-31",
        extensions: [{ oldDeadline: "2024-05-31", newDeadline: "2024-12-31", decidedOn: "2024-05-20" }],
        assignments: [unit(reported)],
      }),
      { status: "IN_PROGRESS", light: "GREEN", percent: 40, deadline: "2024-12-31", deadlineKind: "DATED" },
    ],
    [
      "ongoing: never overdue, no deadline kept",
      measure({ ongoing: true, deadline: "2022-12-31", assignments: [unit(reported)] }),
      { status: "IN_PROGRESS", light: "GREEN", percent: 40, deadline: null, deadlineKind: "ONGOING" },
    ],
    [
      "no deadline printed",
      measure({ deadline: null, assignments: [unit(reported)] }),
      { status: "IN_PROGRESS", light: "GREEN", percent: 40, deadline: null, deadlineKind: "NONE" },
    ],
    [
      "Q1 report returned by the day",
      measure({ assignments: [unit({ ...reported, judgedReport: Q1("RETURNED", "2024-04-05", "2024-04-09") })] }),
      { status: "IN_PROGRESS", light: "YELLOW", percent: 40, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
    [
      "no unit assigned",
      measure({ assignments: [] }),
      { status: "NOT_STARTED", light: "YELLOW", percent: 0, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
    [
      "a unit added after Q1 owes no Q1 report: grey",
      measure({ assignments: [unit({ createdOn: "2024-05-01" })] }),
      { status: "NOT_STARTED", light: "GREY", percent: 0, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
    // Milestones (时间节点) as they stood on the day: grace 15 days unless the plan says otherwise.
    [
      "a milestone missed 10 days before the day: yellow",
      measure({ assignments: [unit(reported)], milestones: [{ title: "印发方案", dueDate: "2024-06-20", completedOn: null }] }),
      { status: "IN_PROGRESS", light: "YELLOW", percent: 40, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
    [
      "a milestone missed 30 days before the day: red",
      measure({ assignments: [unit(reported)], milestones: [{ title: "印发方案", dueDate: "2024-05-31", completedOn: null }] }),
      { status: "IN_PROGRESS", light: "RED", percent: 40, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
    [
      "the same with a 45-day grace: yellow",
      measure({
        assignments: [unit(reported)],
        milestoneGraceDays: 45,
        milestones: [{ title: "印发方案", dueDate: "2024-05-31", completedOn: null }],
      }),
      { status: "IN_PROGRESS", light: "YELLOW", percent: 40, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
    [
      "completed after the day: still missed on it",
      measure({ assignments: [unit(reported)], milestones: [{ title: "印发方案", dueDate: "2024-05-31", completedOn: "2024-07-02" }] }),
      { status: "IN_PROGRESS", light: "RED", percent: 40, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
    [
      "completed by the day",
      measure({ assignments: [unit(reported)], milestones: [{ title: "印发方案", dueDate: "2024-05-31", completedOn: "2024-06-30" }] }),
      { status: "IN_PROGRESS", light: "GREEN", percent: 40, deadline: "2025-12-31", deadlineKind: "DATED" },
    ],
  ])("%s", (_name, m, expected) => {
    const s = measureSnapshot(plan, m, DAY);
    expect({ status: s.status, light: s.light, percent: s.percent, deadline: s.deadline, deadlineKind: s.deadlineKind }).toEqual(expected);
  });

  it("percent averages the lead units only; units are listed leads first, each once", () => {
    const s = measureSnapshot(
      plan,
      measure({
        assignments: [
          unit({ unitId: 7, role: "RESPONSIBLE", ...reported, approvedPercent: 90 }),
          unit({ unitId: 3, ...reported, approvedPercent: 30 }),
          unit({ unitId: 4, ...reported, completedOn: "2024-01-10" }),
          unit({ unitId: 3, role: "RESPONSIBLE" }),
        ],
      }),
      DAY,
    );
    expect(s.percent).toBe(65); // (30 + 100) / 2
    expect(s.status).toBe("IN_PROGRESS"); // one lead of two completed
    expect(s.leadUnitIds).toEqual([3, 4]);
    expect(s.unitIds).toEqual([3, 4, 7]);
    expect(s.chapterId).toBe(10);
  });

  it("a measure complete when all its leads are, whatever the responsible units", () => {
    const s = measureSnapshot(
      plan,
      measure({
        deadline: "2024-01-31",
        assignments: [unit({ ...reported, completedOn: "2024-02-10" }), unit({ unitId: 2, role: "RESPONSIBLE" })],
      }),
      DAY,
    );
    expect([s.status, s.light, s.percent]).toEqual(["COMPLETED", "GREEN", 100]);
  });
});

describe("comparisonChange", () => {
  it.each([
    ["IN_PROGRESS", "COMPLETED", "COMPLETED_SINCE"],
    ["OVERDUE", "COMPLETED", "COMPLETED_SINCE"],
    ["IN_PROGRESS", "OVERDUE", "NEWLY_OVERDUE"],
    ["OVERDUE", "OVERDUE", "UNCHANGED"],
    ["COMPLETED", "COMPLETED", "UNCHANGED"],
    ["NOT_STARTED", "IN_PROGRESS", "OTHER"],
  ])("%s → %s: %s", (then, now, expected) => {
    expect(comparisonChange(then, now)).toBe(expected);
  });
});
