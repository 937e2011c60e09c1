import Link from "next/link";
import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listUnits } from "@/lib/units/queries.ts";
import { searchParamId } from "@/lib/ids.ts";
import { listRegionOptions } from "@/lib/regions/queries.ts";
import { UNIT_KIND_LABELS } from "@/lib/units/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LinkButton } from "@/components/ui/link-button.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";

export const metadata: Metadata = { title: "单位" };

export default async function UnitsPage({ searchParams }: { searchParams: Promise<{ regionId?: string; q?: string }> }) {
  const actor = await requireActor();
  const params = await searchParams;
  const regionId = searchParamId(params.regionId);
  const q = params.q?.trim().slice(0, 50) || undefined;
  const [units, regions] = await Promise.all([listUnits(actor, { regionId, q }), listRegionOptions(actor, ["DISTRICT", "TOWN"])]);
  return (
    <>
      <PageHeader
        title="单位"
        description="牵头单位、责任单位及其在文件中的别名"
        actions={can(actor, "unit.manage") ? <LinkButton href="/units/new">新增单位</LinkButton> : null}
      />
      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-3" aria-label="筛选单位">
        <label className="text-sm">
          区域
          <select name="regionId" defaultValue={regionId ?? ""} className="ml-2 rounded border border-slate-300 px-2 py-1.5">
            <option value="">全部</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          名称或别名
          <input name="q" defaultValue={q} className="ml-2 rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
          筛选
        </button>
      </form>
      <Table caption={`单位列表,共 ${units.length} 个`} head={["单位名称", "区域", "类型", "别名", "状态"]}>
        {units.length === 0 && <EmptyRow colSpan={5}>没有符合条件的单位</EmptyRow>}
        {units.map((unit) => (
          <tr key={unit.id}>
            <td className={cell}>
              <Link href={`/units/${unit.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                {unit.name}
              </Link>
            </td>
            <td className={cell}>{unit.region.name}</td>
            <td className={cell}>{UNIT_KIND_LABELS[unit.kind]}</td>
            <td className={cell}>{unit.aliases.map((a) => a.alias).join("、")}</td>
            <td className={cell}>{unit.active ? <Badge tone="green">启用</Badge> : <Badge>停用</Badge>}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
