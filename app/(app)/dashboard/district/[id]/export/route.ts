import { getActor } from "@/lib/auth/session.ts";
import { listDashboardMeasures, loadDistrictDashboard } from "@/lib/dashboards/queries.ts";
import { parseDashboardFilters, parseId } from "@/lib/dashboards/schema.ts";
import { DISTRICT_TABLE_NAMES, MEASURE_LIST_COLUMNS, describeDistrictView, districtTables, type DistrictTableName } from "@/lib/dashboards/tables.ts";
import { buildTableWorkbook, xlsxResponse } from "@/lib/dashboards/export.ts";

/** A district dashboard table as .xlsx, under the same filters as the page (?table=units&plan=3…). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("未登录", { status: 401 });
  const url = new URL(request.url);
  const table = url.searchParams.get("table") as DistrictTableName | "measures";
  if (table !== "measures" && !DISTRICT_TABLE_NAMES.includes(table)) return new Response("没有这张表", { status: 404 });
  const id = parseId((await params).id);
  const filters = parseDashboardFilters(Object.fromEntries(url.searchParams));
  const data = id ? await loadDistrictDashboard(actor, id, filters) : null;
  if (!data) return new Response("未找到该区域", { status: 404 });
  // The drill-down list: every measure under the filters, not only the page's first 200.
  const spec =
    table === "measures"
      ? { title: "筛选出的措施", columns: MEASURE_LIST_COLUMNS, rows: (await listDashboardMeasures(actor, data.district.id, filters, data.today, 5000))!.rows }
      : districtTables(data)[table];
  const workbook = await buildTableWorkbook<any>(spec, describeDistrictView(data));
  return xlsxResponse(workbook, `${data.district.name}-${spec.title}-${data.today}.xlsx`);
}
