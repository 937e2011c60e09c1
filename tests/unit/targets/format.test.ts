import { describe, expect, it } from "vitest";
import {
  completionPercent,
  formatNumber,
  indicatorText,
  milestoneState,
  milestoneStateLabel,
  targetAgainstResults,
} from "@/lib/targets/format.ts";

describe("completionPercent", () => {
  it.each<[string | number | null, string | number | null, number | null]>([
    ["4", "3", 75],
    ["4", "4", 100],
    ["4", "6", 150],
    ["3", "1", 33],
    ["100", "99.5", 100],
    [100, 0, 0],
    ["0", "3", null],
    [null, "3", null],
    ["4", null, null],
  ])("%s / %s → %s", (target, actual, percent) => {
    expect(completionPercent(target, actual)).toBe(percent);
  });
});

describe("formatNumber", () => {
  it.each<[string | number | null, string | null]>([
    ["4.00", "4"],
    ["12.50", "12.5"],
    [0, "0"],
    [null, null],
    ["x", null],
  ])("%s → %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe("indicatorText", () => {
  it.each([
    [{ name: "培训场次", unitOfMeasure: "场", targetValue: "4.00", actualValue: "3.00" }, "培训场次 4/3 场(完成率 75%)"],
    [{ name: "公示率", unitOfMeasure: "%", targetValue: "100", actualValue: null }, "公示率 100/— %"],
    [{ name: "覆盖单位", unitOfMeasure: null, targetValue: null, actualValue: "20" }, "覆盖单位 —/20"],
  ])("%o → %s", (indicator, text) => {
    expect(indicatorText(indicator)).toBe(text);
  });
});

describe("targetAgainstResults", () => {
  it.each<[string, Parameters<typeof targetAgainstResults>[0], string | null]>([
    ["no target", { targets: [], indicators: [] }, null],
    ["blank target", { targets: [" "], indicators: [] }, null],
    ["target only, trailing 。 dropped", { targets: ["年底前出台实施细则。"], indicators: [] }, "年度目标:年底前出台实施细则"],
    [
      "target and indicators",
      {
        targets: ["年底前出台实施细则"],
        indicators: [
          { name: "培训场次", unitOfMeasure: "场", targetValue: "4", actualValue: "3" },
          { name: "公示率", unitOfMeasure: "%", targetValue: "100", actualValue: "100" },
        ],
      },
      "年度目标:年底前出台实施细则;指标:培训场次 4/3 场(完成率 75%)、公示率 100/100 %(完成率 100%)",
    ],
    ["two lead units", { targets: ["甲目标", "乙目标;"], indicators: [] }, "年度目标:甲目标;乙目标"],
    [
      "each named by its unit (the district's report)",
      {
        targets: [
          { unitName: "区发改局", target: "甲目标。" },
          { unitName: "区司法局", target: "乙目标" },
        ],
        indicators: [],
      },
      "年度目标(区发改局):甲目标;年度目标(区司法局):乙目标",
    ],
  ])("%s", (_name, input, text) => {
    expect(targetAgainstResults(input)).toBe(text);
  });
});

describe("milestoneState", () => {
  const m = (dueDate: string, completed = false) => ({ title: "印发实施", dueDate, completed });
  it.each<[string, ReturnType<typeof m>, string, string]>([
    ["due later", m("2026-07-01"), "2026-06-20", "未到期"],
    ["due today", m("2026-06-20"), "2026-06-20", "未到期"],
    ["missed", m("2026-06-19"), "2026-06-20", "未按期完成"],
    ["missed for the whole grace", m("2026-06-05"), "2026-06-20", "未按期完成"],
    ["past the grace", m("2026-06-04"), "2026-06-20", "逾期 16 天"],
    ["done late", m("2026-06-04", true), "2026-06-20", "已完成"],
  ])("%s → %s", (_name, milestone, today, label) => {
    expect(milestoneStateLabel(milestoneState(milestone, today, 15))).toBe(label);
  });

  it("judged at a past day, one completed after it is not yet done", () => {
    const late = { title: "印发实施", dueDate: "2026-06-04", completed: true, completedOn: "2026-07-01" };
    expect(milestoneStateLabel(milestoneState(late, "2026-06-20", 15))).toBe("逾期 16 天");
    expect(milestoneStateLabel(milestoneState(late, "2026-07-01", 15))).toBe("已完成");
  });
});
