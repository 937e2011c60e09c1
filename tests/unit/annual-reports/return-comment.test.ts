import { describe, expect, it } from "vitest";
import { RETURN_COMMENT_REQUIRED, returnAnnualReportSchema } from "@/lib/annual-reports/schema.ts";

// 退回修改 of an annual report needs a comment: the rule is the schema's, which
// the report page's return form and returnAnnualReport both use, so the form
// no longer checks for an empty box by itself.

describe("returnAnnualReportSchema: a return needs its comment", () => {
  it.each([
    { comment: "请补充第二部分的数据", error: null },
    { comment: "  请补充  ", error: null },
    { comment: "", error: "退回时请填写退回意见" },
    { comment: "   \n ", error: RETURN_COMMENT_REQUIRED },
    { comment: undefined, error: RETURN_COMMENT_REQUIRED },
    { comment: null, error: RETURN_COMMENT_REQUIRED },
    { comment: "字".repeat(1000), error: null },
    { comment: "字".repeat(1001), error: "退回意见不能超过 1000 个字" },
  ])("$comment → $error", ({ comment, error }) => {
    const parsed = returnAnnualReportSchema.safeParse({ id: "7", comment });
    expect(parsed.success ? null : parsed.error.issues.map((i) => [i.path.join("."), i.message])).toEqual(
      error === null ? null : [["comment", error]],
    );
  });

  it("keeps the comment trimmed, and the id as a number", () => {
    expect(returnAnnualReportSchema.parse({ id: "7", comment: "  请补充  " })).toEqual({ id: 7, comment: "请补充" });
  });
});
