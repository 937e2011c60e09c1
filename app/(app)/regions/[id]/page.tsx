import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { getRegion } from "@/lib/regions/queries.ts";
import { REGION_LEVEL_LABELS } from "@/lib/regions/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { EditRegionForm } from "@/app/(app)/regions/region-form.tsx";
import { routeId } from "@/lib/ids.ts";

export const metadata: Metadata = { title: "区域详情" };

export default async function RegionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "region.manage")) notFound();
  const id = routeId((await params).id);
  const region = await getRegion(actor, id);
  if (!region) notFound();
  return (
    <>
      <PageHeader
        title={region.name}
        description={`${REGION_LEVEL_LABELS[region.level]}${region.parent ? ` · 上级:${region.parent.name}` : ""}`}
      />
      <EditRegionForm region={region} />
    </>
  );
}
