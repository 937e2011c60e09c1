import { describe, expect, it } from "vitest";
import { commentRule } from "@/components/form/decision-controls.tsx";
import { approveProgressReportSchema, batchApproveProgressReportsSchema, returnProgressReportSchema } from "@/lib/progress/schema.ts";

// 审核意见: optional to approve, required to return. The rule lives in the
// actions' schemas; the review box asks them through commentRule, as the
// extension and rectification boxes do.

const reviewComment = commentRule({ approve: approveProgressReportSchema.shape.comment, reject: returnProgressReportSchema.shape.comment });

describe("the review box's comment rule is the actions' schemas': required only to return", () => {
  it.each<{ kind: "approve" | "reject"; comment: string; error: string | null }>([
    { kind: "approve", comment: "", error: null },
    { kind: "approve", comment: "材料齐全", error: null },
    { kind: "reject", comment: "请补充印发文件", error: null },
    { kind: "reject", comment: "", error: "退回时请填写退回意见" },
    { kind: "reject", comment: "   \n ", error: "退回时请填写退回意见" },
    { kind: "approve", comment: "字".repeat(1001), error: "审核意见不能超过 1000 个字" },
    { kind: "reject", comment: "字".repeat(1001), error: "审核意见不能超过 1000 个字" },
  ])("$kind with $comment → $error", ({ kind, comment, error }) => {
    expect(reviewComment(kind, comment)).toBe(error);
  });
});

describe("the actions' schemas ask the same of the whole input", () => {
  it.each([
    { comment: "请补充", ok: true },
    { comment: " ", ok: false },
    { comment: undefined, ok: false },
  ])("return: $comment → ok $ok", ({ comment, ok }) => {
    const parsed = returnProgressReportSchema.safeParse({ reportId: 1, version: 1, comment });
    expect(parsed.success).toBe(ok);
    if (!parsed.success) expect(parsed.error.issues[0]!.message).toBe("退回时请填写退回意见");
  });

  it.each([{ comment: "" }, { comment: undefined }, { comment: null }, { comment: "材料齐全" }])(
    "approve: $comment → ok",
    ({ comment }) => {
      expect(approveProgressReportSchema.safeParse({ reportId: 1, version: 1, comment }).success).toBe(true);
    },
  );
});

describe("batchApproveProgressReportsSchema bounds the list", () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ reportId: i + 1, version: 1 }));
  it.each([
    { input: { items: items(1) }, error: null },
    { input: { items: items(100) }, error: null },
    { input: { items: [] }, error: "请选择要通过的报送" },
    { input: {}, error: "请选择要通过的报送" },
    { input: { items: items(101) }, error: "一次最多通过 100 份报送" },
    { input: { items: [...items(2), { reportId: 1, version: 2 }] }, error: "同一份报送不能重复选择" },
    { input: { items: [{ reportId: "x", version: 1 }] }, error: "请选择报送" },
  ])("$input.items.length items → $error", ({ input, error }) => {
    const parsed = batchApproveProgressReportsSchema.safeParse(input);
    expect(parsed.success ? null : parsed.error.issues[0]!.message).toBe(error);
  });
});
