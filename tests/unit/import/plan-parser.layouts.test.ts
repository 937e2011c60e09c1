import { describe, expect, it } from "vitest";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";
import type { ParsedMeasure, ParsedPlan } from "@/lib/import/types.ts";

// Small documents written the way district governments write them (mixed
// full-width and half-width punctuation, stray blank lines), one per layout
// the parser must read beyond the seed documents. Texts are compared after
// normalisation: full-width ，：；（） become , : ; ( ).

const parse = (text: string) => parsePlans(normaliseLines(text));

/** The parts of a measure a reviewer checks. */
const brief = (m: ParsedMeasure) => ({
  code: m.code,
  text: m.text,
  lead: m.leadUnits,
  responsible: m.responsibleUnits,
  deadline: m.deadline?.date ?? (m.deadline?.ongoing ? "ongoing" : null),
});

const messages = (warnings: { line: number; message: string }[]) => warnings.map((w) => `${w.line} ${w.message}`);

const onlyPlan = (text: string): { plan: ParsedPlan; warnings: string[] } => {
  const { plans, warnings } = parse(text);
  expect(plans).toHaveLength(1);
  return { plan: plans[0]!, warnings: messages(warnings) };
};

describe("1. units on their own labelled lines after a measure", () => {
  const { plan, warnings } = onlyPlan(`某区2023年法治政府建设工作要点

一、加强制度建设
1.完善规范性文件备案审查制度，提高审查质量。
牵头单位：区司法局
责任单位：区政府办、区发改局

2、推进合法性审查全覆盖。
牵头单位:区司法局
配合单位：各街道办事处

3.健全行政复议工作机制。
责任部门：区司法局、区信访局
`);

  it("reads 牵头单位 as lead and 责任单位 / 配合单位 / 责任部门 as responsible", () => {
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "1",
        text: "完善规范性文件备案审查制度,提高审查质量。",
        lead: ["区司法局"],
        responsible: ["区政府办", "区发改局"],
        deadline: null,
      },
      { code: "2", text: "推进合法性审查全覆盖。", lead: ["区司法局"], responsible: ["各街道办事处"], deadline: null },
      { code: "3", text: "健全行政复议工作机制。", lead: [], responsible: ["区司法局", "区信访局"], deadline: null },
    ]);
    expect(plan.measures.map((m) => m.line)).toEqual([4, 8, 12]);
  });

  it("keeps the chapter as a section", () => {
    expect(plan.sections).toEqual([{ key: "s1", parentKey: null, label: "一、", title: "加强制度建设", line: 3 }]);
    expect(plan.measures.every((m) => m.sectionKey === "s1")).toBe(true);
    expect(plan).toMatchObject({ title: "某区2023年法治政府建设工作要点", kind: "WORK_POINTS", periodStart: 2023, periodEnd: 2023 });
  });

  it("warns that the responsible-only measure has no lead", () => {
    expect(warnings).toEqual(["12 举措 3 未找到牵头单位"]);
  });
});

describe("2. units in 〔…〕 brackets", () => {
  const { plan, warnings } = onlyPlan(`某区法治社会建设实施方案

一、推进全民普法
1.加强宪法学习宣传。〔牵头单位：区司法局〕2.推进“八五”普法规划实施。〔牵头单位：区发改局；责任单位：区财政局〕
3．开展法律进社区活动。〔区司法局牵头，各部门配合〕

二、推进多元治理
4.完善人民调解体系。〔责任单位：区司法局〕三、完善保障措施
5.强化经费保障。〔牵头单位:区财政局〕
`);

  it("splits a bracket running on into the next measure or heading on the same line", () => {
    expect(plan.measures.map(brief)).toEqual([
      { code: "1", text: "加强宪法学习宣传。", lead: ["区司法局"], responsible: [], deadline: null },
      { code: "2", text: "推进“八五”普法规划实施。", lead: ["区发改局"], responsible: ["区财政局"], deadline: null },
      { code: "3", text: "开展法律进社区活动。", lead: ["区司法局"], responsible: ["各部门"], deadline: null },
      { code: "4", text: "完善人民调解体系。", lead: [], responsible: ["区司法局"], deadline: null },
      { code: "5", text: "强化经费保障。", lead: ["区财政局"], responsible: [], deadline: null },
    ]);
    expect(plan.measures.map((m) => m.line)).toEqual([4, 4, 5, 8, 9]);
  });

  it("puts the run-on heading 三、 in its place", () => {
    expect(plan.sections.map((s) => [s.key, s.label, s.title, s.line])).toEqual([
      ["s1", "一、", "推进全民普法", 3],
      ["s2", "二、", "推进多元治理", 7],
      ["s3", "三、", "完善保障措施", 8],
    ]);
    expect(plan.measures.map((m) => m.sectionKey)).toEqual(["s1", "s1", "s1", "s2", "s3"]);
  });

  it("warns about the measure with no lead only", () => {
    expect(warnings).toEqual(["8 举措 4 未找到牵头单位"]);
  });
});

describe("3. a table flattened one cell per line", () => {
  it("序号 / 主要任务 / 牵头、责任部门: a merged unit cell covers the row below", () => {
    const { plan, warnings } = onlyPlan(`某区法治政府建设重点任务分工方案

序号
主要任务
牵头、责任部门
1
完善重大行政决策程序制度，推行决策事项目录管理。
区司法局、区政府办
2
推进行政执法“三项制度”全覆盖。
3
加强行政复议规范化建设。
区司法局
`);
    expect(plan).toMatchObject({ title: "某区法治政府建设重点任务分工方案", kind: "DIVISION_OF_LABOUR" });
    expect(plan.measures.map(brief)).toEqual([
      { code: "1", text: "完善重大行政决策程序制度,推行决策事项目录管理。", lead: ["区司法局"], responsible: ["区政府办"], deadline: null },
      { code: "2", text: "推进行政执法“三项制度”全覆盖。", lead: ["区司法局"], responsible: ["区政府办"], deadline: null },
      { code: "3", text: "加强行政复议规范化建设。", lead: ["区司法局"], responsible: [], deadline: null },
    ]);
    expect(plan.measures.map((m) => m.line)).toEqual([6, 9, 11]);
    expect(warnings).toEqual([
      "3 “牵头、责任部门”为同一列:按惯例把每格第一个单位作为牵头单位,其余作为责任单位,请核对",
      "9 举措 2 没有单位格,按合并单元格沿用举措 1 的单位,请核对",
    ]);
  });

  it("序号 / 主要任务 / 牵头单位 / 责任单位 / 完成时限: a date where units belong is the deadline", () => {
    const { plan, warnings } = onlyPlan(`某区2023年法治建设工作任务清单
序号
主要任务
牵头单位
责任单位
完成时限
一、依法决策
1
制定年度重大行政决策事项目录，
并向社会公布。
区政府办
区司法局
2023年3月底前
2
开展规范性文件清理。
2023年12月底前
二、严格执法
3
推进证明事项告知承诺制。
区司法局
区直各部门
持续开展
4
落实执法责任制。
区司法局
视上级部署
`);
    expect(plan.sections.map((s) => `${s.label}${s.title}`)).toEqual(["一、依法决策", "二、严格执法"]);
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "1",
        text: "制定年度重大行政决策事项目录,并向社会公布。",
        lead: ["区政府办"],
        responsible: ["区司法局"],
        deadline: "2023-03-31",
      },
      { code: "2", text: "开展规范性文件清理。", lead: ["区政府办"], responsible: ["区司法局"], deadline: "2023-12-31" },
      { code: "3", text: "推进证明事项告知承诺制。", lead: ["区司法局"], responsible: ["区直各部门"], deadline: "ongoing" },
      { code: "4", text: "落实执法责任制。", lead: ["区司法局"], responsible: [], deadline: null },
    ]);
    expect(plan.measures.map((m) => m.sectionKey)).toEqual(["s1", "s1", "s2", "s2"]);
    expect(plan.measures[3]!.deadline).toEqual({ text: "视上级部署", date: null, ongoing: false });
    expect(warnings).toEqual([
      "14 举措 2 没有单位格,按合并单元格沿用举措 1 的单位,请核对",
      "23 举措 4 的完成时限“视上级部署”无法识别为日期",
    ]);
  });

  it("a merged deadline cell covers the row below, with a warning; merges stop at a chapter row", () => {
    const { plan, warnings } = onlyPlan(`某区法治政府建设任务分工方案
序号
主要任务
牵头单位
完成时限
1
健全依法决策机制。
区司法局
2024年底前
2
加强合法性审查。
区司法局
3
规范公平竞争审查。
区市场监管局
2025年6月底前
`);
    expect(plan.measures.map(brief)).toEqual([
      { code: "1", text: "健全依法决策机制。", lead: ["区司法局"], responsible: [], deadline: "2024-12-31" },
      { code: "2", text: "加强合法性审查。", lead: ["区司法局"], responsible: [], deadline: "2024-12-31" },
      { code: "3", text: "规范公平竞争审查。", lead: ["区市场监管局"], responsible: [], deadline: "2025-06-30" },
    ]);
    expect(warnings).toEqual(["10 举措 2 没有完成时限格,按合并单元格沿用举措 1 的时限“2024年底前”,请核对"]);
  });
});

describe("4. one unit line after a group of sub-items", () => {
  it("covers the whole group (1)…(4) when the sub-items are the measures", () => {
    const { plan, warnings } = onlyPlan(`某区行政执法工作实施方案
（一）加强执法队伍建设
1.开展执法人员培训：
（1）组织执法人员参加法律知识考试；
（2）开展行政执法案卷评查；

（3）推行执法全过程记录；
（4）落实行政执法责任制。
牵头单位：区司法局；责任单位：区直各执法部门
`);
    const units = { lead: ["区司法局"], responsible: ["区直各执法部门"], deadline: null };
    expect(plan.measures.map(brief)).toEqual([
      { code: "(1)", text: "组织执法人员参加法律知识考试;", ...units },
      { code: "(2)", text: "开展行政执法案卷评查;", ...units },
      { code: "(3)", text: "推行执法全过程记录;", ...units },
      { code: "(4)", text: "落实行政执法责任制。", ...units },
    ]);
    expect(plan.sections.map((s) => [s.key, s.parentKey, s.label, s.title])).toEqual([
      ["s1", null, "(一)", "加强执法队伍建设"],
      ["s2", "s1", "1.", "开展执法人员培训"],
    ]);
    expect(plan.measures.every((m) => m.sectionKey === "s2")).toBe(true);
    expect(warnings).toEqual([]);
  });

  it("gives the units to the measure whose sub-items they follow", () => {
    const { plan, warnings } = onlyPlan(`某区2023年依法行政工作要点
一、严格规范执法
1.推行行政执法公示制度。（牵头单位：区司法局）
2.加强执法人员培训：
（1）组织法律知识考试；
（2）开展案卷评查。
牵头单位：区司法局；责任单位：区直各执法部门
3.健全行政裁量权基准制度。（牵头单位：区司法局）
`);
    expect(plan.measures.map(brief)).toEqual([
      { code: "1", text: "推行行政执法公示制度。", lead: ["区司法局"], responsible: [], deadline: null },
      {
        code: "2",
        text: "加强执法人员培训:\n(1)组织法律知识考试;\n(2)开展案卷评查。",
        lead: ["区司法局"],
        responsible: ["区直各执法部门"],
        deadline: null,
      },
      { code: "3", text: "健全行政裁量权基准制度。", lead: ["区司法局"], responsible: [], deadline: null },
    ]);
    expect(warnings).toEqual([]);
  });

  it("warns when a measure borrows the unit line of the next one among measures that have their own", () => {
    const { plan, warnings } = onlyPlan(`某区2023年依法行政工作要点
一、严格规范执法
1.推行行政执法公示制度。
牵头单位：区司法局
2.完善执法监督体系。
3.加强执法经费保障。
牵头单位：区财政局
`);
    expect(plan.measures.map((m) => [m.code, m.leadUnits])).toEqual([
      ["1", ["区司法局"]],
      ["2", ["区财政局"]],
      ["3", ["区财政局"]],
    ]);
    expect(warnings).toEqual(["5 举措 2 没有自己的单位说明,沿用其后举措 3 的单位说明,请核对"]);
  });
});

describe("5. central-government style annotations", () => {
  const { plan, warnings } = onlyPlan(`某区法治政府建设实施方案（2021－2025年）
一、健全依法决策机制
1.严格落实重大行政决策程序，推行重大行政决策事项年度目录管理（区司法局、区发改局牵头，区直各部门按职责分工负责）。
2.全面推进政务公开，加强政府信息公开平台建设。（区政府办牵头）
3.完善行政规范性文件制定和监督管理机制(区司法局牵头)
4.贯彻落实《优化营商环境条例》（试行）。（区发改局负责）
`);

  it("reads lead and responsible units without labels, at the end of the sentence", () => {
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "1",
        text: "严格落实重大行政决策程序,推行重大行政决策事项年度目录管理。",
        lead: ["区司法局", "区发改局"],
        responsible: ["区直各部门"],
        deadline: null,
      },
      { code: "2", text: "全面推进政务公开,加强政府信息公开平台建设。", lead: ["区政府办"], responsible: [], deadline: null },
      { code: "3", text: "完善行政规范性文件制定和监督管理机制", lead: ["区司法局"], responsible: [], deadline: null },
      // A unit that alone is in charge (负责) leads; "(试行)" stays in the text.
      { code: "4", text: "贯彻落实《优化营商环境条例》(试行)。", lead: ["区发改局"], responsible: [], deadline: null },
    ]);
    expect(plan).toMatchObject({ kind: "IMPLEMENTATION_PLAN", periodStart: 2021, periodEnd: 2025 });
    expect(warnings).toEqual([]);
  });
});

describe("6. numbering levels, gaps and restarts", () => {
  // Each document puts its measures at one level, under headings of the levels above.
  const levels: [string, string, string[]][] = [
    ["一、", "一、加强党的领导。（牵头单位：区委办）\n二、推进科学立法。（牵头单位：区人大常委会办公室）", ["一", "二"]],
    [
      "(一)",
      "一、总体要求\n（一）加强党的领导。（牵头单位：区委办）\n（二）推进科学立法。（牵头单位：区人大常委会办公室）",
      ["(一)", "(二)"],
    ],
    [
      "1.",
      "一、总体要求\n（一）加强领导\n1.加强党的领导。（牵头单位：区委办）\n2.推进科学立法。（牵头单位：区人大常委会办公室）",
      ["1", "2"],
    ],
    [
      "1.1",
      "（一）加强领导\n1.健全机制\n1.1 加强党的领导。（牵头单位：区委办）\n1.2推进科学立法。（牵头单位：区人大常委会办公室）",
      ["1.1", "1.2"],
    ],
    [
      "(1)",
      "一、总体要求\n1.健全机制\n（1）加强党的领导。（牵头单位：区委办）\n(2)推进科学立法。（牵头单位：区人大常委会办公室）",
      ["(1)", "(2)"],
    ],
    ["①", "1.健全机制\n（1）完善制度\n①加强党的领导。（牵头单位：区委办）\n②推进科学立法。（牵头单位：区人大常委会办公室）", ["①", "②"]],
  ];

  it.each(levels)("measures at level %s", (_level, body, codes) => {
    const { plan, warnings } = onlyPlan(`某区2023年法治建设工作方案\n${body}\n`);
    expect(plan.measures.map(brief)).toEqual([
      { code: codes[0], text: "加强党的领导。", lead: ["区委办"], responsible: [], deadline: null },
      { code: codes[1], text: "推进科学立法。", lead: ["区人大常委会办公室"], responsible: [], deadline: null },
    ]);
    // Every heading above the measures is a section, and the measures hang from the deepest.
    const headings = body.split("\n").length - 2;
    expect(plan.sections).toHaveLength(headings);
    expect(plan.measures[0]!.sectionKey).toBe(plan.sections.at(-1)?.key ?? null);
    expect(warnings).toEqual([]);
  });

  it("nests all six levels, measures at ①", () => {
    const { plan } = onlyPlan(`某区2023年法治建设工作方案
一、完善执法制度
（一）健全执法程序
1.规范执法流程
1.1细化执法环节
（1）明确立案标准
①制定立案标准清单。（牵头单位：区司法局）
②公开立案标准。（牵头单位：区政务服务局）
`);
    expect(plan.sections.map((s) => [s.key, s.parentKey, s.label])).toEqual([
      ["s1", null, "一、"],
      ["s2", "s1", "(一)"],
      ["s3", "s2", "1."],
      ["s4", "s3", "1.1"],
      ["s5", "s4", "(1)"],
    ]);
    expect(plan.measures.map((m) => [m.code, m.sectionKey])).toEqual([
      ["①", "s5"],
      ["②", "s5"],
    ]);
  });

  it("warns about gaps and repeats in measures and chapters, not about restarts under a new heading", () => {
    const { plan, warnings } = onlyPlan(`某区法治政府建设规划
一、健全制度体系
（一）完善立法机制
1.加强重点领域立法。
2.推进规范性文件备案审查。
4.开展规章清理。
（二）加强执法监督
1.推行执法全过程记录。
2.落实执法公示制度。
三、强化组织保障
（三）加强考核
1.开展法治建设考核。
1.开展重复考核。
`);
    expect(plan.measures.map((m) => m.code)).toEqual(["1", "2", "4", "1", "2", "1", "1"]);
    expect(warnings).toEqual([
      "6 编号不连续:2 之后是 4,请核对是否有遗漏",
      "10 编号不连续:一 之后是 三,请核对是否有遗漏",
      "13 编号重复:1 之后又是 1,请核对",
    ]);
  });

  it("without any units, the measures are the items most often without sub-items", () => {
    const { plan, warnings } = onlyPlan(`某区法治社会建设实施方案
一、推进普法
1.加强宪法宣传。
2.开展法律进社区，包括：
(1)组织法律讲座；
(2)开展以案释法。
3.推进法治文化阵地建设。
二、推进治理
1.完善调解体系。
`);
    expect(plan.measures.map((m) => [m.code, m.text])).toEqual([
      ["1", "加强宪法宣传。"],
      ["2", "开展法律进社区,包括:\n(1)组织法律讲座;\n(2)开展以案释法。"],
      ["3", "推进法治文化阵地建设。"],
      ["1", "完善调解体系。"],
    ]);
    expect(plan.sections.map((s) => s.label)).toEqual(["一、", "二、"]);
    expect(warnings).toEqual([]);
  });
});

describe("7. normalisation", () => {
  const { plan, warnings } = onlyPlan(`• 设为首页
• 加入收藏
某区2022年法治政府建设工作要点
（上接第一版）

一、优化法治化营商环境
1.全面清理涉企收费和检查事项，推进“证照分离”改革
全覆盖。（牵头单位：区发改局、、区市场监督管理局；责任单位：各县（市、区）人民政府）
- 1 -
2.开展公平竞争审查，清理妨碍统一市场的政策措施（牵头单位：区市场监督管理局；责任
单位：区司法局、区商务局等部门）
— 2 —
3.加强知识产权保护，健全侵权快速处理机制，
推动建立知识产权纠纷多元化解机制。
牵头单位：区市场
监督管理局
责任编辑：王某某
附件1：重点任务清单
当前页二维码
`);

  it("strips page furniture, joins hard-wrapped lines and reads the units", () => {
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "1",
        text: "全面清理涉企收费和检查事项,推进“证照分离”改革全覆盖。",
        lead: ["区发改局", "区市场监督管理局"],
        responsible: ["各县(市、区)人民政府"],
        deadline: null,
      },
      {
        code: "2",
        text: "开展公平竞争审查,清理妨碍统一市场的政策措施",
        lead: ["区市场监督管理局"],
        responsible: ["区司法局", "区商务局"],
        deadline: null,
      },
      {
        code: "3",
        text: "加强知识产权保护,健全侵权快速处理机制,推动建立知识产权纠纷多元化解机制。",
        lead: ["区市场监督管理局"],
        responsible: [],
        deadline: null,
      },
    ]);
    expect(plan.title).toBe("某区2022年法治政府建设工作要点");
    expect(plan.sections.map((s) => s.title)).toEqual(["优化法治化营商环境"]);
  });

  it("warns that a list ending in 等部门 may be incomplete", () => {
    expect(warnings).toEqual(["10 举措 2 的单位名单以“等”结尾,可能不完整,请核对"]);
  });

  it("drops furniture lines but keeps the input's line numbers", () => {
    const lines = normaliseLines(
      "设为首页\n- 1 -\n（上接第一版）\n责任编辑：王某某\n附件1：重点任务清单\n当前页二维码\n１．加强　宪法宣传；\n",
    );
    expect(lines).toEqual([{ text: "1.加强 宪法宣传;", line: 7 }]);
  });
});

describe("8. deadlines", () => {
  const { plan, warnings } = onlyPlan(`某区2022年法治建设工作要点
一、重点任务
1.编制年度行政执法检查计划。
牵头单位：区司法局
完成时限：2022年6月底前
2.推进行政执法案卷评查全覆盖。（牵头单位：区司法局；完成时限：2024年前）
3.2022年10月底前编制区级权责清单。（牵头单位：区委编办）
4.持续开展法治宣传教育。
牵头单位：区司法局
完成时限：持续开展
5.落实行政执法责任制。
牵头单位：区司法局
完成时限：根据上级部署
6.开展法治督察（区司法局牵头，2023年底前完成）
7.2024年前完成复议规范化建设。（牵头单位：区司法局）
`);

  it("reads labelled, bracketed and in-sentence deadlines", () => {
    expect(plan.measures.map((m) => [m.code, m.deadline])).toEqual([
      ["1", { text: "2022年6月底前", date: "2022-06-30", ongoing: false }],
      ["2", { text: "2024年前", date: "2024-12-31", ongoing: false }],
      ["3", { text: "2022年10月底前", date: "2022-10-31", ongoing: false }],
      ["4", { text: "持续开展", date: null, ongoing: true }],
      ["5", { text: "根据上级部署", date: null, ongoing: false }],
      ["6", { text: "2023年底前完成", date: "2023-12-31", ongoing: false }],
      ["7", { text: "2024年前", date: "2024-12-31", ongoing: false }],
    ]);
    expect(plan.measures[2]!.text).toBe("2022年10月底前编制区级权责清单。");
    expect(plan.measures[5]).toMatchObject({ text: "开展法治督察", leadUnits: ["区司法局"] });
  });

  it("warns about the deadline it cannot read, and nothing else", () => {
    expect(warnings).toEqual(["11 举措 5 的完成时限“根据上级部署”无法识别为日期"]);
  });
});

describe("hard wraps and run-ons", () => {
  it("joins a long item wrapped mid-word, but not a heading and its introduction", () => {
    const { plan, warnings } = onlyPlan(`某区法治政府建设行动计划
一、健全依法决策机制
坚持科学决策、民主决策、依法决策，着力实现行政决策程序规定严格落实。
1.1 加强重大行政决策公众参与力度，提高专家论证质量，充分发挥风险评估功能，建立重大行政决策全过程记录材料归档和档案管理制
度，实现重大行政决策年度目录事项全部立卷归档。
（牵头单位：区政府办公室、区司法局；完成时限：长期坚持）
`);
    expect(plan.sections.map((s) => s.title)).toEqual(["健全依法决策机制"]);
    expect(plan.measures.map(brief)).toEqual([
      {
        code: "1.1",
        text: "加强重大行政决策公众参与力度,提高专家论证质量,充分发挥风险评估功能,建立重大行政决策全过程记录材料归档和档案管理制度,实现重大行政决策年度目录事项全部立卷归档。",
        lead: ["区政府办公室", "区司法局"],
        responsible: [],
        deadline: "ongoing",
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it("splits after a bracket with brackets inside, and only after an annotation", () => {
    const { plan, warnings } = onlyPlan(`某区法治政府建设工作要点
1.加强学习（牵头单位：各单位党委（党组））2.落实《法治政府建设实施纲要（2021－2025年）》3.推进普法（区司法局牵头）
`);
    expect(plan.measures.map(brief)).toEqual([
      { code: "1", text: "加强学习", lead: ["各单位党委(党组)"], responsible: [], deadline: null },
      {
        code: "2",
        text: "落实《法治政府建设实施纲要(2021-2025年)》3.推进普法",
        lead: ["区司法局"],
        responsible: [],
        deadline: null,
      },
    ]);
    expect(warnings).toEqual([]);
  });
});

describe("doubtful spots are warnings", () => {
  it("an impossible issue date is dropped with a warning", () => {
    const { plans, warnings } = parse(`某区2023年法治建设工作要点
2023年2月30日
1.开展执法检查。
`);
    expect(plans[0]!.issueDate).toBeNull();
    expect(messages(warnings)).toEqual(["2 发布日期“2023年2月30日”不是有效日期,已忽略"]);
  });

  it("reads an annotation cut off before its closing bracket, and says so", () => {
    const { plan, warnings } = onlyPlan(`某区2023年法治建设工作要点
1.推进执法规范化建设（牵头单位：区司法局；责任单位：区公安分局
2.完善执法监督体系。（牵头单位：区司法局）
`);
    expect(plan.measures.map(brief)[0]).toEqual({
      code: "1",
      text: "推进执法规范化建设",
      lead: ["区司法局"],
      responsible: ["区公安分局"],
      deadline: null,
    });
    expect(warnings).toEqual(["2 单位说明缺少右括号,可能被截断,请核对"]);
  });

  it("adds a trailing paragraph to its measure and ignores a signature, with warnings", () => {
    const { plan, warnings } = onlyPlan(`某区2023年法治建设工作要点
一、重点任务
1.开展执法检查。（牵头单位：区司法局）
各单位要高度重视，认真抓好落实。
某区人民政府办公室
2023年3月1日
`);
    expect(plan.measures.map((m) => m.text)).toEqual(["开展执法检查。\n各单位要高度重视,认真抓好落实。"]);
    expect(warnings).toEqual([
      "4 未编号的段落已并入举措 1 的正文,请核对",
      "5 无法归入任何举措的内容,已忽略:“某区人民政府办公室”",
      "6 无法归入任何举措的内容,已忽略:“2023年3月1日”",
    ]);
  });

  it("a unit line before any measure is ignored with a warning", () => {
    const { warnings } = parse(`某区2023年法治建设工作要点
牵头单位：区司法局
1.开展执法检查。
`);
    expect(messages(warnings)).toEqual(["2 单位说明前没有对应的举措,已忽略"]);
  });
});

// How long it takes is printed by `npm run bench:import`; here, that all of it is read.
describe("a long document", () => {
  it("parses a 999-measure document whole", () => {
    const body = Array.from(
      { length: 999 },
      (_, i) => `${i + 1}.推进第${i + 1}项工作，2025年底前完成。（牵头单位：区司法局；责任单位：区直各部门等部门）`,
    ).join("\n");
    const { plans } = parse(`某区法治政府建设实施方案\n一、主要任务\n${body}\n`);
    expect(plans[0]!.measures).toHaveLength(999);
    expect(plans[0]!.measures[998]).toMatchObject({ code: "999", leadUnits: ["区司法局"], deadline: { date: "2025-12-31" } });
  });
});
