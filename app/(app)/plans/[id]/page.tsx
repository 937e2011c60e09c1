import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { assigneeNames, getPlan } from "@/lib/plans/queries.ts";
import { PLAN_KIND_LABELS } from "@/lib/plans/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cell, Table } from "@/components/ui/table.tsx";
import { can } from "@/lib/auth/policy.ts";
import { LedgerImportForm } from "@/app/(app)/plans/[id]/ledger-import-form.tsx";
import { ReportingForm } from "@/app/(app)/plans/[id]/reporting-form.tsx";
import { OutlineAreaForm } from "@/app/(app)/plans/[id]/outline-area-form.tsx";
import { outlineAreaName } from "@/lib/outline/areas.ts";
import { sectionHeading } from "@/lib/outline/classify.ts";
import { routeId } from "@/lib/ids.ts";
import { SuccessionPanel } from "@/app/(app)/plans/[id]/succession-panel.tsx";
import { getPlanDecomposition } from "@/lib/plans/decomposition.ts";
import { PlanParentForm } from "@/components/plans/decomposition-forms.tsx";
import { ItemRollupCell, MeasureItemCell } from "@/components/plans/decomposition-cells.tsx";
import { getPlanLife } from "@/lib/plans/life-queries.ts";
import { PlanLifePanel } from "@/components/plans/plan-life-panel.tsx";
import { formatDate } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "规划详情" };

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const plan = await getPlan(actor, id);
  if (!plan) notFound();
  const decomposition = (await getPlanDecomposition(actor, plan.id))!;
  // A 规划 others divide shows each item's roll-up; a plan dividing one shows the item each measure implements.
  const decompositionColumn = decomposition.plan.children.length > 0 ? "分解落实" : plan.parentId ? "落实的上级规划条目" : null;
  const life = await getPlanLife(actor, plan.id);
  const sectionTitle = new Map(plan.sections.map((s) => [s.id, `${s.label}${s.title}`]));
  const sectionArea = new Map(plan.sections.map((s) => [s.id, outlineAreaName(s.outlineArea)]));
  const canManage = can(actor, "plan.manage", { regionId: plan.regionId });
  // Chapters in document order with their depth and label path ("二、(一)1."),
  // which names a chapter uniquely within its plan.
  const byId = new Map(plan.sections.map((s) => [s.id, s]));
  const chapters = plan.sections.map((section) => {
    let path = section.label;
    let depth = 0;
    for (
      let up = section.parentId ? byId.get(section.parentId) : undefined;
      up && depth < 20;
      up = up.parentId ? byId.get(up.parentId) : undefined
    ) {
      path = `${up.label}${path}`;
      depth++;
    }
    return { ...section, path: path || sectionHeading(section.title).slice(0, 20), depth };
  });
  const meta = [
    plan.region.name,
    PLAN_KIND_LABELS[plan.kind],
    plan.periodStart && plan.periodEnd ? `${plan.periodStart}—${plan.periodEnd}年` : null,
    plan.documentNumber,
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={plan.title}
        description={`${meta.join(" · ")} · 共 ${plan.measures.length} 项举措`}
        actions={
          <a href={`/plans/${plan.id}/ledger`} className="rounded border border-brand-600 px-4 py-2 text-brand-700 hover:bg-brand-50">
            导出分工台账(Excel)
          </a>
        }
      />
      {life && <PlanLifePanel planId={plan.id} life={life} />}
      {canManage && (
        <>
          <ReportingForm planId={plan.id} cadence={plan.reportCadence} dueDay={plan.reportDueDay} graceDays={plan.milestoneGraceDays} />
          <LedgerImportForm regionId={plan.regionId} />
          <PlanParentForm planId={plan.id} parentId={plan.parentId} candidates={decomposition.parentCandidates} />
        </>
      )}
      <SuccessionPanel actor={actor} planId={plan.id} />
      {decomposition.plan.parent && (
        <p className="mb-4 text-sm text-slate-700">
          分解落实:
          <a href={`/plans/${decomposition.plan.parent.id}`} className="text-brand-700 underline">
            {decomposition.plan.parent.title}
          </a>
          {canManage && (
            <a href={`/plans/${plan.id}/parent-items`} className="ml-3 text-brand-700 underline">
              对应上级规划条目(按文本相似度建议)
            </a>
          )}
        </p>
      )}
      {decomposition.plan.children.length > 0 && (
        <p className="mb-4 text-sm text-slate-700">
          分解落实本规划的方案:
          {decomposition.plan.children.map((c, i) => (
            <span key={c.id}>
              {i > 0 && "、"}
              <a href={`/plans/${c.id}`} className="text-brand-700 underline">
                {c.title}
              </a>
            </span>
          ))}
          。条目的状态和灯色按落实举措汇总:全部完成为已完成,其余取最差的灯色。
        </p>
      )}
      {canManage && chapters.length > 0 && (
        <details className="no-print mb-6 rounded border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-medium text-slate-800">
            章节与纲要领域对应(已对应 {chapters.filter((c) => c.outlineArea).length} / {chapters.length} 个章节)
          </summary>
          <p className="mt-2 mb-3 text-sm text-slate-600">
            导入时按章节标题对应到《法治政府建设实施纲要(2021－2025年)》的领域,标题看不出领域的沿用上级章节。在此更正后,重新导入不会覆盖。
          </p>
          <Table caption="章节与纲要领域对应" head={["章节", "纲要领域"]}>
            {chapters.map((chapter) => (
              <tr key={chapter.id}>
                <th scope="row" className={`${cell} font-normal`} style={{ paddingLeft: `${0.75 + chapter.depth * 1.5}rem` }}>
                  {chapter.label}
                  {sectionHeading(chapter.title)}
                </th>
                <td className={cell}>
                  <OutlineAreaForm sectionId={chapter.id} label={`${chapter.path}对应的纲要领域`} area={chapter.outlineArea} />
                </td>
              </tr>
            ))}
          </Table>
        </details>
      )}
      <Table
        caption={`${plan.title}的举措`}
        head={["序号", "举措", "牵头单位", "责任单位", "完成时限", ...(decompositionColumn ? [decompositionColumn] : [])]}
      >
        {plan.measures.flatMap((measure, index) => {
          const rows = [];
          if (measure.sectionId !== plan.measures[index - 1]?.sectionId && measure.sectionId) {
            rows.push(
              <tr key={`s${measure.id}`} className="bg-brand-50">
                <th colSpan={decompositionColumn ? 6 : 5} scope="rowgroup" className="px-3 py-2 text-left font-semibold text-brand-800">
                  {sectionTitle.get(measure.sectionId)}
                  <span className="ml-2 text-sm font-normal text-slate-600">纲要领域:{sectionArea.get(measure.sectionId) ?? "未对应"}</span>
                </th>
              </tr>,
            );
          }
          const names = (role: "LEAD" | "RESPONSIBLE") => assigneeNames(measure.assignments, role);
          rows.push(
            <tr key={measure.id}>
              <td className={`${cell} whitespace-nowrap`}>{measure.code}</td>
              <td className={`${cell} max-w-xl whitespace-pre-line`}>
                <a href={`/measures/${measure.id}`} className="hover:text-brand-700 hover:underline">
                  {measure.text}
                </a>
              </td>
              <td className={cell}>{names("LEAD").join("、") || "—"}</td>
              <td className={cell}>{names("RESPONSIBLE").join("、") || "—"}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {measure.ongoing ? (
                  <Badge tone="blue">长期坚持</Badge>
                ) : measure.deadline ? (
                  formatDate(measure.deadline)
                ) : (
                  (measure.deadlineText ?? "—")
                )}
              </td>
              {decompositionColumn && (
                <td className={`${cell} min-w-56`}>
                  {decomposition.plan.children.length > 0 ? (
                    <ItemRollupCell rollup={decomposition.rollups.get(measure.id)} />
                  ) : (
                    <MeasureItemCell
                      measure={measure}
                      item={decomposition.itemOf.get(measure.id)}
                      items={decomposition.parentItems}
                      canManage={canManage}
                    />
                  )}
                </td>
              )}
            </tr>,
          );
          return rows;
        })}
      </Table>
    </>
  );
}
