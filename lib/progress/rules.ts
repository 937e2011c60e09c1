import { can, type Actor } from "@/lib/auth/policy.ts";
import type { ReportStateForPeriod } from "@/lib/reporting/lights.ts";

// Who may review (审核) a progress report, in one place: the measure page
// offers 通过/退回 exactly when reviewRefusal is null, and the review actions
// in lib/progress/actions.ts refuse by it.

export type ReviewRefusal = "OUT_OF_REACH" | "NOT_SUBMITTED" | "ALREADY_REVIEWED";

/** Why the actor may not review the report, or null: the bureau of the unit's regions reviews a submitted report. */
export function reviewRefusal(
  actor: Actor,
  report: { state: Exclude<ReportStateForPeriod, "NONE">; unit: { regionId: number } },
): ReviewRefusal | null {
  if (!can(actor, "report.review", { regionId: report.unit.regionId })) return "OUT_OF_REACH";
  if (report.state === "DRAFT") return "NOT_SUBMITTED";
  return report.state === "SUBMITTED" ? null : "ALREADY_REVIEWED";
}
