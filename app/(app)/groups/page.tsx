import Link from "next/link";
import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listUnitGroups } from "@/lib/groups/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LinkButton } from "@/components/ui/link-button.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";

export const metadata: Metadata = { title: "单位分组" };

export default async function GroupsPage() {
  const actor = await requireActor();
  const groups = await listUnitGroups(actor);
  return (
    <>
      <PageHeader
        title="单位分组"
        description="“区直各部门”“各街办”等统称及其包含的单位;分工到分组即分工到其全部成员"
        actions={can(actor, "group.manage") ? <LinkButton href="/groups/new">新增分组</LinkButton> : null}
      />
      <Table caption={`单位分组,共 ${groups.length} 个`} head={["分组名称", "区域", "别名", "成员数"]}>
        {groups.length === 0 && <EmptyRow colSpan={4}>尚无分组</EmptyRow>}
        {groups.map((group) => (
          <tr key={group.id}>
            <td className={cell}>
              <Link href={`/groups/${group.id}`} className="text-brand-700 hover:underline">
                {group.name}
              </Link>
            </td>
            <td className={cell}>{group.region.name}</td>
            {/* Other wordings remembered from imports, which resolve to this group. */}
            <td className={cell}>{group.aliases.map((a) => a.alias).join("、")}</td>
            <td className={cell}>{group._count.members}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
