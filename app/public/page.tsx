import { cachedPublicRegions } from "@/lib/public/cache.ts";
import { RegionIndexView } from "@/components/public/public-views.tsx";

export const dynamic = "force-dynamic";

export default async function PublicIndexPage() {
  return <RegionIndexView regions={await cachedPublicRegions()} />;
}
