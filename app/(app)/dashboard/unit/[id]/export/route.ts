import { loadUnitDashboard } from "@/lib/dashboards/queries.ts";
import { UNIT_TABLE_NAMES, unitTables } from "@/lib/dashboards/tables.ts";
import { exportDashboardTable } from "@/lib/dashboards/export.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

/** A department dashboard table as .xlsx (?table=compare|tasks|returned plus the page's filters). */
export const GET = withRouteMetrics(
  "/dashboard/unit/[id]/export",
  async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
    return exportDashboardTable(request, (await params).id, {
      names: UNIT_TABLE_NAMES,
      load: loadUnitDashboard,
      table: (data, name) => unitTables(data)[name],
      describe: (data) => ({
        subtitle: `${data.unit.region.name} · ${data.unit.name} · 数据截至 ${data.today} · 报送期 ${data.periodLabel}`,
        fileStem: data.unit.name,
        today: data.today,
      }),
    });
  },
);
