import { describe, expect, it } from "vitest";
import {
  LIGHTS_WORST_FIRST,
  LIGHT_LABELS,
  LIGHT_REASON_LABELS,
  lightReasonText,
  type LightReasonCode,
  MEASURE_STATUS_LABELS,
  assignmentLight,
  daysBetween,
  isMeasureCompleted,
  lightSeverity,
  measureLight,
  measureStatus,
  missedMilestone,
  type AssignmentLightInput,
  type Light,
  type MeasureLightInput,
  type MeasureStatus,
  type ReportStateForPeriod,
} from "@/lib/reporting/lights.ts";
import { latestDuePeriod, periodByKey } from "@/lib/reporting/periods.ts";

// 2024 Q3: 07-01 … 09-30, report due 2024-10-10.
const Q3 = periodByKey("2024-Q3", "QUARTERLY", 10)!;
const AFTER_DUE = "2024-10-20";

/**
 * The code whose LIGHT_REASON_LABELS template the words fill, read back from
 * the words: each row states the light and the words, and the code has to
 * agree with them (the map's templates must not be confused with each other).
 */
function codeOfWords(reason: string): LightReasonCode {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const matching = (Object.entries(LIGHT_REASON_LABELS) as [LightReasonCode, string][]).filter(([, template]) =>
    new RegExp(
      `^${template
        .split(/\{\w+\}/)
        .map(escape)
        .join(".+")}$`,
      "u",
    ).test(reason),
  );
  if (matching.length !== 1) throw new Error(`「${reason}」 fits ${matching.length} reason templates`);
  return matching[0]![0];
}

const withCode = <T extends { reason: string }>(expected: T) => ({ ...expected, reasonCode: codeOfWords(expected.reason) });

function input(overrides: Partial<AssignmentLightInput>): AssignmentLightInput {
  return {
    today: AFTER_DUE,
    deadline: "2025-12-31",
    ongoing: false,
    completed: false,
    everReported: true,
    currentPeriod: Q3,
    currentState: "SUBMITTED",
    ...overrides,
  };
}

describe("light reasons", () => {
  it.each<[string, Partial<AssignmentLightInput>, LightReasonCode]>([
    ["completed", { completed: true }, "COMPLETED"],
    ["deadline passed", { deadline: "2024-10-08" }, "OVERDUE"],
    ["milestone past the grace", { milestones: [{ title: "出台方案", dueDate: "2024-09-01", completed: false }] }, "MILESTONE_OVERDUE"],
    ["milestone missed", { milestones: [{ title: "出台方案", dueDate: "2024-10-19", completed: false }] }, "MILESTONE_MISSED"],
    ["returned", { currentState: "RETURNED" }, "RETURNED"],
    ["report late", { currentState: "NONE" }, "REPORT_LATE"],
    ["due today", { deadline: "2024-10-20" }, "DUE_TODAY"],
    ["due soon", { deadline: "2024-10-29" }, "DUE_SOON"],
    ["not started", { today: "2024-10-10", everReported: false, currentState: "NONE" }, "NOT_STARTED"],
    ["on track", {}, "ON_TRACK"],
  ])("%s → %s", (_name, overrides, code) => {
    expect(assignmentLight(input(overrides)).reasonCode).toBe(code);
  });

  it("every code's words come from LIGHT_REASON_LABELS, the facts filled in by lightReasonText", () => {
    expect(lightReasonText({ code: "OVERDUE", days: 3 })).toBe("已逾期 3 天");
    expect(lightReasonText({ code: "MILESTONE_OVERDUE", title: "甲", days: 16 })).toBe("时间节点「甲」逾期 16 天");
    expect(lightReasonText({ code: "REPORT_LATE", period: "2024年第三季度" })).toBe("本期(2024年第三季度)未报送");
    expect(lightReasonText({ code: "COMPLETED" })).toBe(LIGHT_REASON_LABELS.COMPLETED);
    for (const template of Object.values(LIGHT_REASON_LABELS)) expect(template).toMatch(/\p{Script=Han}/u);
  });
});

describe("labels and order", () => {
  it("every light has a Chinese label with a word, not only a colour", () => {
    expect(LIGHT_LABELS).toEqual({
      RED: "红灯·逾期",
      YELLOW: "黄灯·临期或未报",
      GREEN: "绿灯·正常",
      GREY: "灰灯·未启动",
    });
    for (const label of Object.values(LIGHT_LABELS)) expect(label.split("·")[1]!.length).toBeGreaterThan(0);
  });

  it("severity: RED > YELLOW > GREEN > GREY", () => {
    expect(LIGHTS_WORST_FIRST).toEqual(["RED", "YELLOW", "GREEN", "GREY"]);
    expect([lightSeverity("RED"), lightSeverity("YELLOW"), lightSeverity("GREEN"), lightSeverity("GREY")]).toEqual([3, 2, 1, 0]);
  });

  it("measure status labels", () => {
    expect(MEASURE_STATUS_LABELS).toEqual({
      COMPLETED: "已完成",
      OVERDUE: "已逾期",
      IN_PROGRESS: "推进中",
      NOT_STARTED: "未启动",
    });
  });
});

describe("daysBetween", () => {
  it.each([
    ["2024-10-20", "2024-10-20", 0],
    ["2024-10-20", "2024-10-21", 1],
    ["2024-10-21", "2024-10-20", -1],
    ["2024-12-31", "2025-01-01", 1],
    ["2024-02-28", "2024-03-01", 2],
    ["2023-02-28", "2023-03-01", 1],
    ["2024-09-30", "2024-10-10", 10],
    ["2021-01-01", "2025-12-31", 1825],
  ])("%s → %s = %i", (a, b, days) => {
    expect(daysBetween(a, b)).toBe(days);
  });

  it("rejects malformed dates", () => {
    expect(() => daysBetween("2024-02-30", "2024-03-01")).toThrow(RangeError);
  });
});

describe("assignmentLight", () => {
  it.each<[string, Partial<AssignmentLightInput>, Light, string]>([
    // completed: green whatever else holds
    ["completed", { completed: true }, "GREEN", "已完成"],
    ["completed but overdue", { completed: true, deadline: "2024-09-01" }, "GREEN", "已完成"],
    ["completed with a returned report", { completed: true, currentState: "RETURNED" }, "GREEN", "已完成"],
    ["completed, never reported, past due", { completed: true, everReported: false, currentState: "NONE" }, "GREEN", "已完成"],

    // red: deadline passed and not completed
    ["deadline yesterday", { deadline: "2024-10-19" }, "RED", "已逾期 1 天"],
    ["deadline 12 days ago", { deadline: "2024-10-08" }, "RED", "已逾期 12 天"],
    ["deadline last year", { deadline: "2023-12-31" }, "RED", "已逾期 294 天"],
    ["overdue beats returned", { deadline: "2024-10-19", currentState: "RETURNED" }, "RED", "已逾期 1 天"],
    ["overdue beats missing", { deadline: "2024-10-19", currentState: "NONE" }, "RED", "已逾期 1 天"],
    [
      "overdue beats not started",
      { deadline: "2024-10-19", everReported: false, currentState: "NONE", today: "2024-10-20" },
      "RED",
      "已逾期 1 天",
    ],
    ["overdue while completion awaits approval", { deadline: "2024-10-19", currentState: "SUBMITTED" }, "RED", "已逾期 1 天"],

    // yellow: deadline within 30 days (inclusive), today counts as 0
    ["deadline today", { deadline: "2024-10-20" }, "YELLOW", "今日到期"],
    ["deadline tomorrow", { deadline: "2024-10-21" }, "YELLOW", "距完成时限 1 天"],
    ["deadline in 9 days", { deadline: "2024-10-29" }, "YELLOW", "距完成时限 9 天"],
    ["deadline in 30 days", { deadline: "2024-11-19" }, "YELLOW", "距完成时限 30 天"],
    ["deadline in 31 days", { deadline: "2024-11-20" }, "GREEN", "进展正常"],
    ["30 days to year end", { today: "2024-12-01", deadline: "2024-12-31" }, "YELLOW", "距完成时限 30 天"],
    ["31 days to year end", { today: "2024-11-30", deadline: "2024-12-31" }, "GREEN", "进展正常"],
    [
      "due soon, never reported, report not yet due",
      { today: "2024-10-05", deadline: "2024-10-15", everReported: false, currentState: "NONE" },
      "YELLOW",
      "距完成时限 10 天",
    ],

    // yellow: the period's report returned (before or after its due date)
    ["returned", { currentState: "RETURNED" }, "YELLOW", "本期(2024年第三季度)报送被退回"],
    ["returned before the due date", { today: "2024-10-05", currentState: "RETURNED" }, "YELLOW", "本期(2024年第三季度)报送被退回"],
    ["returned beats due soon", { currentState: "RETURNED", deadline: "2024-10-25" }, "YELLOW", "本期(2024年第三季度)报送被退回"],

    // yellow: the period's report missing after its due date
    ["missing the day after the due date", { today: "2024-10-11", currentState: "NONE" }, "YELLOW", "本期(2024年第三季度)未报送"],
    ["only a draft after the due date", { today: "2024-10-11", currentState: "DRAFT" }, "YELLOW", "本期(2024年第三季度)未报送"],
    ["missing on the due date: not yet", { today: "2024-10-10", currentState: "NONE" }, "GREEN", "进展正常"],
    ["draft on the due date: not yet", { today: "2024-10-10", currentState: "DRAFT" }, "GREEN", "进展正常"],
    ["missing beats due soon", { currentState: "NONE", deadline: "2024-10-25" }, "YELLOW", "本期(2024年第三季度)未报送"],
    ["first report overdue", { everReported: false, currentState: "NONE" }, "YELLOW", "本期(2024年第三季度)未报送"],
    ["submitted after the due date", { currentState: "SUBMITTED" }, "GREEN", "进展正常"],
    ["approved", { currentState: "APPROVED" }, "GREEN", "进展正常"],

    // grey: never reported and the first report not yet due
    ["never reported, report not yet due", { today: "2024-10-10", everReported: false, currentState: "NONE" }, "GREY", "尚未启动"],
    ["only a draft, report not yet due", { today: "2024-10-01", everReported: false, currentState: "DRAFT" }, "GREY", "尚未启动"],
    ["first report submitted early", { today: "2024-10-01", everReported: false, currentState: "SUBMITTED" }, "GREEN", "进展正常"],
    ["period before reporting started", { everReported: false, currentState: "NONE", reportingStart: "2024-11-01" }, "GREY", "尚未启动"],
    [
      "period before reporting started, reported since",
      { everReported: true, currentState: "NONE", reportingStart: "2024-10-01" },
      "GREEN",
      "进展正常",
    ],
    [
      "reporting started inside the period",
      { everReported: false, currentState: "NONE", reportingStart: "2024-09-25" },
      "YELLOW",
      "本期(2024年第三季度)未报送",
    ],
    [
      "reporting started on the period's last day",
      { everReported: false, currentState: "NONE", reportingStart: "2024-09-30" },
      "YELLOW",
      "本期(2024年第三季度)未报送",
    ],
    ["reporting start null", { everReported: false, currentState: "NONE", reportingStart: null }, "YELLOW", "本期(2024年第三季度)未报送"],
    // the plan's window ended before the period began: no report expected (issue 15)
    ["period after the plan's last day", { everReported: true, currentState: "NONE", reportingEnd: "2024-06-30" }, "GREEN", "进展正常"],
    [
      "period after the plan's last day, never reported",
      { everReported: false, currentState: "NONE", reportingEnd: "2024-06-30" },
      "GREY",
      "尚未启动",
    ],
    [
      "plan ended inside the period: still owed",
      { everReported: true, currentState: "NONE", reportingEnd: "2024-08-15" },
      "YELLOW",
      "本期(2024年第三季度)未报送",
    ],
    [
      "plan ended on the period's first day: still owed",
      { everReported: true, currentState: "NONE", reportingEnd: "2024-07-01" },
      "YELLOW",
      "本期(2024年第三季度)未报送",
    ],
    ["window end null", { everReported: true, currentState: "NONE", reportingEnd: null }, "YELLOW", "本期(2024年第三季度)未报送"],

    // no deadline, not ongoing
    ["no deadline", { deadline: null }, "GREEN", "进展正常"],
    ["no deadline, missing", { deadline: null, currentState: "NONE" }, "YELLOW", "本期(2024年第三季度)未报送"],

    // ongoing (长期坚持): judged per period only, any deadline ignored
    ["ongoing, reported", { ongoing: true, deadline: null }, "GREEN", "进展正常"],
    ["ongoing, missing", { ongoing: true, deadline: null, currentState: "NONE" }, "YELLOW", "本期(2024年第三季度)未报送"],
    ["ongoing, returned", { ongoing: true, deadline: null, currentState: "RETURNED" }, "YELLOW", "本期(2024年第三季度)报送被退回"],
    [
      "ongoing, not started",
      { ongoing: true, deadline: null, today: "2024-10-05", everReported: false, currentState: "NONE" },
      "GREY",
      "尚未启动",
    ],
    ["ongoing with a stale past deadline", { ongoing: true, deadline: "2023-12-31" }, "GREEN", "进展正常"],
    ["ongoing with a deadline in 5 days", { ongoing: true, deadline: "2024-10-25" }, "GREEN", "进展正常"],
  ])("%s → %s %s", (_name, overrides, light, reason) => {
    expect(assignmentLight(input(overrides))).toEqual(withCode({ light, reason }));
  });

  it("rejects a malformed today", () => {
    expect(() => assignmentLight(input({ today: "2024-10-32" }))).toThrow(RangeError);
  });

  it.each<[string, ReportStateForPeriod, Light, string]>([
    // A unit in a plan imported on 2024-08-20 that never reports, judged on
    // latestDuePeriod(today): grey until its first report (2024 Q3) is late.
    ["2024-09-15", "NONE", "GREY", "尚未启动"],
    ["2024-10-10", "NONE", "GREY", "尚未启动"],
    ["2024-10-11", "NONE", "YELLOW", "本期(2024年第三季度)未报送"],
    ["2025-01-10", "NONE", "YELLOW", "本期(2024年第三季度)未报送"],
    ["2025-01-11", "NONE", "YELLOW", "本期(2024年第四季度)未报送"],
    ["2024-10-11", "SUBMITTED", "GREEN", "进展正常"],
  ])("with latestDuePeriod, on %s with state %s → %s", (today, state, light, reason) => {
    const result = assignmentLight({
      today,
      deadline: null,
      ongoing: true,
      completed: false,
      everReported: state !== "NONE",
      currentPeriod: latestDuePeriod(today, "QUARTERLY", 10),
      currentState: state,
      reportingStart: "2024-08-20",
    });
    expect(result).toEqual(withCode({ light, reason }));
  });
});

type A = MeasureLightInput["assignments"][number];
const lead = (a: Partial<A> = {}): A => ({
  role: "LEAD",
  completedApproved: false,
  everReported: true,
  currentState: "SUBMITTED",
  ...a,
});
const resp = (a: Partial<A> = {}): A => ({ ...lead(a), role: "RESPONSIBLE" });

describe("measureLight", () => {
  const base = { today: AFTER_DUE, deadline: "2025-12-31", ongoing: false, currentPeriod: Q3 };

  it.each<[string, Partial<MeasureLightInput> & { assignments: A[] }, Light, string]>([
    // completed when every lead's completion is approved: green over everything
    [
      "lead done, responsible not (never reported, overdue)",
      { deadline: "2024-09-01", assignments: [lead({ completedApproved: true }), resp({ everReported: false, currentState: "NONE" })] },
      "GREEN",
      "已完成",
    ],
    ["completed but overdue", { deadline: "2024-09-01", assignments: [lead({ completedApproved: true })] }, "GREEN", "已完成"],
    [
      "both leads done",
      { assignments: [lead({ completedApproved: true }), lead({ completedApproved: true }), resp({ currentState: "RETURNED" })] },
      "GREEN",
      "已完成",
    ],
    [
      "one of two leads done, overdue",
      { deadline: "2024-10-01", assignments: [lead({ completedApproved: true }), lead()] },
      "RED",
      "已逾期 19 天",
    ],
    [
      "responsible done, lead not: not completed",
      { deadline: "2024-10-01", assignments: [lead(), resp({ completedApproved: true })] },
      "RED",
      "已逾期 19 天",
    ],

    // worst of the assignments
    ["all on track", { assignments: [lead(), resp({ currentState: "APPROVED" })] }, "GREEN", "进展正常"],
    [
      "a responsible unit's report missing",
      { assignments: [lead(), resp({ currentState: "NONE" })] },
      "YELLOW",
      "本期(2024年第三季度)未报送",
    ],
    [
      "a responsible unit's report returned",
      { assignments: [lead(), resp({ currentState: "RETURNED" })] },
      "YELLOW",
      "本期(2024年第三季度)报送被退回",
    ],
    [
      "tie: the lead's reason first",
      { assignments: [resp({ currentState: "RETURNED" }), lead({ currentState: "NONE" })] },
      "YELLOW",
      "本期(2024年第三季度)未报送",
    ],
    [
      "tie between responsible units: order given",
      { assignments: [lead(), resp({ currentState: "RETURNED" }), resp({ currentState: "DRAFT" })] },
      "YELLOW",
      "本期(2024年第三季度)报送被退回",
    ],
    ["a responsible unit's part done, lead on track", { assignments: [lead(), resp({ completedApproved: true })] }, "GREEN", "进展正常"],
    ["due soon", { deadline: "2024-11-01", assignments: [lead(), resp()] }, "YELLOW", "距完成时限 12 天"],

    // grey only when no unit has started
    [
      "lead not started, responsible reported",
      { today: "2024-10-05", assignments: [lead({ everReported: false, currentState: "NONE" }), resp()] },
      "GREEN",
      "进展正常",
    ],
    [
      "nobody started, report not yet due",
      {
        today: "2024-10-05",
        assignments: [lead({ everReported: false, currentState: "NONE" }), resp({ everReported: false, currentState: "DRAFT" })],
      },
      "GREY",
      "尚未启动",
    ],
    [
      "nobody started, report late",
      { assignments: [lead({ everReported: false, currentState: "NONE" }), resp({ everReported: false, currentState: "NONE" })] },
      "YELLOW",
      "本期(2024年第三季度)未报送",
    ],
    [
      "nobody started, period before reporting start",
      { reportingStart: "2024-11-01", assignments: [lead({ everReported: false, currentState: "NONE" })] },
      "GREY",
      "尚未启动",
    ],
    [
      "period after the plan's window",
      { reportingEnd: "2024-06-30", assignments: [lead({ currentState: "NONE" }), resp({ currentState: "DRAFT" })] },
      "GREEN",
      "进展正常",
    ],
    ["no assignments, period after the plan's window", { reportingEnd: "2024-06-30", assignments: [] }, "GREY", "尚未启动"],
    // a unit assigned after the period ended owes no report for it, whatever the measure's start
    [
      "lead assigned after the period, measure older",
      { reportingStart: "2024-01-01", assignments: [lead({ everReported: false, currentState: "NONE", reportingStart: "2024-10-12" })] },
      "GREY",
      "尚未启动",
    ],
    [
      "lead assigned before the period, measure newer",
      { reportingStart: "2024-11-01", assignments: [lead({ everReported: false, currentState: "NONE", reportingStart: "2024-01-01" })] },
      "YELLOW",
      "本期(2024年第三季度)未报送",
    ],

    // no assignments: one assignment that never reported
    ["no assignments, report not yet due", { today: "2024-10-05", assignments: [] }, "GREY", "尚未启动"],
    ["no assignments, report late", { assignments: [] }, "YELLOW", "本期(2024年第三季度)未报送"],
    ["no assignments, overdue", { deadline: "2024-10-19", assignments: [] }, "RED", "已逾期 1 天"],

    // ongoing
    [
      "ongoing, a responsible report returned",
      { ongoing: true, deadline: null, assignments: [lead(), resp({ currentState: "RETURNED" })] },
      "YELLOW",
      "本期(2024年第三季度)报送被退回",
    ],
    ["ongoing, all reported", { ongoing: true, deadline: null, assignments: [lead(), resp()] }, "GREEN", "进展正常"],
  ])("%s → %s %s", (_name, overrides, light, reason) => {
    expect(measureLight({ ...base, ...overrides })).toEqual(withCode({ light, reason }));
  });

  it("a responsible unit of a completed measure: its own light follows the completed flag it is given", () => {
    const common = {
      today: AFTER_DUE,
      deadline: "2024-09-01",
      ongoing: false,
      everReported: false,
      currentPeriod: Q3,
      currentState: "NONE" as const,
    };
    expect(assignmentLight({ ...common, completed: false })).toEqual(withCode({ light: "RED", reason: "已逾期 49 天" }));
    expect(assignmentLight({ ...common, completed: true })).toEqual(withCode({ light: "GREEN", reason: "已完成" }));
  });
});

describe("measureStatus", () => {
  const base = { today: "2024-10-20", deadline: "2024-12-31", ongoing: false, everReported: true };
  const done = { completedApproved: true };
  const open = { completedApproved: false };

  it.each<[string, Partial<Parameters<typeof measureStatus>[0]>, MeasureStatus]>([
    ["all leads approved complete", { leadAssignments: [done, done] }, "COMPLETED"],
    ["completed after the deadline", { leadAssignments: [done], deadline: "2024-01-01" }, "COMPLETED"],
    ["completed, ongoing", { leadAssignments: [done], ongoing: true, deadline: null }, "COMPLETED"],
    ["one of two leads approved, deadline passed", { leadAssignments: [done, open], deadline: "2024-10-19" }, "OVERDUE"],
    ["no lead assignments is never completed", { leadAssignments: [] }, "IN_PROGRESS"],
    ["deadline yesterday", { leadAssignments: [open], deadline: "2024-10-19" }, "OVERDUE"],
    ["deadline today", { leadAssignments: [open], deadline: "2024-10-20" }, "IN_PROGRESS"],
    ["never reported, deadline ahead", { leadAssignments: [open], everReported: false }, "NOT_STARTED"],
    ["never reported, deadline passed", { leadAssignments: [open], everReported: false, deadline: "2024-10-01" }, "OVERDUE"],
    ["no deadline", { leadAssignments: [open], deadline: null }, "IN_PROGRESS"],
    ["ongoing", { leadAssignments: [open], ongoing: true, deadline: null }, "IN_PROGRESS"],
    ["ongoing with a stale past deadline", { leadAssignments: [open], ongoing: true, deadline: "2023-12-31" }, "IN_PROGRESS"],
    ["ongoing, never reported", { leadAssignments: [open], ongoing: true, deadline: null, everReported: false }, "NOT_STARTED"],
  ])("%s → %s", (_name, overrides, status) => {
    expect(measureStatus({ ...base, leadAssignments: [], ...overrides })).toBe(status);
  });

  it.each([
    [[], false],
    [[{ completedApproved: true }], true],
    [[{ completedApproved: true }, { completedApproved: false }], false],
  ])("isMeasureCompleted(%j) = %s", (leads, completed) => {
    expect(isMeasureCompleted(leads)).toBe(completed);
  });
});

describe("milestones (时间节点)", () => {
  // Today 2024-10-20 (AFTER_DUE); Q3 submitted, deadline far away: green unless a milestone says otherwise.
  const ms = (title: string, dueDate: string, completed = false) => ({ title, dueDate, completed });

  it.each<[string, Partial<AssignmentLightInput>, Light, string]>([
    ["none", { milestones: [] }, "GREEN", "进展正常"],
    ["due today: still on time", { milestones: [ms("出台方案", "2024-10-20")] }, "GREEN", "进展正常"],
    ["due tomorrow", { milestones: [ms("出台方案", "2024-10-21")] }, "GREEN", "进展正常"],
    ["missed yesterday", { milestones: [ms("出台方案", "2024-10-19")] }, "YELLOW", "时间节点「出台方案」未按期完成"],
    ["missed yesterday, completed", { milestones: [ms("出台方案", "2024-10-19", true)] }, "GREEN", "进展正常"],
    [
      "missed exactly the grace (15) days ago: still yellow",
      { milestones: [ms("出台方案", "2024-10-05")] },
      "YELLOW",
      "时间节点「出台方案」未按期完成",
    ],
    ["missed 16 days ago: red", { milestones: [ms("出台方案", "2024-10-04")] }, "RED", "时间节点「出台方案」逾期 16 天"],
    [
      "grace 0: red the day after",
      { milestones: [ms("出台方案", "2024-10-19")], milestoneGraceDays: 0 },
      "RED",
      "时间节点「出台方案」逾期 1 天",
    ],
    [
      "grace 30: yellow at 16 days",
      { milestones: [ms("出台方案", "2024-10-04")], milestoneGraceDays: 30 },
      "YELLOW",
      "时间节点「出台方案」未按期完成",
    ],
    [
      "the earliest missed one decides",
      { milestones: [ms("后一个", "2024-10-18"), ms("前一个", "2024-09-01"), ms("已完成的", "2024-08-01", true)] },
      "RED",
      "时间节点「前一个」逾期 49 天",
    ],
    ["completed wins", { completed: true, milestones: [ms("出台方案", "2024-09-01")] }, "GREEN", "已完成"],
    ["the deadline's red comes first", { deadline: "2024-10-18", milestones: [ms("出台方案", "2024-09-01")] }, "RED", "已逾期 2 天"],
    [
      "milestone red beats a returned report",
      { currentState: "RETURNED", milestones: [ms("出台方案", "2024-09-01")] },
      "RED",
      "时间节点「出台方案」逾期 49 天",
    ],
    [
      "milestone yellow before returned",
      { currentState: "RETURNED", milestones: [ms("出台方案", "2024-10-19")] },
      "YELLOW",
      "时间节点「出台方案」未按期完成",
    ],
    [
      "milestone yellow before missing report",
      { currentState: "NONE", milestones: [ms("出台方案", "2024-10-19")] },
      "YELLOW",
      "时间节点「出台方案」未按期完成",
    ],
    [
      "milestone yellow beats not started",
      { everReported: false, currentState: "NONE", today: "2024-10-05", milestones: [ms("出台方案", "2024-10-01")] },
      "YELLOW",
      "时间节点「出台方案」未按期完成",
    ],
    [
      "ongoing measures have milestones too",
      { ongoing: true, deadline: null, milestones: [ms("出台方案", "2024-09-01")] },
      "RED",
      "时间节点「出台方案」逾期 49 天",
    ],
  ])("%s → %s %s", (_name, overrides, light, reason) => {
    expect(assignmentLight(input(overrides))).toEqual(withCode({ light, reason }));
  });

  it("measureLight passes them to every assignment; a completed measure stays green", () => {
    const milestones = [ms("出台方案", "2024-10-01")];
    const base = { today: AFTER_DUE, deadline: "2025-12-31", ongoing: false, currentPeriod: Q3, milestones, milestoneGraceDays: 15 };
    expect(measureLight({ ...base, assignments: [lead(), resp()] })).toEqual(
      withCode({ light: "RED", reason: "时间节点「出台方案」逾期 19 天" }),
    );
    expect(measureLight({ ...base, assignments: [] })).toEqual(withCode({ light: "RED", reason: "时间节点「出台方案」逾期 19 天" }));
    expect(measureLight({ ...base, assignments: [lead({ completedApproved: true }), resp()] })).toEqual(
      withCode({ light: "GREEN", reason: "已完成" }),
    );
  });

  it("missedMilestone names the code, the title and the days late", () => {
    expect(missedMilestone([ms("甲", "2024-10-10")], "2024-10-20", 15)).toEqual({ code: "MILESTONE_MISSED", title: "甲", daysLate: 10 });
    expect(missedMilestone([ms("甲", "2024-10-10")], "2024-10-26", 15)).toEqual({ code: "MILESTONE_OVERDUE", title: "甲", daysLate: 16 });
    expect(missedMilestone([ms("甲", "2024-10-10", true)], "2024-10-26", 15)).toBeNull();
  });

  // A view of a past day (an annual report for a past year, an evaluation
  // snapshot): a milestone completed after that day was still open on it.
  it.each<[string, string | null, string, string | null]>([
    ["completed before the day judged", "2024-10-12", "2024-10-20", null],
    ["completed on the day judged", "2024-10-20", "2024-10-20", null],
    ["completed after the day judged", "2024-10-21", "2024-10-20", "MILESTONE_MISSED"],
    ["completed long after, past the grace on the day judged", "2024-12-01", "2024-10-26", "MILESTONE_OVERDUE"],
    ["completed, day unknown", null, "2024-10-26", null],
  ])("missedMilestone: %s", (_name, completedOn, today, code) => {
    const milestone = { title: "甲", dueDate: "2024-10-10", completed: true, completedOn };
    expect(missedMilestone([milestone], today, 15)?.code ?? null).toBe(code);
  });
});
