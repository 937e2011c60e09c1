import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { crossDistrictTitle, loadCityDashboard, loadProvinceDashboard } from "@/lib/dashboards/queries.ts";
import { ProvinceView } from "@/components/dashboard/province-view.tsx";
import { filtersToQuery, parseDashboardFilters } from "@/lib/dashboards/schema.ts";
import { parseId, routeId } from "@/lib/ids.ts";
import { completionRate } from "@/lib/dashboards/facts.ts";
import { cityTables, describeCityView } from "@/lib/dashboards/tables.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { AreaComparisonTable } from "@/components/dashboard/area-comparison-table.tsx";
import { FilterBar } from "@/components/dashboard/filter-bar.tsx";
import { ChartFigure } from "@/components/dashboard/chart-figure.tsx";
import { DataTable } from "@/components/dashboard/data-table.tsx";
import { RateBars } from "@/components/dashboard/charts.tsx";
import { PrintButton } from "@/components/dashboard/print-button.tsx";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const actor = await requireActor();
  const id = parseId((await params).id);
  return { title: (id && (await crossDistrictTitle(actor, id))) || "各区对比" };
}

export default async function CityDashboardPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const filters = parseDashboardFilters(await searchParams);
  // A province shows its cities first; each city's row opens this page for that city.
  const province = await loadProvinceDashboard(actor, id, filters);
  if (province) return <ProvinceView data={province} />;
  const data = await loadCityDashboard(actor, id, filters);
  if (!data) notFound();
  const base = `/dashboard/city/${id}`;
  const query = filtersToQuery(data.filters);
  const exportHref = (table: string) => `${base}/export${query}${query ? "&" : "?"}table=${table}`;
  const tables = cityTables(data);
  const districtRates = data.districts.map((d) => ({
    name: d.name,
    rate: d.measures && completionRate(d.measures) !== null ? Math.round(completionRate(d.measures)! * 1000) / 10 : null,
  }));
  return (
    <>
      {data.province ? (
        <nav aria-label="上级" className="no-print mb-2 text-sm">
          <Link
            href={`/dashboard/city/${data.province.id}${filtersToQuery({ period: data.filters.period, state: data.filters.state, light: data.filters.light, area: data.filters.area })}`}
            className="text-brand-700 underline"
          >
            返回{data.province.name}各市对比
          </Link>
        </nav>
      ) : null}
      <PageHeader title={`${data.region.name}各区法治政府建设对比`} description={describeCityView(data)} actions={<PrintButton />} />
      <FilterBar
        action={base}
        filters={data.filters}
        periods={data.options.periods}
        areas={[...data.areas.map((a) => ({ value: a.code, label: a.name })), { value: "NONE", label: "未归类" }]}
      />
      <section aria-labelledby="districts-title" className="mb-6">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="districts-title" className="text-lg font-semibold">
            各区主要指标({data.districts.length} 个区)
          </h2>
          <a href={exportHref("districts")} className="no-print text-sm text-brand-700 underline">
            导出 Excel
          </a>
        </div>
        <DataTable
          caption="各区主要指标"
          columns={tables.districts.columns}
          rows={tables.districts.rows}
          rowKey={(r) => r.id}
          link={(r) =>
            `/dashboard/district/${r.id}${filtersToQuery({ period: data.filters.period, state: data.filters.state, light: data.filters.light })}`
          }
        />
      </section>
      <div className="mb-6">
        <ChartFigure
          title="各区完成率(不含长期坚持的举措)"
          chart={<RateBars data={districtRates} />}
          head={["区", "完成率"]}
          rows={districtRates.map((d) => [d.name, d.rate === null ? "—" : `${d.rate}%`])}
        />
      </div>
      <AreaComparisonTable
        note="各区规划的章节按《法治政府建设实施纲要》的领域归类后对比;点击数字查看该区该领域的举措。"
        exportHref={exportHref("areas")}
        caption="各区按纲要领域的完成率"
        columns={data.districts}
        rows={tables.areas.rows}
        cell={(row, d) => row.byDistrict.get(d.id)}
        href={(d, area) => `/dashboard/district/${d.id}${filtersToQuery({ ...data.filters, area })}`}
      />
    </>
  );
}
