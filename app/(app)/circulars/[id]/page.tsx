import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { routeId } from "@/lib/ids.ts";
import { chineseDate, formatChinaTime } from "@/lib/dates.ts";
import { getCircular } from "@/lib/circulars/queries.ts";
import { CIRCULAR_KIND_LABELS, CIRCULAR_STATUS_LABELS } from "@/lib/circulars/schema.ts";
import { percentText, unitStanding } from "@/lib/circulars/figures.ts";
import { FIGURES_HEADER } from "@/lib/circulars/docx.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { CircularEditor } from "@/components/circulars/circular-editor.tsx";
import { CircularSteps } from "@/components/circulars/circular-steps.tsx";

export const metadata: Metadata = { title: "通报" };

export default async function CircularPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const circular = await getCircular(actor, id);
  if (!circular) notFound();
  const { figures } = circular;
  const t = figures.totals;
  const issued = circular.status === "ISSUED";
  const editable = circular.canManage && !issued;
  const standing = unitStanding(figures, actor.unitId);
  return (
    <>
      <PageHeader
        title={circular.title}
        description={
          <>
            <Badge tone={issued ? "green" : circular.status === "APPROVED" ? "blue" : "grey"}>
              {CIRCULAR_STATUS_LABELS[circular.status]}
            </Badge>{" "}
            {CIRCULAR_KIND_LABELS[circular.kind]} · {circular.region.name} · {circular.span}
            {circular.documentNumber ? ` · ${circular.documentNumber}` : ""}
          </>
        }
        actions={
          <a
            href={`/circulars/${circular.id}/docx`}
            className="rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50"
            download
          >
            下载 Word
          </a>
        }
      />
      <p className="mb-4 text-sm text-slate-600">
        起草:{circular.createdByName}({formatChinaTime(circular.createdAt, "seconds")})
        {circular.approvedAt && `;审核:${circular.approvedByName}(${formatChinaTime(circular.approvedAt, "seconds")})`}
        {circular.issuedAt && `;印发:${circular.issuedByName}(${formatChinaTime(circular.issuedAt, "seconds")})`}
      </p>
      {circular.canManage && (
        <div className="mb-6">
          <CircularSteps id={circular.id} version={circular.version} status={circular.status} />
        </div>
      )}

      {/* What a leader reads first: who is named, and for a liaison where its own unit stands. */}
      <section aria-labelledby="lagging" className="mb-4 rounded border border-red-200 bg-red-50/60 p-3">
        <h2 id="lagging" className="text-base font-semibold">
          排名靠后单位:<span className="font-normal">{figures.lagging.length ? figures.lagging.join("、") : "无"}</span>
        </h2>
        {standing && <p className="mt-1 font-medium text-amber-900">{standing}</p>}
      </section>

      <section aria-labelledby="figures" className="mb-6">
        <h2 id="figures" className="mb-1 text-lg font-semibold">
          各单位任务推进情况排名
        </h2>
        <p className="mb-2 text-sm text-slate-600">
          {circular.frozen
            ? `审核时冻结的数据,统计于 ${formatChinaTime(new Date(figures.computedAt), "seconds")}`
            : "按当前数据统计,审核时冻结"}
          :应报送 {t.owed} 项,已报送 {t.submitted} 项(报送率 {percentText(t.reportRate)}),按时报送 {t.onTime} 项(按时报送率{" "}
          {percentText(t.onTimeRate)}),退回 {t.returned} 项,截至{chineseDate(figures.asOf)}逾期未完成举措 {t.overdue} 项。
        </p>
        <Table caption="各单位任务推进情况排名" head={FIGURES_HEADER}>
          {figures.units.length === 0 && <EmptyRow colSpan={FIGURES_HEADER.length}>本期没有承担任务的单位</EmptyRow>}
          {figures.units.map((u) => (
            <tr key={u.unitId} className={u.unitId === actor.unitId ? "bg-amber-50" : u.lagging ? "bg-red-50/50" : undefined}>
              <td className={`${cell} tabular-nums`}>{u.rank}</td>
              <td className={cell}>
                {u.unitName}
                {u.unitId === actor.unitId && <span className="ml-1 text-xs text-amber-800">(本单位)</span>}
                {u.lagging && <span className="ml-1 text-xs text-red-700">靠后</span>}
              </td>
              <td className={`${cell} tabular-nums`}>{u.owed}</td>
              <td className={`${cell} tabular-nums`}>{u.submitted}</td>
              <td className={`${cell} tabular-nums`}>{percentText(u.reportRate)}</td>
              <td className={`${cell} tabular-nums`}>{u.onTime}</td>
              <td className={`${cell} tabular-nums`}>{percentText(u.onTimeRate)}</td>
              <td className={`${cell} tabular-nums`}>{u.returned}</td>
              <td className={`${cell} tabular-nums`}>{u.overdue}</td>
            </tr>
          ))}
        </Table>
      </section>

      <section aria-labelledby="body" className="mb-6">
        <h2 id="body" className="mb-2 text-lg font-semibold">
          正文
        </h2>
        {editable ? (
          <CircularEditor
            key={circular.version}
            circular={{
              id: circular.id,
              version: circular.version,
              title: circular.title,
              documentNumber: circular.documentNumber,
              body: circular.body,
            }}
          />
        ) : (
          <div className="rounded border border-slate-200 bg-white p-4 leading-7">
            <p>各单位、各部门:</p>
            {circular.body.split("\n").map((line, i) => (
              <p key={i} className="indent-8">
                {line}
              </p>
            ))}
          </div>
        )}
      </section>
    </>
  );
}
