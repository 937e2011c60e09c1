import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listEvaluations } from "@/lib/evaluations/queries.ts";
import { EVALUATION_KIND_LABELS } from "@/lib/evaluations/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LinkButton } from "@/components/ui/link-button.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { formatChinaTime } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "中期评估" };

export default async function EvaluationsPage() {
  const actor = await requireActor();
  if (!can(actor, "evaluation.read")) notFound();
  const evaluations = await listEvaluations(actor);
  return (
    <>
      <PageHeader
        title="中期评估"
        description="按评估基准日冻结规划各项举措的状态,分章节、分单位、分时限类型统计,并与今日对比;规划期满或终止后,在规划页生成终期评估"
        actions={can(actor, "evaluation.manage") ? <LinkButton href="/evaluations/new">新建评估</LinkButton> : null}
      />
      <Table caption={`评估,共 ${evaluations.length} 次`} head={["评估名称", "类型", "规划", "区域", "评估基准日", "举措数", "生成时间"]}>
        {evaluations.length === 0 && <EmptyRow colSpan={7}>尚无评估</EmptyRow>}
        {evaluations.map((e) => (
          <tr key={e.id}>
            <td className={cell}>
              <Link href={`/evaluations/${e.id}`} className="text-brand-700 hover:underline">
                {e.title}
              </Link>
            </td>
            <td className={`${cell} whitespace-nowrap`}>{EVALUATION_KIND_LABELS[e.kind]}</td>
            <td className={cell}>{e.plan.title}</td>
            <td className={cell}>{e.plan.region.name}</td>
            <td className={`${cell} tabular-nums`}>{e.snapshotDay}</td>
            <td className={`${cell} tabular-nums`}>{e._count.items}</td>
            <td className={`${cell} tabular-nums`}>{formatChinaTime(e.createdAt, "seconds")}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
