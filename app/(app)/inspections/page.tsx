import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { isoDate } from "@/lib/dates.ts";
import { listAwaitingVerification, listInspections } from "@/lib/inspections/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LinkButton } from "@/components/ui/link-button.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { RectificationCells } from "@/components/inspections/rectification-cells.tsx";

export const metadata: Metadata = { title: "督察整改" };

export default async function InspectionsPage() {
  const actor = await requireActor();
  if (!can(actor, "inspection.read")) notFound();
  const [inspections, awaiting] = await Promise.all([listInspections(actor), listAwaitingVerification(actor)]);
  return (
    <>
      <PageHeader
        title="督察整改"
        description={scope.isUnitScoped(actor) ? "本单位承担整改任务的督察" : "督察发现的问题及各单位整改情况;整改经司法局核验后销号"}
        actions={can(actor, "inspection.manage") ? <LinkButton href="/inspections/new">新建督察</LinkButton> : null}
      />

      {awaiting.length > 0 && (
        <section aria-labelledby="awaiting-title" className="mb-6">
          <h2 id="awaiting-title" className="mb-2 text-lg font-semibold">
            待核验的整改报送({awaiting.length} 项)
          </h2>
          <Table caption="待核验的整改报送" head={["整改单位", "督察发现的问题", "督察", "整改期限", "状态"]}>
            {awaiting.map((item) => (
              <tr key={item.id}>
                <td className={`${cell} whitespace-nowrap`}>{item.unit.name}</td>
                <RectificationCells item={item} />
              </tr>
            ))}
          </Table>
        </section>
      )}

      <Table caption="督察列表" head={["督察", "被督察区域", "督察日期", "问题", "整改中", "待核验", "已销号", "已逾期"]}>
        {inspections.length === 0 && <EmptyRow colSpan={8}>尚无督察记录</EmptyRow>}
        {inspections.map((inspection) => (
          <tr key={inspection.id}>
            <td className={cell}>
              <Link href={`/inspections/${inspection.id}`} className="font-medium text-brand-700 underline">
                {inspection.title}
              </Link>
              {inspection.inspector && <div className="text-xs text-slate-500">{inspection.inspector}</div>}
            </td>
            <td className={`${cell} whitespace-nowrap`}>{inspection.region.name}</td>
            <td className={`${cell} whitespace-nowrap`}>{isoDate(inspection.inspectedOn)}</td>
            <td className={`${cell} tabular-nums`}>{inspection._count.findings}</td>
            <td className={`${cell} tabular-nums`}>{inspection.counts.open}</td>
            <td className={`${cell} tabular-nums`}>{inspection.counts.submitted}</td>
            <td className={`${cell} tabular-nums`}>{inspection.counts.closed}</td>
            <td className={`${cell} tabular-nums ${inspection.counts.overdue ? "font-semibold text-red-700" : ""}`}>
              {inspection.counts.overdue}
              {inspection.counts.overdue > 0 && <span className="ml-1 text-xs">项逾期</span>}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
