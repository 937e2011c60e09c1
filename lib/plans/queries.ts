import { db, type Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import type { Catalogue } from "@/lib/import/reconcile.ts";

export function listPlans(actor: Actor) {
  return db().plan.findMany({
    where: scope.plans(actor),
    orderBy: [{ regionId: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      endKind: true,
      periodStart: true,
      periodEnd: true,
      region: { select: { name: true } },
      _count: { select: { measures: true } },
    },
  });
}

/** The units and groups an import into this region can resolve names to (the CLI reads them inside its transaction). */
export async function loadCatalogue(districtId: number, client: Tx = db()): Promise<Catalogue> {
  const [units, groups] = await Promise.all([
    client.unit.findMany({
      where: { districtId, active: true },
      select: { id: true, name: true, aliases: { select: { alias: true } }, region: { select: { path: true } } },
      orderBy: { id: "asc" },
    }),
    client.unitGroup.findMany({
      where: { districtId },
      select: {
        id: true,
        name: true,
        aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
        region: { select: { path: true } },
        _count: { select: { members: { where: { unit: { active: true } } } } },
      },
      orderBy: { id: "asc" },
    }),
  ]);
  return {
    units: units.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases.map((a) => a.alias), regionPath: u.region.path })),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      aliases: g.aliases.map((a) => a.alias),
      memberCount: g._count.members,
      regionPath: g.region.path,
    })),
  };
}

/** A plan with its chapters, measures and assignments, if the actor may read it. */
export function getPlan(actor: Actor, planId: number) {
  return db().plan.findFirst({
    where: { id: planId, ...scope.plans(actor) },
    include: {
      region: { select: { name: true } },
      sections: { orderBy: { sortOrder: "asc" } },
      measures: {
        orderBy: { sortOrder: "asc" },
        include: {
          assignments: {
            select: { role: true, source: true, unit: { select: { id: true, name: true } }, viaGroup: { select: { name: true } } },
            // Created in the document's order.
            orderBy: { id: "asc" },
          },
        },
      },
    },
  });
}

type PlanWithMeasures = NonNullable<Awaited<ReturnType<typeof getPlan>>>;
type AssignmentView = PlanWithMeasures["measures"][number]["assignments"][number];

/**
 * Names as the division of labour states them: units named directly, and a
 * group once for all the units it brought in.
 */
export function assigneeNames(assignments: AssignmentView[], role: "LEAD" | "RESPONSIBLE"): string[] {
  const ofRole = assignments.filter((a) => a.role === role);
  const direct = ofRole.filter((a) => !a.viaGroup).map((a) => a.unit.name);
  const groups = [...new Set(ofRole.filter((a) => a.viaGroup).map((a) => a.viaGroup!.name))];
  return [...direct, ...groups];
}
