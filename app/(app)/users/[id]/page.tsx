import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { assignableRoles, can } from "@/lib/auth/policy.ts";
import { getUser } from "@/lib/users/queries.ts";
import { listRegionOptions } from "@/lib/regions/queries.ts";
import { listUnitOptions } from "@/lib/units/queries.ts";
import { ROLE_LABELS } from "@/lib/users/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { UserForm } from "@/app/(app)/users/user-form.tsx";
import { ResetPasswordForm, UserActiveToggle } from "@/app/(app)/users/user-account-forms.tsx";
import { routeId } from "@/lib/ids.ts";

export const metadata: Metadata = { title: "用户详情" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "user.manage")) notFound();
  const id = routeId((await params).id);
  const user = await getUser(actor, id);
  if (!user) notFound();
  const [regions, units] = await Promise.all([listRegionOptions(actor), listUnitOptions(actor)]);
  return (
    <>
      <PageHeader
        title={user.name}
        description={
          <>
            {user.login} · {ROLE_LABELS[user.role]} · {user.active ? <Badge tone="green">启用</Badge> : <Badge>停用</Badge>}
          </>
        }
      />
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="user-edit">
          <h2 id="user-edit" className="mb-3 text-lg font-semibold">
            角色与范围
          </h2>
          <UserForm regions={regions} units={units} assignableRoles={assignableRoles(actor)} user={user} />
        </section>
        <section aria-labelledby="user-account">
          <h2 id="user-account" className="mb-3 text-lg font-semibold">
            账号
          </h2>
          <ResetPasswordForm id={user.id} />
          {user.id !== actor.id && (
            <div className="mt-6 border-t border-slate-200 pt-4">
              <UserActiveToggle id={user.id} active={user.active} />
            </div>
          )}
        </section>
      </div>
    </>
  );
}
