import { describe, expect, it } from "vitest";
import { reopenTimelineDetail } from "@/lib/inspections/schema.ts";

describe("the 办理记录 line of a 重新打开", () => {
  it.each([
    [{ action: "rectification.reopen", after: { status: "OPEN", reopenReason: "核查发现问题仍存在" } }, ":核查发现问题仍存在"],
    [{ action: "rectification.reopen", after: { status: "OPEN" } }, ""],
    [{ action: "rectification.reopen", after: null }, ""],
    [{ action: "rectification.reopen" }, ""],
    [{ action: "rectification.verify", after: { reopenReason: "旧的原因" } }, ""],
  ])("%o → %s", (event, text) => {
    expect(reopenTimelineDetail(event)).toBe(text);
  });
});
