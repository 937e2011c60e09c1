import Link from "next/link";
import { completionRate, type MeasureCounters } from "@/lib/dashboards/facts.ts";
import { percent } from "@/components/dashboard/format.ts";

/**
 * The outline areas (rows) against the regions compared (columns): each cell
 * the completion rate of the area's non-ongoing measures, linking to where the
 * reader drills down. One table for the city view (its districts) and the
 * province view (its cities).
 */
export function AreaComparisonTable<R extends { id: number; name: string }, A extends { code: string; name: string }>(props: {
  caption: string;
  /** What the reader compares and where a number leads. */
  note: string;
  exportHref: string;
  columns: R[];
  rows: A[];
  cell: (row: A, column: R) => MeasureCounters | undefined;
  href: (column: R, area: string) => string;
}) {
  return (
    <section aria-labelledby="areas-title" className="mb-6">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="areas-title" className="text-lg font-semibold">
          按纲要领域对比:完成率(已完成/非长期坚持的举措)
        </h2>
        <a href={props.exportHref} className="no-print text-sm text-brand-700 underline">
          导出 Excel
        </a>
      </div>
      <p className="mb-2 text-sm text-slate-600">{props.note}</p>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{props.caption}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                纲要领域
              </th>
              {props.columns.map((column) => (
                <th key={column.id} scope="col" className="px-3 py-2 whitespace-nowrap">
                  {column.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {props.rows.map((row) => (
              <tr key={row.code}>
                <th scope="row" className="px-3 py-2 font-normal whitespace-nowrap">
                  {row.name}
                </th>
                {props.columns.map((column) => {
                  const cell = props.cell(row, column);
                  return (
                    <td key={column.id} className="px-3 py-2 tabular-nums">
                      {cell ? (
                        <Link
                          href={props.href(column, row.code)}
                          className="text-brand-700 hover:underline"
                          aria-label={`${column.name}${row.name}:举措 ${cell.measures} 项,完成率 ${percent(completionRate(cell))}(${cell.completedNonOngoing}/${cell.nonOngoing})`}
                        >
                          {percent(completionRate(cell))}{" "}
                          <span className="text-slate-500">
                            ({cell.completedNonOngoing}/{cell.nonOngoing})
                          </span>
                        </Link>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
