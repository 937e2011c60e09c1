import { describe, expect, it } from "vitest";
import { carriedDeadline, isUnfinished, targetOutlastsSource } from "@/lib/succession/rules.ts";

describe("isUnfinished", () => {
  it.each([
    ["no assignments at all", [], true],
    ["only responsible units, all completed", [{ role: "RESPONSIBLE", status: "COMPLETED" }], true],
    [
      "one lead completed, one in progress",
      [
        { role: "LEAD", status: "COMPLETED" },
        { role: "LEAD", status: "IN_PROGRESS" },
      ],
      true,
    ],
    [
      "the lead completed, a responsible unit not",
      [
        { role: "LEAD", status: "COMPLETED" },
        { role: "RESPONSIBLE", status: "NOT_STARTED" },
      ],
      false,
    ],
    [
      "every lead completed",
      [
        { role: "LEAD", status: "COMPLETED" },
        { role: "LEAD", status: "COMPLETED" },
      ],
      false,
    ],
  ])("%s → %s", (_case, assignments, expected) => {
    expect(isUnfinished(assignments)).toBe(expected);
  });
});

describe("carriedDeadline", () => {
  const today = "2026-12-06";
  it.each([
    [
      "still ahead: kept",
      { deadline: "2027-06-30", deadlineText: "2027年6月底前", ongoing: false },
      { deadline: "2027-06-30", deadlineText: "2027年6月底前", ongoing: false },
    ],
    [
      "due today: kept (a deadline is its last day on time)",
      { deadline: today, deadlineText: "2026年12月6日前", ongoing: false },
      { deadline: today, deadlineText: "2026年12月6日前", ongoing: false },
    ],
    [
      "passed: dropped with its text",
      { deadline: "2024-12-31", deadlineText: "2024年底前", ongoing: false },
      { deadline: null, deadlineText: null, ongoing: false },
    ],
    [
      "长期坚持: stays ongoing",
      { deadline: null, deadlineText: "长期坚持", ongoing: true },
      { deadline: null, deadlineText: "长期坚持", ongoing: true },
    ],
    [
      "no date, only words: kept",
      { deadline: null, deadlineText: "持续推进", ongoing: false },
      { deadline: null, deadlineText: "持续推进", ongoing: false },
    ],
  ])("%s", (_case, old, expected) => {
    expect(carriedDeadline(old, today)).toEqual(expected);
  });
});

describe("targetOutlastsSource: 结转 goes only into a plan whose reporting window runs past the day the source ended", () => {
  it.each([
    ["a 2026–2030 plan after a 2021–2025 plan that expired", "2025-12-31", "2030-12-31", true],
    ["the 2026 工作要点 after a plan closed on 2026-01-20", "2026-01-20", "2026-12-31", true],
    ["a sibling 2021–2025 plan still in force: its window ends the same day", "2025-12-31", "2025-12-31", false],
    ["an older plan whose window ended before", "2025-12-31", "2024-12-31", false],
    ["a sibling 2021–2025 plan after one terminated in 2024", "2024-06-30", "2025-12-31", true],
    ["a target without a last year (open-ended)", "2025-12-31", null, true],
    ["a source without an end date or last year", null, "2025-12-31", true],
  ])("%s", (_case, sourceEnd, targetLast, expected) => {
    expect(targetOutlastsSource(sourceEnd, targetLast)).toBe(expected);
  });
});
