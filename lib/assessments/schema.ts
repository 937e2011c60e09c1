import { z } from "zod";
import { id, text, versionNumber } from "@/lib/validation.ts";

// 考核: the scoring scheme of a district and year, its shapes and labels.
// Rule codes are English constants; every label a user reads comes from
// RULE_LABELS and LINE_LABELS below.

/** The facts that move a unit's score; each fact is one line of points. */
export const RULE_CODES = ["LATE_REPORT", "OVERDUE_MEASURE", "RETURNED_REPORT", "OPEN_RECTIFICATION", "EARLY_COMPLETION"] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** Rules that add points; the others deduct. */
export const ADDITION_RULES: ReadonlySet<RuleCode> = new Set(["EARLY_COMPLETION"]);
export const isAddition = (code: RuleCode) => ADDITION_RULES.has(code);

export const RULE_LABELS: Record<RuleCode, string> = {
  LATE_REPORT: "报送逾期",
  OVERDUE_MEASURE: "举措逾期未完成",
  RETURNED_REPORT: "报送被退回",
  OPEN_RECTIFICATION: "整改未销号",
  EARLY_COMPLETION: "提前完成",
};

/** Lines that are not a fact of a rule: the base score, a cap, a manual adjustment, the floor and the ceiling. */
export const LINE_CODES = ["BASE", "CAP", "ADJUSTMENT", "FLOOR", "CEILING"] as const;
export type LineCode = (typeof LINE_CODES)[number];
export type ItemCode = RuleCode | LineCode;

export const LINE_LABELS: Record<LineCode, string> = {
  BASE: "基础分",
  CAP: "封顶",
  ADJUSTMENT: "人工调整",
  FLOOR: "保底",
  CEILING: "最高分",
};

/** The label of any item code as stored in AssessmentItem.ruleCode; a cap line is stored as CAP:<rule>. */
export function itemLabel(code: string): string {
  if (code.startsWith("CAP:")) return `${LINE_LABELS.CAP}·${RULE_LABELS[code.slice(4) as RuleCode] ?? code.slice(4)}`;
  return (RULE_LABELS as Record<string, string>)[code] ?? (LINE_LABELS as Record<string, string>)[code] ?? code;
}

export const ASSESSMENT_STATUS_LABELS = { DRAFT: "草稿", PUBLISHED: "已发布" } as const;

/** One rule: points per fact (always positive; the rule says whether they add or deduct) and an optional cap on its total. */
const ruleSchema = z.object({
  points: z.number().min(0).max(100),
  cap: z.number().min(0).max(1000).nullable(),
});

/** The scheme as stored in Assessment.rules. */
export const rulesSchema = z.object({
  baseScore: z.number().min(0).max(1000),
  floor: z.number().min(0).max(1000).nullable(),
  ceiling: z.number().min(0).max(1000).nullable(),
  rules: z.object(Object.fromEntries(RULE_CODES.map((code) => [code, ruleSchema])) as Record<RuleCode, typeof ruleSchema>),
});
export type AssessmentRules = z.output<typeof rulesSchema>;

/** The defaults a new scheme starts from; the bureau edits them while the scheme is a draft. */
export const DEFAULT_RULES: AssessmentRules = {
  baseScore: 100,
  floor: 0,
  ceiling: null,
  rules: {
    LATE_REPORT: { points: 0.5, cap: 10 },
    OVERDUE_MEASURE: { points: 2, cap: 20 },
    RETURNED_REPORT: { points: 0.5, cap: 5 },
    OPEN_RECTIFICATION: { points: 2, cap: 10 },
    EARLY_COMPLETION: { points: 1, cap: 5 },
  },
};

// ---------------------------------------------------------------------------
// Action inputs (strings from the form, numbers from a call)

const blank = (value: unknown) =>
  value === "" || value === null || value === undefined || (typeof value === "string" && value.trim() === "");

/** A score with at most two decimals, in [0, max]. */
const score = (label: string, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value),
    z
      .number({ error: `请填写${label}` })
      .refine((n) => Number.isFinite(n), `${label}须为数字`)
      .refine((n) => n >= 0 && n <= max, `${label}须在 0 到 ${max} 之间`)
      .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, `${label}最多保留两位小数`),
  );
const optionalScore = (label: string, max: number) => z.preprocess((value) => (blank(value) ? null : value), score(label, max).nullable());

export const pointsField = (code: RuleCode) => `points_${code}`;
export const capField = (code: RuleCode) => `cap_${code}`;

const ruleFields = Object.fromEntries(
  RULE_CODES.flatMap((code) => [
    [pointsField(code), score(`${RULE_LABELS[code]}每项分值`, 100)],
    [capField(code), optionalScore(`${RULE_LABELS[code]}上限`, 1000)],
  ]),
) as Record<string, ReturnType<typeof score> | ReturnType<typeof optionalScore>>;

/** The rules form: flat fields so each error stands beside its own input. */
export const rulesFormSchema = z
  .object({
    baseScore: score("基础分", 1000),
    floor: optionalScore("最低分", 1000),
    ceiling: optionalScore("最高分", 1000),
    ...ruleFields,
  })
  .superRefine((value, ctx) => {
    const { floor, ceiling } = value as { floor: number | null; ceiling: number | null };
    if (floor !== null && ceiling !== null && floor > ceiling)
      ctx.addIssue({ code: "custom", path: ["ceiling"], message: "最高分不能低于最低分" });
  });

/** The stored rules from the form's fields. */
export function rulesFromForm(value: Record<string, unknown>): AssessmentRules {
  return {
    baseScore: value.baseScore as number,
    floor: value.floor as number | null,
    ceiling: value.ceiling as number | null,
    rules: Object.fromEntries(
      RULE_CODES.map((code) => [code, { points: value[pointsField(code)] as number, cap: value[capField(code)] as number | null }]),
    ) as AssessmentRules["rules"],
  };
}

/** The form's fields from stored rules (the inputs' default values). */
export function formFromRules(rules: AssessmentRules): Record<string, string> {
  const s = (n: number | null) => (n === null ? "" : String(n));
  return {
    baseScore: s(rules.baseScore),
    floor: s(rules.floor),
    ceiling: s(rules.ceiling),
    ...Object.fromEntries(
      RULE_CODES.flatMap((code) => [
        [pointsField(code), s(rules.rules[code].points)],
        [capField(code), s(rules.rules[code].cap)],
      ]),
    ),
  };
}

export const ASSESSMENT_MIN_YEAR = 2000;
export const ASSESSMENT_MAX_YEAR = 2100;

export const createAssessmentSchema = z.object({
  regionId: id("区县"),
  year: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
    z
      .number({ error: "请填写考核年度" })
      .int("考核年度须为整数")
      .min(ASSESSMENT_MIN_YEAR, `考核年度须在 ${ASSESSMENT_MIN_YEAR} 到 ${ASSESSMENT_MAX_YEAR} 之间`)
      .max(ASSESSMENT_MAX_YEAR, `考核年度须在 ${ASSESSMENT_MIN_YEAR} 到 ${ASSESSMENT_MAX_YEAR} 之间`),
  ),
});

export const updateRulesSchema = z.intersection(z.object({ id: id("考核"), version: versionNumber }), rulesFormSchema);

export const addAdjustmentSchema = z.object({
  assessmentId: id("考核"),
  version: versionNumber,
  unitId: id("单位"),
  points: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value),
    z
      .number({ error: "请填写调整分值" })
      .refine((n) => Number.isFinite(n) && n !== 0, "调整分值不能为 0")
      .refine((n) => Math.abs(n) <= 100, "调整分值须在 -100 到 100 之间")
      .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "调整分值最多保留两位小数"),
  ),
  reason: text("调整理由", 500),
});

export const removeAdjustmentSchema = z.object({ id: id("调整"), version: versionNumber });
export const publishAssessmentSchema = z.object({ id: id("考核"), version: versionNumber });

/** The default title of a district's scheme for a year. */
export const defaultAssessmentTitle = (regionName: string, year: number) => `${regionName}${year}年度法治建设考核`;

/** The scheme in one sentence, for readers of a published 考核: "基础分 100 分;报送逾期每项扣 0.5 分(最多扣 10 分);…". */
export function describeRules(rules: AssessmentRules): string {
  const n = (x: number) => String(Number(x.toFixed(2)));
  const parts = [`基础分 ${n(rules.baseScore)} 分`];
  for (const code of RULE_CODES) {
    const rule = rules.rules[code];
    if (rule.points === 0) continue;
    const verb = isAddition(code) ? "加" : "扣";
    parts.push(`${RULE_LABELS[code]}每项${verb} ${n(rule.points)} 分${rule.cap === null ? "" : `(最多${verb} ${n(rule.cap)} 分)`}`);
  }
  if (rules.floor !== null) parts.push(`最低 ${n(rules.floor)} 分`);
  if (rules.ceiling !== null) parts.push(`最高 ${n(rules.ceiling)} 分`);
  return `${parts.join(";")}。`;
}
