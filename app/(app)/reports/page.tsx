import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { formatChinaTime, todayInChina } from "@/lib/dates.ts";
import {
  listAnnualReports,
  listAnnualReportYears,
  loadReportWarnings,
  REPORT_LIST_DEFAULT_YEARS,
  REPORT_LIST_LIMIT,
  type ReportYearFilter,
} from "@/lib/annual-reports/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LinkButton } from "@/components/ui/link-button.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { DeadlineBadge, ReportStatusBadge } from "@/components/reports/status.tsx";
import { ReportDeadlineWarnings } from "@/components/reports/deadline-warnings.tsx";

export const metadata: Metadata = { title: "年度报告" };

/** `?year=2024` one year, `?year=all` every year, none: the latest few report years. */
function yearFilter(raw: string | undefined): ReportYearFilter {
  if (raw === "all") return "ALL";
  const year = Number(raw);
  return raw && Number.isInteger(year) && year >= 2000 && year <= 9999 ? year : undefined;
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "annualReport.read")) notFound();
  const today = todayInChina();
  const chosen = yearFilter((await searchParams).year);
  const [{ rows: reports, truncated }, allYears, warnings] = await Promise.all([
    listAnnualReports(actor, { today, year: chosen }),
    listAnnualReportYears(actor),
    loadReportWarnings(actor, today),
  ]);
  const years = [...new Set(reports.map((r) => r.year))];
  return (
    <>
      <PageHeader
        title="年度报告"
        description="法治政府建设年度报告:次年 3 月 1 日前报送上一级党委、政府,4 月 1 日前向社会公开。已发布的报告不能修改,更正以新版本发布,旧版本保留。"
        actions={can(actor, "annualReport.manage") ? <LinkButton href="/reports/new">生成年度报告草稿</LinkButton> : undefined}
      />
      <ReportDeadlineWarnings warnings={warnings} />
      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-3" aria-label="筛选年度报告">
        <label className="text-sm">
          报告年度
          <select
            name="year"
            defaultValue={chosen === undefined ? "" : chosen === "ALL" ? "all" : String(chosen)}
            className="ml-2 rounded border border-slate-300 px-2 py-1.5"
          >
            <option value="">近 {REPORT_LIST_DEFAULT_YEARS} 年</option>
            {[...new Set([...allYears, ...(typeof chosen === "number" ? [chosen] : [])])]
              .sort((a, b) => b - a)
              .map((y) => (
                <option key={y} value={y}>
                  {y}年度
                </option>
              ))}
            <option value="all">全部</option>
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
          筛选
        </button>
      </form>
      {truncated && (
        <p role="note" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          仅显示前 {REPORT_LIST_LIMIT} 份报告,请选择报告年度缩小范围。
        </p>
      )}
      {years.length === 0 && (
        <Table caption="年度报告" head={["报告", "状态", "期限"]}>
          <EmptyRow colSpan={3}>
            {chosen === undefined && allYears.length > 0
              ? `近 ${REPORT_LIST_DEFAULT_YEARS} 年没有年度报告,可选择其他年度查看。`
              : "没有年度报告。"}
          </EmptyRow>
        </Table>
      )}
      {years.map((year) => (
        <section key={year} aria-labelledby={`year-${year}`} className="mb-6">
          <h2 id={`year-${year}`} className="mb-2 text-lg font-semibold">
            {year}年度
          </h2>
          <Table caption={`${year}年度报告`} head={["报告", "区域 / 单位", "版本", "状态", "报送 / 发布", "期限"]}>
            {reports
              .filter((r) => r.year === year)
              .map((r) => (
                <tr key={r.id} className={r.superseded ? "text-slate-500" : undefined}>
                  <td className={cell}>
                    <Link href={`/reports/${r.id}`} className="text-brand-700 underline">
                      {r.title}
                    </Link>
                  </td>
                  <td className={cell}>
                    {r.region.name}
                    {r.unit && ` · ${r.unit.name}`}
                  </td>
                  <td className={cell}>{r.imported ? "导入" : `第 ${r.version} 版`}</td>
                  <td className={cell}>
                    <ReportStatusBadge status={r.status} imported={r.imported} superseded={r.superseded} />
                    {r.nextVersion && r.nextVersion.status !== "PUBLISHED" && <span className="ml-1 text-xs text-slate-600">更正中</span>}
                  </td>
                  <td className={`${cell} whitespace-nowrap text-xs`}>
                    {r.submittedAt && r.status !== "DRAFT" && <div>报送 {formatChinaTime(r.submittedAt, "day")}</div>}
                    {r.publishedAt && r.status === "PUBLISHED" && <div>发布 {formatChinaTime(r.publishedAt, "day")}</div>}
                  </td>
                  <td className={cell}>
                    {r.deadlines && r.previousVersionId === null && !r.superseded ? (
                      <div className="flex flex-wrap gap-1">
                        <DeadlineBadge state={r.deadlines.submit} />
                        <DeadlineBadge state={r.deadlines.publish} />
                      </div>
                    ) : (
                      <span className="text-xs text-slate-500">—</span>
                    )}
                  </td>
                </tr>
              ))}
          </Table>
        </section>
      ))}
    </>
  );
}
