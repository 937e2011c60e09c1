import { describe, expect, it } from "vitest";
import { annotation } from "./support.ts";
import { readAnnotation, type UnitAnnotation } from "@/lib/import/unit-annotation.ts";
import { isPlausibleUnitName } from "@/lib/import/unit-list.ts";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";

// Issue 13, second round (review): a labelled bracket whose second clause
// (after ";") vanished, sentence fragments passing as unit names, and an
// unclosed bracket running into a sentence without a word of warning.
// Samples are invented; input goes through normaliseLines like a document.

const plan = (measures: string) => {
  const { plans, warnings } = parsePlans(normaliseLines(`某区2024年法治政府建设工作要点\n一、严格规范公正文明执法\n${measures}\n`));
  expect(plans).toHaveLength(1);
  return {
    measures: plans[0]!.measures.map((m) => ({ code: m.code, text: m.text, lead: m.leadUnits, responsible: m.responsibleUnits })),
    warnings: warnings.map((w) => w.message),
  };
};

const UNREADABLE = /单位标注无法识别|单位说明无法识别/;
const UNPARSED = /无法识别的内容/;

describe("a labelled bracket keeps the clause after its semicolon", () => {
  it.each<[string, Partial<UnitAnnotation>]>([
    ["责任单位:区城管执法局牵头;区交通局配合", { lead: ["区城管执法局"], responsible: ["区交通局"] }],
    ["责任单位:区城管执法局牵头;各街道办事处负责", { lead: ["区城管执法局"], responsible: ["各街道办事处"] }],
    ["责任单位:区城管执法局、区交通局牵头;各街道办事处负责", { lead: ["区城管执法局", "区交通局"], responsible: ["各街道办事处"] }],
    ["牵头单位:区司法局;区财政局配合", { lead: ["区司法局"], responsible: ["区财政局"] }],
    ["牵头单位:区司法局;区财政局、区民政局按职责分工负责", { lead: ["区司法局"], responsible: ["区财政局", "区民政局"] }],
    // Someone leads already: a unit plainly 负责 after ";" is responsible.
    ["牵头单位:区司法局;区财政局负责", { lead: ["区司法局"], responsible: ["区财政局"] }],
    ["牵头单位:区司法局;2024年底前完成", { lead: ["区司法局"], deadlineText: "2024年底前完成" }],
    // In traditional characters, names kept as printed.
    ["責任單位:區城管執法局牽頭;區交通局配合", { lead: ["區城管執法局"], responsible: ["區交通局"] }],
    // No role word, no label: which role is a guess, so it is reported, not dropped.
    ["牵头单位:区城管执法局;区交通局", { lead: ["区城管执法局"], unparsed: ["区交通局"] }],
  ])("%s", (content, fields) => {
    expect(readAnnotation(content)).toEqual({ annotation: annotation(fields), unreadable: false });
  });

  it.each<[string, { lead: string[]; responsible: string[] }]>([
    ["1.推行柔性执法。(责任单位:区城管执法局牵头;区交通局配合)", { lead: ["区城管执法局"], responsible: ["区交通局"] }],
    ["3.推行柔性执法。(责任单位:区城管执法局牵头;各街道办事处负责)", { lead: ["区城管执法局"], responsible: ["各街道办事处"] }],
    [
      "4.推行柔性执法。(责任单位:区城管执法局、区交通局牵头;各街道办事处负责)",
      { lead: ["区城管执法局", "区交通局"], responsible: ["各街道办事处"] },
    ],
  ])("%s", (line, units) => {
    const { measures, warnings } = plan(line);
    expect(measures).toEqual([{ code: line.split(".")[0], text: "推行柔性执法。", ...units }]);
    expect(warnings.filter((w) => UNPARSED.test(w) || UNREADABLE.test(w))).toEqual([]);
  });

  it.each([
    "1.推行柔性执法。(牵头单位:区城管执法局;区交通局)",
    "1.推行柔性执法。\n(牵头单位:区城管执法局;区交通局)",
    "1.推行柔性执法。(牵头单位:区城管执法局;区交通局",
  ])("%s: what it cannot place is warned about, quoted, never silently dropped", (lines) => {
    const { measures, warnings } = plan(lines);
    expect(measures).toEqual([{ code: "1", text: "推行柔性执法。", lead: ["区城管执法局"], responsible: [] }]);
    expect(warnings).toContain("单位说明中有无法识别的内容:“区交通局”");
  });
});

describe("a sentence fragment is not a unit name", () => {
  it.each<[string, boolean]>([
    ["各部门要加强协调", false],
    ["各部门要", false],
    ["区司法局应当加强指导", false],
    ["各镇街须做好衔接", false],
    ["各单位确保按时完成", false],
    ["区直各部门切实推进落实", false],
    ["各部門須加強協調", false],
    // Real names, some holding a marker word, end the way unit names end.
    ["区应急管理局", true],
    ["区重大项目推进办", true],
    ["区委依法治区委法治政府建设领导小组", true],
    ["区委全面依法治区委员会执法协调小组", true],
    // Task forces and joint meetings are named after what they push forward.
    ["区营商环境提升工作专班", true],
    ["区推进法治政府建设联席会议", true],
    ["区完善综合执法体制改革工作专班", true],
    ["区优化营商环境指挥部", true],
    ["各街道办事处", true],
  ])("%s → %s", (name, plausible) => {
    expect(isPlausibleUnitName(name)).toBe(plausible);
  });

  it.each([
    ["1.推行柔性执法。(责任单位:区司法局、各部门要加强协调。)", "推行柔性执法。(责任单位:区司法局、各部门要加强协调。)"],
    ["1.推行柔性执法。(区司法局牵头,各部门要加强协调配合)", "推行柔性执法。(区司法局牵头,各部门要加强协调配合)"],
  ])("%s: the annotation is unreadable, warned, and kept in the text", (line, text) => {
    const { measures, warnings } = plan(line);
    expect(measures).toEqual([{ code: "1", text, lead: [], responsible: [] }]);
    expect(warnings).toContain("举措 1 的单位标注无法识别,已保留原文,请核对");
  });
});

describe("a bracket whose clauses run from roles into a sentence", () => {
  it.each([
    "区司法局牵头,区直各执法部门配合,建立健全行政执法监督工作体系,强化执法监督",
    "区司法局牵头,加强宣传",
    "按照统一部署,区司法局牵头",
  ])("%s is an annotation that cannot be read", (content) => {
    expect(readAnnotation(content)).toEqual({ annotation: null, unreadable: true });
  });

  it.each(["各镇街负责组织实施,区司法局做好指导", "含负责人", "试行"])("%s names no role at all: no annotation", (content) => {
    expect(readAnnotation(content)).toEqual({ annotation: null, unreadable: false });
  });

  it("an unclosed one is warned about, its text kept, and the next measures keep their own units", () => {
    const opened = "加强执法监督。(区司法局牵头,区直各执法部门配合,建立健全行政执法监督工作体系,强化执法监督,定期通报执法情况";
    const { measures, warnings } = plan(`1.推行柔性执法。(区城管执法局牵头)
2.加强执法队伍建设。(区司法局牵头)
3.${opened}
4.规范执法程序。(区司法局牵头,区直各执法部门配合)`);
    expect(measures).toEqual([
      { code: "1", text: "推行柔性执法。", lead: ["区城管执法局"], responsible: [] },
      { code: "2", text: "加强执法队伍建设。", lead: ["区司法局"], responsible: [] },
      { code: "3", text: opened, lead: [], responsible: [] },
      { code: "4", text: "规范执法程序。", lead: ["区司法局"], responsible: ["区直各执法部门"] },
    ]);
    expect(warnings).toContain("举措 3 的单位标注无法识别,已保留原文,请核对");
  });
});
