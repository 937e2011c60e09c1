import { getActor } from "@/lib/auth/session.ts";
import { loadUnitDashboard } from "@/lib/dashboards/queries.ts";
import { parseDashboardFilters, parseId } from "@/lib/dashboards/schema.ts";
import { UNIT_TABLE_NAMES, unitTables } from "@/lib/dashboards/tables.ts";
import { buildTableWorkbook, xlsxResponse } from "@/lib/dashboards/export.ts";

/** A department dashboard table as .xlsx (?table=compare|tasks|returned plus the page's filters). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("未登录", { status: 401 });
  const url = new URL(request.url);
  const table = url.searchParams.get("table") as (typeof UNIT_TABLE_NAMES)[number];
  if (!UNIT_TABLE_NAMES.includes(table)) return new Response("没有这张表", { status: 404 });
  const id = parseId((await params).id);
  const filters = parseDashboardFilters(Object.fromEntries(url.searchParams));
  const data = id ? await loadUnitDashboard(actor, id, filters) : null;
  if (!data) return new Response("未找到该单位", { status: 404 });
  const spec = unitTables(data)[table];
  const subtitle = `${data.unit.region.name} · ${data.unit.name} · 数据截至 ${data.today} · 报送期 ${data.periodLabel}`;
  const workbook = await buildTableWorkbook<any>(spec, subtitle);
  return xlsxResponse(workbook, `${data.unit.name}-${spec.title}-${data.today}.xlsx`);
}
