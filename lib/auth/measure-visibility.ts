import type { Actor } from "@/lib/auth/policy.ts";

// Who may read the units' progress on a measure: their report texts, percent,
// review comments, evidence, the 办理记录 and the names of the people in them.
// The division of labour itself (measure text, units, deadline, light) is
// district-wide like the published plan, and stays with the region scope.
// Bureau staff and leaders oversee every measure of their regions; a liaison
// only the measures its unit has a part in, directly or through a group (a
// group's assignment is one row per member unit, so both are an assignment
// row with the liaison's unit).

/** Whether the actor may read the progress of a measure the region scope already lets it see. */
export function mayReadMeasureProgress(actor: Actor, measure: { assignments: readonly { unitId: number }[] }): boolean {
  switch (actor.role) {
    case "ADMIN":
    case "BUREAU":
    case "LEADER":
      return true;
    case "LIAISON":
      return actor.unitId !== null && measure.assignments.some((a) => a.unitId === actor.unitId);
    default:
      return false;
  }
}

/** The same rule as a Prisma filter on Measure, for queries that reach progress from elsewhere (evidence downloads). */
export function measureProgressWhere(actor: Actor): { assignments?: { some: { unitId: number } } } {
  if (actor.role !== "LIAISON") return {};
  return { assignments: { some: { unitId: actor.unitId ?? -1 } } };
}
