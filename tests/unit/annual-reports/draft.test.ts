import { describe, expect, it } from "vitest";
import { buildDraft, chineseNumber, excerpt, numberSections, type DraftInput } from "@/lib/annual-reports/draft.ts";

const base: DraftInput = {
  subject: "下陆区",
  unitReport: false,
  year: 2024,
  currentYear: false,
  judgedOn: "2025-01-01",
  figures: { completed: 8, completedOnTime: 6, overdue: 2, reportsSubmitted: 120, reportsReturned: 5, units: 23, measures: 50 },
  chapters: [
    {
      chapterId: 1,
      title: "依法全面履行政府职能",
      measures: 10,
      completed: 3,
      approvedReports: 12,
      excerpts: [
        { measureId: 11, code: "1", text: "召开专题推进会3次。" },
        { measureId: 12, code: "2", text: "组织业务培训2场。" },
      ],
    },
  ],
  behind: [
    { measureId: 21, code: "5", text: "完善重大行政决策程序", light: "RED", deadline: "2024-10-31" },
    { measureId: 22, code: "6", text: "推进公众参与", light: "YELLOW", deadline: null },
  ],
  nextYear: [
    { chapterId: 1, title: "依法全面履行政府职能", measures: [{ measureId: 31, code: "9", text: "一网通办", deadline: "2025-06-30" }] },
  ],
  inspections: [],
};

describe("buildDraft", () => {
  it("orders the standard sections, with the paragraphs under them", () => {
    const draft = buildDraft(base);
    expect(draft.title).toBe("下陆区2024年法治政府建设年度报告");
    expect(draft.sections.map((s) => [s.level, s.kind ?? s.heading])).toEqual([
      [1, "LEADER_DUTY"],
      [1, "MEASURES"],
      [2, "依法全面履行政府职能"],
      [1, "SHORTCOMINGS"],
      [2, "部分任务未按期完成"],
      [2, "部分任务推进滞后"],
      [2, "原因分析"],
      [1, "NEXT_YEAR"],
      [2, "依法全面履行政府职能"],
    ]);
  });

  it.each<[string, Partial<DraftInput>, string]>([
    [
      "a past year",
      {},
      "2024年,下陆区法治政府建设规划确定的任务50项,涉及责任单位23个。全年完成任务8项,其中按期完成6项(占75%)。截至年底,仍有2项任务超过完成时限尚未完成。各责任单位报送进展120次,经审核退回补充完善5次。",
    ],
    [
      "the current year, nothing completed or overdue",
      {
        currentYear: true,
        judgedOn: "2024-11-23",
        figures: { completed: 0, completedOnTime: 0, overdue: 0, reportsSubmitted: 3, reportsReturned: 0, units: 2, measures: 4 },
      },
      "2024年以来(截至2024年11月23日),下陆区法治政府建设规划确定的任务4项,涉及责任单位2个。全年完成任务0项。截至2024年11月23日,没有超过完成时限未完成的任务。各责任单位报送进展3次,经审核退回补充完善0次。",
    ],
    [
      "a department's own report",
      {
        subject: "区司法局",
        unitReport: true,
        figures: { completed: 1, completedOnTime: 0, overdue: 1, reportsSubmitted: 4, reportsReturned: 1, units: 1, measures: 3 },
      },
      "2024年,区司法局承担法治政府建设任务3项。全年完成任务1项,其中按期完成0项(占0%)。截至年底,仍有1项任务超过完成时限尚未完成。各责任单位报送进展4次,经审核退回补充完善1次。",
    ],
  ])("opens 主要举措和成效 with the figures: %s", (_case, change, expected) => {
    const draft = buildDraft({ ...base, ...change });
    expect(draft.sections.find((s) => s.kind === "MEASURES")!.body).toBe(expected);
  });

  it.each<[string, Partial<DraftInput>, string[], number[][]]>([
    ["red and yellow measures", {}, ["部分任务未按期完成", "部分任务推进滞后", "原因分析"], [[21], [22], []]],
    ["nothing behind", { behind: [] }, ["原因分析"], [[]]],
    ["only overdue", { behind: [base.behind[0]!] }, ["部分任务未按期完成", "原因分析"], [[21], []]],
  ])("lists shortcomings with their measures: %s", (_case, change, headings, ids) => {
    const sections = buildDraft({ ...base, ...change }).sections;
    const start = sections.findIndex((s) => s.kind === "SHORTCOMINGS");
    const end = sections.findIndex((s) => s.kind === "NEXT_YEAR");
    const under = sections.slice(start + 1, end);
    expect(under.map((s) => s.heading)).toEqual(headings);
    expect(under.map((s) => s.measureIds)).toEqual(ids);
  });

  it("quotes chapter excerpts with their measure codes and links the measures drawn on", () => {
    const chapter = buildDraft(base).sections[2]!;
    expect(chapter.body).toBe("本领域共有任务10项,年内完成3项,审核通过进展报送12次。\n1:召开专题推进会3次。\n2:组织业务培训2场。");
    expect(chapter.measureIds).toEqual([11, 12]);
  });

  it("lists next year's measures by chapter, or asks for them when none falls due", () => {
    const sections = buildDraft(base).sections;
    expect(sections[sections.length - 1]).toMatchObject({ body: "9 一网通办(2025年6月30日前完成)", measureIds: [31] });
    const none = buildDraft({ ...base, nextYear: [] }).sections;
    expect(none[none.length - 1]).toMatchObject({ kind: "NEXT_YEAR", body: expect.stringContaining("【请补充下一年度的主要安排。】") });
  });

  it("adds 督察整改情况 only when there were inspections, one paragraph per inspection", () => {
    expect(buildDraft(base).sections.some((s) => s.kind === "RECTIFICATION")).toBe(false);
    const draft = buildDraft({
      ...base,
      inspections: [
        {
          title: "法治督察",
          inspector: null,
          inspectedOn: "2024-05-20",
          findings: [
            {
              text: "问题一",
              measureId: 5,
              rectifications: [{ unitName: "区司法局", state: "CLOSED", deadline: "2024-08-31", closedOn: "2024-08-01" }],
            },
            {
              text: "问题二",
              measureId: null,
              rectifications: [
                { unitName: "区发改局", state: "IN_PROGRESS", deadline: "2025-03-31", closedOn: null },
                { unitName: "区财政局", state: "OVERDUE", deadline: "2024-10-31", closedOn: null },
              ],
            },
            { text: "问题三", measureId: 5, rectifications: [] },
          ],
        },
      ],
    });
    const [summary, paragraph] = draft.sections.slice(-2);
    expect(summary).toMatchObject({
      kind: "RECTIFICATION",
      body: "2024年,下陆区接受督察1次,发现问题3个,形成整改事项3项,已销号1项,整改中1项,逾期未整改1项。",
    });
    expect(paragraph).toMatchObject({
      level: 2,
      heading: "法治督察(2024年5月20日)",
      body: "1. 问题一——区司法局已销号(2024年8月1日)\n2. 问题二——区发改局整改中(整改时限2025年3月31日);区财政局逾期未整改(整改时限2024年10月31日)\n3. 问题三——尚未分解整改事项",
      measureIds: [5],
    });
  });
});

describe("numbering", () => {
  it.each([
    [1, "一"],
    [9, "九"],
    [10, "十"],
    [11, "十一"],
    [20, "二十"],
    [35, "三十五"],
  ])("%i is %s", (n, text) => {
    expect(chineseNumber(n)).toBe(text);
  });

  it("numbers level 1 一、二、 and restarts (一) under each", () => {
    const numbered = numberSections([
      { level: 1, heading: "a" },
      { level: 2, heading: "b" },
      { level: 2, heading: "c" },
      { level: 1, heading: "d" },
      { level: 2, heading: "e" },
    ]);
    expect(numbered.map((s) => s.number)).toEqual(["一、", "(一)", "(二)", "二、", "(一)"]);
  });

  it.each([
    ["短文本", "短文本"],
    [" 多个\n空白  ", "多个 空白"],
    ["一".repeat(81), `${"一".repeat(80)}……`],
  ])("excerpt(%j)", (text, expected) => {
    expect(excerpt(text)).toBe(expected);
  });
});

describe("an imported report's preamble", () => {
  it("is left unnumbered, and numbering starts at the first real section", () => {
    const numbered = numberSections([
      { level: 1, heading: "概述" },
      { level: 1, heading: "主要举措和成效" },
      { level: 1, heading: "概述" },
    ]);
    expect(numbered.map((s) => [s.number, s.preamble])).toEqual([
      ["", true],
      ["一、", false],
      ["二、", false],
    ]);
  });
});

describe("buildDraft: yearly targets against results", () => {
  it("quotes each measure's target and indicators under 主要举措和成效, after the chapters", () => {
    const targets = [
      { measureId: 11, code: "1", line: "年度目标:年底前出台实施细则;指标:培训场次 4/3 场(完成率 75%)" },
      { measureId: 12, code: "2", line: "年度目标:建成执法监督平台" },
    ];
    const sections = buildDraft({ ...base, targets }).sections;
    expect(sections.map((s) => [s.level, s.kind ?? s.heading]).slice(1, 5)).toEqual([
      [1, "MEASURES"],
      [2, "依法全面履行政府职能"],
      [2, "年度目标和工作指标完成情况"],
      [1, "SHORTCOMINGS"],
    ]);
    expect(sections[3]).toEqual({
      level: 2,
      kind: null,
      heading: "年度目标和工作指标完成情况",
      body: "1:年度目标:年底前出台实施细则;指标:培训场次 4/3 场(完成率 75%)\n2:年度目标:建成执法监督平台",
      measureIds: [11, 12],
    });
  });

  it("has no such paragraph without targets", () => {
    for (const targets of [undefined, []]) {
      expect(buildDraft({ ...base, targets }).sections.some((s) => s.heading === "年度目标和工作指标完成情况")).toBe(false);
    }
  });
});
