import { AuditTimeline } from "@/components/ui/audit-timeline.tsx";
import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { mayReopenRectification, mayReportRectification, reportAwaitingVerification } from "@/lib/inspections/rules.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { formatChinaTime, isoDate } from "@/lib/dates.ts";
import { getRectificationDetail } from "@/lib/inspections/queries.ts";
import { RECTIFICATION_CLAIM_LABELS, rectificationReportLabel, reopenTimelineDetail } from "@/lib/inspections/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { RectificationBadge } from "@/components/inspections/status-badge.tsx";
import { RectificationReportForm, ReopenForm, VerifyControls } from "@/components/inspections/rectification-forms.tsx";
import { routeId } from "@/lib/ids.ts";

export const metadata: Metadata = { title: "整改任务" };

export default async function RectificationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "inspection.read")) notFound();
  const id = routeId((await params).id);
  const detail = await getRectificationDetail(actor, id);
  if (!detail) notFound();
  const { item, verifier, timeline } = detail;
  const { finding, unit } = item;
  const canReport = mayReportRectification(actor, item);
  const canVerify = can(actor, "rectification.verify", { regionId: unit.regionId });
  // Only the latest report, a completion claim, is verified (lib/inspections/actions.ts).
  const latest = item.reports[0];
  const pending = reportAwaitingVerification(item.status, latest);

  return (
    <>
      <PageHeader
        title={`${unit.name}整改任务`}
        description={
          <Link href={`/inspections/${finding.inspection.id}`} className="text-brand-700 hover:underline">
            {finding.inspection.title}({isoDate(finding.inspection.inspectedOn)}
            {finding.inspection.inspector ? `,${finding.inspection.inspector}` : ""})
          </Link>
        }
      />
      <section aria-label="整改事项" className="mb-6 rounded border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-medium text-slate-600">督察发现的问题</h2>
        <p className="mt-1 whitespace-pre-line">{finding.text}</p>
        <dl className="mt-3 flex flex-wrap gap-x-8 gap-y-2 text-sm">
          <div>
            <dt className="inline text-slate-600">整改单位:</dt>
            <dd className="inline">{unit.name}</dd>
          </div>
          <div>
            <dt className="inline text-slate-600">整改期限:</dt>
            <dd className="inline">{isoDate(item.deadline)}</dd>
          </div>
          <div>
            <dt className="inline text-slate-600">状态:</dt>
            <dd className="inline">
              <RectificationBadge state={item.state} />
            </dd>
          </div>
          {item.status === "CLOSED" && item.verifiedAt && (
            <div>
              <dt className="inline text-slate-600">销号:</dt>
              <dd className="inline">
                {verifier?.name ?? "—"} 于 {formatChinaTime(item.verifiedAt)} 核验销号
              </dd>
            </div>
          )}
          {finding.measure && (
            <div>
              <dt className="inline text-slate-600">关联举措:</dt>
              <dd className="inline">
                <Link href={`/measures/${finding.measure.id}`} className="text-brand-700 underline">
                  {finding.measure.code} {finding.measure.text.slice(0, 40)}
                </Link>
              </dd>
            </div>
          )}
        </dl>
        {item.reopenReason && item.status !== "CLOSED" && (
          <p className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            重新打开的原因:{item.reopenReason}
          </p>
        )}
      </section>

      {item.status === "SUBMITTED" && !canVerify && (
        <p role="status" className="mb-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-800">
          整改情况已报送,等待司法局核验销号
        </p>
      )}

      {canReport && (
        <section id="report" aria-labelledby="report-title" className="no-print mb-6">
          <h2 id="report-title" className="mb-2 text-lg font-semibold">
            报送整改情况
          </h2>
          {item.reports[0]?.state === "RETURNED" && item.reports[0].reviewComment && (
            <p className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              退回意见:{item.reports[0].reviewComment}
            </p>
          )}
          <RectificationReportForm rectificationId={item.id} unitName={unit.name} onBehalf={!scope.isOwnUnit(actor, unit.id)} />
        </section>
      )}

      <section aria-labelledby="reports-title" className="mb-6">
        <h2 id="reports-title" className="mb-2 text-lg font-semibold">
          整改报送记录
        </h2>
        {item.reports.length === 0 && <p className="text-sm text-slate-500">尚未报送</p>}
        <ol className="space-y-3">
          {item.reports.map((r) => (
            <li key={r.id} className="rounded border border-slate-200 bg-white p-3">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span>{r.submittedAt ? formatChinaTime(r.submittedAt) : "—"}</span>
                <strong>{r.author.name}</strong>
                {r.onBehalfOfUnitId && <span className="text-amber-800">(代报)</span>}
                <span className="rounded bg-slate-100 px-1.5">{rectificationReportLabel(r)}</span>
                <span>
                  {RECTIFICATION_CLAIM_LABELS[r.claimedStatus]} · {r.percent}%
                </span>
              </div>
              <p className="mt-2 whitespace-pre-line text-sm">{r.text}</p>
              {r.reviewer && r.reviewedAt && (
                <p className="mt-2 text-sm text-slate-700">
                  {r.reviewer.name} 于 {formatChinaTime(r.reviewedAt)}
                  {r.state === "APPROVED" ? "核验销号" : "退回"}
                  {r.reviewComment ? `:${r.reviewComment}` : ""}
                </p>
              )}
              {pending?.id === r.id && canVerify && <VerifyControls rectificationId={item.id} reportId={r.id} unitName={unit.name} />}
            </li>
          ))}
        </ol>
      </section>

      {mayReopenRectification(actor, item) && (
        <section aria-labelledby="reopen-title" className="no-print mb-6">
          <h2 id="reopen-title" className="mb-2 text-lg font-semibold">
            重新打开
          </h2>
          <ReopenForm rectificationId={item.id} />
        </section>
      )}

      <AuditTimeline events={timeline.filter((event) => event.entityType === "Rectification")} detail={reopenTimelineDetail} />
    </>
  );
}
