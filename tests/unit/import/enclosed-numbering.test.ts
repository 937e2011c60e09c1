import { describe, expect, it } from "vitest";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { readLabel, type LabelKind } from "@/lib/import/numbering.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";

// Word's numbering and some sites print labels as single enclosed characters:
// ㈠ (U+3220 PARENTHESIZED IDEOGRAPH ONE) for (一), ⑴ for (1), ⒈ for 1.
// Normalisation spells them out so they number sections and measures exactly
// like the printed forms.

describe("normaliseLines spells out enclosed numerals", () => {
  it.each([
    ["㈠加强制度建设", "(一)加强制度建设"],
    ["㈡ 推进严格执法", "(二) 推进严格执法"],
    ["㈩强化保障", "(十)强化保障"],
    // Circled ideographs serve the same level in some documents.
    ["㊀完善机制", "(一)完善机制"],
    ["㊉健全制度", "(十)健全制度"],
    ["⑴组织培训", "(1)组织培训"],
    ["⒇开展评查", "(20)开展评查"],
    ["⒈推进公开", "1.推进公开"],
    ["⒛加强监督", "20.加强监督"],
    // Inside a sentence too, as NFKC would read them.
    ["按照㈠㈡两项要求落实", "按照(一)(二)两项要求落实"],
    // Not numerals: left as printed. Circled digits ① have their own label kind.
    ["㈪份报表", "㈪份报表"],
    ["①制定清单", "①制定清单"],
  ])("%s → %s", (raw, text) => {
    expect(normaliseLines(raw).map((l) => l.text)).toEqual([text]);
  });
});

describe("enclosed labels read as their printed forms", () => {
  it.each<[string, LabelKind, string, number, string]>([
    // raw line, kind, code, value, rest
    ["㈠指导思想", "PAREN_CN", "(一)", 1, "指导思想"],
    ["㈤ 加强组织领导", "PAREN_CN", "(五)", 5, "加强组织领导"],
    ["㈩强化保障", "PAREN_CN", "(十)", 10, "强化保障"],
    ["㊂健全机制", "PAREN_CN", "(三)", 3, "健全机制"],
    ["⑶组织法律知识考试", "PAREN_NUM", "(3)", 3, "组织法律知识考试"],
    ["⒋推进政务公开", "NUM", "4", 4, "推进政务公开"],
  ])("%s", (raw, kind, code, value, rest) => {
    const [line] = normaliseLines(raw);
    expect(readLabel(line!.text)).toMatchObject({ kind, code, value, rest });
  });
});

describe("a plan numbered with ㈠㈡㈢", () => {
  it("㈠ headings are sections, with their measures 1. 2. under them", () => {
    const { plans, warnings } = parsePlans(
      normaliseLines(`某区法治政府建设实施方案(2021—2025年)

一、主要任务
㈠加强制度建设
1.完善规范性文件备案审查制度。（牵头单位：区司法局；责任单位：区政府办）
2.推进合法性审查全覆盖。（牵头单位：区司法局）
㈡推进严格执法
3.推行行政执法全过程记录。（牵头单位：区司法局；责任单位：区直各执法部门）
㈢强化权力监督
4.完善行政执法监督机制。（牵头单位：区司法局）
`),
    );
    expect(warnings).toEqual([]);
    const plan = plans[0]!;
    expect(plan.sections.map((s) => [s.key, s.parentKey, s.label, s.title])).toEqual([
      ["s1", null, "一、", "主要任务"],
      ["s2", "s1", "(一)", "加强制度建设"],
      ["s3", "s1", "(二)", "推进严格执法"],
      ["s4", "s1", "(三)", "强化权力监督"],
    ]);
    expect(plan.measures.map((m) => [m.code, m.sectionKey, m.leadUnits, m.responsibleUnits])).toEqual([
      ["1", "s2", ["区司法局"], ["区政府办"]],
      ["2", "s2", ["区司法局"], []],
      ["3", "s3", ["区司法局"], ["区直各执法部门"]],
      ["4", "s4", ["区司法局"], []],
    ]);
  });

  it("㈠ items are the measures under 一、 chapters, deadlines read from their sentences", () => {
    const { plans, warnings } = parsePlans(
      normaliseLines(`某区法治社会建设规划(2021—2025年)
一、推进全民普法
㈠加强宪法学习宣传,2022年底前建成宪法宣传教育基地。
㈡推进“八五”普法规划实施。
二、推进多元治理
㈢完善人民调解体系,2023年6月底前实现村居全覆盖。
`),
    );
    expect(warnings).toEqual([]);
    const plan = plans[0]!;
    expect(plan.sections.map((s) => `${s.label}${s.title}`)).toEqual(["一、推进全民普法", "二、推进多元治理"]);
    expect(plan.measures.map((m) => [m.code, m.sectionKey, m.deadline?.date ?? null])).toEqual([
      ["(一)", "s1", "2022-12-31"],
      ["(二)", "s1", null],
      ["(三)", "s2", "2023-06-30"],
    ]);
  });
});
