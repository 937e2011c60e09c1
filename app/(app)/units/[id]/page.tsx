import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { getUnit } from "@/lib/units/queries.ts";
import { listRegionOptions } from "@/lib/regions/queries.ts";
import { UNIT_KIND_LABELS } from "@/lib/units/schema.ts";
import { ROLE_LABELS } from "@/lib/users/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { UnitForm } from "@/app/(app)/units/unit-form.tsx";
import { UnitActiveToggle } from "@/app/(app)/units/unit-active-toggle.tsx";
import { routeId } from "@/lib/ids.ts";

export const metadata: Metadata = { title: "单位详情" };

export default async function UnitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const unit = await getUnit(actor, id);
  if (!unit) notFound();
  const canManage = can(actor, "unit.manage", { regionId: unit.regionId });
  const regions = canManage ? await listRegionOptions(actor, ["DISTRICT", "TOWN"]) : [];
  return (
    <>
      <PageHeader
        title={unit.name}
        description={
          <>
            {unit.region.name} · {UNIT_KIND_LABELS[unit.kind]} · {unit.active ? <Badge tone="green">启用</Badge> : <Badge>停用</Badge>}
          </>
        }
      />
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="unit-info">
          <h2 id="unit-info" className="mb-3 text-lg font-semibold">
            基本信息
          </h2>
          <dl className="grid grid-cols-[6rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-600">简称</dt>
            <dd>{unit.shortName ?? "—"}</dd>
            <dt className="text-slate-600">别名</dt>
            <dd>{unit.aliases.map((a) => a.alias).join("、") || "—"}</dd>
            <dt className="text-slate-600">所在分组</dt>
            <dd>
              {unit.memberships.length === 0
                ? "—"
                : unit.memberships.map((m, i) => (
                    <span key={m.group.id}>
                      {i > 0 && "、"}
                      <Link href={`/groups/${m.group.id}`} className="text-brand-700 hover:underline">
                        {m.group.name}
                      </Link>
                    </span>
                  ))}
            </dd>
          </dl>
          {can(actor, "user.read") && (
            <>
              <h2 className="mb-2 mt-6 text-lg font-semibold">本单位账号</h2>
              <ul className="text-sm">
                {unit.users.length === 0 && <li className="text-slate-500">尚无账号</li>}
                {unit.users.map((user) => (
                  <li key={user.id}>
                    <Link href={`/users/${user.id}`} className="text-brand-700 hover:underline">
                      {user.name}
                    </Link>{" "}
                    ({user.login},{ROLE_LABELS[user.role]}
                    {user.active ? "" : ",已停用"})
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        {canManage && (
          <section aria-labelledby="unit-edit" className="no-print">
            <h2 id="unit-edit" className="mb-3 text-lg font-semibold">
              编辑
            </h2>
            <UnitForm regions={regions} unit={{ ...unit, aliases: unit.aliases.map((a) => a.alias) }} />
            <div className="mt-6 border-t border-slate-200 pt-4">
              <UnitActiveToggle id={unit.id} active={unit.active} />
            </div>
          </section>
        )}
      </div>
    </>
  );
}
