import type { ParsedDocument, ParsedMeasure, ParsedPlan, ParseWarning } from "@/lib/import/types.ts";
import { findDeadlinesInText } from "@/lib/import/deadline.ts";

// What a clerk must check before committing a parsed plan, beyond what the
// parser warns about while reading: deadlines already past on the day of the
// import, a plan period the title did not give, a plan that names no unit.
// Pure: the caller passes the import date, so the parsers stay date-free.

/** The plan's first heading or measure: where the review points for the plan as a whole. */
function firstLine(plan: ParsedPlan): number {
  return Math.min(...plan.sections.map((s) => s.line), ...plan.measures.map((m) => m.line));
}

/** A deadline read from a sentence that names others too: the latest was taken. */
function severalDeadlines(measure: ParsedMeasure): ParseWarning | null {
  const { deadline } = measure;
  if (!deadline?.date || !/20\d{2}|[〇○零一二三四五六七八九]{4}/.test(measure.text)) return null;
  const stated = findDeadlinesInText(measure.text);
  if (new Set(stated.map((d) => d.date)).size < 2) return null;
  // Only when the deadline is the sentence's own latest one, not a labelled one.
  const latest = stated.reduce((a, b) => (b.date! > a.date! ? b : a));
  if (latest.date !== deadline.date || latest.text !== deadline.text) return null;
  const named = [...new Set(stated.map((d) => d.text))].join("、");
  return {
    line: measure.line,
    message: `举措 ${measure.code} 的正文提到多个时限(${named}),已取最晚的“${deadline.text}”作为完成时限,请核对`,
  };
}

// Past deadlines beyond this many in one plan get a summary first: an old
// plan (a 十四五 plan imported after 2025) would otherwise open the review with
// a wall of identical warnings and no word on why.
const PAST_SUMMARY_AFTER = 5;

/** "(规划期 2021—2025 年已结束)" when the plan's last year is before the import year. */
function periodOver(plan: ParsedPlan, today: string): string {
  if (plan.periodEnd === null || plan.periodEnd >= Number(today.slice(0, 4))) return "";
  const years =
    plan.periodStart === null || plan.periodStart === plan.periodEnd ? `${plan.periodEnd}` : `${plan.periodStart}—${plan.periodEnd}`;
  return `(规划期 ${years} 年已结束)`;
}

function planWarnings(plan: ParsedPlan, today: string): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  if (plan.measures.length === 0) return warnings;
  if (plan.periodStart === null || plan.periodEnd === null) {
    warnings.push({ line: firstLine(plan), message: `规划“${plan.title}”未能从标题识别规划期(如2021—2025年),请在核对时填写` });
  }
  // A plan that names units gets a warning per measure without a lead from
  // the parser; one that names none at all (a 规划 in prose) gets one here.
  if (plan.measures.every((m) => m.leadUnits.length === 0 && m.responsibleUnits.length === 0)) {
    warnings.push({
      line: firstLine(plan),
      message: `规划“${plan.title}”的 ${plan.measures.length} 项举措都没有写明牵头单位,请在核对时为每项举措指定牵头单位`,
    });
  }
  const past = plan.measures.filter((m) => m.deadline?.date && m.deadline.date < today).length;
  if (past > PAST_SUMMARY_AFTER) {
    // Same line as the plan's other warnings, pushed before the per-measure ones: it leads the list.
    warnings.push({
      line: firstLine(plan),
      message: `规划“${plan.title}”有 ${past} 项举措的完成时限已过${periodOver(plan, today)},请核对是否已完成或需调整;逐项提示见下`,
    });
  }
  for (const measure of plan.measures) {
    const several = severalDeadlines(measure);
    if (several) warnings.push(several);
    const date = measure.deadline?.date;
    if (date && date < today) {
      warnings.push({
        line: measure.line,
        message: `举措 ${measure.code} 的完成时限(${measure.deadline!.text})已过,请核对是否已完成或需调整`,
      });
    }
  }
  return warnings;
}

/**
 * Warnings for the import preview and the dry run, in line order. `today` is
 * the import date, "YYYY-MM-DD" in China (todayInChina()): a deadline before
 * it is past; one on it is not yet.
 */
export function importWarnings(parsed: ParsedDocument, today: string): ParseWarning[] {
  if (parsed.kind !== "plans") return [];
  return parsed.plans.flatMap((plan) => planWarnings(plan, today)).sort((a, b) => a.line - b.line);
}
