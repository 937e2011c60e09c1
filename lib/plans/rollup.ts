import {
  daysBetween,
  lightResult,
  lightSeverity,
  measureLight,
  measureStatus,
  type Light,
  type LightReasonCode,
  type LightResult,
  type MeasureLightInput,
  type MeasureStatus,
} from "@/lib/reporting/lights.ts";

// Roll-up of a 规划's item (a parent item) from the measures that implement it
// (Measure.parentItemId, measures of a 分工方案 or 年度工作要点 whose plan's
// parentId is the 规划). Pure: the caller derives each child's status and
// light with lights.ts, these rules combine them. lib/dashboards/facts.ts
// restates them in SQL (the `ru` CTE); tests/integration/rollup.test.ts checks
// that the two agree.
//
// The parent item's state, first rule that applies:
//   COMPLETED    every child is completed
//   OVERDUE      a child is overdue (even if the latest child's deadline is
//                still ahead: part of the item is already late)
//   IN_PROGRESS  a child has started (reported, or completed)
//   NOT_STARTED  no child has started
// Its light: GREEN when completed, else the worst of its children's lights
// (RED > YELLOW > GREEN > GREY), the reason that of the first worst child.
// Its effective deadline: the latest child's; null when a child is 长期坚持
// (then the item is ongoing too) or has no date (the item's end is unknown).
// An item with no children is not rolled up (null): it keeps its own state
// and the page says 未分解.
// A child whose deadline an approved extension moved counts with its current
// deadline (Measure.deadline): that is what childState passes to lights.ts,
// and originalDeadline is only shown.

export type ChildState = {
  status: MeasureStatus;
  light: Light;
  reasonCode: LightReasonCode;
  /** Display only: decide on `reasonCode`. */
  reason: string;
  /** The child's current deadline (after approved extensions), or null. */
  deadline: string | null;
  ongoing: boolean;
};

export type RolledUpItem = {
  status: MeasureStatus;
  light: Light;
  reasonCode: LightReasonCode;
  /** Display only: decide on `reasonCode`. */
  reason: string;
  deadline: string | null;
  ongoing: boolean;
  /** How many measures implement the item. */
  children: number;
  completedChildren: number;
};

export function rollUpItem(children: readonly ChildState[]): RolledUpItem | null {
  if (children.length === 0) return null;
  const completed = children.filter((c) => c.status === "COMPLETED").length;
  const allCompleted = completed === children.length;
  const status: MeasureStatus = allCompleted
    ? "COMPLETED"
    : children.some((c) => c.status === "OVERDUE")
      ? "OVERDUE"
      : children.some((c) => c.status === "IN_PROGRESS" || c.status === "COMPLETED")
        ? "IN_PROGRESS"
        : "NOT_STARTED";
  // reduce keeps the earlier child on ties.
  const worst = children.reduce((w, c) => (lightSeverity(c.light) > lightSeverity(w.light) ? c : w));
  const { light, reasonCode, reason }: LightResult = allCompleted ? lightResult("GREEN", { code: "COMPLETED" }) : worst;
  const ongoing = children.some((c) => c.ongoing);
  const deadline =
    ongoing || children.some((c) => c.deadline === null)
      ? null
      : children.reduce((latest, c) => (daysBetween(latest, c.deadline!) > 0 ? c.deadline! : latest), children[0]!.deadline!);
  return { status, light, reasonCode, reason, deadline, ongoing, children: children.length, completedChildren: completed };
}

export type ChildMeasureInput = MeasureLightInput & {
  /** The printed deadline when an approved extension moved it; not used by the rules. */
  originalDeadline?: string | null;
};

/** A child's status and light by lights.ts, with its current (extended) deadline. */
export function childState(input: ChildMeasureInput): ChildState {
  const { originalDeadline: _printed, ...lightInput } = input;
  const { light, reasonCode, reason } = measureLight(lightInput);
  const status = measureStatus({
    today: input.today,
    deadline: input.deadline,
    ongoing: input.ongoing,
    leadAssignments: input.assignments.filter((a) => a.role === "LEAD"),
    everReported: input.assignments.some((a) => a.everReported),
  });
  return { status, light, reasonCode, reason, deadline: input.deadline, ongoing: input.ongoing };
}

/** Kinds of plan written to carry out a 规划's items (分工方案, 年度工作要点). */
export const IMPLEMENTING_KINDS: ReadonlySet<string> = new Set(["DIVISION_OF_LABOUR", "WORK_POINTS"]);

/**
 * Whether a plan's measures are to be linked to a parent plan's items (the
 * import's result and the plan page offer 对应上级规划条目): it has a parent
 * plan, or is of a kind written to implement one.
 */
export function implementsParentItems(plan: { kind: string; parentId: number | null }): boolean {
  return plan.parentId !== null || IMPLEMENTING_KINDS.has(plan.kind);
}
