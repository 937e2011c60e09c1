import ExcelJS from "exceljs";
import type { TableSpec } from "@/lib/dashboards/tables.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { getActor } from "@/lib/auth/session.ts";
import { parseDashboardFilters, type DashboardFilters } from "@/lib/dashboards/schema.ts";
import { parseId } from "@/lib/ids.ts";

/** One dashboard table as an .xlsx workbook: a title row, the filter line, then the table. */
export async function buildTableWorkbook<Row>(table: TableSpec<Row>, subtitle: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "法治任务通";
  addTableSheet(workbook, table, table.title, subtitle);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Adds one table as a sheet: a title row, a subtitle line (the filters), the header, the rows. */
export function addTableSheet<Row>(workbook: ExcelJS.Workbook, table: TableSpec<Row>, title: string, subtitle: string) {
  const sheet = workbook.addWorksheet(table.title.slice(0, 31));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([subtitle]).font = { color: { argb: "FF555555" } };
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
    cell.border = { bottom: { style: "thin" } };
  });
  for (const row of table.rows) sheet.addRow(table.columns.map((c) => c.value(row)));
  table.columns.forEach((column, index) => {
    const col = sheet.getColumn(index + 1);
    if (column.percent) col.numFmt = "0.0%";
    const widest = Math.max(column.header.length * 2, ...table.rows.slice(0, 200).map((r) => String(column.value(r) ?? "").length * 2));
    col.width = Math.min(60, Math.max(8, widest + 2));
  });
  sheet.views = [{ state: "frozen", ySplit: 3 }];
}

export function xlsxResponse(buffer: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="table.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}

/**
 * GET handler body shared by the dashboards' export routes: signed in, a known
 * table name, the page's filters from the query string, the same loader (and
 * so the same scope check) as the page; 404 for anything else.
 */
export async function exportDashboardTable<Data, Name extends string>(
  request: Request,
  segment: string,
  options: {
    names: readonly Name[];
    load: (actor: Actor, id: number, filters: DashboardFilters) => Promise<Data | null>;
    /** null: the table does not exist for this view (404). */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any row type: each table brings its own columns for its rows
    table: (data: Data, name: Name, actor: Actor, filters: DashboardFilters) => TableSpec<any> | null | Promise<TableSpec<any> | null>;
    /** The words above the table, and the file name's first part. */
    describe: (data: Data) => { subtitle: string; fileStem: string; today: string };
  },
): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("未登录", { status: 401 });
  const url = new URL(request.url);
  const name = url.searchParams.get("table") as Name;
  if (!options.names.includes(name)) return new Response("没有这张表", { status: 404 });
  const id = parseId(segment);
  const filters = parseDashboardFilters(Object.fromEntries(url.searchParams));
  const data = id ? await options.load(actor, id, filters) : null;
  if (!data) return new Response("未找到", { status: 404 });
  const spec = await options.table(data, name, actor, filters);
  if (!spec) return new Response("没有这张表", { status: 404 });
  const { subtitle, fileStem, today } = options.describe(data);
  return xlsxResponse(await buildTableWorkbook(spec, subtitle), `${fileStem}-${spec.title}-${today}.xlsx`);
}
