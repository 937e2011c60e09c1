import { describe, expect, it } from "vitest";
import { commentRule } from "@/components/form/decision-controls.tsx";
import { approveDeadlineExtensionSchema, rejectDeadlineExtensionSchema } from "@/lib/extensions/schema.ts";
import { returnRectificationSchema, verifyRectificationSchema } from "@/lib/inspections/schema.ts";

// The decision box (DecisionControls) has no comment rule of its own: it asks
// the schemas of the two actions it calls, so the box says what the action
// would, and a rule changed in the schema changes the box.

const extension = commentRule({
  approve: approveDeadlineExtensionSchema.shape.comment,
  reject: rejectDeadlineExtensionSchema.shape.comment,
});
const rectification = commentRule({ approve: verifyRectificationSchema.shape.comment, reject: returnRectificationSchema.shape.comment });

describe("commentRule: the box's error is the schema's", () => {
  it.each([
    { rule: extension, kind: "approve", comment: "", error: null },
    { rule: extension, kind: "approve", comment: "同意", error: null },
    { rule: extension, kind: "reject", comment: "理由不充分", error: null },
    { rule: extension, kind: "reject", comment: "", error: "请填写驳回意见" },
    { rule: extension, kind: "reject", comment: "  \n", error: "请填写驳回意见" },
    { rule: extension, kind: "approve", comment: "字".repeat(1001), error: "审批意见不能超过 1000 个字" },
    { rule: rectification, kind: "approve", comment: "", error: null },
    { rule: rectification, kind: "reject", comment: "", error: "请填写退回意见" },
    { rule: rectification, kind: "reject", comment: "请补充佐证材料", error: null },
    { rule: rectification, kind: "reject", comment: "字".repeat(1001), error: "退回意见不能超过 1000 个字" },
  ] as const)("$kind with $comment → $error", ({ rule, kind, comment, error }) => {
    expect(rule(kind, comment)).toBe(error);
  });
});
