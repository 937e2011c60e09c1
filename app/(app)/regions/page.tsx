import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listRegions } from "@/lib/regions/queries.ts";
import { REGION_LEVEL_LABELS } from "@/lib/regions/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { cell, Table } from "@/components/ui/table.tsx";
import { CreateRegionForm } from "@/app/(app)/regions/region-form.tsx";

export const metadata: Metadata = { title: "区域" };

export default async function RegionsPage() {
  const actor = await requireActor();
  if (!can(actor, "region.manage")) notFound();
  const regions = await listRegions(actor);
  const depth = (path: string) => path.split("/").filter(Boolean).length - 1;
  return (
    <>
      <PageHeader title="区域" description="省、市、区县、乡镇街道的层级;用户的管辖范围包含其下级区域" />
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <Table caption="区域层级" head={["名称", "区划代码", "层级", "单位数", "用户数"]}>
          {regions.map((region) => (
            <tr key={region.id}>
              <td className={cell} style={{ paddingLeft: `${0.75 + depth(region.path) * 1.5}rem` }}>
                <Link href={`/regions/${region.id}`} className="text-brand-700 hover:underline">
                  {region.name}
                </Link>
              </td>
              <td className={cell}>{region.code}</td>
              <td className={cell}>{REGION_LEVEL_LABELS[region.level]}</td>
              <td className={cell}>{region._count.units}</td>
              <td className={cell}>{region._count.users}</td>
            </tr>
          ))}
        </Table>
        <section aria-labelledby="new-region" className="no-print">
          <h2 id="new-region" className="mb-3 text-lg font-semibold">
            新增区域
          </h2>
          <CreateRegionForm parents={regions.filter((r) => r.level !== "TOWN")} />
        </section>
      </div>
    </>
  );
}
