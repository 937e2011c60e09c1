import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { routeId } from "@/lib/ids.ts";
import { isUnitScoped } from "@/lib/auth/scope.ts";
import { loadAssessment } from "@/lib/assessments/queries.ts";
import { describeAssessment } from "@/lib/assessments/export.ts";
import { formatPoints } from "@/lib/assessments/score.ts";
import { ASSESSMENT_STATUS_LABELS, describeRules, formFromRules, itemLabel } from "@/lib/assessments/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { AdjustmentForm, PublishAssessmentButton, RemoveAdjustmentButton, RulesForm } from "@/components/assessments/assessment-forms.tsx";

export const metadata: Metadata = { title: "考核" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-8">
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const signed = (n: number) => (n > 0 ? `+${formatPoints(n)}` : formatPoints(n));

export default async function AssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const view = await loadAssessment(actor, id);
  if (!view) notFound();
  const { assessment, scores } = view;
  const own = isUnitScoped(actor);
  // The leader's first question: who is behind. The last three distinct places (all units tied there), when not everyone is level.
  const lowest = [...new Set(scores.map((s) => s.total))].sort((a, b) => a - b).slice(0, 3);
  const behind =
    scores.length > 1 && new Set(scores.map((s) => s.total)).size > 1
      ? scores.filter((s) => lowest.includes(s.total) && s.rank > 1).reverse()
      : [];
  const linkClass = "rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50";

  return (
    <>
      <PageHeader
        title={assessment.title}
        description={
          <>
            <Badge tone={assessment.status === "PUBLISHED" ? "green" : "grey"}>{ASSESSMENT_STATUS_LABELS[assessment.status]}</Badge>{" "}
            {describeAssessment(view)}
          </>
        }
        actions={
          <>
            <a href={`/assessments/${assessment.id}/export`} className={linkClass} download>
              导出 Excel
            </a>
            {view.canManage && (
              <PublishAssessmentButton id={assessment.id} version={assessment.version} title={assessment.title} units={scores.length} />
            )}
          </>
        }
      />

      <Section id="ranking" title={own ? "本单位得分" : "排名"}>
        {!own && behind.length > 0 && (
          <p className="mb-2">
            排名靠后:
            {behind.map((s, i) => (
              <span key={s.unitId}>
                {i > 0 && "、"}
                <a href={`#unit-${s.unitId}`} className="font-medium text-red-800 hover:underline">
                  {s.name}
                </a>
                ({formatPoints(s.total)} 分)
              </span>
            ))}
          </p>
        )}
        <Table caption={`${assessment.title}排名`} head={["名次", "单位", "基础分", "扣分", "加分", "调整", "得分"]}>
          {scores.length === 0 && <EmptyRow colSpan={7}>没有参加考核的单位</EmptyRow>}
          {scores.map((s) => (
            <tr key={s.unitId}>
              <td className={`${cell} tabular-nums`}>{s.rank}</td>
              <td className={`${cell} whitespace-nowrap`}>
                <a href={`#unit-${s.unitId}`} className="text-brand-700 hover:underline">
                  {s.name}
                </a>
              </td>
              <td className={`${cell} tabular-nums`}>{formatPoints(s.base)}</td>
              <td className={`${cell} tabular-nums ${s.deductions > 0 ? "text-red-700" : ""}`}>
                {s.deductions > 0 ? `-${formatPoints(s.deductions)}` : "0"}
              </td>
              <td className={`${cell} tabular-nums`}>{s.additions > 0 ? `+${formatPoints(s.additions)}` : "0"}</td>
              <td className={`${cell} tabular-nums`}>{s.adjustments === 0 ? "0" : signed(s.adjustments)}</td>
              <td className={`${cell} font-semibold tabular-nums`}>{formatPoints(s.total)}</td>
            </tr>
          ))}
        </Table>
      </Section>

      <Section id="details" title="得分明细">
        <p className="mb-2 text-sm text-slate-600">
          考核规则:{describeRules(view.rules)}每一分都列出所依据的事实,点击可查看对应的举措或整改事项。
        </p>
        {scores.map((s) => (
          <details key={s.unitId} id={`unit-${s.unitId}`} className="mb-2 rounded border border-slate-200 bg-white" open={own || undefined}>
            <summary className="cursor-pointer px-3 py-2">
              <span className="font-medium">
                第 {s.rank} 名 · {s.name}
              </span>{" "}
              <span className="tabular-nums">{formatPoints(s.total)} 分</span>
              <span className="text-sm text-slate-600">(共 {s.lines.length - 1} 项扣分加分)</span>
            </summary>
            <ul className="divide-y divide-slate-100 border-t border-slate-200 text-sm">
              {s.lines.map((line, i) => (
                <li key={i} className="flex gap-3 px-3 py-2">
                  <span className={`w-14 shrink-0 text-right tabular-nums ${line.points < 0 ? "text-red-700" : ""}`}>
                    {line.code === "BASE" ? formatPoints(line.points) : signed(line.points)}
                  </span>
                  <span className="w-20 shrink-0 text-slate-600 sm:w-28">{itemLabel(line.code)}</span>
                  <span className="min-w-0 flex-1 break-words">
                    {line.link ? (
                      <Link href={line.link} className="text-brand-700 hover:underline">
                        {line.fact}
                      </Link>
                    ) : (
                      line.fact
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </Section>

      {view.canManage && (
        <>
          <Section id="rules" title="考核规则">
            <p className="mb-2 text-sm text-slate-600">草稿阶段修改规则后,上方得分立即按新规则重新计算;发布后规则不能再修改。</p>
            <RulesForm id={assessment.id} version={assessment.version} values={formFromRules(view.rules)} />
          </Section>
          <Section id="adjustments" title="人工调整">
            <Table caption="人工调整" head={["单位", "分值", "理由", ""]}>
              {view.adjustments.length === 0 && <EmptyRow colSpan={4}>尚无人工调整</EmptyRow>}
              {view.adjustments.map((a) => (
                <tr key={a.id}>
                  <td className={cell}>{a.unitName}</td>
                  <td className={`${cell} tabular-nums`}>{signed(a.points)}</td>
                  <td className={cell}>{a.reason}</td>
                  <td className={cell}>
                    <RemoveAdjustmentButton id={a.id} version={assessment.version} label={`${a.unitName} ${signed(a.points)}`} />
                  </td>
                </tr>
              ))}
            </Table>
            <div className="mt-4">
              <AdjustmentForm assessmentId={assessment.id} version={assessment.version} units={view.units} />
            </div>
          </Section>
        </>
      )}
    </>
  );
}
