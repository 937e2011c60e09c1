import type { Actor } from "@/lib/auth/policy.ts";

// Scope of progress data, for a query's where: a liaison sees its own unit's
// assignments; bureau staff and leaders the units of their regions; ADMIN all.

export function assignmentScope(actor: Actor) {
  if (actor.role === "ADMIN") return {};
  if (actor.role === "LIAISON") return { unitId: actor.unitId ?? -1 };
  return { unit: { regionId: { in: [...actor.scopeRegionIds] } } };
}

export function reportScope(actor: Actor) {
  if (actor.role === "ADMIN") return {};
  return { assignment: assignmentScope(actor) };
}
