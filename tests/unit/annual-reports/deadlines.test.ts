import { describe, expect, it } from "vitest";
import { currentReportYear, isLate, needsWarning, reportDeadlines, reportDeadlineStates } from "@/lib/annual-reports/deadlines.ts";

describe("reportDeadlines", () => {
  it("puts the 2024 report's deadlines on 1 March and 1 April 2025", () => {
    expect(reportDeadlines(2024)).toEqual({ submitBy: "2025-03-01", publishBy: "2025-04-01" });
  });
  it.each([
    ["2025-02-10", 2024],
    ["2025-12-31", 2024],
    ["2026-01-01", 2025],
  ])("on %s the report whose deadlines fall this year is %i's", (today, year) => {
    expect(currentReportYear(today)).toBe(year);
  });
});

describe("reportDeadlineStates", () => {
  // year 2024: submit by 2025-03-01, publish by 2025-04-01.
  it.each([
    // today, submittedOn, publishedOn, submit status, submit label, publish status, publish label
    ["2024-12-15", null, null, "PENDING", "2025-03-01 前向上级党委、政府报送", "PENDING", "2025-04-01 前向社会公开"],
    ["2025-01-29", null, null, "PENDING", "2025-03-01 前向上级党委、政府报送", "PENDING", "2025-04-01 前向社会公开"],
    ["2025-01-30", null, null, "DUE_SOON", "距向上级党委、政府报送截止还有 30 天", "PENDING", "2025-04-01 前向社会公开"],
    ["2025-03-01", null, null, "DUE_SOON", "今日须向上级党委、政府报送", "PENDING", "2025-04-01 前向社会公开"],
    ["2025-03-02", null, null, "OVERDUE", "逾期未报送(已超 1 天)", "DUE_SOON", "距向社会公开截止还有 30 天"],
    ["2025-03-02", "2025-03-01", null, "DONE_ON_TIME", "已按时报送", "DUE_SOON", "距向社会公开截止还有 30 天"],
    ["2025-03-10", "2025-03-04", null, "DONE_LATE", "逾期报送(晚 3 天)", "DUE_SOON", "距向社会公开截止还有 22 天"],
    ["2025-04-01", "2025-02-20", "2025-04-01", "DONE_ON_TIME", "已按时报送", "DONE_ON_TIME", "已按时公开"],
    ["2025-05-01", "2025-02-20", "2025-04-03", "DONE_ON_TIME", "已按时报送", "DONE_LATE", "逾期公开(晚 2 天)"],
    ["2025-05-01", "2025-02-20", null, "DONE_ON_TIME", "已按时报送", "OVERDUE", "逾期未公开(已超 30 天)"],
    // Published without a recorded submission (imported history): the publication stands for both.
    ["2025-05-01", null, "2025-03-20", "DONE_LATE", "逾期报送(晚 19 天)", "DONE_ON_TIME", "已按时公开"],
  ] as const)(
    "on %s (submitted %s, published %s): %s / %s",
    (today, submittedOn, publishedOn, submitStatus, submitLabel, publishStatus, publishLabel) => {
      const { submit, publish } = reportDeadlineStates({ year: 2024, today, submittedOn, publishedOn });
      expect([submit.status, submit.label, publish.status, publish.label]).toEqual([
        submitStatus,
        submitLabel,
        publishStatus,
        publishLabel,
      ]);
    },
  );

  it.each([
    ["PENDING", false, false],
    ["DUE_SOON", true, false],
    ["OVERDUE", true, true],
    ["DONE_ON_TIME", false, false],
    ["DONE_LATE", false, true],
  ] as const)("%s: warned %s, late %s", (status, warned, late) => {
    const state = { kind: "SUBMIT" as const, due: "2025-03-01", status, daysLeft: null, label: "" };
    expect([needsWarning(state), isLate(state)]).toEqual([warned, late]);
  });
});
