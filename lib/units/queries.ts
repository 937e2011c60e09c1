import { db, type Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";

export function listUnits(actor: Actor, filter: { regionId?: number; q?: string } = {}) {
  return db().unit.findMany({
    where: {
      // AND, not a spread: the chosen region must never replace the scope's regions.
      AND: [scope.units(actor), filter.regionId ? { regionId: filter.regionId } : {}],
      ...(filter.q
        ? {
            OR: [{ name: { contains: filter.q } }, { aliases: { some: { alias: { contains: filter.q } } } }],
          }
        : {}),
    },
    orderBy: [{ regionId: "asc" }, { sortOrder: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      shortName: true,
      kind: true,
      active: true,
      region: { select: { id: true, name: true } },
      aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
      _count: { select: { users: true } },
    },
  });
}

/** One unit inside the actor's scope, or null (the page answers 404). */
export function getUnit(actor: Actor, unitId: number) {
  return db().unit.findFirst({
    where: { id: unitId, ...scope.units(actor) },
    select: {
      id: true,
      name: true,
      shortName: true,
      kind: true,
      active: true,
      regionId: true,
      region: { select: { id: true, name: true } },
      aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
      memberships: { select: { group: { select: { id: true, name: true } } } },
      users: { select: { id: true, name: true, login: true, role: true, active: true }, orderBy: { name: "asc" } },
    },
  });
}

/** Active units for pickers, optionally only those under one region (a group's members). */
export function listUnitOptions(actor: Actor, filter: { underRegionPath?: string } = {}) {
  return db().unit.findMany({
    where: {
      ...scope.units(actor),
      active: true,
      ...(filter.underRegionPath ? { region: { path: { startsWith: filter.underRegionPath } } } : {}),
    },
    orderBy: [{ regionId: "asc" }, { sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, regionId: true, kind: true },
  });
}

/**
 * Names (and aliases) must be unique within a region, across both and the
 * groups' aliases, so that a name in an imported document resolves to exactly
 * one unit or group.
 */
export async function findNameClashes(tx: Tx, regionId: number, names: string[], exceptUnitId?: number) {
  const [units, aliases, groupAliases] = await Promise.all([
    tx.unit.findMany({
      where: { regionId, name: { in: names }, ...(exceptUnitId ? { id: { not: exceptUnitId } } : {}) },
      select: { name: true },
    }),
    tx.unitAlias.findMany({
      where: { regionId, alias: { in: names }, ...(exceptUnitId ? { unitId: { not: exceptUnitId } } : {}) },
      select: { alias: true },
    }),
    tx.unitGroupAlias.findMany({ where: { regionId, alias: { in: names } }, select: { alias: true } }),
  ]);
  return [...units.map((u) => u.name), ...aliases.map((a) => a.alias), ...groupAliases.map((a) => a.alias)];
}

/**
 * A wording free to become a group's alias in its region: no unit, unit
 * alias, group or other group alias goes by it.
 */
export async function groupAliasFree(tx: Tx, regionId: number, alias: string) {
  const [clashes, group] = await Promise.all([
    findNameClashes(tx, regionId, [alias]),
    tx.unitGroup.findFirst({ where: { regionId, name: alias }, select: { id: true } }),
  ]);
  return clashes.length === 0 && !group;
}
