import { can, type Actor } from "@/lib/auth/policy.ts";

// The workflow of an annual report (年度报告), in one table: each step needs a
// permission on the report's subject and starts from one status. The report's
// page offers a step exactly when annualReportSteps allows it, and the actions
// in lib/annual-reports/actions.ts refuse by the same table.

export type AnnualReportStatus = "DRAFT" | "SUBMITTED" | "PUBLISHED";
export type AnnualReportStep = "edit" | "submit" | "publish" | "return" | "correct";

export const ANNUAL_REPORT_STEPS = {
  edit: { permission: "annualReport.manage", from: "DRAFT" },
  submit: { permission: "annualReport.manage", from: "DRAFT" },
  publish: { permission: "annualReport.publish", from: "SUBMITTED" },
  return: { permission: "annualReport.publish", from: "SUBMITTED" },
  // A published report is corrected by a new version, once.
  correct: { permission: "annualReport.manage", from: "PUBLISHED" },
} as const satisfies Record<AnnualReportStep, { permission: "annualReport.manage" | "annualReport.publish"; from: AnnualReportStatus }>;

type Report = { regionId: number; unitId: number | null; status: AnnualReportStatus; nextVersion: unknown };

/** Which steps the actor may take on the report now. */
export function annualReportSteps(actor: Actor, report: Report): Record<AnnualReportStep, boolean> {
  const subject = { regionId: report.regionId, unitId: report.unitId };
  const allowed = (step: AnnualReportStep) =>
    report.status === ANNUAL_REPORT_STEPS[step].from && can(actor, ANNUAL_REPORT_STEPS[step].permission, subject);
  return {
    edit: allowed("edit"),
    submit: allowed("submit"),
    publish: allowed("publish"),
    return: allowed("return"),
    correct: allowed("correct") && !report.nextVersion,
  };
}
