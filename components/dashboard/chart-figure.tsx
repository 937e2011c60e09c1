import type { ReactNode } from "react";

/**
 * A chart with the table it is drawn from: screen readers and printouts get the
 * numbers, not just the picture. The chart itself is hidden from assistive tech.
 */
export function ChartFigure({
  title,
  chart,
  head,
  rows,
}: {
  title: string;
  chart: ReactNode;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    <figure className="rounded border border-slate-200 bg-white p-3 break-inside-avoid">
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <div aria-hidden="true">{chart}</div>
      <details className="chart-data mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700">数据表</summary>
        <table className="mt-2 min-w-full text-left">
          <caption className="sr-only">{title}(数据表)</caption>
          <thead className="bg-slate-100">
            <tr>
              {head.map((h) => (
                <th key={h} scope="col" className="px-2 py-1 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((value, j) =>
                  j === 0 ? (
                    <th key={j} scope="row" className="px-2 py-1 font-normal">
                      {value}
                    </th>
                  ) : (
                    <td key={j} className="px-2 py-1 tabular-nums">
                      {value}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
