import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listCirculars } from "@/lib/circulars/queries.ts";
import { CIRCULAR_STATUS_LABELS } from "@/lib/circulars/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LinkButton } from "@/components/ui/link-button.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { chinaDate } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "通报" };

export default async function CircularsPage() {
  const actor = await requireActor();
  if (!can(actor, "circular.read")) notFound();
  const circulars = await listCirculars(actor);
  const manages = can(actor, "circular.manage");
  return (
    <>
      <PageHeader
        title="通报"
        description={
          manages
            ? "按期间统计各单位报送率、按时报送率、退回和逾期举措,排名并点名靠后单位;审核后印发给各单位"
            : "已印发的通报,数据以印发时为准"
        }
        actions={manages ? <LinkButton href="/circulars/new">新建通报</LinkButton> : null}
      />
      <Table caption={`通报,共 ${circulars.length} 份`} head={["标题", "期间", "区域", "状态", "印发日期"]}>
        {circulars.length === 0 && <EmptyRow colSpan={5}>尚无通报</EmptyRow>}
        {circulars.map((c) => (
          <tr key={c.id}>
            <td className={cell}>
              <Link href={`/circulars/${c.id}`} className="text-brand-700 hover:underline">
                {c.title}
              </Link>
              {c.documentNumber && <span className="ml-2 text-xs text-slate-500">{c.documentNumber}</span>}
            </td>
            <td className={`${cell} whitespace-nowrap`}>{c.span}</td>
            <td className={cell}>{c.region.name}</td>
            <td className={cell}>
              <Badge tone={c.status === "ISSUED" ? "green" : c.status === "APPROVED" ? "blue" : "grey"}>
                {CIRCULAR_STATUS_LABELS[c.status]}
              </Badge>
            </td>
            <td className={`${cell} tabular-nums`}>{c.issuedAt ? chinaDate(c.issuedAt) : "—"}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
