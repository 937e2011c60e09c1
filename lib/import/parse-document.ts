import type { ParsedDocument } from "@/lib/import/types.ts";
import { normaliseLines } from "@/lib/import/normalize.ts";
import { looksLikeAnnualReport, parseAnnualReport } from "@/lib/import/report-parser.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";

/** Text in, structure out: an annual report, or the plans of a plan document. */
export function parseDocumentText(text: string): ParsedDocument {
  const lines = normaliseLines(text);
  if (looksLikeAnnualReport(lines)) {
    const { report, warnings } = parseAnnualReport(lines);
    return { kind: "annualReport", report, warnings };
  }
  const { plans, warnings } = parsePlans(lines);
  return { kind: "plans", plans, warnings };
}
