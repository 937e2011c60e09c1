import { can, type Actor } from "@/lib/auth/policy.ts";
import { isOwnUnit, isUnitScoped } from "@/lib/auth/scope.ts";
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

// Who reports (报送) for which assignment, in one place: the measure page offers
// a form and the 代报 link by these, and the report actions (reportTarget in
// lib/progress/actions.ts) take a report by mayReportFor.

type ReportedAssignment = { id: number; unitId: number; unit: { regionId: number } };

/** Whether the actor may report on the assignment: a liaison for its own unit, bureau staff (代报) for a unit in its regions. */
export function mayReportFor(actor: Actor, assignment: Omit<ReportedAssignment, "id">): boolean {
  return can(actor, "assignment.report", { regionId: assignment.unit.regionId, unitId: assignment.unitId });
}

/** Whether the page offers 代报 for the assignment: to staff not bound to one unit, for a unit it may report for. */
export function offersReportOnBehalf(actor: Actor, assignment: ReportedAssignment): boolean {
  return !isUnitScoped(actor) && mayReportFor(actor, assignment);
}

/**
 * Whether the page gives the actor the assignment's report form: a liaison its
 * own unit's, bureau staff the one assignment it chose to report for (`?for=`).
 */
export function reportsFor(actor: Actor, assignment: ReportedAssignment, chosen: number | null): boolean {
  if (isUnitScoped(actor)) return isOwnUnit(actor, assignment.unitId) && mayReportFor(actor, assignment);
  return assignment.id === chosen && mayReportFor(actor, assignment);
}
