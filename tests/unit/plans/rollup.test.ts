import { describe, expect, it } from "vitest";
import { childState, implementsParentItems, rollUpItem, type ChildMeasureInput, type ChildState } from "@/lib/plans/rollup.ts";
import { latestDuePeriod } from "@/lib/reporting/periods.ts";

// On 2026-12-06 the quarter judged is 2026-Q3 (due 10-10). Each child is a
// measure of a 分工方案 implementing one item of a 规划; its status and light
// come from lights.ts through childState, as the plan page computes them.
const TODAY = "2026-12-06";
const Q3 = latestDuePeriod(TODAY, "QUARTERLY", 10);

type Kind = "done" | "reported" | "silent" | "returned" | "never";

function child(kind: Kind, deadline: string | null, extra: Partial<ChildMeasureInput> = {}): ChildMeasureInput {
  const lead = {
    role: "LEAD" as const,
    completedApproved: kind === "done",
    everReported: kind !== "never",
    currentState:
      kind === "reported" || kind === "done" ? ("APPROVED" as const) : kind === "returned" ? ("RETURNED" as const) : ("NONE" as const),
  };
  return { today: TODAY, deadline, ongoing: false, currentPeriod: Q3, assignments: [lead], ...extra };
}

const never = (deadline: string | null) => child("never", deadline, { reportingStart: "2026-11-01" }); // first report not yet due: GREY

const cases: { name: string; children: ChildMeasureInput[]; want: Partial<ReturnType<typeof rollUpItem>> | null }[] = [
  {
    name: "all completed → completed, GREEN, latest deadline",
    children: [child("done", "2026-06-30"), child("done", "2026-09-30")],
    want: { status: "COMPLETED", light: "GREEN", reason: "已完成", deadline: "2026-09-30", children: 2, completedChildren: 2 },
  },
  {
    name: "one RED among GREEN → RED and overdue, reason of the red child",
    children: [child("reported", "2027-06-30"), child("reported", "2026-11-30"), child("done", "2026-06-30")],
    want: { status: "OVERDUE", light: "RED", reason: "已逾期 6 天" },
  },
  {
    name: "mixed deadlines: the early child is late, the latest deadline is ahead → still overdue, deadline the latest",
    children: [child("reported", "2026-10-31"), child("reported", "2027-12-31")],
    want: { status: "OVERDUE", light: "RED", deadline: "2027-12-31" },
  },
  {
    name: "mixed deadlines: the early child completed on time, the other in progress → in progress, GREEN",
    children: [child("done", "2026-10-31"), child("reported", "2027-12-31")],
    want: { status: "IN_PROGRESS", light: "GREEN", deadline: "2027-12-31", completedChildren: 1 },
  },
  {
    name: "mixed deadlines: one child 长期坚持 → no effective deadline, ongoing",
    children: [child("reported", "2027-12-31"), child("reported", null, { ongoing: true })],
    want: { status: "IN_PROGRESS", light: "GREEN", deadline: null, ongoing: true },
  },
  {
    name: "mixed deadlines: a child with no date → no effective deadline, not ongoing",
    children: [child("reported", "2027-12-31"), child("reported", null)],
    want: { deadline: null, ongoing: false },
  },
  {
    name: "extended child: printed deadline passed, the extension's is ahead → not overdue",
    children: [child("reported", "2027-03-31", { originalDeadline: "2026-09-30" }), child("reported", "2027-06-30")],
    want: { status: "IN_PROGRESS", light: "GREEN", deadline: "2027-06-30" },
  },
  {
    name: "extended child: new deadline within 30 days → YELLOW, and it sets the effective deadline",
    children: [child("reported", "2026-12-20", { originalDeadline: "2026-06-30" }), child("reported", "2026-12-01")],
    want: { status: "OVERDUE", light: "RED", deadline: "2026-12-20" },
  },
  {
    name: "extended child alone, due soon → YELLOW, in progress",
    children: [child("reported", "2026-12-20", { originalDeadline: "2026-06-30" })],
    want: { status: "IN_PROGRESS", light: "YELLOW", reason: "距完成时限 14 天" },
  },
  {
    name: "a returned report among normal ones → YELLOW",
    children: [child("reported", "2027-12-31"), child("returned", "2027-12-31")],
    want: { status: "IN_PROGRESS", light: "YELLOW", reason: "本期(2026年第三季度)报送被退回" },
  },
  {
    name: "no child started → not started, GREY",
    children: [never("2027-12-31"), never("2027-06-30")],
    want: { status: "NOT_STARTED", light: "GREY", deadline: "2027-12-31" },
  },
  {
    name: "one child started, the other not → in progress, GREEN beats GREY",
    children: [never("2027-12-31"), child("reported", "2027-06-30")],
    want: { status: "IN_PROGRESS", light: "GREEN" },
  },
  {
    name: "completed children and one not started → in progress",
    children: [child("done", "2026-06-30"), never("2027-06-30")],
    want: { status: "IN_PROGRESS", light: "GREEN", completedChildren: 1 },
  },
  { name: "no children → not rolled up (the item keeps its own state: 未分解)", children: [], want: null },
];

describe("rollUpItem", () => {
  it.each(cases)("$name", ({ children, want }) => {
    const got = rollUpItem(children.map(childState));
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatchObject(want);
  });

  it("the worst light wins in any order; ties keep the first child's reason", () => {
    const lights: ChildState[] = [
      { status: "IN_PROGRESS", light: "GREEN", reasonCode: "ON_TRACK", reason: "进展正常", deadline: "2027-01-01", ongoing: false },
      { status: "IN_PROGRESS", light: "YELLOW", reasonCode: "DUE_SOON", reason: "甲", deadline: "2027-01-01", ongoing: false },
      { status: "NOT_STARTED", light: "GREY", reasonCode: "NOT_STARTED", reason: "尚未启动", deadline: "2027-01-01", ongoing: false },
      { status: "IN_PROGRESS", light: "YELLOW", reasonCode: "DUE_SOON", reason: "乙", deadline: "2027-01-01", ongoing: false },
    ];
    expect(rollUpItem(lights)).toMatchObject({ light: "YELLOW", reason: "甲" });
    expect(rollUpItem([...lights].reverse())).toMatchObject({ light: "YELLOW", reason: "乙" });
  });
});

describe("childState", () => {
  it("judges an extended child by its current deadline, never the printed one", () => {
    const extended = childState(child("reported", "2027-03-31", { originalDeadline: "2026-09-30" }));
    expect(extended).toMatchObject({ status: "IN_PROGRESS", light: "GREEN", deadline: "2027-03-31" });
    const notExtended = childState(child("reported", "2026-09-30"));
    expect(notExtended).toMatchObject({ status: "OVERDUE", light: "RED" });
  });
});

describe("implementsParentItems: the plans offered 对应上级规划条目", () => {
  it.each([
    ["a 分工方案 without a parent yet", { kind: "DIVISION_OF_LABOUR", parentId: null }, true],
    ["a 工作要点 without a parent yet", { kind: "WORK_POINTS", parentId: null }, true],
    ["a 规划 implementing another 规划", { kind: "PLAN", parentId: 7 }, true],
    ["a 规划 on its own", { kind: "PLAN", parentId: null }, false],
    ["an 实施方案 on its own", { kind: "IMPLEMENTATION_PLAN", parentId: null }, false],
  ])("%s → %s", (_case, plan, expected) => {
    expect(implementsParentItems(plan)).toBe(expected);
  });
});
