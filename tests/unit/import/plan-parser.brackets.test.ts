import { describe, expect, it } from "vitest";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";
import type { ParsedMeasure, ParsedPlan } from "@/lib/import/types.ts";

// Issue 13: a bracket left open (or closed paragraphs later) must never
// swallow the paragraphs that follow it into a "unit list"; the measures
// after it stay measures with their own text and units.

const brief = (m: ParsedMeasure) => ({ code: m.code, text: m.text, lead: m.leadUnits, responsible: m.responsibleUnits });

const onlyPlan = (text: string): { plan: ParsedPlan; warnings: string[] } => {
  const { plans, warnings } = parsePlans(normaliseLines(text));
  expect(plans).toHaveLength(1);
  return { plan: plans[0]!, warnings: warnings.map((w) => `${w.line} ${w.message}`) };
};

const everyName = (plan: ParsedPlan) => plan.measures.flatMap((m) => [...m.leadUnits, ...m.responsibleUnits]);

describe("an unclosed labelled bracket followed by paragraphs", () => {
  const { plan, warnings } = onlyPlan(`某区2024年法治政府建设工作要点
一、完善依法行政制度体系
(一)健全规范性文件合法性审核机制,落实备案审查制度。(责任单位:区司法局、各部门按职责分工负责
全面推行行政规范性文件统一登记、统一编号、统一公布,做到应审尽审。
开展集中清理,对不符合上位法的文件及时修改或废止,清理结果向社会公布。
(二)深化行政执法体制改革,推进综合执法。(区委编办牵头,区司法局配合)
(三)加强行政复议规范化建设。(牵头单位:区司法局)
`);

  it("reads the units the bracket names and keeps the paragraphs as the measure's text", () => {
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "(一)",
        text:
          "健全规范性文件合法性审核机制,落实备案审查制度。\n" +
          "全面推行行政规范性文件统一登记、统一编号、统一公布,做到应审尽审。\n" +
          "开展集中清理,对不符合上位法的文件及时修改或废止,清理结果向社会公布。",
        lead: [],
        responsible: ["区司法局", "各部门"],
      },
      { code: "(二)", text: "深化行政执法体制改革,推进综合执法。", lead: ["区委编办"], responsible: ["区司法局"] },
      { code: "(三)", text: "加强行政复议规范化建设。", lead: ["区司法局"], responsible: [] },
    ]);
    expect(warnings).toContain("3 单位说明缺少右括号,可能被截断,请核对");
  });

  it("never makes a unit of a sentence", () => {
    expect(everyName(plan).every((name) => name.length <= 30 && !/[。;!?]/.test(name))).toBe(true);
  });
});

describe("a bracket whose closing paren sits paragraphs later", () => {
  const { plan, warnings } = onlyPlan(`某区2024年法治政府建设工作要点
一、完善依法行政制度体系
1.健全规范性文件合法性审核机制。(牵头单位:区司法局;责任单位:各部门
全面推行行政规范性文件统一登记、统一编号、统一公布,做到应审尽审。
开展集中清理,对不符合上位法的文件及时修改或废止,清理结果向社会公布。)
2.深化行政执法体制改革,推进综合执法。(区委编办牵头,区司法局配合)
3.加强行政复议规范化建设。(牵头单位:区司法局)
`);

  it("keeps the units of the first line and the paragraphs as text; the next measures keep theirs", () => {
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "1",
        text:
          "健全规范性文件合法性审核机制。\n" +
          "全面推行行政规范性文件统一登记、统一编号、统一公布,做到应审尽审。\n" +
          "开展集中清理,对不符合上位法的文件及时修改或废止,清理结果向社会公布。)",
        lead: ["区司法局"],
        responsible: ["各部门"],
      },
      { code: "2", text: "深化行政执法体制改革,推进综合执法。", lead: ["区委编办"], responsible: ["区司法局"] },
      { code: "3", text: "加强行政复议规范化建设。", lead: ["区司法局"], responsible: [] },
    ]);
    expect(everyName(plan).every((name) => name.length <= 30 && !/[。;!?]/.test(name))).toBe(true);
    expect(warnings).toContain("3 单位说明缺少右括号,可能被截断,请核对");
  });
});

describe("a central-style bracket ended by a full stop, left open", () => {
  const { plan } = onlyPlan(`某区2024年法治政府建设工作要点
一、完善依法行政制度体系
1.健全规范性文件合法性审核机制。(区司法局牵头,各部门配合。
全面推行行政规范性文件统一登记、统一编号、统一公布,做到应审尽审。
2.深化行政执法体制改革,推进综合执法。(区委编办牵头,区司法局配合)
`);

  it("reads the units and keeps the next paragraph as text", () => {
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "1",
        text: "健全规范性文件合法性审核机制。\n全面推行行政规范性文件统一登记、统一编号、统一公布,做到应审尽审。",
        lead: ["区司法局"],
        responsible: ["各部门"],
      },
      { code: "2", text: "深化行政执法体制改革,推进综合执法。", lead: ["区委编办"], responsible: ["区司法局"] },
    ]);
  });
});

describe("a closed bracket holding sentences instead of units", () => {
  const { plan, warnings } = onlyPlan(`某区2024年法治政府建设工作要点
一、完善依法行政制度体系
3.1 健全规范性文件合法性审核机制。(牵头单位:区司法局;责任单位:各部门。全面推行统一登记、统一编号、统一公布,做到应审尽审)
3.2 深化行政执法体制改革。(责任单位:各部门按照本方案要求结合实际认真抓好贯彻落实并及时报送工作进展情况)
3.3 加强行政复议规范化建设。(牵头单位:区司法局)
`);

  it("keeps the bracket in the text, warns with the measure's code, and reads the next measure", () => {
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "3.1",
        text: "健全规范性文件合法性审核机制。(牵头单位:区司法局;责任单位:各部门。全面推行统一登记、统一编号、统一公布,做到应审尽审)",
        lead: [],
        responsible: [],
      },
      {
        code: "3.2",
        text: "深化行政执法体制改革。(责任单位:各部门按照本方案要求结合实际认真抓好贯彻落实并及时报送工作进展情况)",
        lead: [],
        responsible: [],
      },
      { code: "3.3", text: "加强行政复议规范化建设。", lead: ["区司法局"], responsible: [] },
    ]);
    expect(warnings).toContain("3 举措 3.1 的单位标注无法识别,已保留原文,请核对");
    expect(warnings).toContain("4 举措 3.2 的单位标注无法识别,已保留原文,请核对");
  });
});

describe("an unclosed bracket with no units before paragraphs", () => {
  const { plan, warnings } = onlyPlan(`某区2024年法治政府建设工作要点
一、完善依法行政制度体系
1.健全规范性文件合法性审核机制(责任单位:各部门按职责分工负责全面推行行政规范性文件统一登记、统一编号、统一公布,做到应审尽审。
开展集中清理,对不符合上位法的文件及时修改或废止。
2.深化行政执法体制改革,推进综合执法。(区委编办牵头,区司法局配合)
`);

  it("keeps everything as text and warns", () => {
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "1",
        text:
          "健全规范性文件合法性审核机制(责任单位:各部门按职责分工负责全面推行行政规范性文件统一登记、统一编号、统一公布,做到应审尽审。\n" +
          "开展集中清理,对不符合上位法的文件及时修改或废止。",
        lead: [],
        responsible: [],
      },
      { code: "2", text: "深化行政执法体制改革,推进综合执法。", lead: ["区委编办"], responsible: ["区司法局"] },
    ]);
    expect(warnings).toContain("3 举措 1 的单位标注无法识别,已保留原文,请核对");
  });
});

describe("a labelled unit line holding a sentence", () => {
  const { plan, warnings } = onlyPlan(`某区2024年法治政府建设工作要点
一、完善依法行政制度体系
1.健全规范性文件合法性审核机制。
责任单位:各部门按照本方案要求结合实际认真抓好贯彻落实并及时报送工作进展情况
2.深化行政执法体制改革,推进综合执法。
牵头单位:区委编办
责任单位:区司法局
`);

  it("stays in its measure's text with a warning; the next measure keeps its units", () => {
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "1",
        text: "健全规范性文件合法性审核机制。\n责任单位:各部门按照本方案要求结合实际认真抓好贯彻落实并及时报送工作进展情况",
        lead: [],
        responsible: [],
      },
      { code: "2", text: "深化行政执法体制改革,推进综合执法。", lead: ["区委编办"], responsible: ["区司法局"] },
    ]);
    expect(warnings).toContain("3 举措 1 的单位标注无法识别,已保留原文,请核对");
  });
});
