import type { Reconciliation } from "@/lib/import/reconcile.ts";
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
