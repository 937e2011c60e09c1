import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { classifyDocument } from "@/lib/import/classify.ts";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import { parseAnnualReport } from "@/lib/import/report-parser.ts";
import { readSeed, SEEDS } from "./seeds.ts";

// Issue 13: annual reports with no title line or in traditional characters,
// and text that is neither a plan nor a report. The samples under
// tests/fixtures/import/ are invented, in the wording districts publish.
const sample = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, "../../fixtures/import", name), "utf8");

describe("classifyDocument", () => {
  it.each([
    ["seed 000", "plans", readSeed("baoshanPlan")],
    ["seed 001", "annualReport", readSeed("songjiangReport")],
    ["seed 002", "plans", readSeed("huairouPlan")],
    ["seed 003", "annualReport", readSeed("luodianReport")],
    ["seed 004", "plans", readSeed("xialuDivision")],
    ["report with no title line", "annualReport", sample("report-untitled.txt")],
    ["untitled report whose headings name no outline section", "annualReport", sample("report-untitled-plain-headings.txt")],
    ["report in traditional characters", "annualReport", sample("report-traditional.txt")],
    ["untitled report in traditional characters", "annualReport", sample("report-traditional-untitled.txt")],
    ["news item mentioning 牵头/配合", "unknown", sample("news-item.txt")],
    ["政策解读 of a 实施方案", "unknown", sample("policy-interpretation.txt")],
    ["writing guideline for annual reports", "unknown", sample("report-writing-guideline.txt")],
    [
      "a plan whose title starts 关于做好",
      "plans",
      "关于做好2022年度法治政府建设工作的实施意见\n1.全面推行行政执法公示制度。(牵头单位:区司法局;责任单位:各行政执法部门)\n2.加强合法性审核。(牵头单位:区司法局;责任单位:区政府办公室)",
    ],
    [
      "a notice asking for reports",
      "unknown",
      "关于做好2022年度法治政府建设年度报告报送工作的通知\n各街道、区政府各部门:\n1.各单位于1月31日前报送年度报告。\n2.报告经本单位主要负责人审定。",
    ],
    [
      "news with no headline, by its dateline",
      "unknown",
      "日前,区司法局组织召开行政执法工作推进会。\n1.全面推行行政执法公示制度(区司法局牵头,各行政执法部门配合)。",
    ],
    [
      "news from a news site",
      "unknown",
      "本报讯(记者 李某)区司法局牵头召开法治政府建设推进会。\n1.全面推行行政执法公示制度(区司法局牵头)。",
    ],
    [
      "an untitled plan whose opening speaks of 通讯",
      "plans",
      "加强通讯保障,推进依法行政。\n1.全面推行行政执法公示制度。(牵头单位:区司法局;责任单位:各行政执法部门)",
    ],
    // A site's menu or its related-news links above the title are not the title.
    ["plan under a site menu that lists 政策解读", "plans", sample("plan-site-menu.txt")],
    ["plan under related-news links (召开)", "plans", sample("plan-related-news.txt")],
    [
      "a news item under a site menu",
      "unknown",
      "政务公开\n政策解读\n互动交流\n区司法局召开2023年度行政执法工作会议\n会议要求:\n1.全面推行行政执法公示制度(区司法局牵头,各行政执法部门配合)。",
    ],
    [
      "a news item under the site's name",
      "unknown",
      "南屏区人民政府门户网站\n区司法局召开2023年度行政执法工作会议\n会议要求:\n1.全面推行行政执法公示制度(区司法局牵头,各行政执法部门配合)。",
    ],
    [
      "an outline for writing annual reports (编写提纲)",
      "unknown",
      "南屏区法治政府建设年度报告编写提纲\n一、报告内容\n(一)上一年度推进法治政府建设的主要举措和成效。\n(二)存在的不足和原因。\n二、报送要求\n各单位于1月31日前报送区司法局。",
    ],
    [
      "a reference format for annual reports (参考格式)",
      "unknown",
      "南屏区2023年法治政府建设年度报告(参考格式)\n2023年,在区委、区政府的坚强领导下,XX单位……现将有关情况报告如下。\n一、主要举措和成效\n二、存在的不足和原因\n三、下一年度工作安排",
    ],
    [
      "撰写 next to 年度报告 in a title",
      "unknown",
      "关于规范法治政府建设年度报告撰写的若干要求\n一、报告内容\n年度报告应当包括主要举措和成效、存在的不足和原因。\n二、报送时间\n每年1月31日前报送。",
    ],
    [
      "一图看懂《…实施方案》",
      "unknown",
      "一图看懂《南屏区法治政府建设实施方案(2023—2025年)》\n一、总体目标\n1.到2025年,法治政府建设取得重要进展。\n2.行政执法更加规范。",
    ],
    [
      "政策问答 on a 实施方案",
      "unknown",
      "《南屏区法治政府建设实施方案(2023—2025年)》政策问答\n1.为什么要制定《实施方案》?\n2.《实施方案》提出了哪些举措(区司法局牵头)?",
    ],
    [
      "关于《…实施方案》的说明",
      "unknown",
      "关于《南屏区法治政府建设实施方案(2023—2025年)》的说明\n一、起草背景\n为贯彻落实中央和市委部署,区司法局起草了《实施方案》。\n二、主要内容\n1.依法全面履行政府职能(区司法局牵头)。",
    ],
    [
      "a report that calls itself …工作情况的说明",
      "annualReport",
      "关于南屏区2024年度法治政府建设工作情况的说明\n2024年,在区委、区政府的坚强领导下,南屏区深入推进法治政府建设。现将有关情况报告如下。\n一、主要举措和成效\n(一)强化组织领导。区政府常务会议专题研究法治政府建设4次。\n二、存在的不足和原因\n行政执法规范化水平有待提高。\n三、下一年度工作安排\n持续深化法治政府建设。",
    ],
    ["a few sentences of nothing", "unknown", "今天天气很好。\n我们去公园散步。"],
    ["empty text", "unknown", ""],
  ] as const)("%s → %s", (_name, kind, text) => {
    expect(classifyDocument(normaliseLines(text)).kind).toBe(kind);
  });

  it.each([
    ["news-item.txt", 1, ["新闻", "近日", "召开"]],
    ["policy-interpretation.txt", 1, ["解读"]],
    ["report-writing-guideline.txt", 1, ["指引"]],
  ] as const)("%s: says why, in Chinese, and on which line", (name, line, words) => {
    const verdict = classifyDocument(normaliseLines(sample(name)));
    expect(verdict.line).toBe(line);
    for (const word of words) expect(verdict.reason).toContain(word);
  });

  it.each([
    ["编写提纲", "南屏区法治政府建设年度报告编写提纲\n一、报告内容\n(一)主要举措和成效。", "年度报告编写"],
    ["参考格式", "南屏区2023年法治政府建设年度报告(参考格式)\n一、主要举措和成效", "参考格式"],
    ["一图看懂", "一图看懂《南屏区法治政府建设实施方案(2023—2025年)》\n1.到2025年,法治政府建设取得重要进展。", "一图看懂"],
    ["的说明", "关于《南屏区法治政府建设实施方案(2023—2025年)》的说明\n1.依法全面履行政府职能(区司法局牵头)。", "》的说明"],
    [
      "一图读懂 on its own line",
      "一图读懂\n《南屏区法治政府建设实施方案(2024—2026年)》\n1.到2025年,法治政府建设取得重要进展。\n2.行政执法更加规范(区司法局牵头)。",
      "一图读懂",
    ],
    ["图解 on its own line", "图解:\n南屏区法治政府建设实施方案(2024—2026年)\n1.到2025年,法治政府建设取得重要进展。", "图解:"],
    ["news under a menu", "政务公开\n政策解读\n区司法局召开2023年度行政执法工作会议\n1.全面推行行政执法公示制度(区司法局牵头)。", "召开"],
  ])("%s: the reason names the word of the document's own title", (_name, text, word) => {
    const verdict = classifyDocument(normaliseLines(text));
    expect(verdict.kind).toBe("unknown");
    expect(verdict.reason).toContain(`“${word}”`);
    expect(verdict.reason).not.toContain("“解读”");
  });

  it.each([
    ["plan-site-menu.txt", "南屏区法治政府建设实施方案(2023—2025年)", ["1", "2", "3", "4"], "区司法局"],
    ["plan-related-news.txt", "北岭区法治政府建设实施方案(2023—2025年)", ["1", "2", "3"], "区委编办"],
  ])("%s: the plan under the site's menu or links, with its own title and measures", (name, title, codes, lead) => {
    const parsed = parseDocumentText(sample(name));
    expect(parsed.kind).toBe("plans");
    if (parsed.kind !== "plans") return;
    expect(parsed.plans.map((p) => p.title)).toEqual([title]);
    expect(parsed.plans[0]!.measures.map((m) => m.code)).toEqual(codes);
    expect(parsed.plans[0]!.measures[0]!.leadUnits).toEqual([lead]);
  });

  it("says that no numbered measure was found in prose that is nothing else", () => {
    const verdict = classifyDocument(normaliseLines("今天天气很好。\n我们去公园散步。"));
    expect(verdict.reason).toContain("没有找到任何举措");
  });

  it("classifies the seeds without a reason to report", () => {
    for (const name of Object.keys(SEEDS) as (keyof typeof SEEDS)[]) {
      expect(classifyDocument(normaliseLines(readSeed(name))).reason).toBe("");
    }
  });
});

describe("parseDocumentText: neither plan nor report", () => {
  it.each(["news-item.txt", "policy-interpretation.txt", "report-writing-guideline.txt"])(
    "%s is unrecognised, with the reason as a warning",
    (name) => {
      const parsed = parseDocumentText(sample(name));
      expect(parsed.kind).toBe("unrecognised");
      if (parsed.kind !== "unrecognised") return;
      expect(parsed.reason).not.toBe("");
      expect(parsed.warnings[0]).toEqual({ line: 1, message: `未识别为规划或年度报告:${parsed.reason}` });
    },
  );

  it("reads the text as the kind the user chose", () => {
    const asPlans = parseDocumentText(sample("news-item.txt"), { kind: "plans" });
    expect(asPlans.kind).toBe("plans");
    if (asPlans.kind === "plans") expect(asPlans.plans[0]!.measures.map((m) => m.code)).toEqual(["1", "2", "3"]);
    const asReport = parseDocumentText(sample("report-writing-guideline.txt"), { kind: "annualReport" });
    expect(asReport.kind).toBe("annualReport");
    if (asReport.kind === "annualReport")
      expect(asReport.report.sections.map((s) => s.heading)).toEqual(["报告内容", "报送时间", "格式要求"]);
  });

  it("parses every seed exactly as it did without classification", () => {
    for (const name of Object.keys(SEEDS) as (keyof typeof SEEDS)[]) {
      const text = readSeed(name);
      const kind = parseDocumentText(text).kind;
      expect(kind === "plans" || kind === "annualReport").toBe(true);
      expect(parseDocumentText(text)).toEqual(parseDocumentText(text, { kind: kind as "plans" | "annualReport" }));
    }
  });
});

describe("annual reports with no title line, and in traditional characters", () => {
  const parse = (name: string) => parseAnnualReport(normaliseLines(sample(name)));

  it.each([
    // file, title, region, year, headings
    [
      "report-untitled.txt",
      "河西区2021年法治政府建设年度报告",
      "河西区",
      2021,
      ["概述", "主要举措和成效", "存在的不足和原因", "2022年工作安排"],
    ],
    [
      "report-untitled-plain-headings.txt",
      "东湖区2022年法治政府建设年度报告",
      "东湖区",
      2022,
      ["概述", "坚持党的领导,压实法治建设责任", "聚焦重点领域,提升依法行政水平", "正视短板弱项,谋划来年工作"],
    ],
    [
      "report-traditional.txt",
      "河西區2021年法治政府建設年度報告",
      "河西区",
      2021,
      ["概述", "主要舉措和成效", "存在的不足和原因", "下一年度工作安排"],
    ],
    [
      "report-traditional-untitled.txt",
      "北湾区2021年法治政府建设年度报告",
      "北湾区",
      2021,
      ["概述", "主要舉措和成效", "存在的不足和原因", "下一年度工作安排"],
    ],
  ] as const)("%s: title, region and year from the opening sentence", (name, title, region, year, headings) => {
    const { report } = parse(name);
    expect(report.title).toBe(title);
    expect(report.regionName).toBe(region);
    expect(report.year).toBe(year);
    expect(report.sections.map((s) => s.heading)).toEqual(headings);
  });

  it("keeps the traditional text as printed, and drops the signature under it", () => {
    const { report } = parse("report-traditional.txt");
    expect(report.sections[0]!.body).toBe("2021年,河西區在區委、區政府的堅強領導下,深入學習貫徹習近平法治思想,紮實推進法治政府建設。");
    expect(report.sections[3]!.body).toBe("持續推進嚴格規範公正文明執法,加強行政執法人員培訓。");
  });

  it("says the title was generated, and no region warning when the opening names one", () => {
    const { warnings } = parse("report-traditional-untitled.txt");
    expect(warnings.map((w) => w.message)).toEqual(["未找到报告标题,已按地区和年度生成“北湾区2021年法治政府建设年度报告”"]);
  });
});
