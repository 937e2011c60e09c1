import Link from "next/link";
import type { ReactNode } from "react";
import type { Column } from "@/lib/dashboards/tables.ts";
import { percent } from "@/components/dashboard/format.ts";
import { cell, EmptyRow } from "@/components/ui/table.tsx";

/**
 * A dashboard table from its column spec (the same spec the .xlsx export uses).
 * With `sortHref`, sortable headers become links that rank the rows.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  link,
  sortHref,
  activeSort,
  empty = "没有符合条件的数据",
  rowAction,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  /** Makes the first column a link. */
  link?: (row: Row) => string;
  sortHref?: (sort: string) => string;
  activeSort?: { sort?: string; dir?: string };
  empty?: string;
  /** A control at the end of each row (催办 a unit), under a header named by `label`. */
  rowAction?: { label: string; render: (row: Row) => ReactNode };
}) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-slate-700">
          <tr>
            {columns.map((column) => {
              const active = column.sort && activeSort?.sort === column.sort;
              return (
                <th
                  key={column.header}
                  scope="col"
                  className="px-3 py-2 font-semibold whitespace-nowrap"
                  aria-sort={active ? (activeSort?.dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  {column.sort && sortHref ? (
                    <Link href={sortHref(column.sort)} className="text-brand-700 underline-offset-2 hover:underline">
                      {column.header}
                      {active ? (activeSort?.dir === "asc" ? " ↑" : " ↓") : ""}
                    </Link>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
            {rowAction && (
              <th scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
                <span className="sr-only">{rowAction.label}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 && <EmptyRow colSpan={columns.length + (rowAction ? 1 : 0)}>{empty}</EmptyRow>}
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, index) => {
                const raw = column.value(row);
                const shown = column.percent ? percent(raw as number | null) : (raw ?? "—");
                return (
                  <td key={column.header} className={`${cell} ${typeof raw === "number" ? "tabular-nums" : ""}`}>
                    {index === 0 && link ? (
                      <Link href={link(row)} className="text-brand-700 underline">
                        {shown}
                      </Link>
                    ) : (
                      shown
                    )}
                  </td>
                );
              })}
              {rowAction && <td className={cell}>{rowAction.render(row)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
