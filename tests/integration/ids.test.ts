import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import type { ActionResult } from "@/lib/actions/run.ts";
import * as annualReports from "@/lib/annual-reports/actions.ts";
import * as assessments from "@/lib/assessments/actions.ts";
import * as circulars from "@/lib/circulars/actions.ts";
import * as evaluations from "@/lib/evaluations/actions.ts";
import * as extensions from "@/lib/extensions/actions.ts";
import * as groups from "@/lib/groups/actions.ts";
import * as inspections from "@/lib/inspections/actions.ts";
import * as notifications from "@/lib/notifications/actions.ts";
import * as plans from "@/lib/plans/actions.ts";
import * as planLife from "@/lib/plans/life-actions.ts";
import * as progress from "@/lib/progress/actions.ts";
import * as regions from "@/lib/regions/actions.ts";
import * as reminders from "@/lib/reminders/actions.ts";
import * as units from "@/lib/units/actions.ts";
import * as users from "@/lib/users/actions.ts";
import * as targets from "@/lib/targets/actions.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts, snapshotCounts } from "../support/world.ts";

// A forged call with an id beyond PostgreSQL's int used to reach Prisma and
// come back UNEXPECTED (a logged 500). Every action's ids go through the one
// parser (lib/ids.ts) and answer VALIDATION with the field's Chinese message.

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;

beforeEach(async () => {
  world = await buildTwoDistricts();
  await actAs(world.admin);
});

type Case = [name: string, call: (big: number | string) => Promise<ActionResult<unknown>>, field: string];

function form(fields: Record<string, string | Blob>) {
  const out = new FormData();
  for (const [key, value] of Object.entries(fields)) out.set(key, value);
  return out;
}

const report = { periodKey: "2024-Q3", percent: "10", claimedStatus: "IN_PROGRESS", text: "已完成调研" };

const CASES: Case[] = [
  ["markNotificationRead", (big) => notifications.markNotificationRead({ id: big }), "id"],
  ["submitAnnualReport", (big) => annualReports.submitAnnualReport({ id: big }), "id"],
  ["publishAnnualReport", (big) => annualReports.publishAnnualReport({ id: big }), "id"],
  ["returnAnnualReport", (big) => annualReports.returnAnnualReport({ id: big, comment: "请补充数据" }), "id"],
  ["createAnnualReportCorrection", (big) => annualReports.createAnnualReportCorrection({ reportId: big }), "reportId"],
  ["createAnnualReportDraft regionId", (big) => annualReports.createAnnualReportDraft({ regionId: big, year: 2024 }), "regionId"],
  [
    "createAnnualReportDraft unitId",
    (big) => annualReports.createAnnualReportDraft({ regionId: world.a.region.id, unitId: big, year: 2024 }),
    "unitId",
  ],
  [
    "updateAnnualReport sectionId",
    (big) =>
      annualReports.updateAnnualReport({
        id: 1,
        updatedAt: new Date().toISOString(),
        title: "年度报告",
        sectionId: [big],
        heading: ["一"],
        body: [""],
      }),
    "sectionId",
  ],
  [
    "importAnnualReport",
    (big) =>
      annualReports.importAnnualReport({
        regionId: big,
        title: "年度报告",
        year: 2024,
        sections: [{ heading: "一、总体情况", body: "正文" }],
      }),
    "regionId",
  ],
  ["createEvaluation", (big) => evaluations.createEvaluation({ planId: big, title: "中期评估", snapshotDate: "2024-06-30" }), "planId"],
  ["deleteEvaluation", (big) => evaluations.deleteEvaluation({ id: big }), "id"],
  ["createFinalEvaluation", (big) => evaluations.createFinalEvaluation({ planId: big }), "planId"],
  ["bringPlanIntoForce", (big) => planLife.bringPlanIntoForce({ planId: big, effectiveFrom: "2026-01-01" }), "planId"],
  ["closePlan", (big) => planLife.closePlan({ planId: big, endKind: "EXPIRED", endedOn: "2025-12-31" }), "planId"],
  [
    "requestDeadlineExtension measureId",
    (big) => extensions.requestDeadlineExtension({ measureId: big, newDeadline: "2030-12-31", reason: "工作量大" }),
    "measureId",
  ],
  [
    "requestDeadlineExtension unitId",
    (big) => extensions.requestDeadlineExtension({ measureId: 1, unitId: big, newDeadline: "2030-12-31", reason: "工作量大" }),
    "unitId",
  ],
  ["approveDeadlineExtension", (big) => extensions.approveDeadlineExtension({ extensionId: big }), "extensionId"],
  ["rejectDeadlineExtension", (big) => extensions.rejectDeadlineExtension({ extensionId: big, comment: "理由不足" }), "extensionId"],
  ["createUnitGroup regionId", (big) => groups.createUnitGroup({ regionId: big, name: "新分组", memberIds: [] }), "regionId"],
  [
    "createUnitGroup memberIds",
    (big) => groups.createUnitGroup({ regionId: world.a.region.id, name: "新分组", memberIds: [big] }),
    "memberIds",
  ],
  ["updateUnitGroup", (big) => groups.updateUnitGroup({ id: big, name: "新分组", memberIds: [] }), "id"],
  ["deleteUnitGroup", (big) => groups.deleteUnitGroup({ id: big }), "id"],
  ["createInspection", (big) => inspections.createInspection({ regionId: big, title: "专项督察", inspectedOn: "2024-05-01" }), "regionId"],
  [
    "addFinding inspectionId",
    (big) => inspections.addFinding({ inspectionId: big, text: "问题", unitIds: [world.a.units.justice.id], deadline: "2030-01-01" }),
    "inspectionId",
  ],
  [
    "addFinding unitIds",
    (big) => inspections.addFinding({ inspectionId: 1, text: "问题", unitIds: [big], deadline: "2030-01-01" }),
    "unitIds",
  ],
  [
    "addFinding measureId",
    (big) =>
      inspections.addFinding({
        inspectionId: 1,
        text: "问题",
        unitIds: [world.a.units.justice.id],
        measureId: big,
        deadline: "2030-01-01",
      }),
    "measureId",
  ],
  [
    "reportRectification",
    (big) => inspections.reportRectification({ rectificationId: big, text: "已整改", percent: 50, claimedStatus: "IN_PROGRESS" }),
    "rectificationId",
  ],
  ["verifyRectification", (big) => inspections.verifyRectification({ rectificationId: 1, reportId: big }), "reportId"],
  [
    "returnRectification",
    (big) => inspections.returnRectification({ rectificationId: big, reportId: 1, comment: "未到位" }),
    "rectificationId",
  ],
  ["reopenRectification", (big) => inspections.reopenRectification({ rectificationId: big, reason: "复查发现反弹" }), "rectificationId"],
  [
    "previewPlanImport",
    (big) => plans.previewPlanImport(form({ regionId: String(big), text: "一、总体要求\n1. 推进依法行政。" })),
    "regionId",
  ],
  ["importPlanLedger", (big) => plans.importPlanLedger(form({ regionId: String(big), file: new File(["x"], "台账.xlsx") })), "regionId"],
  ["updatePlanReporting", (big) => plans.updatePlanReporting({ planId: big, reportCadence: "QUARTERLY", reportDueDay: 10 }), "planId"],
  ["updateSectionOutlineArea", (big) => plans.updateSectionOutlineArea({ sectionId: big, outlineArea: "" }), "sectionId"],
  ["saveProgressDraft", (big) => progress.saveProgressDraft(form({ assignmentId: String(big), ...report })), "assignmentId"],
  ["submitProgressReport", (big) => progress.submitProgressReport(form({ assignmentId: String(big), ...report })), "assignmentId"],
  ["carryForwardProgressReport", (big) => progress.carryForwardProgressReport({ assignmentId: big, periodKey: "2024-Q3" }), "assignmentId"],
  ["approveProgressReport", (big) => progress.approveProgressReport({ reportId: big, version: 1 }), "reportId"],
  ["returnProgressReport", (big) => progress.returnProgressReport({ reportId: big, version: 1, comment: "请补充" }), "reportId"],
  // The optimistic-lock counter is an int column too.
  ["approveProgressReport version", (big) => progress.approveProgressReport({ reportId: 1, version: big }), "version"],
  [
    "saveProgressDraft version",
    (big) => progress.saveProgressDraft(form({ assignmentId: "1", ...report, version: String(big) })),
    "version",
  ],
  ["createRegion", (big) => regions.createRegion({ code: "420205", name: "新区", level: "DISTRICT", parentId: big }), "parentId"],
  ["updateRegion", (big) => regions.updateRegion({ id: big, code: "420205", name: "新区" }), "id"],
  ["sendReminder measureId", (big) => reminders.sendReminder({ measureId: big, unitIds: [1] }), "measureId"],
  ["sendReminder unitIds", (big) => reminders.sendReminder({ measureId: 1, unitIds: [big] }), "unitIds"],
  ["remindLateUnit", (big) => reminders.remindLateUnit({ unitId: big }), "unitId"],
  ["createUnit", (big) => units.createUnit({ regionId: big, name: "区新局", kind: "GOVERNMENT_DEPARTMENT" }), "regionId"],
  ["updateUnit", (big) => units.updateUnit({ id: big, regionId: world.a.region.id, name: "区新局", kind: "GOVERNMENT_DEPARTMENT" }), "id"],
  ["setUnitActive", (big) => units.setUnitActive({ id: big, active: false }), "id"],
  [
    "createUser",
    (big) => users.createUser({ login: "new.user", password: "Xinyonghu#2026", name: "新用户", role: "BUREAU", regionId: big }),
    "regionId",
  ],
  ["updateUser", (big) => users.updateUser({ id: big, role: "BUREAU", regionId: world.a.region.id }), "id"],
  ["setUserActive", (big) => users.setUserActive({ id: big, active: false }), "id"],
  ["resetUserPassword", (big) => users.resetUserPassword({ id: big, password: "Xinmima#2026" }), "id"],
  [
    "saveAnnualTargets measureId",
    (big) => targets.saveAnnualTargets({ measureId: big, year: 2024, target: "目标", indicators: [], milestones: [] }),
    "measureId",
  ],
  [
    "saveAnnualTargets unitId",
    (big) => targets.saveAnnualTargets({ measureId: 1, unitId: big, year: 2024, target: "目标", indicators: [], milestones: [] }),
    "unitId",
  ],
  ["completeMilestone", (big) => targets.completeMilestone({ milestoneId: big }), "milestoneId"],
  ["createAssessment", (big) => assessments.createAssessment({ regionId: big, year: 2025 }), "regionId"],
  [
    "addAssessmentAdjustment",
    (big) => assessments.addAssessmentAdjustment({ assessmentId: 1, version: 1, unitId: big, points: 1, reason: "示范" }),
    "unitId",
  ],
  ["removeAssessmentAdjustment", (big) => assessments.removeAssessmentAdjustment({ id: big, version: 1 }), "id"],
  ["publishAssessment version", (big) => assessments.publishAssessment({ id: 1, version: big }), "version"],
  [
    "addAssessmentAdjustment version",
    (big) => assessments.addAssessmentAdjustment({ assessmentId: 1, version: big, unitId: 1, points: 1, reason: "示范" }),
    "version",
  ],
  ["updateCircular id", (big) => circulars.updateCircular({ id: big, version: 1, title: "通报", body: "正文" }), "id"],
  ["updateCircular version", (big) => circulars.updateCircular({ id: 1, version: big, title: "通报", body: "正文" }), "version"],
  ["approveCircular version", (big) => circulars.approveCircular({ id: 1, version: big }), "version"],
  ["issueCircular version", (big) => circulars.issueCircular({ id: 1, version: big }), "version"],
];

describe.each([2147483648, "2147483648", 3000000000, "3000000000"])("an id of %j", (big) => {
  it.each(CASES)("%s answers VALIDATION on the id field, changing nothing", async (_name, call, field) => {
    const before = await snapshotCounts();
    const result = await call(big);
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!result.ok && result.fieldErrors?.[field]?.[0]).toMatch(field === "version" ? /^版本号无效/ : /^请选择/);
    expect(await snapshotCounts()).toEqual(before);
  });
});

it("an id of 2^31 − 1 still reaches the use case (not found, not a validation error)", async () => {
  expect(await units.setUnitActive({ id: 2147483647, active: false })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  expect(await db().unit.count({ where: { active: false } })).toBe(0);
});

// Pages and route handlers: a malformed [id] is the same 404 as a record that
// does not exist, decided by the same parser before any query runs.
describe("a page or a download given a malformed id answers not found, like a missing record", () => {
  const params = (id: string) => ({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) });
  const NOT_FOUND = "NEXT_HTTP_ERROR_FALLBACK;404";

  it.each(["abc", "012", "1e3", "-1", "0", "2147483648", "9999999999", "2147483647"])("%j", async (id) => {
    const { default: PlanPage } = await import("@/app/(app)/plans/[id]/page.tsx");
    const { default: MeasurePage } = await import("@/app/(app)/measures/[id]/page.tsx");
    const { default: UnitPage } = await import("@/app/(app)/units/[id]/page.tsx");
    const { default: PublicReportPage } = await import("@/app/public/reports/[id]/page.tsx");
    const { GET: attachment } = await import("@/app/(app)/attachments/[id]/route.ts");
    await expect(PlanPage(params(id))).rejects.toThrow(NOT_FOUND);
    await expect(MeasurePage(params(id))).rejects.toThrow(NOT_FOUND);
    await expect(UnitPage(params(id))).rejects.toThrow(NOT_FOUND);
    await expect(PublicReportPage(params(id))).rejects.toThrow(NOT_FOUND);
    expect((await attachment(new Request("http://localhost/attachments/x"), params(id))).status).toBe(404);
  });
});
