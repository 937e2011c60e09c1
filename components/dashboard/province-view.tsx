import { PROVINCE_VIEW_TTL_MS, provinceRowHref, type ProvinceDashboard } from "@/lib/dashboards/queries.ts";
import { filtersToQuery } from "@/lib/dashboards/schema.ts";
import { completionRate } from "@/lib/dashboards/facts.ts";
import {
  describeProvinceView,
  formatCountedAt,
  onTimeRate,
  provinceSummary,
  provinceTables,
  submissionRate,
} from "@/lib/dashboards/tables.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { AreaComparisonTable } from "@/components/dashboard/area-comparison-table.tsx";
import { FilterBar } from "@/components/dashboard/filter-bar.tsx";
import { ChartFigure } from "@/components/dashboard/chart-figure.tsx";
import { DataTable } from "@/components/dashboard/data-table.tsx";
import { RateBars } from "@/components/dashboard/charts.tsx";
import { PrintButton } from "@/components/dashboard/print-button.tsx";
import { StatCards } from "@/components/dashboard/stat-cards.tsx";
import { percent } from "@/components/dashboard/format.ts";

/**
 * The province leader's cross-district page: the province's totals, then one
 * row per city (each opens that city's view of its districts) and per
 * district placed directly under the province (省直管, opens its own page). A hundred
 * districts side by side were a megabyte of HTML; ten cities are a page.
 */
export function ProvinceView({ data }: { data: ProvinceDashboard }) {
  const base = `/dashboard/city/${data.region.id}`;
  const query = filtersToQuery(data.filters);
  const exportHref = (table: string) => `${base}/export${query}${query ? "&" : "?"}table=${table}`;
  const tables = provinceTables(data);
  const summary = provinceSummary(data);
  const m = summary.measures;
  const a = summary.assignments;
  const cityRates = data.cities.map((c) => ({
    name: c.name,
    rate: c.measures && completionRate(c.measures) !== null ? Math.round(completionRate(c.measures)! * 1000) / 10 : null,
  }));
  const level = new Map(data.cities.map((c) => [c.id, c.level]));
  const cityHref = (id: number, filters = data.filters) => provinceRowHref({ id, level: level.get(id) ?? "CITY" }, filtersToQuery(filters));
  const counted = formatCountedAt(data.asOf);
  return (
    <>
      <PageHeader
        title={`${data.region.name}各市法治政府建设对比`}
        description={`${describeProvinceView(data)} · ${data.cities.length} 个市、${data.districtCount} 个区`}
        actions={<PrintButton />}
      />
      <FilterBar
        action={base}
        filters={data.filters}
        periods={data.options.periods}
        areas={[...data.areas.map((x) => ({ value: x.code, label: x.name })), { value: "NONE", label: "未归类" }]}
      />
      <p className="mb-3 text-xs text-slate-500">
        {data.source === "snapshot"
          ? `未筛选的全省数据每 ${PROVINCE_VIEW_TTL_MS / 60_000} 分钟统计一次,统计于 ${counted}。`
          : data.filters.period || data.filters.state || data.filters.light || data.filters.area
            ? `统计于 ${counted};筛选后的数据在打开时统计,${PROVINCE_VIEW_TTL_MS / 60_000} 分钟内再次打开沿用这次的结果。`
            : `统计于 ${counted};数据在打开时统计,${PROVINCE_VIEW_TTL_MS / 60_000} 分钟内再次打开沿用这次的结果。`}
      </p>
      <StatCards
        title="全省主要指标"
        stats={[
          { label: "举措总数", value: m?.measures ?? 0, note: `其中长期坚持 ${m?.ongoing ?? 0} 项` },
          { label: "完成率", value: percent(m ? completionRate(m) : null), note: "不含长期坚持的举措", tone: "green" },
          { label: "已逾期", value: m?.overdue ?? 0, note: `红灯 ${m?.red ?? 0} 项`, tone: "red" },
          { label: "按时完成率", value: percent(a ? onTimeRate(a) : null) },
          {
            label: "本期报送率",
            value: percent(a ? submissionRate(a) : null),
            note: `${data.periodLabel}:应报 ${a?.expected ?? 0},已报 ${a?.submitted ?? 0}`,
          },
          {
            label: "报送率最低的市",
            value: summary.behind?.name ?? "—",
            note: summary.behind ? `本期报送率 ${percent(submissionRate(summary.behind.assignments!))}` : undefined,
            href: summary.behind ? cityHref(summary.behind.id) : undefined,
            tone: summary.behind ? "amber" : undefined,
          },
        ]}
      />
      <section aria-labelledby="cities-title" className="mb-6">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="cities-title" className="text-lg font-semibold">
            各市主要指标({data.cities.length} 个市)
          </h2>
          <span className="no-print flex gap-3 text-sm">
            <a href={exportHref("cities")} className="text-brand-700 underline">
              导出 Excel
            </a>
            <a href={exportHref("districts")} className="text-brand-700 underline">
              导出各市各区明细
            </a>
          </span>
        </div>
        <p className="mb-2 text-sm text-slate-600">点击市名查看该市各区;省直管的区直接打开该区看板。</p>
        <DataTable
          caption="各市主要指标"
          columns={tables.cities.columns}
          rows={tables.cities.rows}
          rowKey={(r) => r.id}
          link={(r) =>
            cityHref(r.id, { period: data.filters.period, state: data.filters.state, light: data.filters.light, area: data.filters.area })
          }
        />
      </section>
      <div className="mb-6">
        <ChartFigure
          title="各市完成率(不含长期坚持的举措)"
          chart={<RateBars data={cityRates} />}
          head={["市", "完成率"]}
          rows={cityRates.map((c) => [c.name, c.rate === null ? "—" : `${c.rate}%`])}
        />
      </div>
      <AreaComparisonTable
        note="各市所辖区的规划章节按《法治政府建设实施纲要》的领域归类后对比;点击数字查看该市各区(省直管的区为该区)在该领域的情况。"
        exportHref={exportHref("areas")}
        caption="各市按纲要领域的完成率"
        columns={data.cities}
        rows={tables.areas.rows}
        cell={(row, c) => row.byCity.get(c.id)}
        href={(c, area) => cityHref(c.id, { ...data.filters, area })}
      />
    </>
  );
}
