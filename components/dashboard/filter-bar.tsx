import Link from "next/link";
import { LIGHT_LABELS } from "@/lib/reporting/lights.ts";
import { MEASURE_STATUS_LABELS } from "@/lib/reporting/lights.ts";
import { LIGHT_VALUES, MEASURE_STATUS_VALUES, type DashboardFilters } from "@/lib/dashboards/schema.ts";

type Option = { value: string | number; label: string; group?: string };

/**
 * The dashboard filters as a plain GET form: the URL carries the view, so it
 * can be bookmarked and sent to a colleague, and it works without JavaScript.
 */
export function FilterBar({
  action,
  filters,
  periods,
  plans,
  chapters,
  units,
  areas,
  showState = true,
}: {
  /** The measure-state select (the department page lists assignments, which have lights but no state). */
  showState?: boolean;
  action: string;
  filters: DashboardFilters;
  periods: { key: string; label: string }[];
  plans?: Option[];
  chapters?: Option[];
  units?: Option[];
  areas?: Option[];
}) {
  const select = "mt-1 block max-w-56 rounded border border-slate-300 bg-white px-2 py-1.5";
  const field = (name: keyof DashboardFilters, label: string, options: Option[], all = "全部") => {
    const groups = [...new Set(options.map((o) => o.group ?? ""))];
    return (
      <label className="text-sm">
        {label}
        <select name={name} defaultValue={String(filters[name] ?? "")} className={select}>
          <option value="">{all}</option>
          {groups.map((group) =>
            group ? (
              <optgroup key={group} label={group}>
                {options
                  .filter((o) => o.group === group)
                  .map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
              </optgroup>
            ) : (
              options
                .filter((o) => !o.group)
                .map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))
            ),
          )}
        </select>
      </label>
    );
  };
  return (
    // Keyed by the filters: a drill-down link changes the URL without remounting
    // the page, and the selects' default values would otherwise stay stale.
    <form
      key={JSON.stringify(filters)}
      method="get"
      action={action}
      className="no-print mb-5 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3"
      aria-label="筛选看板"
    >
      {field(
        "period",
        "报送期",
        periods.map((p) => ({ value: p.key, label: p.label })),
        "最近一期",
      )}
      {plans && field("plan", "规划", plans, "全部在用规划")}
      {chapters && field("chapter", "章节", chapters)}
      {areas && field("area", "纲要领域", areas)}
      {units && field("unit", "单位", units)}
      {showState &&
        field(
          "state",
          "状态",
          MEASURE_STATUS_VALUES.map((s) => ({ value: s, label: MEASURE_STATUS_LABELS[s] })),
        )}
      {field(
        "light",
        "灯号",
        LIGHT_VALUES.map((l) => ({ value: l, label: LIGHT_LABELS[l] })),
      )}
      {filters.sort && <input type="hidden" name="sort" value={filters.sort} />}
      {filters.dir && <input type="hidden" name="dir" value={filters.dir} />}
      <button type="submit" className="rounded bg-brand-600 px-4 py-1.5 font-medium text-white hover:bg-brand-700">
        筛选
      </button>
      <Link href={action} className="px-2 py-1.5 text-brand-700 underline">
        清除筛选
      </Link>
    </form>
  );
}
