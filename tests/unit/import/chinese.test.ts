import { describe, expect, it } from "vitest";
import { hasTraditional, isTraditionalText, toSimplified } from "@/lib/import/chinese.ts";

describe("toSimplified", () => {
  it.each([
    ["區司法局牽頭,各鎮鄉街道按職責分工負責", "区司法局牵头,各镇乡街道按职责分工负责"],
    ["責任單位:區發展改革委", "责任单位:区发展改革委"],
    ["完成時限:長期堅持", "完成时限:长期坚持"],
    ["2021年,在區委堅強領導下", "2021年,在区委坚强领导下"],
    ["区司法局牵头", "区司法局牵头"],
  ])("%s → %s, each character in its place", (traditional, simplified) => {
    const out = toSimplified(traditional);
    expect(out).toBe(simplified);
    expect(out.length).toBe(traditional.length);
  });

  it("tells traditional text from simplified", () => {
    expect(hasTraditional("責任單位")).toBe(true);
    expect(hasTraditional("责任单位")).toBe(false);
  });
});

describe("isTraditionalText", () => {
  it.each([
    ["區司法局、區發展改革委、各鎮鄉街道", true],
    ["區檔案館", true],
    // 乾 is simplified too (乾县, 乾安县): one such character is not a traditional text.
    ["乾县司法局", false],
    ["乾县司法局、乾县发展改革局、乾县财政局、乾县民政局", false],
    ["区司法局、区发展改革委", false],
    ["", false],
  ])("%s → %s", (text, traditional) => {
    expect(isTraditionalText(text)).toBe(traditional);
  });
});
