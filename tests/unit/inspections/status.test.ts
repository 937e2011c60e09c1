import { describe, expect, it } from "vitest";
import { daysBetween, rectificationState } from "@/lib/inspections/status.ts";

const TODAY = "2024-08-15";

describe("rectificationState", () => {
  const cases: {
    name: string;
    status: "OPEN" | "SUBMITTED" | "CLOSED";
    deadline: string;
    verifiedOn?: string | null;
    expected: { timing: string; light: string; label: string; overdue: boolean; dueSoon: boolean; daysLeft: number | null };
  }[] = [
    {
      name: "open, deadline far ahead",
      status: "OPEN",
      deadline: "2024-12-31",
      expected: { timing: "ON_TRACK", light: "GREEN", label: "整改中 · 未到期", overdue: false, dueSoon: false, daysLeft: 138 },
    },
    {
      name: "open, 31 days left is not yet due soon",
      status: "OPEN",
      deadline: "2024-09-15",
      expected: { timing: "ON_TRACK", light: "GREEN", label: "整改中 · 未到期", overdue: false, dueSoon: false, daysLeft: 31 },
    },
    {
      name: "open, exactly 30 days left is due soon",
      status: "OPEN",
      deadline: "2024-09-14",
      expected: { timing: "DUE_SOON", light: "YELLOW", label: "整改中 · 30 天后到期", overdue: false, dueSoon: true, daysLeft: 30 },
    },
    {
      name: "open, due today is due soon, not overdue",
      status: "OPEN",
      deadline: "2024-08-15",
      expected: { timing: "DUE_SOON", light: "YELLOW", label: "整改中 · 今日到期", overdue: false, dueSoon: true, daysLeft: 0 },
    },
    {
      name: "open, deadline was yesterday",
      status: "OPEN",
      deadline: "2024-08-14",
      expected: { timing: "OVERDUE", light: "RED", label: "整改中 · 已逾期 1 天", overdue: true, dueSoon: false, daysLeft: -1 },
    },
    {
      name: "submitted but not verified past the deadline is still overdue",
      status: "SUBMITTED",
      deadline: "2024-07-31",
      expected: { timing: "OVERDUE", light: "RED", label: "待核验 · 已逾期 15 天", overdue: true, dueSoon: false, daysLeft: -15 },
    },
    {
      name: "submitted within the window",
      status: "SUBMITTED",
      deadline: "2024-08-20",
      expected: { timing: "DUE_SOON", light: "YELLOW", label: "待核验 · 5 天后到期", overdue: false, dueSoon: true, daysLeft: 5 },
    },
    {
      name: "closed on the deadline day is on time",
      status: "CLOSED",
      deadline: "2024-06-30",
      verifiedOn: "2024-06-30",
      expected: { timing: "CLOSED_ON_TIME", light: "GREEN", label: "已销号 · 按期销号", overdue: false, dueSoon: false, daysLeft: null },
    },
    {
      name: "closed the day after the deadline is late, and never overdue",
      status: "CLOSED",
      deadline: "2024-06-30",
      verifiedOn: "2024-07-01",
      expected: { timing: "CLOSED_LATE", light: "GREEN", label: "已销号 · 逾期销号", overdue: false, dueSoon: false, daysLeft: null },
    },
    {
      name: "closed with no verification day counts as on time",
      status: "CLOSED",
      deadline: "2024-06-30",
      verifiedOn: null,
      expected: { timing: "CLOSED_ON_TIME", light: "GREEN", label: "已销号 · 按期销号", overdue: false, dueSoon: false, daysLeft: null },
    },
  ];

  it.each(cases)("$name", ({ status, deadline, verifiedOn, expected }) => {
    expect(rectificationState({ status, deadline, verifiedOn: verifiedOn ?? null, today: TODAY })).toEqual({ status, ...expected });
  });
});

describe("daysBetween", () => {
  it.each([
    ["2024-08-15", "2024-08-15", 0],
    ["2024-08-15", "2024-09-14", 30],
    ["2024-12-31", "2025-01-01", 1],
    ["2024-03-01", "2024-02-28", -2],
  ] as const)("%s → %s is %i days", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});
