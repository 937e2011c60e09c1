import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { todayInChina } from "@/lib/dates.ts";
import { listAnnualReports, loadReportWarnings } from "@/lib/annual-reports/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LinkButton } from "@/components/ui/link-button.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { DeadlineBadge, ReportStatusBadge } from "@/components/reports/status.tsx";
import { ReportDeadlineWarnings } from "@/components/reports/deadline-warnings.tsx";

export const metadata: Metadata = { title: "年度报告" };

const dateFormat = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeZone: "Asia/Shanghai" });

export default async function ReportsPage() {
  const actor = await requireActor();
  if (!can(actor, "annualReport.read")) notFound();
  const today = todayInChina();
  const [reports, warnings] = await Promise.all([listAnnualReports(actor, today), loadReportWarnings(actor, today)]);
  const years = [...new Set(reports.map((r) => r.year))];
  return (
    <>
      <PageHeader
        title="年度报告"
        description="法治政府建设年度报告:次年 3 月 1 日前报送上一级党委、政府,4 月 1 日前向社会公开。已发布的报告不能修改,更正以新版本发布,旧版本保留。"
        actions={can(actor, "annualReport.manage") ? <LinkButton href="/reports/new">生成年度报告草稿</LinkButton> : undefined}
      />
      <ReportDeadlineWarnings warnings={warnings} />
      {years.length === 0 && (
        <Table caption="年度报告" head={["报告", "状态", "期限"]}>
          <EmptyRow colSpan={3}>还没有年度报告。</EmptyRow>
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
                    {r.submittedAt && r.status !== "DRAFT" && <div>报送 {dateFormat.format(r.submittedAt)}</div>}
                    {r.publishedAt && r.status === "PUBLISHED" && <div>发布 {dateFormat.format(r.publishedAt)}</div>}
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
