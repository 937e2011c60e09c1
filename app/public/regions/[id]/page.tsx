import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cachedPublicRegion } from "@/lib/public/cache.ts";
import { routeId } from "@/lib/ids.ts";
import { RegionView } from "@/components/public/public-views.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "区域公开信息" };

type Props = { params: Promise<{ id: string }> };

async function load(params: Props["params"]) {
  return cachedPublicRegion(routeId((await params).id));
}

export default async function PublicRegionPage({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  return <RegionView data={data} />;
}
