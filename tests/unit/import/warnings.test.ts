import { describe, expect, it } from "vitest";
import { importWarnings } from "@/lib/import/warnings.ts";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import type { Deadline, ParsedDocument, ParsedMeasure, ParsedPlan } from "@/lib/import/types.ts";
import { readSeed } from "./seeds.ts";

// What a clerk must check before committing an import, which the parser
// cannot know by itself: it depends on the day of the import.

const due = (text: string, date: string | null, ongoing = false): Deadline => ({ text, date, ongoing });

function measure(code: string, line: number, fields: Partial<ParsedMeasure> = {}): ParsedMeasure {
  return { code, text: "推进依法行政。", sectionKey: null, leadUnits: ["区司法局"], responsibleUnits: [], deadline: null, line, ...fields };
}

function plan(measures: ParsedMeasure[], fields: Partial<ParsedPlan> = {}): ParsedPlan {
  return {
    title: "某区法治政府建设实施方案(2021—2025年)",
    kind: "IMPLEMENTATION_PLAN",
    periodStart: 2021,
    periodEnd: 2025,
    issuer: null,
    documentNumber: null,
    issueDate: null,
    sections: [{ key: "s1", parentKey: null, label: "一、", title: "主要任务", line: 3 }],
    measures,
    ...fields,
  };
}

const plans = (...list: ParsedPlan[]): ParsedDocument => ({ kind: "plans", plans: list, warnings: [] });
const texts = (doc: ParsedDocument, today = "2024-05-20") => importWarnings(doc, today).map((w) => `${w.line} ${w.message}`);

describe("importWarnings", () => {
  it.each<[string, ParsedDocument, string[]]>([
    [
      "a deadline before the import date is past; today's, a later one, ongoing and unreadable ones are not",
      plans(
        plan([
          measure("2.3", 4, { deadline: due("2019年底前", "2019-12-31") }),
          measure("2.4", 5, { deadline: due("2024年5月20日", "2024-05-20") }),
          measure("2.5", 6, { deadline: due("2025年", "2025-12-31") }),
          measure("2.6", 7, { deadline: due("长期坚持", null, true) }),
          measure("2.7", 8, { deadline: due("视上级部署", null) }),
          measure("2.8", 9),
          measure("2.9", 10, { deadline: due("2024年3月底前", "2024-03-31") }),
        ]),
      ),
      [
        "4 举措 2.3 的完成时限(2019年底前)已过,请核对是否已完成或需调整",
        "10 举措 2.9 的完成时限(2024年3月底前)已过,请核对是否已完成或需调整",
      ],
    ],
    [
      "a plan with no period years",
      plans(plan([measure("1", 4)], { title: "某区法治政府建设工作方案", periodStart: null, periodEnd: null })),
      ["3 规划“某区法治政府建设工作方案”未能从标题识别规划期(如2021—2025年),请在核对时填写"],
    ],
    [
      "a plan that names no unit at all: one warning for the plan, not one per measure",
      plans(plan([measure("(一)", 4, { leadUnits: [] }), measure("(二)", 5, { leadUnits: [] }), measure("(三)", 6, { leadUnits: [] })])),
      ["3 规划“某区法治政府建设实施方案(2021—2025年)”的 3 项举措都没有写明牵头单位,请在核对时为每项举措指定牵头单位"],
    ],
    [
      // The parser already warns "举措 2 未找到牵头单位" for each one.
      "a plan that names units: nothing more for the plan",
      plans(
        plan([measure("1", 4), measure("2", 5, { leadUnits: [], responsibleUnits: ["区财政局"] }), measure("3", 6, { leadUnits: [] })]),
      ),
      [],
    ],
    [
      "a sentence naming several deadlines: the latest counts, and the clerk is told",
      plans(
        plan([
          measure("3.1", 4, {
            text: "2022年底前制定实施方案,到2024年全面推行行政执法全过程记录。",
            deadline: due("2024年", "2024-12-31"),
          }),
          // A labelled deadline is the deadline whatever the sentence says.
          measure("3.2", 5, { text: "2022年底前制定方案,2023年6月底前完成试点。", deadline: due("2025年", "2025-12-31") }),
        ]),
      ),
      ["4 举措 3.1 的正文提到多个时限(2022年底前、2024年),已取最晚的“2024年”作为完成时限,请核对"],
    ],
    [
      "several plans in one file: each is named",
      plans(
        plan([measure("1", 5, { deadline: due("2023年", "2023-12-31") })], { title: "甲规划重要举措分工方案" }),
        plan([measure("1", 12)], {
          title: "乙实施方案重要举措分工方案",
          periodStart: null,
          periodEnd: null,
          sections: [{ key: "s1", parentKey: null, label: "一、", title: "任务", line: 11 }],
        }),
      ),
      [
        "5 举措 1 的完成时限(2023年)已过,请核对是否已完成或需调整",
        "11 规划“乙实施方案重要举措分工方案”未能从标题识别规划期(如2021—2025年),请在核对时填写",
      ],
    ],
    [
      "an annual report: nothing",
      { kind: "annualReport", report: { title: "2023年法治政府建设年度报告", regionName: null, year: 2023, sections: [] }, warnings: [] },
      [],
    ],
  ])("%s", (_case, doc, expected) => {
    expect(texts(doc)).toEqual(expected);
  });

  // More than five past deadlines: one warning for the plan first, so a
  // clerk importing an old plan sees why the list is long before reading it.
  const pastMeasures = (n: number, start = 4) =>
    Array.from({ length: n }, (_, i) => measure(`1.${i + 1}`, start + i, { deadline: due("2022年底前", "2022-12-31") }));
  const perMeasure = (n: number, start = 4) =>
    Array.from({ length: n }, (_, i) => `${start + i} 举措 1.${i + 1} 的完成时限(2022年底前)已过,请核对是否已完成或需调整`);

  it.each<[string, ParsedDocument, string, string[]]>([
    ["five past deadlines: one warning each, no summary", plans(plan(pastMeasures(5))), "2024-05-20", perMeasure(5)],
    [
      "six past deadlines, the plan period still running: a summary first, then each one",
      plans(plan(pastMeasures(6))),
      "2024-05-20",
      ["3 规划“某区法治政府建设实施方案(2021—2025年)”有 6 项举措的完成时限已过,请核对是否已完成或需调整;逐项提示见下", ...perMeasure(6)],
    ],
    [
      "six past deadlines in a plan whose period is over: the summary says so",
      plans(plan([...pastMeasures(6), measure("1.7", 10, { deadline: due("长期坚持", null, true) })])),
      "2026-12-06",
      [
        "3 规划“某区法治政府建设实施方案(2021—2025年)”有 6 项举措的完成时限已过(规划期 2021—2025 年已结束),请核对是否已完成或需调整;逐项提示见下",
        ...perMeasure(6),
      ],
    ],
    [
      "a one-year plan whose year is over",
      plans(plan(pastMeasures(7), { title: "某区2023年法治政府建设工作要点", kind: "WORK_POINTS", periodStart: 2023, periodEnd: 2023 })),
      "2024-05-20",
      [
        "3 规划“某区2023年法治政府建设工作要点”有 7 项举措的完成时限已过(规划期 2023 年已结束),请核对是否已完成或需调整;逐项提示见下",
        ...perMeasure(7),
      ],
    ],
    [
      "no period years: the period warning, then the summary",
      plans(plan(pastMeasures(6), { title: "某区法治政府建设工作方案", periodStart: null, periodEnd: null })),
      "2024-05-20",
      [
        "3 规划“某区法治政府建设工作方案”未能从标题识别规划期(如2021—2025年),请在核对时填写",
        "3 规划“某区法治政府建设工作方案”有 6 项举措的完成时限已过,请核对是否已完成或需调整;逐项提示见下",
        ...perMeasure(6),
      ],
    ],
    [
      "several plans: counted per plan",
      plans(
        plan(pastMeasures(6), { title: "甲规划重要举措分工方案" }),
        plan(pastMeasures(2, 21), {
          title: "乙规划重要举措分工方案",
          sections: [{ key: "s1", parentKey: null, label: "一、", title: "任务", line: 20 }],
        }),
      ),
      "2024-05-20",
      [
        "3 规划“甲规划重要举措分工方案”有 6 项举措的完成时限已过,请核对是否已完成或需调整;逐项提示见下",
        ...perMeasure(6),
        ...perMeasure(2, 21),
      ],
    ],
  ])("%s", (_case, doc, today, expected) => {
    expect(texts(doc, today)).toEqual(expected);
  });

  it("seed 000 (no unit named anywhere) gets one unit warning and its past deadlines", () => {
    const doc = parseDocumentText(readSeed("baoshanPlan"));
    expect(texts(doc, "2023-01-01")).toEqual([
      expect.stringMatching(/^\d+ 规划“宝山区全面推进法治政府建设“十四五”规划”的 58 项举措都没有写明牵头单位/),
      expect.stringMatching(/举措 \(九\) 的完成时限\(2022年年底前\)已过/),
    ]);
  });

  it("seed 002 imported in 2026 warns for each dated deadline and none of its 52 ongoing ones", () => {
    const doc = parseDocumentText(readSeed("huairouPlan"));
    const warnings = texts(doc, "2026-12-06");
    expect(warnings.filter((t) => /^\d+ 举措 .*已过/.test(t))).toHaveLength(87 - 52);
    // The list opens with why it is long: the 十四五 period is over.
    expect(warnings[0]).toBe(
      "32 规划““十四五”时期怀柔区法治政府建设行动计划”有 35 项举措的完成时限已过(规划期 2021—2025 年已结束),请核对是否已完成或需调整;逐项提示见下",
    );
    expect(warnings).toHaveLength(1 + 35);
    expect(texts(doc, "2021-01-01")).toEqual([]);
  });
});
