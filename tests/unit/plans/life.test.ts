import { describe, expect, it } from "vitest";
import {
  availableTransitions,
  chaseStop,
  chaseStopMessage,
  decideTransition,
  EMPTY_WINDOW,
  expiryDate,
  inForceMessage,
  periodInWindow,
  PLAN_LIFE_LABELS,
  planLifeState,
  reportingWindow,
  type LifeTransition,
  type PlanLifeFacts,
  type PlanScheduleFacts,
} from "@/lib/plans/life.ts";
import { periodByKey } from "@/lib/reporting/periods.ts";

const inForce: PlanScheduleFacts = {
  status: "IN_FORCE",
  endKind: null,
  periodEnd: 2025,
  effectiveFrom: null,
  issueDate: "2021-06-01",
  endedOn: null,
  reportCadence: "QUARTERLY",
  reportDueDay: 10,
};
const draft: PlanScheduleFacts = { ...inForce, status: "DRAFT", issueDate: null };
const expired: PlanScheduleFacts = { ...inForce, status: "CLOSED", endKind: "EXPIRED", endedOn: "2025-12-31" };
const terminated: PlanScheduleFacts = { ...inForce, status: "CLOSED", endKind: "TERMINATED", endedOn: "2024-05-15" };

describe("planLifeState and its label", () => {
  it.each<[string, PlanLifeFacts, string]>([
    ["a draft", draft, "草案"],
    ["in force", inForce, "施行中"],
    ["closed as expired", expired, "期满"],
    ["closed as terminated", terminated, "终止"],
    ["closed before plans had an end kind: 期满", { ...inForce, status: "CLOSED" }, "期满"],
  ])("%s → %s", (_case, plan, label) => {
    expect(PLAN_LIFE_LABELS[planLifeState(plan)]).toBe(label);
  });
});

describe("reportingWindow: first and last day a plan owes reports", () => {
  it.each<[string, PlanLifeFacts, { first: string | null; last: string | null }]>([
    ["in force, issued: from the issue date to 31 Dec of periodEnd", inForce, { first: "2021-06-01", last: "2025-12-31" }],
    ["施行 date wins over the issue date", { ...inForce, effectiveFrom: "2021-07-01" }, { first: "2021-07-01", last: "2025-12-31" }],
    ["no issue date, no 施行 date, no periodEnd: open", { ...inForce, issueDate: null, periodEnd: null }, { first: null, last: null }],
    ["expired: to its end", expired, { first: "2021-06-01", last: "2025-12-31" }],
    ["terminated: to the day it ended", terminated, { first: "2021-06-01", last: "2024-05-15" }],
    ["a draft owes nothing: empty, whatever its dates", { ...draft, issueDate: "2021-06-01", effectiveFrom: "2021-07-01" }, EMPTY_WINDOW],
    ["a draft without dates: empty too, not open", { ...draft, periodEnd: null }, EMPTY_WINDOW],
  ])("%s", (_case, plan, window) => {
    expect(reportingWindow(plan)).toEqual(window);
  });
});

describe("periodInWindow: a period is owed only if it overlaps the window", () => {
  const q = (key: string) => periodByKey(key, "QUARTERLY", 10)!;
  const window = { first: "2021-06-01", last: "2025-12-31" };
  it.each<[string, string, { first: string | null; last: string | null }, boolean]>([
    ["the quarter holding the first day", "2021-Q2", window, true],
    ["a quarter ending before the first day", "2021-Q1", window, false],
    ["the last quarter of the plan", "2025-Q4", window, true],
    ["a quarter after the plan's last year", "2026-Q1", window, false],
    ["2026 Q3 for a 2021–2025 plan", "2026-Q3", window, false],
    ["the quarter a terminated plan ended in", "2024-Q2", { first: null, last: "2024-05-15" }, true],
    ["the quarter after it", "2024-Q3", { first: null, last: "2024-05-15" }, false],
    ["an open window owes everything", "2030-Q1", { first: null, last: null }, true],
    ["a draft's empty window owes no quarter", "2026-Q1", EMPTY_WINDOW, false],
  ])("%s (%s)", (_case, key, w, owed) => {
    expect(periodInWindow(q(key), w)).toBe(owed);
  });
});

describe("decideTransition", () => {
  const today = "2026-12-06";
  it.each<[string, PlanScheduleFacts, LifeTransition, string, object]>([
    [
      "a draft comes into force from a date",
      draft,
      { to: "IN_FORCE", effectiveFrom: "2026-01-01" },
      today,
      { status: "IN_FORCE", effectiveFrom: "2026-01-01" },
    ],
    [
      "an expired plan's 期满 confirmed after its end",
      inForce,
      { to: "EXPIRED", endedOn: "2025-12-31" },
      today,
      { status: "CLOSED", endKind: "EXPIRED", endedOn: "2025-12-31" },
    ],
    [
      "期满 the day after the last quarter's reports were due",
      inForce,
      { to: "EXPIRED", endedOn: "2025-12-31" },
      "2026-01-11",
      { status: "CLOSED", endKind: "EXPIRED", endedOn: "2025-12-31" },
    ],
    [
      "期满 of a yearly plan due on the 20th, after 2026-01-20",
      { ...inForce, reportCadence: "YEARLY", reportDueDay: 20 },
      { to: "EXPIRED", endedOn: "2025-12-31" },
      "2026-01-21",
      { status: "CLOSED", endKind: "EXPIRED", endedOn: "2025-12-31" },
    ],
    [
      "终止 early with a reason (trimmed)",
      inForce,
      { to: "TERMINATED", endedOn: "2024-05-15", reason: " 被新规划取代 " },
      today,
      { status: "CLOSED", endKind: "TERMINATED", endedOn: "2024-05-15", endReason: "被新规划取代" },
    ],
  ])("allowed: %s", (_case, plan, transition, day, change) => {
    expect(decideTransition(plan, transition, day)).toEqual({ ok: true, change });
  });

  it.each<[string, PlanScheduleFacts, LifeTransition, string, string, string]>([
    [
      "an in-force plan cannot come into force again",
      inForce,
      { to: "IN_FORCE", effectiveFrom: "2026-01-01" },
      today,
      "_form",
      "该规划已在施行中",
    ],
    ["a draft cannot expire", draft, { to: "EXPIRED", endedOn: "2025-12-31" }, today, "_form", "该规划尚为草案,不能确认期满"],
    [
      "a draft cannot be terminated",
      draft,
      { to: "TERMINATED", endedOn: "2025-01-01", reason: "x" },
      today,
      "_form",
      "该规划尚为草案,不能终止",
    ],
    [
      "a closed plan stays closed",
      expired,
      { to: "TERMINATED", endedOn: "2025-01-01", reason: "x" },
      today,
      "_form",
      "该规划已期满,不能终止",
    ],
    [
      "期满 before the last day has come",
      inForce,
      { to: "EXPIRED", endedOn: "2025-12-31" },
      "2025-12-30",
      "endedOn",
      "最后一期(2025年第四季度)报送截止 2026-01-10,之后方可确认期满",
    ],
    [
      "期满 on the last day itself: Q4's reports are still owed",
      inForce,
      { to: "EXPIRED", endedOn: "2025-12-31" },
      "2025-12-31",
      "endedOn",
      "最后一期(2025年第四季度)报送截止 2026-01-10,之后方可确认期满",
    ],
    [
      "期满 on 1 January",
      inForce,
      { to: "EXPIRED", endedOn: "2025-12-31" },
      "2026-01-01",
      "endedOn",
      "最后一期(2025年第四季度)报送截止 2026-01-10,之后方可确认期满",
    ],
    [
      "期满 on the last quarter's due date",
      inForce,
      { to: "EXPIRED", endedOn: "2025-12-31" },
      "2026-01-10",
      "endedOn",
      "最后一期(2025年第四季度)报送截止 2026-01-10,之后方可确认期满",
    ],
    [
      "期满 of a monthly plan before December's due date",
      { ...inForce, reportCadence: "MONTHLY", reportDueDay: 5 },
      { to: "EXPIRED", endedOn: "2025-12-31" },
      "2026-01-05",
      "endedOn",
      "最后一期(2025年12月)报送截止 2026-01-05,之后方可确认期满",
    ],
    ["a terminated plan cannot expire", terminated, { to: "EXPIRED", endedOn: "2025-12-31" }, today, "_form", "该规划已终止,不能确认期满"],
    [
      "期满 at another date than the plan's end",
      inForce,
      { to: "EXPIRED", endedOn: "2025-06-30" },
      today,
      "endedOn",
      "期满日期应为规划期末(2025-12-31)",
    ],
    [
      "期满 without a periodEnd",
      { ...inForce, periodEnd: null },
      { to: "EXPIRED", endedOn: "2025-12-31" },
      today,
      "_form",
      "该规划没有规划期末年份,不能确认期满,请改用终止",
    ],
    ["终止 without a reason", inForce, { to: "TERMINATED", endedOn: "2024-05-15", reason: "  " }, today, "reason", "请填写终止原因"],
    [
      "终止 before it came into force",
      inForce,
      { to: "TERMINATED", endedOn: "2021-05-31", reason: "x" },
      today,
      "endedOn",
      "终止日期不能早于施行日期(2021-06-01)",
    ],
    [
      "终止 in the future",
      { ...inForce, periodEnd: 2030 },
      { to: "TERMINATED", endedOn: "2027-01-01", reason: "x" },
      today,
      "endedOn",
      "终止日期不能晚于今天(2026-12-06)",
    ],
    [
      "终止 after the plan's end",
      inForce,
      { to: "TERMINATED", endedOn: "2026-01-31", reason: "x" },
      today,
      "endedOn",
      "终止日期不能晚于规划期末(2025-12-31),期满请确认期满",
    ],
  ])("refused: %s", (_case, plan, transition, day, field, message) => {
    expect(decideTransition(plan, transition, day)).toEqual({ ok: false, refusal: { field, message } });
  });
});

describe("availableTransitions: the buttons the plan page offers", () => {
  it.each<[string, PlanScheduleFacts, string, string[]]>([
    ["a draft: 施行", draft, "2026-12-06", ["IN_FORCE"]],
    ["in force, before its end: 终止 only", inForce, "2025-06-01", ["TERMINATED"]],
    ["in force, on its last day: 终止 only", inForce, "2025-12-31", ["TERMINATED"]],
    ["in force, on its last quarter's due date: 终止 only", inForce, "2026-01-10", ["TERMINATED"]],
    ["in force, the day after: 期满 or 终止", inForce, "2026-01-11", ["EXPIRED", "TERMINATED"]],
    ["in force, its end has come: 期满 or 终止", inForce, "2026-12-06", ["EXPIRED", "TERMINATED"]],
    ["no periodEnd: 终止 only", { ...inForce, periodEnd: null }, "2026-12-06", ["TERMINATED"]],
    ["closed: nothing", expired, "2026-12-06", []],
  ])("%s", (_case, plan, today, transitions) => {
    expect(availableTransitions(plan, today)).toEqual(transitions);
  });
});

describe("expiryDate", () => {
  it("is 31 December of periodEnd, or null", () => {
    expect(expiryDate({ periodEnd: 2025 })).toBe("2025-12-31");
    expect(expiryDate({ periodEnd: null })).toBeNull();
  });
});

describe("inForceMessage: the 施行 toast", () => {
  it.each<[string, string, string]>([
    ["a past 施行 date: owed from the period holding it", "2026-01-01", "规划自 2026-01-01 起施行,该日所在期次起须报送进展"],
    ["today", "2026-12-06", "规划已施行,自 2026-12-06 起报送"],
    ["a future date", "2027-01-01", "规划已施行,自 2027-01-01 起报送"],
  ])("%s", (_case, effectiveFrom, message) => {
    expect(inForceMessage(effectiveFrom, "2026-12-06")).toBe(message);
  });
});

describe("chaseStop: whether a plan's measures are chased today, and the 催办 refusal", () => {
  it.each<[string, PlanLifeFacts, string, string | null, string | null]>([
    ["in force, within its window", inForce, "2025-06-01", null, null],
    ["in force, on its last day", inForce, "2025-12-31", null, null],
    ["in force, past its last day, its last quarter not yet due (10 January)", inForce, "2026-01-10", null, null],
    [
      "in force, past its last quarter's due date, 期满 not confirmed",
      inForce,
      "2026-01-11",
      "ENDED",
      "该规划的报送期至 2025-12-31 止,不再催办。",
    ],
    ["in force, open-ended", { ...inForce, periodEnd: null }, "2030-01-01", null, null],
    ["a draft", { ...draft, periodEnd: 2030 }, "2026-12-06", "DRAFT", "该规划尚为草案,施行后方可催办。"],
    ["closed", expired, "2026-12-06", "CLOSED", "该规划已期满或终止,不再催办。"],
    ["terminated, even within the period", { ...terminated, periodEnd: 2030 }, "2026-12-06", "CLOSED", "该规划已期满或终止,不再催办。"],
  ])("%s", (_case, plan, today, stop, message) => {
    expect(chaseStop(plan, today, 10)).toBe(stop);
    if (stop !== null) expect(chaseStopMessage(chaseStop(plan, today, 10)!, plan)).toBe(message);
  });
});
