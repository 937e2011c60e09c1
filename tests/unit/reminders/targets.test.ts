import { describe, expect, it } from "vitest";
import { urgeTargetsOf, urgeTimelineDetail } from "@/lib/reminders/targets.ts";

const periods = { collecting: "2024年第四季度", latestDue: "2024年第三季度", sameAsCollecting: false };
type Row = Parameters<typeof urgeTargetsOf>[0][number];
const row = (over: Partial<Row> & { unitId: number }): Row => ({
  unit: { name: `单位${over.unitId}` },
  role: "RESPONSIBLE",
  completedApproved: false,
  owesLate: false,
  currentState: "APPROVED",
  collectingState: null,
  ...over,
});

describe("who a 催办 preselects", () => {
  it.each([
    ["nothing for the period being collected", row({ unitId: 1 }), { owes: true, preselected: true, status: "2024年第四季度 未报送" }],
    ["only a draft", row({ unitId: 1, collectingState: "DRAFT" }), { owes: true, preselected: true, status: "2024年第四季度 未报送" }],
    ["returned", row({ unitId: 1, collectingState: "RETURNED" }), { owes: true, status: "2024年第四季度 已退回" }],
    [
      "submitted",
      row({ unitId: 1, collectingState: "SUBMITTED" }),
      { owes: false, preselected: false, status: "2024年第四季度 已报送,待审核" },
    ],
    ["approved", row({ unitId: 1, collectingState: "APPROVED" }), { owes: false, preselected: false }],
    [
      "assigned after the period being collected ended: owes nothing yet",
      row({ unitId: 1, collectingDue: false }),
      { owes: false, preselected: false, status: "暂无应报送的期次" },
    ],
    [
      "last period still owed (returned) though this one is in",
      row({ unitId: 1, owesLate: true, currentState: "RETURNED", collectingState: "SUBMITTED" }),
      { owes: true, owedPeriods: ["2024年第三季度"], status: "2024年第三季度 已退回;2024年第四季度 已报送,待审核" },
    ],
    ["completed", row({ unitId: 1, completedApproved: true }), { owes: false, completed: true, preselected: false, status: "已完成" }],
  ] as const)("%s", (_case, assignment, expected) => {
    expect(urgeTargetsOf([assignment], periods, new Set())[0]).toMatchObject(expected);
  });

  it("a unit reminded today is listed unticked; a unit leading and sharing is one row, as lead, lead units first", () => {
    const targets = urgeTargetsOf(
      [row({ unitId: 2 }), row({ unitId: 1, role: "RESPONSIBLE" }), row({ unitId: 1, role: "LEAD", collectingState: "SUBMITTED" })],
      periods,
      new Set([2]),
    );
    expect(targets.map((t) => [t.unitId, t.role, t.owes, t.remindedToday, t.preselected])).toEqual([
      [1, "LEAD", true, false, true],
      [2, "RESPONSIBLE", true, true, false],
    ]);
  });
});

describe("the 办理记录 line of a 催办", () => {
  it.each([
    [{ action: "reminder.send", after: { units: ["区公安分局", "区财政局"] } }, ":区公安分局、区财政局"],
    [{ action: "reminder.send", after: null }, ""],
    [{ action: "report.submit", after: { units: ["区公安分局"] } }, ""],
  ])("%o → %s", (event, text) => {
    expect(urgeTimelineDetail(event)).toBe(text);
  });
});
