import { z } from "zod";
import type { Light, MeasureStatus } from "@/lib/reporting/lights.ts";
import { cadenceOfKey } from "@/lib/reporting/periods.ts";
import { id as validId } from "@/lib/validation.ts";

// Dashboard filters live in the URL (?plan=3&chapter=12&light=RED&period=2026-Q3)
// so a view can be shared. They come from users' address bars: a malformed
// value is dropped, never an error page.

export const LIGHT_VALUES = ["RED", "YELLOW", "GREEN", "GREY"] as const satisfies readonly Light[];
export const MEASURE_STATUS_VALUES = ["COMPLETED", "OVERDUE", "IN_PROGRESS", "NOT_STARTED"] as const satisfies readonly MeasureStatus[];

/** Columns the per-unit table can be ranked by. */
export const UNIT_SORTS = ["assigned", "completed", "overdue", "onTimeRate", "submissionRate", "returned", "name"] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];

const id = validId("编号");

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const dashboardFilterSchema = z.object({
  /** A reporting period key of any cadence ("2026-Q3", "2026-09", "2026-H1", "2026"). */
  period: lenient(
    z
      .string()
      .max(10)
      .refine((key) => cadenceOfKey(key) !== null),
  ),
  plan: lenient(id),
  chapter: lenient(id),
  unit: lenient(id),
  state: lenient(z.enum(MEASURE_STATUS_VALUES)),
  light: lenient(z.enum(LIGHT_VALUES)),
  /** An outline area code (cross-district view), or NONE for unmapped chapters. */
  area: lenient(z.string().regex(/^[A-Z_]{2,30}$/)),
  sort: lenient(z.enum(UNIT_SORTS)),
  dir: lenient(z.enum(["asc", "desc"])),
});

export type DashboardFilters = z.infer<typeof dashboardFilterSchema>;

/** Next.js searchParams (values may be arrays) → filters; unknown keys and bad values are dropped. */
export function parseDashboardFilters(params: Record<string, string | string[] | undefined>): DashboardFilters {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") flat[key] = first;
  }
  return dashboardFilterSchema.parse(flat);
}

/** The filters back as a query string ("" when none), for links that keep the view. */
export function filtersToQuery(
  filters: DashboardFilters,
  change: Partial<Record<keyof DashboardFilters, string | number | undefined>> = {},
) {
  const params = new URLSearchParams();
  const merged: Record<string, string | number | undefined> = { ...filters, ...change };
  for (const key of Object.keys(dashboardFilterSchema.shape)) {
    const value = merged[key];
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}
