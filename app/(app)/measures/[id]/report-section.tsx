import { CLAIMED_STATUS_LABELS, REVIEW_STATE_LABELS } from "@/lib/progress/schema.ts";
import { ReportForm, type ReportFormTarget } from "@/app/(app)/measures/[id]/report-form.tsx";
import { submittedReportId } from "@/app/(app)/measures/[id]/anchors.ts";
import { AttachmentList } from "@/components/ui/attachment-list.tsx";
import { formatChinaTime } from "@/lib/dates.ts";

type Report = {
  id: number;
  state: keyof typeof REVIEW_STATE_LABELS;
  claimedStatus: keyof typeof CLAIMED_STATUS_LABELS;
  percent: number;
  text: string;
  submittedAt: Date | null;
  attachments: { id: number; fileName: string; size: number }[];
};

export type SubmittedCard = { report: Report; unitName: string; assignmentId: number; period: { key: string; label: string } };

/** A responsible unit's report for the lead's period, for the lead to consolidate. */
export type UnitReport = { unitId: number; unitName: string; report: Report | null };

/**
 * The unit's own 报送 on the measure page: its reports just sent (kept in view),
 * then one form, for the oldest period still owed, and a line naming any period
 * owed after it. A lead unit sees its responsible units' reports for the same
 * period beside the form (below it on a phone).
 */
export function ReportSection({
  target,
  laterOwed,
  submitted,
  consolidate,
}: {
  target: ReportFormTarget | null;
  laterOwed: string[];
  submitted: SubmittedCard[];
  consolidate: { periodLabel: string; units: UnitReport[] } | null;
}) {
  const main = (
    <div className="min-w-0 space-y-4">
      {submitted.map(({ report, unitName, assignmentId, period }) => {
        const id = submittedReportId(assignmentId, period.key);
        return (
          <section key={report.id} id={id} aria-labelledby={`${id}-title`} className="rounded border border-green-300 bg-green-50 p-4">
            <h3 id={`${id}-title`} tabIndex={-1} className="font-semibold text-green-900">
              {unitName} · {period.label}进展 {report.state === "APPROVED" ? "已审核通过" : "已报送,待审核"}
            </h3>
            <p className="mt-1 text-sm text-slate-700">
              {CLAIMED_STATUS_LABELS[report.claimedStatus]} · {report.percent}%
              {report.submittedAt && ` · ${formatChinaTime(report.submittedAt)} 报送`}
            </p>
            <p className="mt-2 whitespace-pre-line text-sm">{report.text}</p>
            <AttachmentList files={report.attachments} />
          </section>
        );
      })}
      {target && <ReportForm key={`${target.assignmentId}-${target.periodKey}`} target={target} />}
      {target && laterOwed.length > 0 && <p className="text-sm text-slate-700">另有 {laterOwed.join("、")} 待报送,报送本期后填写。</p>}
    </div>
  );
  return (
    <section id="report" aria-labelledby="report-title" className="no-print mb-6 scroll-mt-4">
      <h2 id="report-title" className="mb-2 text-lg font-semibold">
        报送进展
      </h2>
      {consolidate ? (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
          {main}
          <ConsolidationColumn {...consolidate} />
        </div>
      ) : (
        main
      )}
    </section>
  );
}

function ConsolidationColumn({ periodLabel, units }: { periodLabel: string; units: UnitReport[] }) {
  const sent = units.filter((u) => u.report).length;
  return (
    <aside
      aria-labelledby="consolidate-title"
      className="rounded border border-slate-200 bg-white p-3 lg:max-h-[80vh] lg:self-start lg:overflow-y-auto"
    >
      <h3 id="consolidate-title" className="font-semibold">
        责任单位{periodLabel}报送({sent}/{units.length})
      </h3>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {units.map(({ unitId, unitName, report }) => (
          <li key={unitId} className="py-2">
            <div className="flex flex-wrap items-center gap-2">
              <strong>{unitName}</strong>
              <span className="rounded bg-slate-100 px-1.5">{report ? REVIEW_STATE_LABELS[report.state] : "未报送"}</span>
              {report && <span>{report.percent}%</span>}
            </div>
            {report && (
              <details className="mt-1">
                <summary className="cursor-pointer truncate text-slate-700">{report.text}</summary>
                <p className="mt-1 whitespace-pre-line">{report.text}</p>
              </details>
            )}
            {report && <AttachmentList files={report.attachments} />}
          </li>
        ))}
      </ul>
    </aside>
  );
}
