import Link from "next/link";
import type { ReportWarning } from "@/lib/annual-reports/queries.ts";
import { reportDeadlines } from "@/lib/annual-reports/deadlines.ts";
import { DeadlineBadge } from "@/components/reports/status.tsx";

/** Annual reports due soon or late, for those who compile them (the list and the home page). */
export function ReportDeadlineWarnings({ warnings }: { warnings: ReportWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <section aria-labelledby="report-warnings-title" className="no-print mb-6 rounded border border-amber-300 bg-amber-50 p-4">
      <h2 id="report-warnings-title" className="mb-2 font-semibold text-amber-900">
        年度报告提醒
      </h2>
      <p className="mb-2 text-sm text-amber-900">年度报告须于次年 3 月 1 日前报送上一级党委、政府,4 月 1 日前向社会公开。</p>
      <ul className="space-y-2">
        {warnings.map((w) => {
          const { submitBy, publishBy } = reportDeadlines(w.year);
          return (
            <li key={`${w.subject}-${w.year}`} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">
                {w.subject}
                {w.year}年度报告
              </span>
              {w.states.map((s) => (
                <DeadlineBadge key={s.kind} state={s} />
              ))}
              <span className="text-slate-600">
                (报送截止 {submitBy},公开截止 {publishBy})
              </span>
              {w.reportId ? (
                <Link href={`/reports/${w.reportId}`} className="text-brand-700 underline">
                  打开报告
                </Link>
              ) : (
                <Link href={`/reports/new?year=${w.year}`} className="text-brand-700 underline">
                  生成草稿
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
