import { describe, expect, it } from "vitest";
import { carriedDeadline, isUnfinished } from "@/lib/succession/rules.ts";

describe("isUnfinished", () => {
  it.each([
    ["no assignments at all", [], true],
    ["only responsible units, all completed", [{ role: "RESPONSIBLE", status: "COMPLETED" }], true],
    ["one lead completed, one in progress", [{ role: "LEAD", status: "COMPLETED" }, { role: "LEAD", status: "IN_PROGRESS" }], true],
    ["the lead completed, a responsible unit not", [{ role: "LEAD", status: "COMPLETED" }, { role: "RESPONSIBLE", status: "NOT_STARTED" }], false],
    ["every lead completed", [{ role: "LEAD", status: "COMPLETED" }, { role: "LEAD", status: "COMPLETED" }], false],
  ])("%s → %s", (_case, assignments, expected) => {
    expect(isUnfinished(assignments)).toBe(expected);
  });
});

describe("carriedDeadline", () => {
  const today = "2026-12-06";
  it.each([
    ["still ahead: kept", { deadline: "2027-06-30", deadlineText: "2027年6月底前", ongoing: false }, { deadline: "2027-06-30", deadlineText: "2027年6月底前", ongoing: false }],
    ["due today: kept (a deadline is its last day on time)", { deadline: today, deadlineText: "2026年12月6日前", ongoing: false }, { deadline: today, deadlineText: "2026年12月6日前", ongoing: false }],
    ["passed: dropped with its text", { deadline: "2024-12-31", deadlineText: "2024年底前", ongoing: false }, { deadline: null, deadlineText: null, ongoing: false }],
    ["长期坚持: stays ongoing", { deadline: null, deadlineText: "长期坚持", ongoing: true }, { deadline: null, deadlineText: "长期坚持", ongoing: true }],
    ["no date, only words: kept", { deadline: null, deadlineText: "持续推进", ongoing: false }, { deadline: null, deadlineText: "持续推进", ongoing: false }],
  ])("%s", (_case, old, expected) => {
    expect(carriedDeadline(old, today)).toEqual(expected);
  });
});
