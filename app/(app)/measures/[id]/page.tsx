import { AuditTimeline } from "@/components/ui/audit-timeline.tsx";
import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { getMeasureDetail } from "@/lib/progress/queries.ts";
import { CLAIMED_STATUS_LABELS, REVIEW_STATE_LABELS } from "@/lib/progress/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LightBadge } from "@/components/ui/light-badge.tsx";
import { cell, Table } from "@/components/ui/table.tsx";
import type { ReportFormTarget } from "@/app/(app)/measures/[id]/report-form.tsx";
import { ReportSection } from "@/app/(app)/measures/[id]/report-section.tsx";
import { UnitPeriodState } from "@/app/(app)/measures/[id]/unit-period-state.tsx";
import { dueStanding, dueStandingLabel } from "@/lib/progress/owed.ts";
import { ReviewControls } from "@/components/reviews/review-controls.tsx";
import { ExtensionDecision, ExtensionRequestForm } from "@/app/(app)/measures/[id]/measure-actions.tsx";
import { UrgeDialog } from "@/app/(app)/measures/[id]/urge-dialog.tsx";
import { listUrgeTargets, urgeRefusal, urgeTimelineDetail } from "@/lib/reminders/targets.ts";
import { extensionRequestOpen, listMeasureExtensions } from "@/lib/extensions/queries.ts";
import { extensionDecisionRefusal } from "@/lib/extensions/rules.ts";
import { offersReportOnBehalf, reportsFor, reviewRefusal } from "@/lib/progress/rules.ts";
import { EXTENSION_STATE_LABELS } from "@/lib/extensions/schema.ts";
import { parseId, routeId } from "@/lib/ids.ts";
import { periodContaining } from "@/lib/reporting/periods.ts";
import { isoDate, todayInChina, formatDate } from "@/lib/dates.ts";
import { AttachmentList } from "@/components/ui/attachment-list.tsx";
import { MeasureLineage } from "@/app/(app)/measures/[id]/lineage.tsx";
import { TargetsSection } from "@/app/(app)/measures/[id]/targets-section.tsx";
import { loadReportIndicatorFields } from "@/lib/targets/queries.ts";

export const metadata: Metadata = { title: "举措" };

export default async function MeasurePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ for?: string }>;
}) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const detail = await getMeasureDetail(actor, id);
  if (!detail) notFound();
  const { measure, assignments, overall, collecting, timeline } = detail;
  const onBehalfOf = parseId((await searchParams).for);
  const extensions = can(actor, "assignment.report") ? ((await listMeasureExtensions(actor, measure.id)) ?? []) : [];
  const canAskExtension = await extensionRequestOpen(actor, measure.id);
  const urgeTargets = await listUrgeTargets(actor, measure.id);

  // Forms: a liaison for its own unit's assignments; bureau staff for the unit it
  // chose to report for (代报). Last period's report comes first while it is still owed.
  const mine = assignments.filter((a) => reportsFor(actor, a, onBehalfOf));
  type Assignment = (typeof assignments)[number];
  type InPlay = Assignment["periods"][number];
  const today = todayInChina();
  const indicatorFields = await loadReportIndicatorFields(
    measure.id,
    mine.flatMap((a) => a.reports.map((r) => r.id)),
  );
  const formFor = (a: Assignment, { period, report }: InPlay): ReportFormTarget => {
    const standing = dueStanding(period, today);
    return {
      assignmentId: a.id,
      unitName: a.unit.name,
      role: a.role,
      periodKey: period.key,
      periodLabel: period.label,
      due: { label: `报送截止 ${formatDate(period.dueDate)}`, standing: dueStandingLabel(standing), late: standing.late },
      onBehalf: !scope.isOwnUnit(actor, a.unitId),
      indicators: a.role === "LEAD" ? indicatorFields(period.start, report?.id) : [],
      existing: report && {
        version: report.version,
        state: report.state,
        text: report.text,
        percent: report.percent,
        claimedStatus: report.claimedStatus,
        comment: report.reviewComment,
        attachments: report.attachments,
      },
    };
  };
  // One form at a time: the oldest period this unit still owes (a lead assignment first
  // on a tie); any later one is named under it and gets its form once this one is sent.
  const owed = mine
    .flatMap((a) => a.periods.filter((p) => p.owed).map((p) => ({ a, p })))
    .sort((x, y) => x.p.period.start.localeCompare(y.p.period.start) || (x.a.role === "LEAD" ? -1 : y.a.role === "LEAD" ? 1 : 0));
  const first = owed[0] ?? null;
  const target = first ? formFor(first.a, first.p) : null;
  const laterOwed = [
    ...new Set(
      owed
        .slice(1)
        .filter(({ p }) => p.period.key !== first?.p.period.key)
        .map(({ p }) => p.period.label),
    ),
  ];
  // This unit's reports awaiting review (and this period's, once approved) stay in view above
  // any next form, so a report just sent is seen to have gone through rather than replaced.
  const ownSubmitted = mine
    .flatMap((a) =>
      a.reports
        .filter((r) => r.state === "SUBMITTED" || (r.state === "APPROVED" && a.collectingReport?.id === r.id))
        .map((r) => ({
          report: r,
          unitName: a.unit.name,
          assignmentId: a.id,
          period: periodContaining(isoDate(r.periodStart), measure.plan.reportCadence, measure.plan.reportDueDay),
        })),
    )
    .sort((x, y) => y.report.periodStart.getTime() - x.report.periodStart.getTime());
  // The period the unit is working on: the form's, else the newest it has sent.
  // A closed plan's measure has no period in play (it owes nothing): then the measure's own state shows.
  const newest = mine[0]?.periods.at(-1);
  const focus = first ?? (mine[0] && newest ? { a: mine[0], p: newest } : null);
  // A lead unit consolidates: its responsible units' reports for that period stand beside its form.
  const consolidate =
    focus && focus.a.role === "LEAD" && detail.progressVisible
      ? {
          periodLabel: focus.p.period.label,
          units: assignments
            .filter((a) => a.role === "RESPONSIBLE")
            .map((a) => {
              const r = a.reports.find(
                (x) => isoDate(x.periodStart) === focus.p.period.start && isoDate(x.periodEnd) === focus.p.period.end,
              );
              return { unitId: a.unitId, unitName: a.unit.name, report: r && r.state !== "DRAFT" ? r : null };
            }),
        }
      : null;
  const reportSection =
    target || ownSubmitted.length > 0 ? (
      <ReportSection target={target} laterOwed={laterOwed} submitted={ownSubmitted} consolidate={consolidate} />
    ) : null;
  // A unit (or bureau staff reporting for one) comes here to report: its form comes first.
  const reportFirst = mine.length > 0;
  const reports = detail.listedReports;

  return (
    <>
      <PageHeader
        title={`举措 ${measure.code}`}
        actions={
          urgeTargets && urgeRefusal(urgeTargets) === null ? (
            <UrgeDialog measureId={measure.id} measureCode={measure.code} units={urgeTargets.units} />
          ) : null
        }
        description={
          <>
            <Link href={`/plans/${measure.plan.id}`} className="text-brand-700 hover:underline">
              {measure.plan.title}
            </Link>
            {measure.section && ` · ${measure.section.label}${measure.section.title}`}
          </>
        }
      />
      {target && (
        <a href="#report" className="mb-3 inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          填报本期进展
        </a>
      )}
      <section className="mb-6 rounded border border-slate-200 bg-white p-4" aria-label="举措内容">
        <p className="whitespace-pre-line">{measure.text}</p>
        <dl className="mt-3 flex flex-wrap gap-x-8 gap-y-1 text-sm">
          <div>
            <dt className="inline text-slate-600">完成时限:</dt>
            <dd className="inline">
              {measure.ongoing ? "长期坚持" : measure.deadline ? formatDate(measure.deadline) : (measure.deadlineText ?? "—")}
              {measure.originalDeadline && `(原定 ${formatDate(measure.originalDeadline)},已延期)`}
            </dd>
          </div>
          {focus ? (
            <UnitPeriodState unitName={focus.a.unit.name} light={focus.a.light} periods={focus.a.periods} focusKey={focus.p.period.key} />
          ) : (
            <div>
              <dt className="inline text-slate-600">状态:</dt>
              <dd className="inline">
                <LightBadge light={overall.light} reason={overall.reason} /> {overall.reason}
              </dd>
            </div>
          )}
        </dl>
      </section>

      <MeasureLineage actor={actor} measureId={measure.id} />

      {reportFirst && reportSection}

      <section aria-labelledby="units-title" className="mb-6">
        <h2 id="units-title" className="mb-2 text-lg font-semibold">
          承担单位
        </h2>
        <Table caption="承担单位及其进展" head={["单位", "角色", "灯号", `${collecting.label}`, ""]}>
          {assignments.map((a) => (
            <tr key={a.id}>
              <td className={cell}>
                {a.unit.name}
                {a.viaGroup && <span className="text-xs text-slate-500">(经“{a.viaGroup.name}”)</span>}
              </td>
              <td className={cell}>{a.role === "LEAD" ? "牵头" : "责任"}</td>
              <td className={cell}>
                <LightBadge light={a.light} reason={a.reason} />
                <span className="ml-2 text-xs text-slate-600">{a.reason}</span>
              </td>
              <td className={cell}>{a.collectingState ? REVIEW_STATE_LABELS[a.collectingState] : "未报送"}</td>
              <td className={cell}>
                {offersReportOnBehalf(actor, a) && (
                  <Link href={`/measures/${measure.id}?for=${a.id}#report`} className="text-sm text-brand-700 hover:underline">
                    代报
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </Table>
      </section>

      <TargetsSection actor={actor} measureId={measure.id} />

      {!reportFirst && reportSection}

      <section aria-labelledby="reports-title" className="mb-6">
        <h2 id="reports-title" className="mb-2 text-lg font-semibold">
          进展报送
        </h2>
        {!detail.progressVisible && <p className="text-sm text-slate-500">进展内容仅承担单位、司法局和领导可以查看。</p>}
        {detail.progressVisible && reports.length === 0 && <p className="text-sm text-slate-500">尚无报送</p>}
        <ol className="space-y-3">
          {reports.map((r) => (
            <li key={r.id} className="rounded border border-slate-200 bg-white p-3">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <strong>{r.unit.name}</strong>
                <span>{r.role === "LEAD" ? "(牵头)" : "(责任)"}</span>
                <span>
                  {formatDate(r.periodStart)}—{formatDate(r.periodEnd)}
                </span>
                <span className="rounded bg-slate-100 px-1.5">{REVIEW_STATE_LABELS[r.state]}</span>
                <span>
                  {CLAIMED_STATUS_LABELS[r.claimedStatus]} · {r.percent}%
                </span>
                {r.onBehalfOfUnitId && <span className="text-amber-800">由 {r.author.name} 代报</span>}
              </div>
              <p className="mt-2 whitespace-pre-line text-sm">{r.text}</p>
              <AttachmentList files={r.attachments} className="mt-2 text-sm" />
              {r.state === "RETURNED" && r.reviewComment && <p className="mt-2 text-sm text-amber-900">退回意见:{r.reviewComment}</p>}
              {r.state === "APPROVED" && r.reviewComment && <p className="mt-2 text-sm text-green-900">审核意见:{r.reviewComment}</p>}
              {reviewRefusal(actor, r) === null && <ReviewControls reportId={r.id} version={r.version} unitName={r.unit.name} />}
            </li>
          ))}
        </ol>
      </section>

      {(extensions.length > 0 || canAskExtension) && (
        <section aria-labelledby="extension-title" className="mb-6">
          <h2 id="extension-title" className="mb-2 text-lg font-semibold">
            延期申请
          </h2>
          <ul className="mb-3 space-y-2 text-sm">
            {extensions.map((e) => (
              <li key={e.id} className="rounded border border-slate-200 bg-white p-3">
                {e.unit.name}申请延期至 {formatDate(e.newDeadline)}(原时限 {e.oldDeadline ? formatDate(e.oldDeadline) : "—"}):{e.reason}
                <span className="ml-2 rounded bg-slate-100 px-1.5">{EXTENSION_STATE_LABELS[e.state]}</span>
                {e.comment && <div className="text-slate-600">审批意见:{e.comment}</div>}
                {extensionDecisionRefusal(actor, e) === null && <ExtensionDecision extensionId={e.id} label={`${e.unit.name}的延期申请`} />}
              </li>
            ))}
          </ul>
          {canAskExtension && <ExtensionRequestForm measureId={measure.id} currentDeadline={isoDate(measure.deadline!)} />}
        </section>
      )}

      {detail.progressVisible && <AuditTimeline events={timeline} detail={urgeTimelineDetail} />}
    </>
  );
}
