import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { getUnitGroup } from "@/lib/groups/queries.ts";
import { listUnitOptions } from "@/lib/units/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { GroupForm } from "@/app/(app)/groups/group-form.tsx";
import { DeleteGroupButton } from "@/app/(app)/groups/delete-group-button.tsx";
import { routeId } from "@/lib/ids.ts";

export const metadata: Metadata = { title: "分组详情" };

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const group = await getUnitGroup(actor, id);
  if (!group) notFound();
  const canManage = can(actor, "group.manage", { regionId: group.regionId });
  const members = group.members.map((m) => m.unit);
  return (
    <>
      <PageHeader title={group.name} description={`${group.region.name} · ${members.length} 个成员单位`} />
      {canManage ? (
        <div className="max-w-4xl">
          <GroupForm
            mode="edit"
            group={{ id: group.id, name: group.name, memberIds: members.map((u) => u.id) }}
            units={await listUnitOptions(actor, { underRegionPath: group.region.path })}
          />
          <div className="mt-8 border-t border-slate-200 pt-4">
            <DeleteGroupButton id={group.id} name={group.name} />
          </div>
        </div>
      ) : (
        <ul className="grid grid-cols-2 gap-1 text-sm md:grid-cols-4">
          {members.map((unit) => (
            <li key={unit.id}>
              <Link href={`/units/${unit.id}`} className="text-brand-700 hover:underline">
                {unit.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
