import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { annualReportSteps } from "@/lib/annual-reports/rules.ts";
import { getAnnualReport } from "@/lib/annual-reports/queries.ts";
import { PrintButton } from "@/components/dashboard/print-button.tsx";
import { DeadlineBadge, ReportStatusBadge } from "@/components/reports/status.tsx";
import { ReportDocument } from "@/components/reports/report-document.tsx";
import { ReportEditor } from "@/components/reports/report-editor.tsx";
import { WorkflowButtons } from "@/components/reports/workflow-buttons.tsx";
import { routeId } from "@/lib/ids.ts";
import { formatChinaTime } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "年度报告" };

const STATUS_WORDS: Record<string, string> = { DRAFT: "草稿", SUBMITTED: "已报送", PUBLISHED: "已发布" };

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ edit?: string }>;
}) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const detail = await getAnnualReport(actor, id);
  if (!detail) notFound();
  const { report, chain, people, lastReturn, deadlines, measures } = detail;
  const steps = annualReportSteps(actor, report);
  const editing = steps.edit && (await searchParams).edit === "1";
  const superseded = report.status === "PUBLISHED" && report.nextVersion?.status === "PUBLISHED";
  const newest = chain[chain.length - 1];

  return (
    <>
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-3">
        <div>
          <p className="text-sm">
            <Link href="/reports" className="text-brand-700 underline">
              年度报告
            </Link>
            {" / "}
            {report.year}年度
          </p>
          <h1 className="text-2xl font-bold text-slate-900">{report.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span>
              {report.region.name}
              {report.unit && ` · ${report.unit.name}`} · {report.imported ? "导入的历史报告" : `第 ${report.version} 版`}
            </span>
            <ReportStatusBadge status={report.status} imported={report.imported} superseded={superseded} />
            {deadlines && report.previousVersionId === null && (
              <>
                <DeadlineBadge state={deadlines.submit} />
                <DeadlineBadge state={deadlines.publish} />
              </>
            )}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {steps.edit &&
            (editing ? (
              <Link href={`/reports/${report.id}`} className="rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50">
                结束编辑
              </Link>
            ) : (
              <Link
                href={`/reports/${report.id}?edit=1`}
                className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
              >
                编辑
              </Link>
            ))}
          <a href={`/reports/${report.id}/docx`} className="rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50">
            导出 Word
          </a>
          <PrintButton />
        </div>
      </div>

      {superseded && newest && (
        <p role="note" className="no-print mb-4 rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
          该版本已被更正,
          <Link href={`/reports/${newest.id}`} className="text-brand-700 underline">
            查看最新版本(第 {newest.version} 版)
          </Link>
          。
        </p>
      )}
      {report.status === "PUBLISHED" && !superseded && (
        <p className="no-print mb-4 text-sm text-slate-600">已发布的报告内容已冻结,不能修改;如需更正,请创建更正版本,原版本保留。</p>
      )}
      {lastReturn && (
        <p role="note" className="no-print mb-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          已退回修改({lastReturn.by ?? "审核人"},{formatChinaTime(lastReturn.at, "dayMinutes")}):{lastReturn.comment}
        </p>
      )}

      <WorkflowButtons
        reportId={report.id}
        canSubmit={steps.submit}
        canPublish={steps.publish}
        canReturn={steps.return}
        canCorrect={steps.correct}
      />

      {editing ? (
        <ReportEditor
          report={{
            id: report.id,
            title: report.title,
            updatedAt: report.updatedAt.toISOString(),
            sections: report.sections.map((s) => ({ id: s.id, level: s.level, heading: s.heading, body: s.body })),
          }}
        />
      ) : (
        <ReportDocument title={report.title} sections={report.sections} measures={measures} />
      )}

      <aside aria-labelledby="history-title" className="no-print mx-auto mt-6 max-w-3xl text-sm">
        <h2 id="history-title" className="mb-2 font-semibold">
          办理记录与版本
        </h2>
        <ul className="mb-3 list-disc pl-6 text-slate-700">
          {!report.imported && people.createdBy && (
            <li>
              {people.createdBy} 于 {formatChinaTime(report.createdAt, "dayMinutes")}{" "}
              {report.previousVersionId ? "创建更正版本" : "生成草稿"}
            </li>
          )}
          {report.submittedAt && report.status !== "DRAFT" && (
            <li>
              {people.submittedBy ?? "—"} 于 {formatChinaTime(report.submittedAt, "dayMinutes")} 报送
            </li>
          )}
          {report.publishedAt && report.status === "PUBLISHED" && (
            <li>
              {people.publishedBy ?? "—"} 于 {formatChinaTime(report.publishedAt, "dayMinutes")} {report.imported ? "导入" : "发布"}
            </li>
          )}
        </ul>
        {chain.length > 1 && (
          <ol className="list-decimal pl-6">
            {chain.map((v) => (
              <li key={v.id}>
                {v.id === report.id ? (
                  <span className="font-medium">第 {v.version} 版(当前查看)</span>
                ) : (
                  <Link href={`/reports/${v.id}`} className="text-brand-700 underline">
                    第 {v.version} 版
                  </Link>
                )}{" "}
                · {STATUS_WORDS[v.status]}
                {v.publishedAt && v.status === "PUBLISHED" && ` · 发布于 ${formatChinaTime(v.publishedAt, "dayMinutes")}`}
                {v.status === "PUBLISHED" && chain.some((n) => n.previousVersionId === v.id && n.status === "PUBLISHED") && " · 已更正"}
              </li>
            ))}
          </ol>
        )}
      </aside>
    </>
  );
}
