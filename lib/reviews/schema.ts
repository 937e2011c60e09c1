import { z } from "zod";
import { id } from "@/lib/validation.ts";
import { cadenceOfKey } from "@/lib/reporting/periods.ts";

/** What waits on the review desk; rectification reports are reviewed on their inspection's page. */
export const REVIEW_KINDS = ["report", "extension"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = { report: "进展报送", extension: "延期申请" };

export const periodKeySchema = z.string().refine((key) => cadenceOfKey(key) !== null, "报送期次有误");

/** The desk's filters, as they stand in the URL (?period=2026-Q3&unit=12&plan=3&kind=report&q=执法). */
export const reviewFiltersSchema = z.object({
  period: periodKeySchema.optional(),
  unit: id("单位").optional(),
  plan: id("规划").optional(),
  kind: z.enum(REVIEW_KINDS).optional(),
  /** Search: a measure's code, words of its text, or words of the unit's name. */
  q: z.string().trim().min(1).max(50).optional(),
});
export type ReviewFilters = z.output<typeof reviewFiltersSchema>;

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** Each filter on its own: a malformed one (a hand-edited link) is dropped, the others still apply. */
export function parseReviewFilters(params: SearchParams): ReviewFilters {
  const filters: ReviewFilters = {};
  for (const key of Object.keys(reviewFiltersSchema.shape) as (keyof ReviewFilters)[]) {
    const parsed = reviewFiltersSchema.shape[key].safeParse(first(params[key]));
    if (parsed.success && parsed.data !== undefined) (filters as Record<string, unknown>)[key] = parsed.data;
  }
  return filters;
}

/** 进展台账 and 通报: one district, one period. */
export const periodDocumentSchema = z.object({ district: id("区县"), period: periodKeySchema });
