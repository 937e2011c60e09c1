import { describe, expect, it } from "vitest";
import { chineseNumeral, LABEL_DEPTH, readLabel, type LabelKind } from "@/lib/import/numbering.ts";

describe("readLabel", () => {
  it.each<[string, LabelKind, string, string, number, string]>([
    // text, kind, code, printed, value, rest
    ["一、总体要求", "CN", "一", "一、", 1, "总体要求"],
    ["十二、加强组织领导", "CN", "十二", "十二、", 12, "加强组织领导"],
    ["三.完善保障", "CN", "三", "三.", 3, "完善保障"],
    ["(一)指导思想", "PAREN_CN", "(一)", "(一)", 1, "指导思想"],
    ["(二十三) 健全机制", "PAREN_CN", "(二十三)", "(二十三)", 23, "健全机制"],
    ["1.推进政府机构职能优化", "NUM", "1", "1.", 1, "推进政府机构职能优化"],
    ["11、深入推进简政放权", "NUM", "11", "11、", 11, "深入推进简政放权"],
    ["1. 加强宪法宣传", "NUM", "1", "1.", 1, "加强宪法宣传"],
    ["1.1 厘清政府与市场的关系", "NUM_NUM", "1.1", "1.1", 1, "厘清政府与市场的关系"],
    ["3.5强化监管", "NUM_NUM", "3.5", "3.5", 5, "强化监管"],
    ["2.10. 完善制度", "NUM_NUM", "2.10", "2.10.", 10, "完善制度"],
    ["1.1年度计划编制", "NUM_NUM", "1.1", "1.1", 1, "年度计划编制"],
    ["1.2.3 细化标准", "NUM_NUM_NUM", "1.2.3", "1.2.3", 3, "细化标准"],
    ["(1)组织法律知识考试", "PAREN_NUM", "(1)", "(1)", 1, "组织法律知识考试"],
    ["(12)开展评查", "PAREN_NUM", "(12)", "(12)", 12, "开展评查"],
    ["①制定清单", "CIRCLED", "①", "①", 1, "制定清单"],
    ["⑳公开标准", "CIRCLED", "⑳", "⑳", 20, "公开标准"],
    ["㉑开展培训", "CIRCLED", "㉑", "㉑", 21, "开展培训"],
    ["㊿完善机制", "CIRCLED", "㊿", "㊿", 50, "完善机制"],
    // A year at the start of the item's text does not swallow the number.
    ["25.2024年前完成复议规范化建设", "NUM", "25", "25.", 25, "2024年前完成复议规范化建设"],
    ["7.2022年10月底前编制清单", "NUM", "7", "7.", 7, "2022年10月底前编制清单"],
  ])("%s", (text, kind, code, printed, value, rest) => {
    expect(readLabel(text)).toEqual({ kind, code, printed, value, rest });
  });

  it.each([
    "1.5亿元用于法治建设",
    "12.5%的案件",
    "3.5万人次参加",
    "2023年开展试点",
    "2023年",
    "2022.6月底前",
    "1000.超过三位的编号",
    "加强宪法宣传",
    "(试行)",
    "(2021-2025年)",
    "一是加强领导",
    "",
  ])("%s is not a label", (text) => {
    expect(readLabel(text)).toBeNull();
  });

  it("orders the kinds by depth", () => {
    const kinds: LabelKind[] = ["CN", "PAREN_CN", "NUM", "NUM_NUM", "NUM_NUM_NUM", "PAREN_NUM", "CIRCLED"];
    const depths = kinds.map((kind) => LABEL_DEPTH[kind]);
    expect([...depths].sort((a, b) => a - b)).toEqual(depths);
    expect(new Set(depths).size).toBe(kinds.length);
  });
});

describe("chineseNumeral", () => {
  it.each<[string, number]>([
    ["一", 1],
    ["二", 2],
    ["两", 2],
    ["九", 9],
    ["十", 10],
    ["十一", 11],
    ["十九", 19],
    ["二十", 20],
    ["二十三", 23],
    ["五十八", 58],
    ["九十", 90],
    ["九十九", 99],
    ["一百", 100],
    ["一百零一", 101],
  ])("%s = %i", (text, value) => {
    expect(chineseNumeral(text)).toBe(value);
  });

  it("reads every numeral from 一 to 九十九", () => {
    const digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    for (let n = 1; n <= 99; n++) {
      const tens = Math.floor(n / 10);
      const text = n < 10 ? digits[n]! : `${tens === 1 ? "" : digits[tens]}十${digits[n % 10]}`;
      expect(chineseNumeral(text), text).toBe(n);
    }
  });

  it.each(["", "1", "第一", "一是", "十a"])("%s is not a numeral", (text) => {
    expect(chineseNumeral(text)).toBeNull();
  });
});
