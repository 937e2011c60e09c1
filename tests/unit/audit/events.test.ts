import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, auditActionLabel } from "@/lib/audit/events.ts";

describe("audit actions", () => {
  it("has a Chinese label for every action and none for an action that is not one", () => {
    for (const action of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[action], action).toMatch(/\p{Script=Han}/u);
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it("lists each action once", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  it.each([
    ["report.submit", "报送"],
    ["report.resubmit", "重新报送"],
    ["report.carryForward", "报送(本期无新进展,沿用上期)"],
    ["report.approve", "审核通过"],
    ["rectification.verify", "核验销号"],
    ["rectification.reopen", "重新打开"],
    ["measure.extend", "调整完成时限"],
    ["reminder.send", "催办"],
  ])("labels %s as %s, the words the timelines showed", (action, label) => {
    expect(auditActionLabel(action)).toBe(label);
  });

  it("shows an action it does not know as recorded (rows written by older code)", () => {
    expect(auditActionLabel("plan.somethingOld")).toBe("plan.somethingOld");
  });
});
