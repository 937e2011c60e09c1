import { db, type Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import type { RegionLevel } from "@/lib/regions/schema.ts";

export function listRegions(actor: Actor) {
  const scope = actor.role === "ADMIN" ? {} : { id: { in: [...actor.scopeRegionIds] } };
  return db().region.findMany({
    where: scope,
    orderBy: { path: "asc" },
    select: {
      id: true,
      code: true,
      name: true,
      level: true,
      path: true,
      parent: { select: { name: true } },
      _count: { select: { units: true, users: true } },
    },
  });
}

/** Regions the actor may pick in a form, optionally only some levels. */
export function listRegionOptions(actor: Actor, levels?: RegionLevel[]) {
  const scope = actor.role === "ADMIN" ? {} : { id: { in: [...actor.scopeRegionIds] } };
  return db().region.findMany({
    where: { ...scope, ...(levels ? { level: { in: levels } } : {}) },
    orderBy: { path: "asc" },
    select: { id: true, name: true, level: true, path: true, districtId: true },
  });
}

/** Matches one region, and only if it lies inside the actor's scope. */
export function regionInScope(actor: Actor, regionId: number) {
  return actor.role === "ADMIN" ? { id: regionId } : { id: { equals: regionId, in: [...actor.scopeRegionIds] } };
}

/** A region inside the actor's scope, or null: callers turn null into a field error or 404. */
export function findRegionInScope(tx: Tx, actor: Actor, regionId: number) {
  return tx.region.findFirst({ where: regionInScope(actor, regionId) });
}


/** Figures for the home page: what the actor's scope holds. */
export async function getScopeSummary(actor: Actor) {
  const where = actor.role === "ADMIN" ? {} : { regionId: { in: [...actor.scopeRegionIds] } };
  const [scopeRegion, units, groups, plans] = await Promise.all([
    actor.regionId ? db().region.findUnique({ where: { id: actor.regionId }, select: { name: true } }) : null,
    db().unit.count({ where: { ...where, active: true } }),
    db().unitGroup.count({ where }),
    db().plan.count({ where }),
  ]);
  const unit = actor.unitId ? await db().unit.findUnique({ where: { id: actor.unitId }, select: { name: true } }) : null;
  return {
    scopeLabel: [scopeRegion?.name ?? "全部区域", unit?.name].filter(Boolean).join(" · "),
    figures: [
      { label: "单位", value: units },
      { label: "单位分组", value: groups },
      { label: "规划", value: plans },
      { label: "管辖区域", value: actor.role === "ADMIN" ? await db().region.count() : actor.scopeRegionIds.length },
    ],
  };
}

export function getRegion(actor: Actor, regionId: number) {
  return db().region.findFirst({
    where: regionInScope(actor, regionId),
    select: { id: true, name: true, code: true, level: true, parent: { select: { name: true } } },
  });
}
