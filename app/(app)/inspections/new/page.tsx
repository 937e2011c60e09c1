import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { todayInChina } from "@/lib/dates.ts";
import { listRegionOptions } from "@/lib/regions/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { InspectionForm } from "@/components/inspections/inspection-form.tsx";

export const metadata: Metadata = { title: "新建督察" };

export default async function NewInspectionPage() {
  const actor = await requireActor();
  if (!can(actor, "inspection.manage")) notFound();
  const regions = await listRegionOptions(actor, ["DISTRICT", "TOWN"]);
  return (
    <>
      <PageHeader title="新建督察" description="登记督察后,逐条录入督察发现的问题,每个问题按整改单位生成整改任务" />
      <InspectionForm regions={regions} today={todayInChina()} />
    </>
  );
}
