import { db } from "@/lib/db/client.ts";
import { regionScope, type Actor } from "@/lib/auth/policy.ts";
import type { Catalogue } from "@/lib/import/reconcile.ts";

export function listPlans(actor: Actor) {
  return db().plan.findMany({
    where: regionScope(actor),
    orderBy: [{ regionId: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      periodStart: true,
      periodEnd: true,
      region: { select: { name: true } },
      _count: { select: { measures: true } },
    },
  });
}

/** The units and groups an import into this region can resolve names to. */
export async function loadCatalogue(districtId: number): Promise<Catalogue> {
  const [units, groups] = await Promise.all([
    db().unit.findMany({
      where: { districtId, active: true },
      select: { id: true, name: true, aliases: { select: { alias: true } } },
      orderBy: { id: "asc" },
    }),
    db().unitGroup.findMany({ where: { districtId }, select: { id: true, name: true }, orderBy: { id: "asc" } }),
  ]);
  return { units: units.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases.map((a) => a.alias) })), groups };
}
