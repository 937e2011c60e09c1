import { db, type Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";

/**
 * Loads the acting user fresh from the database: a deactivated account stops at
 * once. The seed passes its transaction, since its accounts are not committed yet.
 */
export async function loadActor(userId: number, client: Tx = db()): Promise<Actor | null> {
  const user = await client.user.findFirst({
    where: { id: userId, active: true },
    select: { id: true, name: true, role: true, regionId: true, unitId: true, region: { select: { path: true } } },
  });
  if (!user) return null;
  let scopeRegionIds: number[] = [];
  if (user.role !== "ADMIN" && user.region) {
    const regions = await client.region.findMany({
      where: { path: { startsWith: user.region.path } },
      select: { id: true },
    });
    scopeRegionIds = regions.map((r) => r.id);
  }
  return { id: user.id, name: user.name, role: user.role, regionId: user.regionId, unitId: user.unitId, scopeRegionIds };
}
