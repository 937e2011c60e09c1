import { describe, expect, it } from "vitest";
import { AppError, ERROR_MESSAGES } from "@/lib/errors.ts";

// Callers decide on the code and these fields, never on the message's words.
describe("AppError", () => {
  it.each<[string, AppError, { message: string; generic: boolean; detail: string | undefined }]>([
    ["the code's own message", new AppError("CONFLICT"), { message: ERROR_MESSAGES.CONFLICT, generic: true, detail: undefined }],
    [
      "a message of its own",
      new AppError("CONFLICT", "该报送已被审核或退回,请刷新后查看。"),
      { message: "该报送已被审核或退回,请刷新后查看。", generic: false, detail: undefined },
    ],
    [
      "a message equal to the code's, given on purpose",
      new AppError("VALIDATION", ERROR_MESSAGES.VALIDATION),
      { message: ERROR_MESSAGES.VALIDATION, generic: false, detail: undefined },
    ],
    [
      "field errors only",
      new AppError("VALIDATION", undefined, { name: ["必填"] }),
      { message: ERROR_MESSAGES.VALIDATION, generic: true, detail: undefined },
    ],
    [
      "a detail apart from the message",
      new AppError("VALIDATION", "未识别为规划或年度报告:像新闻报道", undefined, { detail: "像新闻报道" }),
      { message: "未识别为规划或年度报告:像新闻报道", generic: false, detail: "像新闻报道" },
    ],
  ])("%s", (_, error, expected) => {
    expect({ message: error.message, generic: error.generic, detail: error.detail }).toEqual(expected);
  });
});
