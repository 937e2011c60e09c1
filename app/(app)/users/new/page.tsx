import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { assignableRoles, can } from "@/lib/auth/policy.ts";
import { listRegionOptions } from "@/lib/regions/queries.ts";
import { listUnitOptions } from "@/lib/units/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UserForm } from "@/app/(app)/users/user-form.tsx";

export const metadata: Metadata = { title: "新增用户" };

export default async function NewUserPage() {
  const actor = await requireActor();
  if (!can(actor, "user.manage")) notFound();
  const [regions, units] = await Promise.all([listRegionOptions(actor), listUnitOptions(actor)]);
  return (
    <>
      <PageHeader title="新增用户" />
      <UserForm regions={regions} units={units} assignableRoles={assignableRoles(actor)} />
    </>
  );
}
