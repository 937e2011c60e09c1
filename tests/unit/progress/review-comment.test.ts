import { describe, expect, it } from "vitest";
import { batchApproveProgressReportsSchema, returnProgressReportSchema, reviewDecisionSchema } from "@/lib/progress/schema.ts";

// 审核意见: optional to approve, required to return. The rule lives in the
// schema, which the review box and the return action both use.

describe("reviewDecisionSchema: the comment is required only to return", () => {
  it.each([
    { decision: "approve", comment: "", error: null },
    { decision: "approve", comment: undefined, error: null },
    { decision: "approve", comment: "材料齐全", error: null },
    { decision: "return", comment: "请补充印发文件", error: null },
    { decision: "return", comment: "", error: "退回时请填写退回意见" },
    { decision: "return", comment: "   \n ", error: "退回时请填写退回意见" },
    { decision: "return", comment: undefined, error: "退回时请填写退回意见" },
    { decision: "approve", comment: "字".repeat(1001), error: "审核意见不能超过 1000 个字" },
  ])("$decision with $comment → $error", ({ decision, comment, error }) => {
    const parsed = reviewDecisionSchema.safeParse({ decision, comment });
    expect(parsed.success ? null : parsed.error.issues.map((i) => [i.path.join("."), i.message])).toEqual(
      error === null ? null : [["comment", error]],
    );
  });
});

describe("returnProgressReportSchema asks the same of a return", () => {
  it.each([
    { comment: "请补充", ok: true },
    { comment: " ", ok: false },
    { comment: undefined, ok: false },
  ])("$comment → ok $ok", ({ comment, ok }) => {
    const parsed = returnProgressReportSchema.safeParse({ reportId: 1, version: 1, comment });
    expect(parsed.success).toBe(ok);
    if (!parsed.success) expect(parsed.error.issues[0]!.message).toBe("退回时请填写退回意见");
  });
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
