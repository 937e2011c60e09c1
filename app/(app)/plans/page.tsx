import Link from "next/link";
import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listPlans } from "@/lib/plans/queries.ts";
import { PLAN_KIND_LABELS } from "@/lib/plans/schema.ts";
import { PLAN_LIFE_LABELS, planLifeState } from "@/lib/plans/life.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LinkButton } from "@/components/ui/link-button.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";

export const metadata: Metadata = { title: "规划" };

export default async function PlansPage() {
  const actor = await requireActor();
  const plans = await listPlans(actor);
  return (
    <>
      <PageHeader
        title="规划"
        description="法治政府建设规划、行动计划、实施方案及其分工方案"
        actions={can(actor, "plan.manage") ? <LinkButton href="/plans/import">导入规划</LinkButton> : null}
      />
      <Table caption={`规划列表,共 ${plans.length} 个`} head={["标题", "区域", "类型", "期限", "状态", "举措数"]}>
        {plans.length === 0 && <EmptyRow colSpan={6}>尚无规划{can(actor, "plan.manage") ? ",请点击“导入规划”" : ""}</EmptyRow>}
        {plans.map((plan) => (
          <tr key={plan.id}>
            <td className={cell}>
              <Link href={`/plans/${plan.id}`} className="text-brand-700 hover:underline">
                {plan.title}
              </Link>
            </td>
            <td className={cell}>{plan.region.name}</td>
            <td className={cell}>{PLAN_KIND_LABELS[plan.kind]}</td>
            <td className={cell}>{plan.periodStart && plan.periodEnd ? `${plan.periodStart}—${plan.periodEnd}` : "—"}</td>
            <td className={`${cell} whitespace-nowrap`}>{PLAN_LIFE_LABELS[planLifeState(plan)]}</td>
            <td className={cell}>{plan._count.measures}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
