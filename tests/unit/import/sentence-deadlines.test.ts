import { describe, expect, it } from "vitest";
import { findDeadlineInText } from "@/lib/import/deadline.ts";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";
import type { ParsedMeasure } from "@/lib/import/types.ts";

// Where a measure has no labelled deadline (no 完成时限 cell, field or clause),
// its sentence may still say when: "2019年底前", "2020年前", "到2025年", or that
// the work goes on: "…,持续推进。", "长期坚持…". Every layout reads it; a
// labelled deadline always wins over the sentence.

describe("findDeadlineInText: a sentence printed in traditional characters", () => {
  it.each([
    ["建立普法責任清單,長期堅持。", { text: "長期堅持", date: null, ongoing: true }],
    ["推進執法規範化建設,持續推進。", { text: "持續推進", date: null, ongoing: true }],
    ["2024年底前建成區級行政執法協調監督平台", { text: "2024年底前", date: "2024-12-31", ongoing: false }],
    ["到2025年,基本建成法治政府", { text: "2025年", date: "2025-12-31", ongoing: false }],
  ])("%s → %o, the phrase as printed", (sentence, deadline) => {
    expect(findDeadlineInText(sentence)).toEqual(deadline);
  });
});

describe("findDeadlineInText: ongoing work stated in the sentence", () => {
  it.each([
    // A clause of its own: the way a 完成时限 field would say it.
    ["推进执法规范化建设,持续推进。", "持续推进"],
    ["建立普法责任清单,长期坚持。", "长期坚持"],
    ["完善领导干部学法考核制度,并长期坚持", "长期坚持"],
    ["开展法治文化进社区活动;持续开展", "持续开展"],
    ["组织旁听庭审活动(常态化开展)", "常态化开展"],
    ["落实行政执法公示制度,长期执行。", "长期执行"],
    // 长期坚持 is 完成时限 wording wherever it stands.
    ["长期坚持领导干部集体学法制度", "长期坚持"],
    ["各部门要长期坚持并不断完善法律顾问制度", "长期坚持"],
  ])("%s → ongoing (%s)", (sentence, text) => {
    expect(findDeadlineInText(sentence)).toEqual({ text, date: null, ongoing: true });
  });

  it.each([
    // A date is a date to track, even when the work then goes on.
    ["2023年底前建成法治宣传教育基地,长期坚持", "2023年底前", "2023-12-31"],
    ["持续推进,到2025年实现全覆盖", "2025年", "2025-12-31"],
  ])("%s → the date %s", (sentence, text, date) => {
    expect(findDeadlineInText(sentence)).toEqual({ text, date, ongoing: false });
  });

  it.each([
    // 持续推进/持续开展/常态化 followed by what is pushed is a verb (seeds 000, 004).
    ["持续推进政务公开,全面提升政府透明度"],
    ["在全区中小学生中持续开展“学宪法讲宪法”活动"],
    ["推进扫黑除恶常态化。"],
    ["实现部门联合监管全覆盖、常态化。"],
    ["开展常态化公平竞争审查"],
    ["常态化开展法治体检活动"],
    // Inside a document title it is not this measure's deadline.
    ["落实《关于长期坚持领导干部学法制度的意见》"],
  ])("%s → null", (sentence) => {
    expect(findDeadlineInText(sentence)).toBeNull();
  });
});

describe("findDeadlineInText: a date describing something else is not a deadline", () => {
  // A date followed by a verb and 的 ("2020年前出台的文件", "2021年印发的意见")
  // dates the thing the sentence is about, not the work the measure asks for.
  it.each([
    ["2.对2020年前出台的规范性文件进行全面清理。"],
    ["4.按照2021年印发的实施意见要求推进工作。"],
    ["对2019年以来受理的投诉进行复查。"],
    ["严格执行2020年起施行的行政处罚程序规定。"],
    ["对2018年制定的规范性文件开展后评估。"],
    ["全面落实2021年发布的行政执法事项清单。"],
    ["2020年颁布的民法典要纳入领导干部学法内容。"],
    ["对2022年底前印发的行政规范性文件进行合法性复核。"],
    ["对2021年6月底前作出的行政处罚决定开展案卷评查。"],
    ["梳理2019年已经出台的配套制度。"],
    ["对2020年以前印发实施的文件进行清理。"],
    ["对2021年受理的行政复议案件开展回访。"],
    // Printed in traditional characters.
    ["對2020年前出臺的規範性文件進行全面清理。"],
  ])("%s → null", (sentence) => {
    expect(findDeadlineInText(sentence)).toBeNull();
  });

  it.each([
    // The attribute's date is skipped; the sentence's own deadline is read.
    ["对2019年底前出台的文件进行清理,2023年底前完成。", "2023年底前", "2023-12-31"],
    ["按照2021年印发的实施意见,到2024年实现全覆盖。", "2024年", "2024-12-31"],
    // A deadline directly before 的 stays one (the existing rule).
    ["2022年底前的各项清理任务全部完成。", "2022年底前", "2022-12-31"],
    // The verb states when the work happens: no 的, a deadline.
    ["2023年出台实施办法。", "2023年", "2023-12-31"],
    ["2022年底前印发行政执法事项清单。", "2022年底前", "2022-12-31"],
    // A target word before the date makes it the target, even before 出台的/制定的.
    ["力争2025年底前出台的配套制度全部落地见效。", "2025年底前", "2025-12-31"],
    ["确保2025年6月底前制定的实施细则报区司法局备案。", "2025年6月底前", "2025-06-30"],
    ["到2025年通过的地方性法规全部开展解读。", "2025年", "2025-12-31"],
    ["各镇街于2025年底前实施的试点项目要及时总结。", "2025年底前", "2025-12-31"],
  ])("%s → %s", (sentence, text, date) => {
    expect(findDeadlineInText(sentence)).toEqual({ text, date, ongoing: false });
  });

  it("in a running-text plan: no deadline for the measure, so no 已过 to warn about", () => {
    const { plans } = parsePlans(
      normaliseLines(`某区法治政府建设实施方案(2023—2025年)
一、完善制度体系
1.推进行政规范性文件备案审查,2024年底前实现全覆盖。(区司法局牵头)
2.对2020年前出台的规范性文件进行全面清理。(区司法局牵头)
3.健全重大行政决策程序制度。(区政府办牵头)
4.按照2021年印发的实施意见要求推进工作。(区司法局牵头)
`),
    );
    expect(deadlines(plans[0]!.measures)).toEqual([
      ["1", "2024-12-31"],
      ["2", null],
      ["3", null],
      ["4", null],
    ]);
  });
});

/** code → date, "ongoing" or null. */
const deadlines = (measures: ParsedMeasure[]) =>
  measures.map((m) => [m.code, m.deadline?.date ?? (m.deadline?.ongoing ? "ongoing" : null)]);

describe("every layout reads the deadline from the sentence when none is labelled", () => {
  it.each<[string, string, (string | null)[][]]>([
    [
      "a division-of-labour table with no 完成时限 column (like 004)",
      `某区法治建设规划重要举措分工方案
项目
具体项目
牵头单位
责任单位
一、推进依法行政
1.2019年底前完成规范性文件清理。
区司法局
区直各部门
2.到2025年,基本建成法治政府。
区政府办
区直各部门
3.长期坚持领导干部学法制度。
区委组织部
区直各部门
4.推进执法规范化建设,持续推进。
区司法局
各街道办事处
5.加强行政复议能力建设。
区司法局
区直各部门
`,
      [
        ["1", "2019-12-31"],
        ["2", "2025-12-31"],
        ["3", "ongoing"],
        ["4", "ongoing"],
        ["5", null],
      ],
    ],
    [
      "a table with 序号 and a 完成时限 column: the cell wins, an empty cell leaves the sentence",
      `某区2023年法治建设工作任务清单
序号
主要任务
牵头单位
责任单位
完成时限
1
2023年6月底前制定年度重大行政决策事项目录。
区政府办
区司法局
2
开展规范性文件清理,2020年前完成。
区司法局
区直各部门
3
2019年底前建立学法制度。
区委组织部
区直各部门
2024年底前
4
建立学法用法考核制度,长期坚持。
区委组织部
区直各部门
`,
      [
        ["1", "2023-06-30"],
        ["2", "2020-12-31"],
        ["3", "2024-12-31"],
        ["4", "ongoing"],
      ],
    ],
    [
      "labelled unit lines, with and without a 完成时限 line",
      `某区2023年法治政府建设工作要点
一、加强制度建设
1.2023年6月底前完善规范性文件备案审查制度。
牵头单位：区司法局
2.推进合法性审查全覆盖,长期坚持。
牵头单位：区司法局
完成时限：2024年底前
3.健全行政复议工作机制,持续推进。
牵头单位：区司法局
`,
      [
        ["1", "2023-06-30"],
        ["2", "2024-12-31"],
        ["3", "ongoing"],
      ],
    ],
    [
      "an action plan with (牵头单位:…;责任单位:…) under each measure (like 002)",
      `某区法治政府建设行动计划(2021—2025年)
一、主要任务
(一)完善制度
1.推进职能优化
1.1 到2025年,全面推行权责清单制度。
(牵头单位:区委编办;责任单位:各部门)
1.2 2019年底前完成清理。
(牵头单位:区委编办;责任单位:各部门;完成时限:长期坚持)
1.3 深化“放管服”改革,持续推进。
(牵头单位:区政务服务局;责任单位:各部门)
1.4 2020年前建成政务服务一张网。
(牵头单位:区政务服务局;责任单位:各部门)
`,
      [
        ["1.1", "2025-12-31"],
        ["1.2", "ongoing"],
        ["1.3", "ongoing"],
        ["1.4", "2020-12-31"],
      ],
    ],
    [
      "brackets and central-government style after the sentence",
      `某区法治社会建设实施方案
一、推进全民普法
1.2020年前建成法治宣传教育基地。(区司法局牵头,各街道配合)
2.推进法治文化阵地建设,持续推进。(区文旅局牵头,各部门按职责分工负责)
3.建立普法责任清单,长期坚持。〔牵头单位:区司法局〕
4.2019年底前完成普法讲师团组建。(区司法局牵头,2024年底前完成)
`,
      [
        ["1", "2020-12-31"],
        ["2", "ongoing"],
        ["3", "ongoing"],
        ["4", "2024-12-31"],
      ],
    ],
    [
      "sub-items and second paragraphs of a measure",
      `某区法治政府建设实施方案
一、完善制度
1.推进合法性审查(区司法局牵头)
(1)2023年底前出台审查办法。
(2)2024年底前实现全覆盖。
2.加强行政复议。(区司法局牵头)
2023年底前完成复议体制改革。
3.规范行政执法。(区司法局牵头,2025年底前完成)
(1)2022年底前完成执法证件清理。
`,
      [
        ["1", "2024-12-31"],
        ["2", "2023-12-31"],
        ["3", "2025-12-31"],
      ],
    ],
    [
      "numbered paragraphs ㈠㈡ with no units at all (like 000)",
      `某区法治政府建设规划(2021—2025年)
一、健全政府机构职能体系
㈠推进政府机构职能优化,2019年底前完成权责清单编制。
㈡深化行政审批制度改革,到2025年实现“一网通办”全覆盖。
㈢坚持法定职责必须为,长期坚持。
㈣持续推进政务公开。
`,
      [
        ["(一)", "2019-12-31"],
        ["(二)", "2025-12-31"],
        ["(三)", "ongoing"],
        ["(四)", null],
      ],
    ],
  ])("%s", (_layout, text, expected) => {
    const { plans } = parsePlans(normaliseLines(text));
    expect(plans.flatMap((p) => deadlines(p.measures))).toEqual(expected);
  });
});

describe("a measure with thousands of dated paragraphs", () => {
  // Its whole text is searched; how long that takes is for `npm run bench:import`
  // to print, not for a test to time. This one checks the answer at that size.
  const document = (n: number) =>
    `某区法治政府建设实施方案\n一、主要任务\n1.推进依法行政。\n${Array.from({ length: n }, (_, i) => `到${2000 + (i % 99)}年底前完成第${i}项工作。`).join("\n")}`;

  it("takes its latest deadline", () => {
    const { plans } = parsePlans(normaliseLines(document(8000)));
    expect(plans[0]!.measures[0]!.deadline).toEqual({ text: "2098年底前", date: "2098-12-31", ongoing: false });
  }, 60_000);
});
