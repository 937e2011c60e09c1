import { describe, expect, it } from "vitest";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";
import type { ParsedPlan } from "@/lib/import/types.ts";

// A chapter heading (一、二、…) closes the measure before it. Numbered items
// under the new chapter that are deeper than the plan's measure level (the
// 1. 2. of a 保障措施 chapter after (一)(二) measures) are that chapter's own
// measures, not sub-items of the previous chapter's last measure, whose text
// (and sentence deadline) they would otherwise join.

/** Each measure as "section label|code|text|lead units|deadline date". */
function outline(plan: ParsedPlan) {
  const label = new Map(plan.sections.map((s) => [s.key, s.label]));
  return plan.measures.map(
    (m) => `${m.sectionKey ? label.get(m.sectionKey) : "-"}|${m.code}|${m.text}|${m.leadUnits.join("、")}|${m.deadline?.date ?? ""}`,
  );
}

const parse = (text: string) => parsePlans(normaliseLines(text));

const MAIN_TASKS = `某区法治政府建设实施方案(2023—2025年)
一、主要任务
(一)深化行政执法体制改革。推进综合执法,2024年底前完成。(区司法局牵头)
(二)规范行政执法行为。全面落实行政执法三项制度。(区司法局牵头,区直各执法部门配合)
`;

const MAIN_MEASURES = [
  "一、|(一)|深化行政执法体制改革。推进综合执法,2024年底前完成。|区司法局|2024-12-31",
  "一、|(二)|规范行政执法行为。全面落实行政执法三项制度。|区司法局|",
];

describe("a chapter heading closes the previous chapter's last measure", () => {
  it.each<[string, string, string[]]>([
    [
      "1. 2. under 二、保障措施 after (一)(二) measures: measures of 二、",
      `${MAIN_TASKS}二、保障措施
1.加强组织领导。
2.强化督促检查。
`,
      [...MAIN_MEASURES, "二、|1|加强组织领导。||", "二、|2|强化督促检查。||"],
    ],
    [
      "a promoted item keeps its own sub-items, and no date leaks into the measure above",
      `${MAIN_TASKS}二、保障措施
1.加强组织领导。
(1)成立区法治政府建设领导小组,2023年底前印发工作规则。
(2)建立联席会议制度。
2.强化督促检查,2025年底前开展全面评估。
`,
      [
        ...MAIN_MEASURES,
        "二、|1|加强组织领导。\n(1)成立区法治政府建设领导小组,2023年底前印发工作规则。\n(2)建立联席会议制度。||2023-12-31",
        "二、|2|强化督促检查,2025年底前开展全面评估。||2025-12-31",
      ],
    ],
    [
      "(一)(二) under 二、: measures of 二、, as before",
      `${MAIN_TASKS}二、保障措施
(一)加强组织领导。(区委依法治区办牵头)
(二)强化督促检查。(区委依法治区办牵头)
`,
      [...MAIN_MEASURES, "二、|(一)|加强组织领导。|区委依法治区办|", "二、|(二)|强化督促检查。|区委依法治区办|"],
    ],
    [
      "a paragraph under 二、 with no items: the chapter's introduction, not part of (二)",
      `${MAIN_TASKS}二、保障措施
各部门要加强组织领导,强化督促检查,2025年底前完成全部任务。
`,
      MAIN_MEASURES,
    ],
    [
      "measures at 1. under (一) sections: (1)(2) under a new chapter are its measures",
      `某区法治社会建设规划(2021—2025年)
一、主要任务
(一)完善制度
1.推进重大行政决策合法性审查。(区司法局牵头)
2.加强规范性文件备案审查,2022年底前完成清理。(区司法局牵头)
二、保障措施
(1)加强组织领导。
(2)强化考核评价。
`,
      [
        "(一)|1|推进重大行政决策合法性审查。|区司法局|",
        "(一)|2|加强规范性文件备案审查,2022年底前完成清理。|区司法局|2022-12-31",
        "二、|(1)|加强组织领导。||",
        "二、|(2)|强化考核评价。||",
      ],
    ],
    [
      // Sub-items right after a measure are still its text (seeds 000, 002).
      "sub-items under a measure of the same chapter stay its text",
      `某区法治政府建设实施方案(2023—2025年)
一、主要任务
(一)深化行政执法体制改革。(区司法局牵头)
1.推进综合执法。
2.2024年底前完成执法队伍整合。
(二)规范行政执法行为。(区司法局牵头)
`,
      [
        "一、|(一)|深化行政执法体制改革。\n1.推进综合执法。\n2.2024年底前完成执法队伍整合。|区司法局|2024-12-31",
        "一、|(二)|规范行政执法行为。|区司法局|",
      ],
    ],
  ])("%s", (_case, text, expected) => {
    const { plans } = parse(text);
    expect(plans).toHaveLength(1);
    expect(outline(plans[0]!)).toEqual(expected);
  });

  it("the new chapter's measures without units are each warned about, like any measure without a lead", () => {
    const { warnings } = parse(`${MAIN_TASKS}二、保障措施
1.加强组织领导。
2.强化督促检查。
`);
    expect(warnings.map((w) => `${w.line} ${w.message}`)).toEqual(["6 举措 1 未找到牵头单位", "7 举措 2 未找到牵头单位"]);
  });

  it("numbered items under a chapter before any measure are still ignored with a warning", () => {
    const { plans, warnings } = parse(`某区法治政府建设实施方案(2023—2025年)
一、总体要求
1.指导思想。
2.基本原则。
二、主要任务
(一)深化行政执法体制改革。(区司法局牵头)
`);
    expect(outline(plans[0]!)).toEqual(["二、|(一)|深化行政执法体制改革。|区司法局|"]);
    expect(warnings.map((w) => w.line)).toEqual([3, 4]);
  });
});
