import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { looksLikeAnnualReport, matchStandardSection, parseAnnualReport, STANDARD_REPORT_SECTIONS } from "@/lib/import/report-parser.ts";

const SEEDS = path.resolve(import.meta.dirname, "../../fixtures/seeds");
const seed = (name: string) => normaliseLines(readFileSync(path.join(SEEDS, name), "utf8"));
const parse = (text: string) => parseAnnualReport(normaliseLines(text));

describe("seed 001: 松江区 2024 report (no title line)", () => {
  const lines = seed("001-songjiang-report-2024.txt");
  const { report, warnings } = parseAnnualReport(lines);

  it("is recognised as an annual report", () => {
    expect(looksLikeAnnualReport(lines)).toBe(true);
  });

  it("takes region and year from the opening paragraph", () => {
    expect(report.regionName).toBe("松江区");
    expect(report.year).toBe(2024);
  });

  it("generates the missing title and says so", () => {
    expect(report.title).toBe("松江区2024年法治政府建设年度报告");
    expect(warnings).toEqual([{ line: 1, message: "未找到报告标题,已按地区和年度生成“松江区2024年法治政府建设年度报告”" }]);
  });

  it("splits on the top-level sections only, preamble first", () => {
    expect(report.sections.map((s) => [s.line, s.heading])).toEqual([
      [1, "概述"],
      [2, "深入学习贯彻习近平法治思想,切实履行推进法治政府建设工作职责"],
      [9, "2024年度法治政府建设主要举措和成效"],
      [34, "2024年法治政府建设存在的不足和原因"],
      [39, "2025年推进法治政府建设的主要安排"],
    ]);
    expect(report.sections.map((s) => matchStandardSection(s.heading))).toEqual([null, 0, 1, 2, 3]);
  });

  it("keeps sub-headings and 一是/二是 paragraphs inside the section body", () => {
    const achievements = report.sections[2]!;
    const bodyLines = achievements.body.split("\n");
    expect(bodyLines).toHaveLength(24);
    expect(bodyLines[0]).toBe("(一)加强长三角一体化建设工作的法治保障");
    expect(bodyLines[1]).toMatch(/^一是强化长三角G60科创走廊公共法律服务中心建设。/);
    expect(bodyLines.at(-1)).toBe(
      "三是深入推进公共法律服务体系建设。开展2024年度区间交叉检查,在随申办上线“法律服务数字平台”。加强街镇公服点位建设,实现“一码公示”“一码查询”。着力推进法律援助案件覆盖,持续推进法律援助工作。",
    );
    expect(report.sections[0]!.body).toMatch(/^2024年是新中国成立75周年,.*现代化新松江。$/);
    expect(report.sections[4]!.body.split("\n")).toHaveLength(7);
  });
});

describe("seed 003: 罗店镇 2020 report", () => {
  const lines = seed("003-luodian-report-2020.txt");
  const { report, warnings } = parseAnnualReport(lines);

  it("is recognised as an annual report", () => {
    expect(looksLikeAnnualReport(lines)).toBe(true);
  });

  it("finds region, year and the five sections in order", () => {
    expect(report.regionName).toBe("罗店镇");
    expect(report.year).toBe(2020);
    expect(report.title).toBe("罗店镇2020年法治政府建设年度报告");
    expect(warnings.map((w) => w.message)).toEqual(["未找到报告标题,已按地区和年度生成“罗店镇2020年法治政府建设年度报告”"]);
    expect(report.sections.map((s) => [s.line, s.heading])).toEqual([
      [1, "概述"],
      [2, "推进法治政府建设的主要举措和成效"],
      [11, "推进法治政府建设存在的不足和原因"],
      [13, "党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况"],
      [23, "2021年推进法治政府建设的主要安排"],
      [30, "2020年度法治督查整改情况"],
    ]);
  });

  it("maps the headings onto the national outline", () => {
    expect(report.sections.slice(1).map((s) => matchStandardSection(s.heading))).toEqual([1, 2, 0, 3, 4]);
  });

  it("keeps (一)/一是 inside bodies and rejoins a line broken mid-sentence", () => {
    expect(report.sections[1]!.body.split("\n")[0]).toBe("(一)建立健全制度机制,组织领导更加坚强有力");
    expect(report.sections[2]!.body).toMatch(/^一是在公共法律服务方面.*三是在政府服务理念.*还需不断增强。$/);
    const plans = report.sections[4]!.body.split("\n");
    expect(plans).toHaveLength(5);
    expect(plans[2]).toBe(
      "(三)完善政府法律顾问使用管理机制。加强对政府法律顾问的日常管理,完善工作台账制度和年度工作报告制度,进一步提升政府法律顾问服务质效,充分发挥政府法律顾问参谋助手作用。",
    );
    expect(report.sections[5]!.body.split("\n")).toHaveLength(5);
  });
});

describe("looksLikeAnnualReport on plans", () => {
  it.each(["000-baoshan-plan.txt", "002-huairou-action-plan.txt", "004-xialu-division.txt"])("%s is not a report", (name) => {
    expect(looksLikeAnnualReport(seed(name))).toBe(false);
  });

  it.each([
    ["a report title", "嘉定区2024年法治政府建设年度报告\n2024年,嘉定区全面推进依法行政。", true],
    ["a 情况的报告 title", "关于2023年度法治政府建设情况的报告\n2023年,我区全面推进依法行政。", true],
    ["an 工作情况报告 title", "罗店镇2020年法治政府建设工作情况报告\n2020年,罗店镇全面推进依法行政。", true],
    ["an implementation plan", "关于印发《嘉定区法治政府建设实施方案》的通知\n各街镇:现将实施方案印发给你们。", false],
    ["a plan with a report-like body", "嘉定区法治政府建设规划(2021-2025年)\n一、主要举措和成效\n二、存在的不足和原因", false],
    ["a 政府工作报告", "2024年政府工作报告\n一、2023年工作回顾\n过去一年,我们砥砺前行。", false],
    [
      "a table of 牵头单位/完成时限",
      "一、主要举措和成效\n1.深化改革。\n牵头单位\n完成时限\n二、存在的不足和原因\n三、下一步工作计划",
      false,
    ],
  ])("%s", (_name, text, expected) => {
    expect(looksLikeAnnualReport(normaliseLines(text))).toBe(expected);
  });
});

describe("parseAnnualReport on hand-written reports", () => {
  it("reads the year from the title, not the publication date, and skips page furniture", () => {
    const { report, warnings } = parse(
      [
        "上海市嘉定区人民政府",
        "首页 > 政务公开 > 法治政府建设",
        "嘉定区2024年法治政府建设年度报告",
        "发布日期:2025-03-20",
        "来源:区司法局",
        "2024年,嘉定区坚持以习近平法治思想为指导,全面推进法治政府建设。现将有关情况报告如下:",
        "一、主要举措和成效",
        "(一)深化“放管服”改革",
        "一是推进“高效办成一件事”。全年办理事项1200件。",
        "二是优化营商环境。",
        "二、存在的不足和原因",
        "法治意识有待加强。",
        "三、2025年工作安排",
        "持续深化依法行政。",
        "嘉定区人民政府",
        "2025年3月20日",
      ].join("\n"),
    );
    expect(warnings).toEqual([]);
    expect(report).toEqual({
      title: "嘉定区2024年法治政府建设年度报告",
      regionName: "嘉定区",
      year: 2024,
      sections: [
        { heading: "概述", body: "2024年,嘉定区坚持以习近平法治思想为指导,全面推进法治政府建设。现将有关情况报告如下:", line: 6 },
        {
          heading: "主要举措和成效",
          body: "(一)深化“放管服”改革\n一是推进“高效办成一件事”。全年办理事项1200件。\n二是优化营商环境。",
          line: 7,
        },
        { heading: "存在的不足和原因", body: "法治意识有待加强。", line: 11 },
        { heading: "2025年工作安排", body: "持续深化依法行政。", line: 13 },
      ],
    });
  });

  it("prefers a title naming the year or place over a bare site column name", () => {
    const { report } = parse("法治政府建设年度报告\n浦东新区2024年法治政府建设年度报告\n一、主要举措和成效\n全年完成任务。");
    expect(report.title).toBe("浦东新区2024年法治政府建设年度报告");
    expect(report.regionName).toBe("浦东新区");
  });

  it("gets 2024 from a title like XX区2024年… when the page says 发布日期:2025-03-20", () => {
    const { report } = parse("发布日期:2025-03-20\nXX区2024年法治政府建设年度报告\n一、主要举措和成效\n全年完成任务。");
    expect(report.title).toBe("XX区2024年法治政府建设年度报告");
    expect(report.year).toBe(2024);
    expect(report.sections.map((s) => s.heading)).toEqual(["主要举措和成效"]);
  });

  it("does not take the region from the site name or a dated header line", () => {
    const { report, warnings } = parse(
      "上海市青浦区人民政府\n2025年03月20日\n关于2024年度法治政府建设情况的报告\n2024年,全区上下深入推进依法行政。\n一、主要举措和成效\n全年完成任务。",
    );
    expect(report.year).toBe(2024);
    expect(report.regionName).toBeNull();
    expect(report.title).toBe("关于2024年度法治政府建设情况的报告");
    expect(warnings).toEqual([{ line: 3, message: "未能识别报告所属地区:标题和开头段落中没有区、县、镇、街道等地名,请手工选择" }]);
  });

  it("reads full-width digits and punctuation after normalisation", () => {
    const { report, warnings } = parse(
      "静安区２０２４年法治政府建设情况报告\n２０２４年，静安区持续推进法治政府建设。\n一、推进法治政府建设的主要举措和成效\n（一）加强组织领导\n一是召开专题会议３次。\n二、存在的不足和原因\n（一）基层执法力量不足。",
    );
    expect(warnings).toEqual([]);
    expect(report.title).toBe("静安区2024年法治政府建设情况报告");
    expect(report.regionName).toBe("静安区");
    expect(report.year).toBe(2024);
    expect(report.sections.map((s) => s.heading)).toEqual(["概述", "推进法治政府建设的主要举措和成效", "存在的不足和原因"]);
    expect(report.sections[1]!.body).toBe("(一)加强组织领导\n一是召开专题会议3次。");
  });

  it("reads a year written in Chinese numerals", () => {
    const { report } = parse("金山区二〇二三年法治政府建设年度报告\n一、主要举措和成效\n全年完成任务。");
    expect(report.year).toBe(2023);
    expect(report.regionName).toBe("金山区");
  });

  it("takes the year from the opening sentence when the title lacks it", () => {
    const { report, warnings } = parse(
      "安吉县法治政府建设工作情况报告\n2023年,我县坚持以习近平法治思想为指导,全面落实《法治政府建设实施纲要(2021-2025年)》。\n一、主要举措和成效\n全年办理行政复议案件12件。",
    );
    expect(warnings).toEqual([]);
    expect(report.title).toBe("安吉县法治政府建设工作情况报告");
    expect(report.regionName).toBe("安吉县");
    expect(report.year).toBe(2023);
  });

  it("falls back to the years in the headings, counting back from the next year's plan", () => {
    const { report } = parse("今年以来,徐汇区持续推进依法行政。\n一、2025年主要工作安排\n继续推进。");
    expect(report.regionName).toBe("徐汇区");
    expect(report.year).toBe(2024);
    expect(report.title).toBe("徐汇区2024年法治政府建设年度报告");
  });

  it("warns when there are no sections and keeps the prose as 概述", () => {
    const { report, warnings } = parse(
      "德清县2023年法治政府建设情况\n2023年,德清县深入推进依法行政,全年办理行政复议案件12件。\n德清县人民政府\n2024年2月1日",
    );
    expect(report.sections).toEqual([{ heading: "概述", body: "2023年,德清县深入推进依法行政,全年办理行政复议案件12件。", line: 2 }]);
    expect(warnings).toEqual([{ line: 1, message: "未找到“一、二、三……”形式的一级标题,全文作为“概述”一节导入" }]);
  });

  it("warns about everything it could not find", () => {
    const { report, warnings } = parse("法治政府建设\n");
    expect(report).toEqual({ title: "法治政府建设年度报告", regionName: null, year: null, sections: [] });
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [1, "未能识别报告年度:标题和开头段落中没有“XXXX年”,请手工填写"],
      [1, "未能识别报告所属地区:标题和开头段落中没有区、县、镇、街道等地名,请手工选择"],
      [1, "未找到报告标题,已按地区和年度生成“法治政府建设年度报告”"],
      [1, "未找到“一、二、三……”形式的一级标题,也没有可导入的正文"],
    ]);
  });

  it("does not start a section for an out-of-sequence label or a 一是 paragraph", () => {
    const { report } = parse(
      "普陀区2024年法治政府建设年度报告\n一、主要举措和成效\n一是完善制度。\n三、这一行编号不连续\n二、存在的不足和原因\n一、仍有差距。",
    );
    expect(report.sections.map((s) => [s.heading, s.body])).toEqual([
      ["主要举措和成效", "一是完善制度。\n三、这一行编号不连续"],
      ["存在的不足和原因", "一、仍有差距。"],
    ]);
  });

  it("splits a heading that runs into its first sentence", () => {
    const { report } = parse("长宁区2024年法治政府建设年度报告\n一、主要举措和成效。2024年,我区完成各项任务。\n(一)强化领导");
    expect(report.sections).toEqual([{ heading: "主要举措和成效", body: "2024年,我区完成各项任务。\n(一)强化领导", line: 2 }]);
  });
});

describe("matchStandardSection", () => {
  it("lists the national outline in order", () => {
    expect(STANDARD_REPORT_SECTIONS).toEqual([
      "党政主要负责人履行推进法治建设第一责任人职责情况",
      "主要举措和成效",
      "存在的不足和原因",
      "下一年度主要安排",
      "督察整改情况",
    ]);
  });

  it.each([
    ["党政主要负责人履行推进法治建设第一责任人职责情况", 0],
    ["推进法治政府建设的主要举措和成效", 1],
    ["2024年主要工作", 1],
    ["存在的不足和原因", 2],
    ["存在的问题", 2],
    ["下一年度推进法治政府建设的主要安排", 3],
    ["下一步工作计划", 3],
    ["2025年主要工作安排", 3],
    ["法治督察整改情况", 4],
    ["督查反馈问题整改情况", 4],
    ["其他需要报告的情况", null],
  ])("%s → %s", (heading, expected) => {
    expect(matchStandardSection(heading)).toBe(expected);
  });
});
