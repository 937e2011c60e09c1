import { db, type Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import type { RegionLevel } from "@/lib/regions/schema.ts";

export function listRegions(actor: Actor) {
  return db().region.findMany({
    where: scope.regions(actor),
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
  return db().region.findMany({
    where: { AND: [scope.regions(actor), levels ? { level: { in: levels } } : {}] },
    orderBy: { path: "asc" },
    select: { id: true, name: true, level: true, path: true, districtId: true },
  });
}

/** Matches one region, and only if it lies inside the actor's scope. */
export function regionInScope(actor: Actor, regionId: number) {
  return scope.region(actor, regionId);
}

/** A region inside the actor's scope, or null: callers turn null into a field error or 404. */
export function findRegionInScope(tx: Tx, actor: Actor, regionId: number) {
  return tx.region.findFirst({ where: regionInScope(actor, regionId) });
}

/** Figures for the home page: what the actor's scope holds. */
export async function getScopeSummary(actor: Actor) {
  const [scopeRegion, units, groups, plans] = await Promise.all([
    actor.regionId ? db().region.findUnique({ where: { id: actor.regionId }, select: { name: true } }) : null,
    db().unit.count({ where: { ...scope.units(actor), active: true } }),
    db().unitGroup.count({ where: scope.groups(actor) }),
    db().plan.count({ where: scope.plans(actor) }),
  ]);
  const unitId = scope.homeUnitId(actor);
  const unit = unitId ? await db().unit.findUnique({ where: { id: unitId }, select: { name: true } }) : null;
  return {
    scopeLabel: [scopeRegion?.name ?? "全部区域", unit?.name].filter(Boolean).join(" · "),
    figures: [
      { label: "单位", value: units },
      { label: "单位分组", value: groups },
      { label: "规划", value: plans },
      { label: "管辖区域", value: scope.regionCount(actor) ?? (await db().region.count()) },
    ],
  };
}

export function getRegion(actor: Actor, regionId: number) {
  return db().region.findFirst({
    where: regionInScope(actor, regionId),
    select: { id: true, name: true, code: true, level: true, parent: { select: { name: true } } },
  });
}
