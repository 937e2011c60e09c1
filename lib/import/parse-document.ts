import type { ParsedDocument, ParsedPlan, ParseWarning } from "@/lib/import/types.ts";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { parseAnnualReport } from "@/lib/import/report-parser.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";
import { classifyDocument, type DocumentKind } from "@/lib/import/classify.ts";

/**
 * Text in, structure out: an annual report, the plans of a plan document, or
 * "unrecognised" with the reason. `kind` reads the text as that kind whatever
 * it looks like (the user chose it by hand).
 */
export function parseDocumentText(text: string, options: { kind?: DocumentKind } = {}): ParsedDocument {
  const lines = normaliseLines(text);
  let planParse: { plans: ParsedPlan[]; warnings: ParseWarning[] } | null = null;
  const plans = () => (planParse ??= parsePlans(lines));
  let kind = options.kind;
  if (!kind) {
    const verdict = classifyDocument(lines, () => plans().plans);
    if (verdict.kind === "unknown") {
      return {
        kind: "unrecognised",
        reason: verdict.reason,
        line: verdict.line,
        structureless: verdict.structureless,
        warnings: [{ line: verdict.line, message: `未识别为规划或年度报告:${verdict.reason}` }],
      };
    }
    kind = verdict.kind;
  }
  if (kind === "annualReport") {
    const { report, warnings } = parseAnnualReport(lines);
    return { kind: "annualReport", report, warnings };
  }
  return { kind: "plans", ...plans() };
}
