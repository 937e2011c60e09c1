import { listDashboardMeasures, loadDistrictDashboard } from "@/lib/dashboards/queries.ts";
import { DISTRICT_TABLE_NAMES, MEASURE_LIST_COLUMNS, describeDistrictView, districtTables } from "@/lib/dashboards/tables.ts";
import { exportDashboardTable } from "@/lib/dashboards/export.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

/** A district dashboard table as .xlsx, under the same filters as the page (?table=units&plan=3…). */
export const GET = withRouteMetrics(
  "/dashboard/district/[id]/export",
  async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
    return exportDashboardTable(request, (await params).id, {
      names: [...DISTRICT_TABLE_NAMES, "measures"] as const,
      load: loadDistrictDashboard,
      table: async (data, name, actor, filters) =>
        name === "measures"
          ? // The drill-down list: every measure under the filters, not only the page's first 200.
            {
              title: "筛选出的举措",
              columns: MEASURE_LIST_COLUMNS,
              rows: (await listDashboardMeasures(actor, data.district.id, filters, data.today, 5000))!.rows,
            }
          : districtTables(data)[name],
      describe: (data) => ({ subtitle: describeDistrictView(data), fileStem: data.district.name, today: data.today }),
    });
  },
);
