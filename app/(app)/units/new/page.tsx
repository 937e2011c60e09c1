import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listRegionOptions } from "@/lib/regions/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UnitForm } from "@/app/(app)/units/unit-form.tsx";

export const metadata: Metadata = { title: "新增单位" };

export default async function NewUnitPage() {
  const actor = await requireActor();
  if (!can(actor, "unit.manage")) notFound();
  const regions = await listRegionOptions(actor, ["DISTRICT", "TOWN"]);
  return (
    <>
      <PageHeader title="新增单位" />
      <UnitForm regions={regions} />
    </>
  );
}
