import type { Reconciliation } from "@/lib/import/reconcile.ts";
import type { ParsedPlan } from "@/lib/import/types.ts";
import type { Resolution } from "@/lib/plans/schema.ts";

/**
 * What the import screen preselects: exact matches and groups resolve on
 * their own; a near match or an unknown name waits for the user.
 */
export function proposedResolution(reconciliation: Reconciliation): Resolution | null {
  switch (reconciliation.status) {
    case "unit":
      return { action: "unit", unitId: reconciliation.unitId, remember: false };
    case "group":
      return { action: "group", groupId: reconciliation.groupId };
    case "newGroup":
      return { action: "createGroup" };
    default:
      return null;
  }
}

/**
 * Every proposal taken: near matches accepted (units remembered as aliases;
 * groups have no aliases, so a near group match is proposed again on the
 * next import), unknown names created as units. What a user clicking both bulk buttons decides; used by
 * tests and the import benchmark.
 */
export function acceptAllProposals(reconciliation: Reconciliation[]): Record<string, Resolution> {
  return Object.fromEntries(
    reconciliation.map((r) => [
      r.name,
      proposedResolution(r) ??
        (r.status === "near"
          ? { action: "unit", unitId: r.candidates[0]!.unitId, remember: true }
          : r.status === "nearGroup"
            ? { action: "group", groupId: r.candidates[0]!.groupId }
            : { action: "createUnit" }),
    ]),
  );
}

/** Parsed plans in the shape the commit takes, unedited. */
export function unreviewedPlans(plans: ParsedPlan[]) {
  return plans.map((plan) => ({
    ...plan,
    measures: plan.measures.map(({ deadline, line: _line, ...m }) => ({ ...m, deadlineText: deadline?.text ?? "" })),
  }));
}
