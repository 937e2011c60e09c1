import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listUsers } from "@/lib/users/queries.ts";
import { ROLE_LABELS } from "@/lib/users/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LinkButton } from "@/components/ui/link-button.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { formatChinaTime } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "用户" };

export default async function UsersPage() {
  const actor = await requireActor();
  if (!can(actor, "user.read")) notFound();
  const users = await listUsers(actor);
  return (
    <>
      <PageHeader
        title="用户"
        description="账号、角色与管辖范围"
        actions={can(actor, "user.manage") ? <LinkButton href="/users/new">新增用户</LinkButton> : null}
      />
      <Table caption={`用户列表,共 ${users.length} 个`} head={["姓名", "账号", "角色", "区域", "单位", "最近登录", "状态"]}>
        {users.length === 0 && <EmptyRow colSpan={7}>尚无用户</EmptyRow>}
        {users.map((user) => (
          <tr key={user.id}>
            <td className={cell}>
              <Link href={`/users/${user.id}`} className="text-brand-700 hover:underline">
                {user.name}
              </Link>
            </td>
            <td className={cell}>{user.login}</td>
            <td className={cell}>{ROLE_LABELS[user.role]}</td>
            <td className={cell}>{user.region?.name ?? "全部"}</td>
            <td className={cell}>{user.unit?.name ?? "—"}</td>
            <td className={cell}>{user.lastLoginAt ? formatChinaTime(user.lastLoginAt) : "从未登录"}</td>
            <td className={cell}>{user.active ? <Badge tone="green">启用</Badge> : <Badge>停用</Badge>}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
