import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { routeId } from "@/lib/ids.ts";
import { loadEvaluationReport } from "@/lib/evaluations/queries.ts";
import { describeEvaluation, evaluationTables } from "@/lib/evaluations/tables.ts";
import { overallSentences } from "@/lib/evaluations/export.ts";
import { COMPARISON_CHANGE_LABELS } from "@/lib/evaluations/snapshot.ts";
import { MEASURE_STATUS_LABELS, type Light } from "@/lib/reporting/lights.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LightBadge } from "@/components/ui/light-badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { DataTable } from "@/components/dashboard/data-table.tsx";
import { StatCards } from "@/components/dashboard/stat-cards.tsx";
import { PrintButton } from "@/components/dashboard/print-button.tsx";
import { percent } from "@/components/dashboard/format.ts";
import { DeleteEvaluationButton } from "@/components/evaluations/delete-evaluation-button.tsx";
import { evaluationRate } from "@/lib/evaluations/queries.ts";
import { EVALUATION_KIND_LABELS } from "@/lib/evaluations/schema.ts";
import { formatChinaTime } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "评估报告" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-6">
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const report = await loadEvaluationReport(actor, id);
  if (!report) notFound();
  const { evaluation, totals, comparison } = report;
  const tables = evaluationTables(report);
  const s = comparison.summary;
  const changed = comparison.rows.filter((r) => r.change !== "UNCHANGED");
  const exportHref = (format: string) => `/evaluations/${evaluation.id}/export?format=${format}`;
  const linkClass = "rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50";

  return (
    <>
      <PageHeader
        title={evaluation.title}
        description={describeEvaluation(report)}
        actions={
          <>
            <a href={exportHref("xlsx")} className={linkClass} download>
              导出 Excel
            </a>
            <a href={exportHref("docx")} className={linkClass} download>
              导出 Word
            </a>
            <PrintButton />
          </>
        }
      />
      <p className="mb-4 text-sm text-slate-600">
        {EVALUATION_KIND_LABELS[evaluation.kind]}
        {evaluation.kind === "FINAL" ? `(规划于 ${evaluation.snapshotDay} 期满或终止,以当日状态为准)` : ""};由 {evaluation.createdByName} 于{" "}
        {formatChinaTime(evaluation.createdAt, "seconds")} 生成;评估快照生成后不再变化。
      </p>

      <StatCards
        title="总体情况"
        stats={[
          { label: "举措总数", value: totals.measures, note: `其中长期坚持 ${totals.measures - totals.nonOngoing} 项` },
          { label: "已完成", value: totals.completed, note: `完成率 ${percent(evaluationRate(totals))}(不含长期坚持)`, tone: "green" },
          { label: "推进中", value: totals.inProgress },
          { label: "未启动", value: totals.notStarted },
          { label: "已逾期", value: totals.overdue, tone: "red" },
          { label: "基准日后完成", value: s.completedSince, note: `新增逾期 ${s.newlyOverdue} 项`, tone: "green" },
        ]}
      />
      <Section id="overall" title="一、总体情况">
        {overallSentences(report).map((sentence) => (
          <p key={sentence} className="mb-1 leading-7">
            {sentence}
          </p>
        ))}
      </Section>
      <Section id="chapters" title="二、分章节情况">
        <DataTable caption="分章节情况" columns={tables.chapters.columns} rows={tables.chapters.rows} rowKey={(r) => r.chapterId ?? 0} />
      </Section>
      <Section id="units" title="三、分单位情况">
        <DataTable caption="分单位情况(牵头与责任单位)" columns={tables.units.columns} rows={tables.units.rows} rowKey={(r) => r.unitId} />
      </Section>
      <Section id="kinds" title="四、分时限类型情况">
        <DataTable caption="分时限类型情况" columns={tables.kinds.columns} rows={tables.kinds.rows} rowKey={(r) => r.deadlineKind} />
      </Section>
      <Section id="comparison" title="五、与今日对比">
        <p className="mb-2">
          与今日({report.today})相比:基准日后完成 <strong>{s.completedSince}</strong> 项,新增逾期 <strong>{s.newlyOverdue}</strong>{" "}
          项,状态未变 <strong>{s.unchanged}</strong> 项,其他变化 <strong>{s.other}</strong> 项。
        </p>
        <Table caption="状态有变化的举措" head={["编号", "举措", "牵头单位", "基准日", "今日", "变化"]}>
          {changed.length === 0 && <EmptyRow colSpan={6}>基准日以来各项举措状态均未变化</EmptyRow>}
          {changed.map((r) => (
            <tr key={r.measureId}>
              <td className={`${cell} whitespace-nowrap`}>{r.code}</td>
              <td className={cell}>{r.text}</td>
              <td className={cell}>{r.leadUnits}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {MEASURE_STATUS_LABELS[r.thenStatus]} <LightBadge light={r.thenLight} />
              </td>
              <td className={`${cell} whitespace-nowrap`}>
                {r.nowStatus ? MEASURE_STATUS_LABELS[r.nowStatus] : "—"} {r.nowLight && <LightBadge light={r.nowLight} />}
              </td>
              <td className={`${cell} whitespace-nowrap`}>{COMPARISON_CHANGE_LABELS[r.change]}</td>
            </tr>
          ))}
        </Table>
      </Section>
      {evaluation.kind === "FINAL" && (
        <Section id="unfinished" title={`规划期末未完成的举措(${report.unfinished.length} 项)`}>
          <Table caption="规划期末未完成的举措" head={["编号", "举措", "牵头单位", "完成时限", "期末状态", "灯号", "进度"]}>
            {report.unfinished.length === 0 && <EmptyRow colSpan={7}>规划期末各项举措均已完成</EmptyRow>}
            {report.unfinished.map((r) => (
              <SnapshotRow key={r.measureId} row={r} />
            ))}
          </Table>
        </Section>
      )}
      <Section id="details" title="附:举措明细(基准日状态)">
        <Table caption="举措明细" head={["编号", "举措", "章节", "牵头单位", "完成时限", "状态", "灯号", "进度"]}>
          {comparison.rows.length === 0 && <EmptyRow colSpan={8}>该规划没有举措</EmptyRow>}
          {comparison.rows.map((r) => (
            <SnapshotRow key={r.measureId} row={r} chapter={r.chapter} />
          ))}
        </Table>
      </Section>
      {can(actor, "evaluation.manage", { regionId: evaluation.plan.regionId }) && (
        <DeleteEvaluationButton id={evaluation.id} title={evaluation.title} />
      )}
    </>
  );
}

type SnapshotRowData = {
  code: string;
  text: string;
  leadUnits: string;
  deadlineKind: string;
  deadline: string | null;
  thenStatus: keyof typeof MEASURE_STATUS_LABELS;
  thenLight: Light;
  percent: number;
};

/** A measure as the evaluation took it: the unfinished list and the details table alike (the latter with its chapter). */
function SnapshotRow({ row: r, chapter }: { row: SnapshotRowData; chapter?: string }) {
  return (
    <tr>
      <td className={`${cell} whitespace-nowrap`}>{r.code}</td>
      <td className={cell}>{r.text}</td>
      {chapter !== undefined && <td className={cell}>{chapter}</td>}
      <td className={cell}>{r.leadUnits}</td>
      <td className={`${cell} whitespace-nowrap`}>{r.deadlineKind === "ONGOING" ? "长期坚持" : (r.deadline ?? "未列时限")}</td>
      <td className={`${cell} whitespace-nowrap`}>{MEASURE_STATUS_LABELS[r.thenStatus]}</td>
      <td className={cell}>
        <LightBadge light={r.thenLight} />
      </td>
      <td className={`${cell} tabular-nums`}>{r.percent}%</td>
    </tr>
  );
}
