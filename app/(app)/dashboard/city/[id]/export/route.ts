import { loadCityDashboard, loadProvinceDashboard } from "@/lib/dashboards/queries.ts";
import {
  CITY_TABLE_NAMES,
  PROVINCE_TABLE_NAMES,
  cityTables,
  describeCityView,
  describeProvinceView,
  provinceDistrictTable,
  provinceTables,
} from "@/lib/dashboards/tables.ts";
import { exportDashboardTable } from "@/lib/dashboards/export.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import type { DashboardFilters } from "@/lib/dashboards/schema.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

/**
 * The page's data for an export: a province's (cities) or a city's (districts).
 * A province's figures are counted afresh for an export (not read from the
 * snapshot the page shows), so the 各市 table agrees with the 各市各区 one,
 * which counts every district afresh as the city view does; the subtitle says
 * when (统计于 …).
 */
async function loadView(actor: Actor, id: number, filters: DashboardFilters) {
  const province = await loadProvinceDashboard(actor, id, filters, undefined, { fresh: true });
  if (province) return { province, city: null };
  const city = await loadCityDashboard(actor, id, filters);
  return city ? { province: null, city } : null;
}

/**
 * A cross-district table as .xlsx (?table=… plus the page's filters): for a
 * city, districts|areas; for a province, cities|areas (area × city)|districts
 * (every district with its city).
 */
export const GET = withRouteMetrics(
  "/dashboard/city/[id]/export",
  async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
    return exportDashboardTable(request, (await params).id, {
      names: [...new Set([...CITY_TABLE_NAMES, ...PROVINCE_TABLE_NAMES])],
      load: loadView,
      table: async (data, name, actor, filters) => {
        if (data.city) {
          if (name === "cities") return null;
          return cityTables(data.city)[name];
        }
        if (name === "districts") {
          const all = await loadCityDashboard(actor, data.province.region.id, filters);
          return all ? provinceDistrictTable(data.province, all) : null;
        }
        return provinceTables(data.province)[name];
      },
      describe: (data) =>
        data.city
          ? { subtitle: describeCityView(data.city), fileStem: data.city.region.name, today: data.city.today }
          : { subtitle: describeProvinceView(data.province), fileStem: data.province.region.name, today: data.province.today },
    });
  },
);
