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

export const metadata: Metadata = { title: "规划详情" };

const dateFormat = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeZone: "UTC" });

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = Number((await params).id);
  const plan = Number.isInteger(id) && id > 0 ? await getPlan(actor, id) : null;
  if (!plan) notFound();
  const sectionTitle = new Map(plan.sections.map((s) => [s.id, `${s.label}${s.title}`]));
  const meta = [
    plan.region.name,
    PLAN_KIND_LABELS[plan.kind],
    plan.periodStart && plan.periodEnd ? `${plan.periodStart}—${plan.periodEnd}年` : null,
    plan.documentNumber,
  ].filter(Boolean);
  let lastSection: number | null | undefined;
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
      {can(actor, "plan.manage", { regionId: plan.regionId }) && (
        <>
          <ReportingForm planId={plan.id} cadence={plan.reportCadence} dueDay={plan.reportDueDay} />
          <LedgerImportForm regionId={plan.regionId} />
        </>
      )}
      <Table caption={`${plan.title}的举措`} head={["序号", "举措", "牵头单位", "责任单位", "完成时限"]}>
        {plan.measures.flatMap((measure) => {
          const rows = [];
          if (measure.sectionId !== lastSection && measure.sectionId) {
            rows.push(
              <tr key={`s${measure.id}`} className="bg-brand-50">
                <th colSpan={5} scope="rowgroup" className="px-3 py-2 text-left font-semibold text-brand-800">
                  {sectionTitle.get(measure.sectionId)}
                </th>
              </tr>,
            );
          }
          lastSection = measure.sectionId;
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
                  dateFormat.format(measure.deadline)
                ) : (
                  (measure.deadlineText ?? "—")
                )}
              </td>
            </tr>,
          );
          return rows;
        })}
      </Table>
    </>
  );
}
