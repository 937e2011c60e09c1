import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listRegionOptions } from "@/lib/regions/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { GroupForm } from "@/app/(app)/groups/group-form.tsx";

export const metadata: Metadata = { title: "新增分组" };

export default async function NewGroupPage() {
  const actor = await requireActor();
  if (!can(actor, "group.manage")) notFound();
  const regions = await listRegionOptions(actor, ["DISTRICT"]);
  return (
    <>
      <PageHeader title="新增分组" description="保存后可选择成员单位" />
      <div className="max-w-xl">
        <GroupForm mode="create" regions={regions} />
      </div>
    </>
  );
}
