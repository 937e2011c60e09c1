import { describe, expect, it } from "vitest";
import { computeScores, rankScores, type Adjustment, type Fact } from "@/lib/assessments/score.ts";
import {
  DEFAULT_RULES,
  describeRules,
  rulesFormSchema,
  rulesFromForm,
  formFromRules,
  itemLabel,
  type AssessmentRules,
  type RuleCode,
} from "@/lib/assessments/schema.ts";

const A = { id: 1, name: "区司法局", sortOrder: 1 };
const B = { id: 2, name: "区发改局", sortOrder: 2 };
const C = { id: 3, name: "区财政局", sortOrder: 3 };

const fact = (unitId: number, code: RuleCode, n: number): Fact => ({
  code,
  unitId,
  date: `2025-0${(n % 9) + 1}-10`,
  text: `${code} 第 ${n} 项`,
  link: `/measures/${n}`,
});
const many = (unitId: number, code: RuleCode, count: number) => Array.from({ length: count }, (_, i) => fact(unitId, code, i + 1));

const rules = (
  patch: Partial<Record<RuleCode, { points: number; cap: number | null }>> = {},
  extra: Partial<AssessmentRules> = {},
): AssessmentRules => ({
  ...DEFAULT_RULES,
  ...extra,
  rules: { ...DEFAULT_RULES.rules, ...patch },
});

const sumOf = (lines: { points: number }[]) => Math.round(lines.reduce((s, l) => s + l.points * 100, 0)) / 100;

describe("computeScores: one line per point, with its fact", () => {
  it.each<
    [
      string,
      Fact[],
      Adjustment[],
      AssessmentRules,
      { total: number; deductions: number; additions: number; adjustments: number; codes: string[] },
    ]
  >([
    ["no facts: the base score", [], [], rules(), { total: 100, deductions: 0, additions: 0, adjustments: 0, codes: ["BASE"] }],
    [
      "each late report deducts 0.5",
      many(1, "LATE_REPORT", 3),
      [],
      rules(),
      { total: 98.5, deductions: 1.5, additions: 0, adjustments: 0, codes: ["BASE", "LATE_REPORT", "LATE_REPORT", "LATE_REPORT"] },
    ],
    [
      "a cap: 25 late reports × 0.5 = 12.5, capped at 10 by a visible line",
      many(1, "LATE_REPORT", 25),
      [],
      rules(),
      { total: 90, deductions: 10, additions: 0, adjustments: 0, codes: ["BASE", ...Array(25).fill("LATE_REPORT"), "CAP:LATE_REPORT"] },
    ],
    [
      "exactly at the cap: no cap line",
      many(1, "LATE_REPORT", 20),
      [],
      rules(),
      { total: 90, deductions: 10, additions: 0, adjustments: 0, codes: ["BASE", ...Array(20).fill("LATE_REPORT")] },
    ],
    [
      "no cap: every point counts",
      many(1, "LATE_REPORT", 25),
      [],
      rules({ LATE_REPORT: { points: 0.5, cap: null } }),
      { total: 87.5, deductions: 12.5, additions: 0, adjustments: 0, codes: ["BASE", ...Array(25).fill("LATE_REPORT")] },
    ],
    [
      "additions for early completion, capped at 5",
      many(1, "EARLY_COMPLETION", 7),
      [],
      rules(),
      {
        total: 105,
        deductions: 0,
        additions: 5,
        adjustments: 0,
        codes: ["BASE", ...Array(7).fill("EARLY_COMPLETION"), "CAP:EARLY_COMPLETION"],
      },
    ],
    [
      "every rule at once",
      [
        fact(1, "OVERDUE_MEASURE", 1),
        fact(1, "RETURNED_REPORT", 2),
        fact(1, "OPEN_RECTIFICATION", 3),
        fact(1, "EARLY_COMPLETION", 4),
        fact(1, "LATE_REPORT", 5),
      ],
      [],
      rules(),
      {
        total: 96,
        deductions: 5,
        additions: 1,
        adjustments: 0,
        codes: ["BASE", "LATE_REPORT", "OVERDUE_MEASURE", "RETURNED_REPORT", "OPEN_RECTIFICATION", "EARLY_COMPLETION"],
      },
    ],
    [
      "a rule worth 0 lists nothing",
      many(1, "RETURNED_REPORT", 4),
      [],
      rules({ RETURNED_REPORT: { points: 0, cap: 5 } }),
      { total: 100, deductions: 0, additions: 0, adjustments: 0, codes: ["BASE"] },
    ],
    [
      "manual adjustments, signed, with their reasons",
      [],
      [
        { unitId: 1, points: 2, reason: "获评省级法治示范单位" },
        { unitId: 1, points: -0.75, reason: "执法案卷评查不合格" },
      ],
      rules(),
      { total: 101.25, deductions: 0, additions: 0, adjustments: 1.25, codes: ["BASE", "ADJUSTMENT", "ADJUSTMENT"] },
    ],
    [
      "the floor: a total below it is raised to it by a visible line",
      many(1, "OVERDUE_MEASURE", 10),
      [],
      rules({ OVERDUE_MEASURE: { points: 20, cap: null } }),
      { total: 0, deductions: 200, additions: 0, adjustments: 0, codes: ["BASE", ...Array(10).fill("OVERDUE_MEASURE"), "FLOOR"] },
    ],
    [
      "the ceiling: a total above it is lowered to it",
      many(1, "EARLY_COMPLETION", 3),
      [],
      rules({}, { ceiling: 101 }),
      { total: 101, deductions: 0, additions: 3, adjustments: 0, codes: ["BASE", ...Array(3).fill("EARLY_COMPLETION"), "CEILING"] },
    ],
    [
      "fractions stay exact: 3 × 0.1",
      many(1, "LATE_REPORT", 3),
      [],
      rules({ LATE_REPORT: { points: 0.1, cap: null } }),
      { total: 99.7, deductions: 0.3, additions: 0, adjustments: 0, codes: ["BASE", "LATE_REPORT", "LATE_REPORT", "LATE_REPORT"] },
    ],
  ])("%s", (_name, facts, adjustments, scheme, expected) => {
    const [score] = computeScores({ units: [A], facts, adjustments, rules: scheme });
    expect(score).toMatchObject({
      unitId: 1,
      total: expected.total,
      deductions: expected.deductions,
      additions: expected.additions,
      adjustments: expected.adjustments,
    });
    expect(score!.lines.map((l) => l.code)).toEqual(expected.codes);
    // The total is the sum of the lines: every point is listed.
    expect(sumOf(score!.lines)).toBe(expected.total);
  });

  it("each fact line carries the fact's text and link; a cap line says so", () => {
    const [score] = computeScores({ units: [A], facts: many(1, "LATE_REPORT", 21), adjustments: [], rules: rules() });
    const factLines = score!.lines.filter((l) => l.code === "LATE_REPORT");
    expect(factLines).toHaveLength(21);
    expect(factLines.every((l) => l.points === -0.5 && l.link?.startsWith("/measures/") && l.fact.startsWith("LATE_REPORT 第"))).toBe(true);
    const cap = score!.lines.find((l) => l.code === "CAP:LATE_REPORT")!;
    expect(cap).toMatchObject({ points: 0.5, link: null });
    expect(cap.fact).toBe("封顶:报送逾期21 项共扣分 10.5 分,超过上限 10 分,按上限计");
  });

  it("facts of other units do not touch a unit's score", () => {
    const scores = computeScores({
      units: [A, B],
      facts: many(2, "OVERDUE_MEASURE", 2),
      adjustments: [{ unitId: 2, points: 1, reason: "r" }],
      rules: rules(),
    });
    expect(scores.find((s) => s.unitId === 1)).toMatchObject({ total: 100, lines: [{ code: "BASE" }] });
    expect(scores.find((s) => s.unitId === 2)).toMatchObject({ total: 97 });
  });
});

describe("ranking", () => {
  it.each<[string, Fact[], { unitId: number; rank: number }[]]>([
    [
      "by total, best first",
      [...many(1, "OVERDUE_MEASURE", 2), ...many(2, "OVERDUE_MEASURE", 1)],
      [
        { unitId: 3, rank: 1 },
        { unitId: 2, rank: 2 },
        { unitId: 1, rank: 3 },
      ],
    ],
    [
      "a tie shares the rank, the next rank skips (1, 1, 3); tied units in their own order",
      many(3, "LATE_REPORT", 1),
      [
        { unitId: 1, rank: 1 },
        { unitId: 2, rank: 1 },
        { unitId: 3, rank: 3 },
      ],
    ],
    [
      "everyone equal: all first",
      [],
      [
        { unitId: 1, rank: 1 },
        { unitId: 2, rank: 1 },
        { unitId: 3, rank: 1 },
      ],
    ],
    [
      "ties below the top (1, 2, 2, …)",
      [...many(2, "LATE_REPORT", 2), ...many(3, "LATE_REPORT", 2), ...many(1, "EARLY_COMPLETION", 1)],
      [
        { unitId: 1, rank: 1 },
        { unitId: 2, rank: 2 },
        { unitId: 3, rank: 2 },
      ],
    ],
  ])("%s", (_name, facts, expected) => {
    const scores = computeScores({ units: [C, B, A], facts, adjustments: [], rules: rules() });
    expect(scores.map((s) => ({ unitId: s.unitId, rank: s.rank }))).toEqual(expected);
  });

  it("ranking the frozen lines gives the same scores as computing them", () => {
    const computed = computeScores({
      units: [A, B, C],
      facts: [...many(1, "LATE_REPORT", 25), ...many(2, "EARLY_COMPLETION", 9), ...many(3, "OPEN_RECTIFICATION", 1)],
      adjustments: [{ unitId: 3, points: -1.5, reason: "r" }],
      rules: rules(),
    });
    expect(rankScores(computed.map(({ unitId, name, sortOrder, lines }) => ({ unitId, name, sortOrder, lines })))).toEqual(computed);
  });
});

describe("the rules form", () => {
  it("round-trips the stored rules", () => {
    const parsed = rulesFormSchema.parse(formFromRules(DEFAULT_RULES));
    expect(rulesFromForm(parsed)).toEqual(DEFAULT_RULES);
  });

  it.each<[string, Record<string, string>, string, string]>([
    ["a negative points value", { points_LATE_REPORT: "-1" }, "points_LATE_REPORT", "报送逾期每项分值须在 0 到 100 之间"],
    ["three decimals", { points_OVERDUE_MEASURE: "1.125" }, "points_OVERDUE_MEASURE", "举措逾期未完成每项分值最多保留两位小数"],
    ["an empty base score", { baseScore: "" }, "baseScore", "请填写基础分"],
    ["a floor above the ceiling", { floor: "60", ceiling: "50" }, "ceiling", "最高分不能低于最低分"],
  ])("refuses %s with a Chinese message beside the field", (_name, patch, field, message) => {
    const result = rulesFormSchema.safeParse({ ...formFromRules(DEFAULT_RULES), ...patch });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toBe(message);
  });

  it("an empty cap means no cap", () => {
    const parsed = rulesFormSchema.parse({ ...formFromRules(DEFAULT_RULES), cap_LATE_REPORT: "" });
    expect(rulesFromForm(parsed).rules.LATE_REPORT.cap).toBeNull();
  });

  it("labels every stored code", () => {
    expect(itemLabel("LATE_REPORT")).toBe("报送逾期");
    expect(itemLabel("CAP:LATE_REPORT")).toBe("封顶·报送逾期");
    expect(itemLabel("ADJUSTMENT")).toBe("人工调整");
  });
});

describe("describeRules", () => {
  it("says the scheme in one sentence, leaving out rules worth nothing", () => {
    expect(describeRules(DEFAULT_RULES)).toBe(
      "基础分 100 分;报送逾期每项扣 0.5 分(最多扣 10 分);举措逾期未完成每项扣 2 分(最多扣 20 分);报送被退回每项扣 0.5 分(最多扣 5 分);整改未销号每项扣 2 分(最多扣 10 分);提前完成每项加 1 分(最多加 5 分);最低 0 分。",
    );
    expect(
      describeRules(
        rules({ RETURNED_REPORT: { points: 0, cap: null }, LATE_REPORT: { points: 1, cap: null } }, { floor: null, ceiling: 105 }),
      ),
    ).toBe(
      "基础分 100 分;报送逾期每项扣 1 分;举措逾期未完成每项扣 2 分(最多扣 20 分);整改未销号每项扣 2 分(最多扣 10 分);提前完成每项加 1 分(最多加 5 分);最高 105 分。",
    );
  });
});
