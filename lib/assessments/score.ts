import { isAddition, RULE_CODES, RULE_LABELS, type AssessmentRules, type RuleCode } from "@/lib/assessments/schema.ts";

// 考核 score, pure: facts (lib/assessments/facts.ts) + rules + manual
// adjustments → one line per point with the fact behind it, a total and a
// ranking. Points are reckoned in hundredths so that sums are exact: the total
// of a unit is the sum of its lines, to the cent, in the page, the .xlsx and
// the frozen AssessmentItem rows.

/** One fact that moves a unit's score (which report was late, which measure is overdue, …). */
export type Fact = {
  code: RuleCode;
  unitId: number;
  /** The day the fact is dated by ("YYYY-MM-DD"); lines of a rule are listed in this order. */
  date: string;
  /** The fact in words. */
  text: string;
  /** Where to see it (the measure or rectification page). */
  link: string | null;
};

export type AssessedUnit = { id: number; name: string; sortOrder: number };
export type Adjustment = { unitId: number; points: number; reason: string };

/** One line of a unit's score: its code (a rule, BASE, CAP:<rule>, ADJUSTMENT, FLOOR, CEILING), signed points and the fact. */
export type ScoreLine = { code: string; points: number; fact: string; link: string | null };

export type UnitScore = {
  unitId: number;
  name: string;
  sortOrder: number;
  base: number;
  /** Points deducted after caps (a positive number). */
  deductions: number;
  /** Points added after caps. */
  additions: number;
  /** Manual adjustments, signed. */
  adjustments: number;
  total: number;
  /** 1 for the best; units with the same total share a rank (1, 2, 2, 4). */
  rank: number;
  lines: ScoreLine[];
};

const cents = (n: number) => Math.round(n * 100);
const points = (c: number) => c / 100;
/** "0.5", "12", "-3.25" as a Chinese text shows a score. */
export const formatPoints = (n: number) => String(Number(n.toFixed(2)));

/** Per-unit lines and totals, ranked best first. */
export function computeScores(input: {
  units: readonly AssessedUnit[];
  facts: readonly Fact[];
  adjustments: readonly Adjustment[];
  rules: AssessmentRules;
}): UnitScore[] {
  const { rules } = input;
  const factsByUnit = groupBy(input.facts, (f) => f.unitId);
  const adjustmentsByUnit = groupBy(input.adjustments, (a) => a.unitId);
  const scored = input.units.map((unit) => {
    const lines: ScoreLine[] = [{ code: "BASE", points: rules.baseScore, fact: `基础分 ${formatPoints(rules.baseScore)} 分`, link: null }];
    const facts = factsByUnit.get(unit.id) ?? [];
    for (const code of RULE_CODES) {
      const rule = rules.rules[code];
      const perFact = cents(rule.points);
      if (perFact === 0) continue;
      const own = facts
        .filter((f) => f.code === code)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.text.localeCompare(b.text)));
      if (own.length === 0) continue;
      const sign = isAddition(code) ? 1 : -1;
      for (const fact of own) lines.push({ code, points: points(sign * perFact), fact: fact.text, link: fact.link });
      const sum = perFact * own.length;
      if (rule.cap !== null && sum > cents(rule.cap)) {
        const verb = isAddition(code) ? "加分" : "扣分";
        lines.push({
          code: `CAP:${code}`,
          points: points(-sign * (sum - cents(rule.cap))),
          fact: `封顶:${RULE_LABELS[code]}${own.length} 项共${verb} ${formatPoints(points(sum))} 分,超过上限 ${formatPoints(rule.cap)} 分,按上限计`,
          link: null,
        });
      }
    }
    for (const adjustment of adjustmentsByUnit.get(unit.id) ?? []) {
      lines.push({ code: "ADJUSTMENT", points: adjustment.points, fact: `人工调整:${adjustment.reason}`, link: null });
    }
    const subtotal = lines.reduce((s, l) => s + cents(l.points), 0);
    if (rules.floor !== null && subtotal < cents(rules.floor)) {
      lines.push({
        code: "FLOOR",
        points: points(cents(rules.floor) - subtotal),
        fact: `保底:得分 ${formatPoints(points(subtotal))} 分低于最低分 ${formatPoints(rules.floor)} 分,按最低分计`,
        link: null,
      });
    } else if (rules.ceiling !== null && subtotal > cents(rules.ceiling)) {
      lines.push({
        code: "CEILING",
        points: points(cents(rules.ceiling) - subtotal),
        fact: `封顶:得分 ${formatPoints(points(subtotal))} 分超过最高分 ${formatPoints(rules.ceiling)} 分,按最高分计`,
        link: null,
      });
    }
    return { unitId: unit.id, name: unit.name, sortOrder: unit.sortOrder, lines };
  });
  return rankScores(scored);
}

/** Totals and ranks from lines: the same for a draft computed now and for a published assessment's frozen items. */
export function rankScores(units: readonly { unitId: number; name: string; sortOrder: number; lines: ScoreLine[] }[]): UnitScore[] {
  const summed = units.map((unit) => {
    let base = 0;
    let deductions = 0;
    let additions = 0;
    let adjustments = 0;
    let total = 0;
    for (const line of unit.lines) {
      const c = cents(line.points);
      total += c;
      const rule = (line.code.startsWith("CAP:") ? line.code.slice(4) : line.code) as RuleCode;
      if (line.code === "BASE") base += c;
      else if (line.code === "ADJUSTMENT") adjustments += c;
      else if (RULE_CODES.includes(rule)) {
        if (isAddition(rule)) additions += c;
        else deductions -= c;
      }
    }
    return {
      ...unit,
      base: points(base),
      deductions: points(deductions),
      additions: points(additions),
      adjustments: points(adjustments),
      total: points(total),
      rank: 0,
    };
  });
  // Best total first; a tie shares the rank and is listed in the units' own order.
  summed.sort((a, b) => b.total - a.total || a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, "zh-CN") || a.unitId - b.unitId);
  summed.forEach((unit, i) => {
    unit.rank = i > 0 && summed[i - 1]!.total === unit.total ? summed[i - 1]!.rank : i + 1;
  });
  return summed;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
