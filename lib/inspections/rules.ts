import { can, type Actor } from "@/lib/auth/policy.ts";
import type { RectificationStatus } from "@/lib/inspections/status.ts";

// Who may do what to a rectification item (整改事项) in which state, in one
// place: the item's page offers a control exactly when these allow it, and
// the actions in lib/inspections/actions.ts refuse by the same rules.

type Item = { status: RectificationStatus; unit: { id: number; regionId: number } };

/** Why the unit may not report on the item now (in Chinese), or null: it may. */
export function rectificationReportRefusal(status: RectificationStatus): string | null {
  if (status === "SUBMITTED") return "该整改事项已申请销号,等待司法局核验。";
  if (status === "CLOSED") return "该整改事项已销号;如需继续整改,请由司法局重新打开。";
  return null;
}

/** The unit (or bureau staff for it, 代报) may report: the item is open. */
export function mayReportRectification(actor: Actor, item: Item): boolean {
  return (
    rectificationReportRefusal(item.status) === null &&
    can(actor, "rectification.report", { regionId: item.unit.regionId, unitId: item.unit.id })
  );
}

/**
 * The report the bureau verifies or returns: the item's latest report, while
 * the item awaits verification and that report is still submitted; null
 * otherwise (the unit's last word is the one decided on).
 */
export function reportAwaitingVerification<R extends { state: string }>(
  status: RectificationStatus,
  latest: R | null | undefined,
): R | null {
  return status === "SUBMITTED" && latest?.state === "SUBMITTED" ? latest : null;
}

/** The bureau may reopen a closed (销号) item of its regions. */
export function mayReopenRectification(actor: Actor, item: Item): boolean {
  return item.status === "CLOSED" && can(actor, "rectification.verify", { regionId: item.unit.regionId });
}
