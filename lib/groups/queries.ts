import { db } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";

export function listUnitGroups(actor: Actor) {
  return db().unitGroup.findMany({
    where: scope.groups(actor),
    orderBy: [{ regionId: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      region: { select: { id: true, name: true } },
      aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
      _count: { select: { members: true } },
    },
  });
}

export function getUnitGroup(actor: Actor, groupId: number) {
  return db().unitGroup.findFirst({
    where: { id: groupId, ...scope.groups(actor) },
    select: {
      id: true,
      name: true,
      regionId: true,
      region: { select: { id: true, name: true, path: true } },
      members: { select: { unit: { select: { id: true, name: true, kind: true } } } },
    },
  });
}
