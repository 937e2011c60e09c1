import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listReviewQueue } from "@/lib/progress/queries.ts";
import { CLAIMED_STATUS_LABELS } from "@/lib/progress/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { ReviewControls } from "@/app/(app)/measures/[id]/review-controls.tsx";
import { ExtensionDecision } from "@/app/(app)/measures/[id]/measure-actions.tsx";
import { listPendingExtensions } from "@/lib/extensions/queries.ts";

const dateFormat = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeZone: "UTC" });

export const metadata: Metadata = { title: "审核" };

const timeFormat = new Intl.DateTimeFormat("zh-CN", { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" });

export default async function ReviewsPage() {
  const actor = await requireActor();
  if (!can(actor, "report.review")) notFound();
  const [reports, extensions] = await Promise.all([listReviewQueue(actor), listPendingExtensions(actor)]);
  // The queue holds measure reports only (rectification reports are reviewed on their own
  // page); a report without an assignment is left out rather than crashing the page.
  const queue = reports.flatMap((report) => (report.assignment ? [{ ...report, assignment: report.assignment }] : []));
  return (
    <>
      {extensions.length > 0 && (
        <section aria-labelledby="extensions-title" className="mb-8">
          <h2 id="extensions-title" className="mb-2 text-lg font-semibold">
            待审批的延期申请 {extensions.length} 条
          </h2>
          <ol className="space-y-3">
            {extensions.map((e) => (
              <li key={e.id} className="rounded border border-amber-300 bg-white p-4 text-sm">
                <Link href={`/measures/${e.measure.id}`} className="font-medium text-brand-700 hover:underline">
                  举措 {e.measure.code}
                </Link>{" "}
                {e.unit.name}申请延期至 {dateFormat.format(e.newDeadline)}(原时限 {e.oldDeadline ? dateFormat.format(e.oldDeadline) : "—"}):{e.reason}
                <ExtensionDecision extensionId={e.id} label={`${e.unit.name}的延期申请`} />
              </li>
            ))}
          </ol>
        </section>
      )}
      <PageHeader title="审核" description={`待审核的进展报送 ${queue.length} 条,按报送时间先后排列`} />
      {queue.length === 0 && <p className="text-slate-500">没有待审核的报送</p>}
      <ol className="space-y-4">
        {queue.map((report) => {
          const { assignment } = report;
          return (
            <li key={report.id} className="rounded border border-slate-200 bg-white p-4">
              <div className="text-xs text-slate-500">{assignment.measure.plan.title}</div>
              <Link href={`/measures/${assignment.measure.id}`} className="font-medium text-brand-700 hover:underline">
                举措 {assignment.measure.code} {assignment.measure.text.slice(0, 60)}
                {assignment.measure.text.length > 60 ? "……" : ""}
              </Link>
              <div className="mt-1 text-sm text-slate-700">
                {assignment.unit.name}({assignment.role === "LEAD" ? "牵头" : "责任"})· {CLAIMED_STATUS_LABELS[report.claimedStatus]} · {report.percent}% ·{" "}
                {report.author.name} 于 {report.submittedAt ? timeFormat.format(report.submittedAt) : "—"} 报送
                {report.onBehalfOfUnitId && "(代报)"}
              </div>
              <p className="mt-2 whitespace-pre-line text-sm">{report.text}</p>
              {report.attachments.length > 0 && (
                <p className="mt-1 text-sm">
                  附件:
                  {report.attachments.map((file, i) => (
                    <span key={file.id}>
                      {i > 0 && "、"}
                      <a href={`/attachments/${file.id}`} className="text-brand-700 hover:underline">
                        {file.fileName}
                      </a>
                    </span>
                  ))}
                </p>
              )}
              <ReviewControls reportId={report.id} version={report.version} unitName={assignment.unit.name} />
            </li>
          );
        })}
      </ol>
    </>
  );
}
