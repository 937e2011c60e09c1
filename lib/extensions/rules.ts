import { can, type Actor } from "@/lib/auth/policy.ts";
import { AppError } from "@/lib/errors.ts";

// Who may ask to extend a measure's deadline (延期申请), in one place: the
// measure page offers the form exactly when extensionRefusal is null, and
// requestDeadlineExtension refuses with the same code otherwise.

export type ExtensionRefusal = "NOT_LEAD" | "ONGOING" | "NO_DEADLINE" | "PENDING";

export type ExtensionRequestFacts = {
  ongoing: boolean;
  /** The measure's current deadline (a Date or "YYYY-MM-DD"), null when it has none. */
  deadline: Date | string | null;
  /** The lead units the request could be made for, with their regions. */
  leads: readonly { unitId: number; regionId: number }[];
  /** A request on the measure (by any unit) awaits a decision. */
  pending: boolean;
};

/**
 * Why the actor may not ask to extend the measure's deadline, first that
 * applies, or null: it may. Only for a lead unit the actor reports for (a
 * liaison its own, bureau staff on behalf of one in their regions); an
 * ongoing (长期坚持) or undated measure has no deadline to move; one request
 * at a time.
 */
export function extensionRefusal(actor: Actor, facts: ExtensionRequestFacts): ExtensionRefusal | null {
  if (!facts.leads.some((l) => can(actor, "assignment.report", { regionId: l.regionId, unitId: l.unitId }))) return "NOT_LEAD";
  if (facts.ongoing) return "ONGOING";
  if (facts.deadline === null) return "NO_DEADLINE";
  if (facts.pending) return "PENDING";
  return null;
}

export function mayRequestExtension(actor: Actor, facts: ExtensionRequestFacts): boolean {
  return extensionRefusal(actor, facts) === null;
}

const NOT_LEAD_MESSAGE = "只有该举措的牵头单位可以申请延期";

/** The error the action answers a refusal with. */
export function extensionRefusalError(refusal: ExtensionRefusal): AppError {
  switch (refusal) {
    case "NOT_LEAD":
      return new AppError("FORBIDDEN", NOT_LEAD_MESSAGE);
    case "ONGOING":
      return new AppError("VALIDATION", undefined, { newDeadline: ["长期坚持的举措没有完成时限,无需延期"] });
    case "NO_DEADLINE":
      return new AppError("VALIDATION", undefined, { newDeadline: ["该举措未规定完成时限,无需延期"] });
    case "PENDING":
      return new AppError("CONFLICT", "该举措已有待审批的延期申请");
  }
}

export type ExtensionDecisionRefusal = "OUT_OF_REACH" | "DECIDED";

/**
 * Why the actor may not approve or reject the request, or null: it may. The
 * bureau of the requesting unit's regions decides a pending request; the
 * measure page offers the decision exactly then.
 */
export function extensionDecisionRefusal(
  actor: Actor,
  extension: { state: string; unit: { regionId: number } },
): ExtensionDecisionRefusal | null {
  if (!can(actor, "report.review", { regionId: extension.unit.regionId })) return "OUT_OF_REACH";
  return extension.state === "PENDING" ? null : "DECIDED";
}
