import { loadCityDashboard } from "@/lib/dashboards/queries.ts";
import { CITY_TABLE_NAMES, cityTables, describeCityView } from "@/lib/dashboards/tables.ts";
import { exportDashboardTable } from "@/lib/dashboards/export.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

/** A cross-district table as .xlsx (?table=districts|areas plus the page's filters). */
export const GET = withRouteMetrics("/dashboard/city/[id]/export", async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return exportDashboardTable(request, (await params).id, {
    names: CITY_TABLE_NAMES,
    load: loadCityDashboard,
    table: (data, name) => cityTables(data)[name],
    describe: (data) => ({ subtitle: describeCityView(data), fileStem: data.region.name, today: data.today }),
  });
});
