import { getActor } from "@/lib/auth/session.ts";
import { loadCityDashboard } from "@/lib/dashboards/queries.ts";
import { parseDashboardFilters, parseId } from "@/lib/dashboards/schema.ts";
import { CITY_TABLE_NAMES, cityTables, describeCityView } from "@/lib/dashboards/tables.ts";
import { buildTableWorkbook, xlsxResponse } from "@/lib/dashboards/export.ts";

/** A cross-district table as .xlsx (?table=districts|areas plus the page's filters). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("未登录", { status: 401 });
  const url = new URL(request.url);
  const table = url.searchParams.get("table") as (typeof CITY_TABLE_NAMES)[number];
  if (!CITY_TABLE_NAMES.includes(table)) return new Response("没有这张表", { status: 404 });
  const id = parseId((await params).id);
  const filters = parseDashboardFilters(Object.fromEntries(url.searchParams));
  const data = id ? await loadCityDashboard(actor, id, filters) : null;
  if (!data) return new Response("未找到该区域", { status: 404 });
  const spec = cityTables(data)[table];
  const workbook = await buildTableWorkbook<any>(spec, describeCityView(data));
  return xlsxResponse(workbook, `${data.region.name}-${spec.title}-${data.today}.xlsx`);
}
