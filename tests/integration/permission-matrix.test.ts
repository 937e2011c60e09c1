import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import {
  createFinding,
  createInspection as makeInspection,
  createMeasure,
  createPlan,
  createProgressReport,
  createRectificationReport,
} from "@/lib/demo/factories.ts";
import { PERMISSIONS, type Action, type Actor } from "@/lib/auth/policy.ts";
import type { Role } from "@/lib/generated/prisma/enums.ts";
import type { ActionResult } from "@/lib/actions/run.ts";
import * as regionActions from "@/lib/regions/actions.ts";
import * as unitActions from "@/lib/units/actions.ts";
import * as groupActions from "@/lib/groups/actions.ts";
import * as userActions from "@/lib/users/actions.ts";
import * as planActions from "@/lib/plans/actions.ts";
import { bringPlanIntoForce, closePlan } from "@/lib/plans/life-actions.ts";
import * as progressActions from "@/lib/progress/actions.ts";
import * as extensionActions from "@/lib/extensions/actions.ts";
import * as reminderActions from "@/lib/reminders/actions.ts";
import * as annualReportActions from "@/lib/annual-reports/actions.ts";
import * as inspectionActions from "@/lib/inspections/actions.ts";
import * as evaluationActions from "@/lib/evaluations/actions.ts";
import * as apiTokenActions from "@/lib/api-tokens/actions.ts";
import * as successionActions from "@/lib/succession/actions.ts";
import * as circularActions from "@/lib/circulars/actions.ts";
import { getCircular } from "@/lib/circulars/queries.ts";
import * as decompositionActions from "@/lib/plans/decomposition-actions.ts";
import * as targetActions from "@/lib/targets/actions.ts";
import * as assessmentActions from "@/lib/assessments/actions.ts";
import { loadAssessment } from "@/lib/assessments/queries.ts";
import { DEFAULT_RULES, formFromRules } from "@/lib/assessments/schema.ts";
import { getRegion } from "@/lib/regions/queries.ts";
import { getUnit } from "@/lib/units/queries.ts";
import { getUnitGroup } from "@/lib/groups/queries.ts";
import { getUser } from "@/lib/users/queries.ts";
import { getPlan } from "@/lib/plans/queries.ts";
import { listMyTasks, listUnitTasks } from "@/lib/progress/queries.ts";
import { listDashboardUnits, loadDistrictDashboard, loadUnitDashboard } from "@/lib/dashboards/queries.ts";
import { parseDashboardFilters } from "@/lib/dashboards/schema.ts";
import { getAnnualReport } from "@/lib/annual-reports/queries.ts";
import { getInspectionDetail } from "@/lib/inspections/queries.ts";
import { getEvaluation } from "@/lib/evaluations/queries.ts";
import { loadOverdueNotice, loadPeriodLedger } from "@/lib/reviews/queries.ts";
import { listSignInEvents } from "@/lib/audit/queries.ts";
import { recordSignInEvent } from "@/lib/auth/sign-in-events.ts";
import { listJobRuns } from "@/lib/jobs/queries.ts";
import { runJobOnce } from "@/lib/jobs/run.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// The role × action × scope matrix, generated from PERMISSIONS: every action
// of the policy table has a case set, and the suite fails when one is missing.
// For each action the real server action (or, for .read, the real query) is
// called:
//   in scope    an allowed role on a resource of its own district (and, for
//               a liaison's unit-bound actions, its own unit): it succeeds;
//   out of scope the same role on another district's resource (and for
//               unit-bound actions another unit's): NOT_FOUND for an action,
//               null / nothing for a query, and no table or audit row changes;
//   wrong role  a role not in the list: FORBIDDEN (decided before any lookup,
//               so the same answer for every id) and nothing changes, or for
//               a query what the page shows: nothing.

const { createRegion, updateRegion } = regionActions;
const { createUnit, updateUnit, setUnitActive } = unitActions;
const { createUnitGroup, updateUnitGroup, deleteUnitGroup } = groupActions;
const { createUser, updateUser, setUserActive, resetUserPassword, updateDisplayPreferences, changeOwnPassword } = userActions;
const { previewPlanImport, commitPlanImport, importPlanLedger, updatePlanReporting, updateSectionOutlineArea } = planActions;
const { setPlanParent, linkMeasureToParentItem, unlinkMeasureFromParentItem, confirmParentItemProposals } = decompositionActions;
const {
  saveProgressDraft,
  submitProgressReport,
  carryForwardProgressReport,
  approveProgressReport,
  approveProgressReports,
  returnProgressReport,
} = progressActions;
const { requestDeadlineExtension, approveDeadlineExtension, rejectDeadlineExtension } = extensionActions;
const { sendReminder, remindLateUnit } = reminderActions;
const {
  importAnnualReport,
  createAnnualReportDraft,
  updateAnnualReport,
  submitAnnualReport,
  publishAnnualReport,
  returnAnnualReport,
  createAnnualReportCorrection,
} = annualReportActions;
const { createInspection, addFinding, reportRectification, verifyRectification, returnRectification, reopenRectification } =
  inspectionActions;
const { createEvaluation, createFinalEvaluation, deleteEvaluation } = evaluationActions;
const { createApiToken, revokeApiToken } = apiTokenActions;
const { carryOverMeasures, createSuccessorPlan, setPlanPredecessor, linkMeasuresToPrevious } = successionActions;
const { createCircular, updateCircular, approveCircular, issueCircular, regenerateCircularBody } = circularActions;
const { saveAnnualTargets, completeMilestone } = targetActions;
const { createAssessment, updateAssessmentRules, addAssessmentAdjustment, removeAssessmentAdjustment, publishAssessment } =
  assessmentActions;

/** Actions that ask no PERMISSIONS key, and why (their own tests prove the scope). */
const WITHOUT_PERMISSION: Record<string, string> = {
  markNotificationRead: "one's own inbox (scope.notifications); tests/integration/notifications.test.ts",
  markAllNotificationsRead: "one's own inbox (scope.notifications); tests/integration/notifications.test.ts",
  openNotification: "one's own inbox (scope.notifications); tests/integration/notifications.test.ts",
};

const TODAY = "2025-02-10";
const FILTERS = parseDashboardFilters({});

type World = Awaited<ReturnType<typeof buildFixture>>;
type User = { id: number; role: Role };
type Who = (w: World) => User;

// Each action takes its own input shape.
type AnyAction = (input: any) => Promise<ActionResult<unknown>>;
/**
 * An action case: who calls which action with what, and (when refused) the
 * code it must answer. VALIDATION is for a create whose parent region lies
 * outside the scope: the form offers only the actor's regions, and the field
 * error says "不存在或不在您的管理范围内", no more than a 404 would.
 */
type ActionCase = { as: Who; fn: AnyAction; input: (w: World) => unknown; code?: "NOT_FOUND" | "FORBIDDEN" | "VALIDATION" };
/** A read case: who reads, and the query; in scope it returns something, otherwise null / [] / NOT_FOUND. */
type ReadCase = { as: Who; read: (actor: Actor, w: World) => Promise<unknown> };
/** Why a column of the matrix has no case: checked against PERMISSIONS below, so it cannot go stale. */
type NoCase = { none: "every role holds it" | "ADMIN only: its scope is everything" | "one's own row only" };

type CaseSet =
  | { kind: "action"; inScope: ActionCase[]; outOfScope: ActionCase[] | NoCase; wrongRole: ActionCase[] | NoCase }
  | { kind: "read"; inScope: ReadCase[]; outOfScope: ReadCase[] | NoCase; wrongRole: ReadCase[] | NoCase }
  /** A permission no query or action asks for yet; the suite fails as soon as one does. */
  | { kind: "unused" };

const ALL_ROLES: Role[] = ["ADMIN", "BUREAU", "LEADER", "LIAISON"];

/**
 * Per district: a plan whose measure the development bureau leads and the
 * justice bureau shares, a submitted report of the justice bureau, an
 * inspection with an item for each, the justice bureau's item claimed done,
 * the two units' draft annual reports, the district's submitted one, and an
 * evaluation. District B mirrors A, so every out-of-scope case is the same
 * thing one district over. The liaisons belong to the development bureau.
 */
async function buildFixture() {
  const world = await buildTwoDistricts();
  const build = async (d: typeof world.a) => {
    const prisma = db();
    const { justice, development } = d.units;
    const plan = await createPlan(prisma, { regionId: d.region.id, title: `${d.region.name}法治政府建设实施方案` });
    const measure = await createMeasure(prisma, {
      planId: plan.id,
      code: "1",
      deadline: "2025-12-31",
      leadUnitIds: [development.id],
      responsibleUnitIds: [justice.id],
    });
    const ownAssignment = await prisma.assignment.findFirstOrThrow({ where: { measureId: measure.id, unitId: development.id } });
    const otherAssignment = await prisma.assignment.findFirstOrThrow({ where: { measureId: measure.id, unitId: justice.id } });
    const submitted = await createProgressReport(prisma, {
      assignmentId: otherAssignment.id,
      period: { start: "2024-10-01", end: "2024-12-31" },
      state: "SUBMITTED",
      authorId: d.users.bureau.id,
    });
    const inspection = await makeInspection(prisma, { regionId: d.region.id, title: "法治督察", inspectedOn: "2025-01-15" });
    const { rectifications } = await createFinding(prisma, {
      inspectionId: inspection.id,
      text: "行政执法公示不到位",
      unitIds: [development.id, justice.id],
      deadline: "2025-06-30",
    });
    const [ownItem, otherItem] = rectifications as [(typeof rectifications)[number], (typeof rectifications)[number]];
    const claimed = await createRectificationReport(prisma, {
      rectificationId: otherItem.id,
      authorId: d.users.bureau.id,
      state: "SUBMITTED",
      claimedStatus: "COMPLETED",
    });
    const report = (unitId: number | null, status: "DRAFT" | "SUBMITTED") =>
      prisma.annualReport.create({
        data: {
          districtId: d.region.id,
          regionId: d.region.id,
          unitId,
          year: 2024,
          title: "2024年度法治政府建设情况报告",
          status,
          createdById: d.users.bureau.id,
        },
      });
    const section = await prisma.section.create({
      data: { districtId: plan.districtId, planId: plan.id, label: "一、", title: "依法全面履行政府职能", sortOrder: 1 },
    });
    const extension = await prisma.deadlineExtension.create({
      data: {
        districtId: plan.districtId,
        measureId: measure.id,
        unitId: development.id,
        requestedById: d.users.liaison.id,
        reason: "需协调多个部门",
        oldDeadline: new Date("2025-12-31T00:00:00Z"),
        newDeadline: new Date("2026-06-30T00:00:00Z"),
      },
    });
    const evaluation = await prisma.evaluation.create({
      data: {
        districtId: d.region.id,
        planId: plan.id,
        title: "中期评估",
        snapshotDate: new Date("2024-12-31T00:00:00Z"),
        createdById: d.users.bureau.id,
      },
    });
    // 通报: a draft (the bureau's to approve) and an issued one (what leaders and liaisons read).
    const circular = (status: "DRAFT" | "ISSUED") =>
      prisma.circular.create({
        data: {
          districtId: d.region.id,
          regionId: d.region.id,
          kind: "QUARTERLY",
          title: "关于2024年第四季度法治政府建设任务推进情况的通报",
          periodStart: new Date("2024-10-01T00:00:00Z"),
          periodEnd: new Date("2024-12-31T00:00:00Z"),
          status,
          createdById: d.users.bureau.id,
          ...(status === "ISSUED"
            ? { figures: { version: 1, units: [], lagging: [] }, issuedById: d.users.bureau.id, issuedAt: new Date("2025-01-15T02:00:00Z") }
            : {}),
        },
      });
    const milestone = await prisma.milestone.create({
      data: { districtId: plan.districtId, measureId: measure.id, title: "出台配套制度", dueDate: new Date("2025-03-31T00:00:00Z") },
    });
    // 考核: a published scheme (2023) leaders read, and a draft (2024) with one adjustment the bureau edits.
    const assessment = (year: number, status: "DRAFT" | "PUBLISHED") =>
      prisma.assessment.create({
        data: {
          districtId: d.region.id,
          regionId: d.region.id,
          year,
          title: `${year}年度考核`,
          rules: DEFAULT_RULES,
          status,
          createdById: d.users.bureau.id,
        },
      });
    const publishedAssessment = await assessment(2023, "PUBLISHED");
    const draftAssessment = await assessment(2024, "DRAFT");
    const adjustment = await prisma.assessmentAdjustment.create({
      data: {
        districtId: d.region.id,
        assessmentId: draftAssessment.id,
        unitId: justice.id,
        points: 1,
        reason: "获评示范单位",
        createdById: d.users.bureau.id,
      },
    });
    return {
      ...d,
      draftCircular: await circular("DRAFT"),
      issuedCircular: await circular("ISSUED"),
      publishedAssessment,
      draftAssessment,
      adjustment,
      plan,
      section,
      measure,
      milestone,
      extension,
      ownAssignment,
      otherAssignment,
      submittedReport: { id: submitted.id, version: 1 },
      inspection,
      ownItem,
      otherItem,
      claimedReport: claimed.report,
      ownDraft: await report(development.id, "DRAFT"),
      otherDraft: await report(justice.id, "DRAFT"),
      districtSubmitted: await report(null, "SUBMITTED"),
      evaluation,
    };
  };
  for (const d of [world.a, world.b]) {
    await recordSignInEvent(db(), {
      kind: "SUCCESS",
      login: d.users.liaison.login,
      userId: d.users.liaison.id,
      client: { address: "127.0.0.1", userAgent: null },
    });
  }
  return { admin: world.admin, city: world.city, a: await build(world.a), b: await build(world.b) };
}

const bureau: Who = (w) => w.a.users.bureau;
const leader: Who = (w) => w.a.users.leader;
const liaison: Who = (w) => w.a.users.liaison;
const admin: Who = (w) => w.admin;

const draftInput = (assignmentId: number) => ({
  assignmentId,
  periodKey: "2025-Q1",
  text: "已起草制度文本",
  percent: 20,
  claimedStatus: "IN_PROGRESS",
});
const rectificationInput = (rectificationId: number) => ({
  rectificationId,
  text: "已完成公示平台整改",
  percent: 40,
  claimedStatus: "IN_PROGRESS",
});
const form = (fields: Record<string, string | File>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};
const importedPlan = {
  title: "法治政府建设实施方案",
  kind: "PLAN",
  periodStart: null,
  periodEnd: null,
  issueDate: null,
  sections: [],
  measures: [{ code: "1", text: "完善行政决策程序", sectionKey: null, leadUnits: [], responsibleUnits: [] }],
};
const noEdit = (id: number) => ({ id, updatedAt: "2025-01-01T00:00:00.000Z", title: "t", sectionId: [], heading: [], body: [] });
// A year with nothing set yet (the fixture's milestone is 2025's), so the version the form read is "".
const targetsInput = (measureId: number) => ({
  measureId,
  year: 2026,
  version: "",
  target: "年底前出台实施细则",
  indicators: [{ name: "培训场次", unitOfMeasure: "场", targetValue: "4" }],
  milestones: [],
});
const findingInput = (w: World, inspectionId: number) => ({
  inspectionId,
  text: "执法案卷不规范",
  unitIds: [w.a.units.justice.id],
  deadline: "2025-06-30",
});

const rulesInput = (id: number) => ({ id, version: 1, ...formFromRules(DEFAULT_RULES), points_LATE_REPORT: "1" });
const adjustmentInput = (w: World, assessmentId: number) => ({
  assessmentId,
  version: 1,
  unitId: w.a.units.justice.id,
  points: "-1",
  reason: "执法案卷评查不合格",
});

const MATRIX: Record<Action, CaseSet> = {
  "region.read": {
    kind: "read",
    inScope: [{ as: liaison, read: (actor, w) => getRegion(actor, w.a.region.id) }],
    outOfScope: [{ as: liaison, read: (actor, w) => getRegion(actor, w.b.region.id) }],
    wrongRole: { none: "every role holds it" },
  },
  "region.manage": {
    kind: "action",
    inScope: [{ as: admin, fn: updateRegion, input: (w) => ({ id: w.a.region.id, code: w.a.region.code, name: "下陆区(新)" }) }],
    outOfScope: { none: "ADMIN only: its scope is everything" },
    wrongRole: [
      { as: bureau, fn: updateRegion, input: (w) => ({ id: w.a.region.id, code: w.a.region.code, name: "改名" }), code: "FORBIDDEN" },
      {
        as: bureau,
        fn: createRegion,
        input: (w) => ({ code: "420205", name: "新区", level: "DISTRICT", parentId: w.city.id }),
        code: "FORBIDDEN",
      },
    ],
  },
  "unit.read": {
    kind: "read",
    inScope: [{ as: liaison, read: (actor, w) => getUnit(actor, w.a.units.justice.id) }],
    outOfScope: [{ as: liaison, read: (actor, w) => getUnit(actor, w.b.units.justice.id) }],
    wrongRole: { none: "every role holds it" },
  },
  "unit.manage": {
    kind: "action",
    inScope: [{ as: bureau, fn: setUnitActive, input: (w) => ({ id: w.a.units.justice.id, active: false }) }],
    outOfScope: [
      { as: bureau, fn: setUnitActive, input: (w) => ({ id: w.b.units.justice.id, active: false }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: updateUnit,
        input: (w) => ({ id: w.b.units.justice.id, regionId: w.a.region.id, name: "区司法局", kind: "GOVERNMENT_DEPARTMENT", aliases: "" }),
        code: "NOT_FOUND",
      },
      {
        as: bureau,
        fn: createUnit,
        input: (w) => ({ regionId: w.b.region.id, name: "区新单位", kind: "OTHER", aliases: "" }),
        code: "VALIDATION",
      },
    ],
    wrongRole: [
      { as: liaison, fn: setUnitActive, input: (w) => ({ id: w.a.units.justice.id, active: false }), code: "FORBIDDEN" },
      {
        as: leader,
        fn: updateUnit,
        input: (w) => ({ id: w.a.units.justice.id, regionId: w.a.region.id, name: "区司法局", kind: "GOVERNMENT_DEPARTMENT", aliases: "" }),
        code: "FORBIDDEN",
      },
      {
        as: leader,
        fn: createUnit,
        input: (w) => ({ regionId: w.a.region.id, name: "区新单位", kind: "OTHER", aliases: "" }),
        code: "FORBIDDEN",
      },
    ],
  },
  "group.read": {
    kind: "read",
    inScope: [{ as: leader, read: (actor, w) => getUnitGroup(actor, w.a.group.id) }],
    outOfScope: [{ as: leader, read: (actor, w) => getUnitGroup(actor, w.b.group.id) }],
    wrongRole: { none: "every role holds it" },
  },
  "group.manage": {
    kind: "action",
    inScope: [{ as: bureau, fn: deleteUnitGroup, input: (w) => ({ id: w.a.group.id }) }],
    outOfScope: [
      { as: bureau, fn: deleteUnitGroup, input: (w) => ({ id: w.b.group.id }), code: "NOT_FOUND" },
      { as: bureau, fn: updateUnitGroup, input: (w) => ({ id: w.b.group.id, name: "区直各部门", memberIds: [] }), code: "NOT_FOUND" },
      { as: bureau, fn: createUnitGroup, input: (w) => ({ regionId: w.b.region.id, name: "新分组", memberIds: [] }), code: "VALIDATION" },
    ],
    wrongRole: [
      { as: leader, fn: deleteUnitGroup, input: (w) => ({ id: w.a.group.id }), code: "FORBIDDEN" },
      { as: liaison, fn: updateUnitGroup, input: (w) => ({ id: w.a.group.id, name: "区直各部门", memberIds: [] }), code: "FORBIDDEN" },
      { as: liaison, fn: createUnitGroup, input: (w) => ({ regionId: w.a.region.id, name: "新分组", memberIds: [] }), code: "FORBIDDEN" },
    ],
  },
  "user.read": {
    kind: "read",
    inScope: [{ as: bureau, read: (actor, w) => getUser(actor, w.a.users.liaison.id) }],
    outOfScope: [{ as: bureau, read: (actor, w) => getUser(actor, w.b.users.liaison.id) }],
    wrongRole: [
      { as: leader, read: (actor, w) => getUser(actor, w.a.users.liaison.id) },
      { as: liaison, read: (actor, w) => getUser(actor, w.a.users.bureau.id) },
    ],
  },
  "user.manage": {
    kind: "action",
    inScope: [{ as: bureau, fn: setUserActive, input: (w) => ({ id: w.a.users.liaison.id, active: false }) }],
    outOfScope: [
      { as: bureau, fn: setUserActive, input: (w) => ({ id: w.b.users.liaison.id, active: false }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: updateUser,
        input: (w) => ({ id: w.b.users.leader.id, name: "领导", role: "LEADER", regionId: w.a.region.id }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: resetUserPassword, input: (w) => ({ id: w.b.users.liaison.id, password: "Xinmima-2025!" }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: createUser,
        input: (w) => ({ login: "b.new", password: "Xinmima-2025!", name: "新用户", role: "LEADER", regionId: w.b.region.id }),
        code: "VALIDATION",
      },
    ],
    wrongRole: [
      { as: liaison, fn: setUserActive, input: (w) => ({ id: w.a.users.leader.id, active: false }), code: "FORBIDDEN" },
      {
        as: leader,
        fn: updateUser,
        input: (w) => ({ id: w.a.users.liaison.id, name: "联络员", role: "LEADER", regionId: w.a.region.id }),
        code: "FORBIDDEN",
      },
      { as: leader, fn: resetUserPassword, input: (w) => ({ id: w.a.users.liaison.id, password: "Xinmima-2025!" }), code: "FORBIDDEN" },
      {
        as: liaison,
        fn: createUser,
        input: (w) => ({ login: "a.new", password: "Xinmima-2025!", name: "新用户", role: "LEADER", regionId: w.a.region.id }),
        code: "FORBIDDEN",
      },
    ],
  },
  "plan.read": {
    kind: "read",
    inScope: [{ as: liaison, read: (actor, w) => getPlan(actor, w.a.plan.id) }],
    outOfScope: [{ as: liaison, read: (actor, w) => getPlan(actor, w.b.plan.id) }],
    wrongRole: { none: "every role holds it" },
  },
  "plan.manage": {
    kind: "action",
    inScope: [
      { as: bureau, fn: updatePlanReporting, input: (w) => ({ planId: w.a.plan.id, reportCadence: "MONTHLY", reportDueDay: 5 }) },
      {
        as: bureau,
        fn: createSuccessorPlan,
        input: (w) => ({ predecessorId: w.a.plan.id, title: "接续规划(2026-2030年)", periodStart: 2026, periodEnd: 2030 }),
      },
      { as: bureau, fn: setPlanParent, input: (w) => ({ planId: w.a.plan.id, parentPlanId: "" }) },
      { as: bureau, fn: unlinkMeasureFromParentItem, input: (w) => ({ measureId: w.a.measure.id }) },
    ],
    outOfScope: [
      {
        as: bureau,
        fn: carryOverMeasures,
        input: (w) => ({ fromPlanId: w.b.plan.id, toPlanId: w.b.plan.id, measureIds: [w.b.measure.id] }),
        code: "NOT_FOUND",
      },
      {
        as: bureau,
        fn: createSuccessorPlan,
        input: (w) => ({ predecessorId: w.b.plan.id, title: "接续规划", periodStart: 2026, periodEnd: 2030 }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: setPlanPredecessor, input: (w) => ({ planId: w.b.plan.id, predecessorId: w.a.plan.id }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: linkMeasuresToPrevious,
        input: (w) => ({ planId: w.b.plan.id, links: [{ measureId: w.b.measure.id, previousId: w.b.measure.id }] }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: setPlanParent, input: (w) => ({ planId: w.b.plan.id, parentPlanId: "" }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: linkMeasureToParentItem,
        input: (w) => ({ measureId: w.b.measure.id, parentItemId: w.b.measure.id }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: unlinkMeasureFromParentItem, input: (w) => ({ measureId: w.b.measure.id }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: confirmParentItemProposals,
        input: (w) => ({ planId: w.b.plan.id, links: [{ measureId: w.b.measure.id, parentItemId: w.b.measure.id }] }),
        code: "NOT_FOUND",
      },
      {
        as: bureau,
        fn: updatePlanReporting,
        input: (w) => ({ planId: w.b.plan.id, reportCadence: "MONTHLY", reportDueDay: 5 }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: updateSectionOutlineArea, input: (w) => ({ sectionId: w.b.section.id, outlineArea: "" }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: closePlan,
        input: (w) => ({ planId: w.b.plan.id, endKind: "TERMINATED", endedOn: "2024-01-31", reason: "调整" }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: bringPlanIntoForce, input: (w) => ({ planId: w.b.plan.id, effectiveFrom: "2024-01-01" }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: importPlanLedger,
        input: (w) => form({ regionId: String(w.b.region.id), file: new File(["x"], "台账.xlsx") }),
        code: "NOT_FOUND",
      },
      {
        as: bureau,
        fn: previewPlanImport,
        input: (w) => form({ regionId: String(w.b.region.id), text: "1. 完善行政决策程序" }),
        code: "VALIDATION",
      },
      {
        as: bureau,
        fn: commitPlanImport,
        input: (w) => ({ regionId: w.b.region.id, plans: [importedPlan], resolutions: {} }),
        code: "VALIDATION",
      },
      {
        as: bureau,
        fn: importAnnualReport,
        input: (w) => ({ regionId: w.b.region.id, title: "2023年度报告", year: 2023, sections: [{ heading: "一、", body: "正文" }] }),
        code: "VALIDATION",
      },
    ],
    wrongRole: [
      {
        as: leader,
        fn: updatePlanReporting,
        input: (w) => ({ planId: w.a.plan.id, reportCadence: "MONTHLY", reportDueDay: 5 }),
        code: "FORBIDDEN",
      },
      {
        as: leader,
        fn: carryOverMeasures,
        input: (w) => ({ fromPlanId: w.a.plan.id, toPlanId: w.a.plan.id, measureIds: [w.a.measure.id] }),
        code: "FORBIDDEN",
      },
      {
        as: liaison,
        fn: createSuccessorPlan,
        input: (w) => ({ predecessorId: w.a.plan.id, title: "接续规划", periodStart: 2026, periodEnd: 2030 }),
        code: "FORBIDDEN",
      },
      { as: leader, fn: setPlanPredecessor, input: (w) => ({ planId: w.a.plan.id, predecessorId: w.a.plan.id }), code: "FORBIDDEN" },
      {
        as: liaison,
        fn: linkMeasuresToPrevious,
        input: (w) => ({ planId: w.a.plan.id, links: [{ measureId: w.a.measure.id, previousId: w.a.measure.id }] }),
        code: "FORBIDDEN",
      },
      { as: leader, fn: updateSectionOutlineArea, input: (w) => ({ sectionId: w.a.section.id, outlineArea: "" }), code: "FORBIDDEN" },
      { as: leader, fn: setPlanParent, input: (w) => ({ planId: w.a.plan.id, parentPlanId: "" }), code: "FORBIDDEN" },
      {
        as: liaison,
        fn: linkMeasureToParentItem,
        input: (w) => ({ measureId: w.a.measure.id, parentItemId: w.a.measure.id }),
        code: "FORBIDDEN",
      },
      { as: leader, fn: unlinkMeasureFromParentItem, input: (w) => ({ measureId: w.a.measure.id }), code: "FORBIDDEN" },
      {
        as: liaison,
        fn: confirmParentItemProposals,
        input: (w) => ({ planId: w.a.plan.id, links: [{ measureId: w.a.measure.id, parentItemId: w.a.measure.id }] }),
        code: "FORBIDDEN",
      },
      {
        as: leader,
        fn: closePlan,
        input: (w) => ({ planId: w.a.plan.id, endKind: "TERMINATED", endedOn: "2024-01-31", reason: "调整" }),
        code: "FORBIDDEN",
      },
      { as: liaison, fn: bringPlanIntoForce, input: (w) => ({ planId: w.a.plan.id, effectiveFrom: "2024-01-01" }), code: "FORBIDDEN" },
      {
        as: liaison,
        fn: importPlanLedger,
        input: (w) => form({ regionId: String(w.a.region.id), file: new File(["x"], "台账.xlsx") }),
        code: "FORBIDDEN",
      },
      {
        as: liaison,
        fn: previewPlanImport,
        input: (w) => form({ regionId: String(w.a.region.id), text: "1. 完善行政决策程序" }),
        code: "FORBIDDEN",
      },
      {
        as: leader,
        fn: commitPlanImport,
        input: (w) => ({ regionId: w.a.region.id, plans: [importedPlan], resolutions: {} }),
        code: "FORBIDDEN",
      },
      {
        as: liaison,
        fn: importAnnualReport,
        input: (w) => ({ regionId: w.a.region.id, title: "2023年度报告", year: 2023, sections: [{ heading: "一、", body: "正文" }] }),
        code: "FORBIDDEN",
      },
    ],
  },
  "assignment.report": {
    kind: "action",
    inScope: [
      { as: liaison, fn: saveProgressDraft, input: (w) => draftInput(w.a.ownAssignment.id) },
      // Bureau staff log a unit's report for it (代报).
      { as: bureau, fn: saveProgressDraft, input: (w) => draftInput(w.a.otherAssignment.id) },
    ],
    outOfScope: [
      { as: liaison, fn: saveProgressDraft, input: (w) => draftInput(w.a.otherAssignment.id), code: "NOT_FOUND" },
      { as: liaison, fn: saveProgressDraft, input: (w) => draftInput(w.b.ownAssignment.id), code: "NOT_FOUND" },
      { as: bureau, fn: saveProgressDraft, input: (w) => draftInput(w.b.otherAssignment.id), code: "NOT_FOUND" },
      { as: liaison, fn: submitProgressReport, input: (w) => draftInput(w.a.otherAssignment.id), code: "NOT_FOUND" },
      {
        as: liaison,
        fn: carryForwardProgressReport,
        input: (w) => ({ assignmentId: w.a.otherAssignment.id, periodKey: "2025-Q1" }),
        code: "NOT_FOUND",
      },
      {
        as: liaison,
        fn: requestDeadlineExtension,
        input: (w) => ({ measureId: w.b.measure.id, newDeadline: "2026-06-30", reason: "需协调" }),
        code: "NOT_FOUND",
      },
      {
        as: bureau,
        fn: requestDeadlineExtension,
        input: (w) => ({ measureId: w.b.measure.id, newDeadline: "2026-06-30", reason: "需协调" }),
        code: "NOT_FOUND",
      },
    ],
    wrongRole: [
      { as: leader, fn: saveProgressDraft, input: (w) => draftInput(w.a.ownAssignment.id), code: "FORBIDDEN" },
      { as: leader, fn: submitProgressReport, input: (w) => draftInput(w.a.ownAssignment.id), code: "FORBIDDEN" },
      {
        as: leader,
        fn: carryForwardProgressReport,
        input: (w) => ({ assignmentId: w.a.ownAssignment.id, periodKey: "2025-Q1" }),
        code: "FORBIDDEN",
      },
      {
        as: leader,
        fn: requestDeadlineExtension,
        input: (w) => ({ measureId: w.a.measure.id, newDeadline: "2026-06-30", reason: "需协调" }),
        code: "FORBIDDEN",
      },
    ],
  },
  "task.list": {
    kind: "read",
    inScope: [{ as: liaison, read: (actor) => listMyTasks(actor, {}, TODAY) }],
    outOfScope: [
      { as: liaison, read: (actor, w) => listUnitTasks(actor, w.a.units.justice.id, {}, TODAY) },
      { as: liaison, read: (actor, w) => listUnitTasks(actor, w.b.units.development.id, {}, TODAY) },
    ],
    wrongRole: [{ as: bureau, read: (actor) => listMyTasks(actor, {}, TODAY) }],
  },
  "report.review": {
    kind: "action",
    inScope: [
      { as: bureau, fn: approveProgressReport, input: (w) => ({ reportId: w.a.submittedReport.id, version: 1 }) },
      { as: bureau, fn: approveProgressReports, input: (w) => ({ items: [{ reportId: w.a.submittedReport.id, version: 1 }] }) },
    ],
    outOfScope: [
      { as: bureau, fn: approveProgressReport, input: (w) => ({ reportId: w.b.submittedReport.id, version: 1 }), code: "NOT_FOUND" },
      // One id of another district refuses the whole batch: the in-scope one stays unapproved too.
      {
        as: bureau,
        fn: approveProgressReports,
        input: (w) => ({
          items: [
            { reportId: w.a.submittedReport.id, version: 1 },
            { reportId: w.b.submittedReport.id, version: 1 },
          ],
        }),
        code: "NOT_FOUND",
      },
      {
        as: bureau,
        fn: returnProgressReport,
        input: (w) => ({ reportId: w.b.submittedReport.id, version: 1, comment: "请补充" }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: approveDeadlineExtension, input: (w) => ({ extensionId: w.b.extension.id }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: rejectDeadlineExtension,
        input: (w) => ({ extensionId: w.b.extension.id, comment: "理由不足" }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: sendReminder, input: (w) => ({ measureId: w.b.measure.id, unitIds: [w.b.units.justice.id] }), code: "NOT_FOUND" },
      // A unit of another district chosen on an in-scope measure.
      { as: bureau, fn: sendReminder, input: (w) => ({ measureId: w.a.measure.id, unitIds: [w.b.units.justice.id] }), code: "NOT_FOUND" },
      { as: bureau, fn: remindLateUnit, input: (w) => ({ unitId: w.b.units.justice.id }), code: "NOT_FOUND" },
    ],
    wrongRole: [
      { as: liaison, fn: approveProgressReport, input: (w) => ({ reportId: w.a.submittedReport.id, version: 1 }), code: "FORBIDDEN" },
      {
        as: leader,
        fn: approveProgressReports,
        input: (w) => ({ items: [{ reportId: w.a.submittedReport.id, version: 1 }] }),
        code: "FORBIDDEN",
      },
      {
        as: liaison,
        fn: returnProgressReport,
        input: (w) => ({ reportId: w.a.submittedReport.id, version: 1, comment: "请补充" }),
        code: "FORBIDDEN",
      },
      { as: liaison, fn: approveDeadlineExtension, input: (w) => ({ extensionId: w.a.extension.id }), code: "FORBIDDEN" },
      {
        as: leader,
        fn: rejectDeadlineExtension,
        input: (w) => ({ extensionId: w.a.extension.id, comment: "理由不足" }),
        code: "FORBIDDEN",
      },
      { as: leader, fn: sendReminder, input: (w) => ({ measureId: w.a.measure.id, unitIds: [w.a.units.justice.id] }), code: "FORBIDDEN" },
      { as: liaison, fn: remindLateUnit, input: (w) => ({ unitId: w.a.units.justice.id }), code: "FORBIDDEN" },
    ],
  },
  "dashboard.read": {
    kind: "read",
    inScope: [
      { as: bureau, read: (actor, w) => listDashboardUnits(actor).then((units) => units.filter((u) => u.id === w.a.units.justice.id)) },
    ],
    outOfScope: [
      { as: bureau, read: (actor, w) => listDashboardUnits(actor).then((units) => units.filter((u) => u.id === w.b.units.justice.id)) },
    ],
    wrongRole: { none: "every role holds it" },
  },
  "districtDashboard.read": {
    kind: "read",
    inScope: [
      { as: leader, read: (actor, w) => loadDistrictDashboard(actor, w.a.region.id, FILTERS, TODAY) },
      // 进展台账 and the 未报送/逾期 通报 of a period (lib/reviews/queries.ts).
      { as: leader, read: (actor, w) => loadPeriodLedger(actor, w.a.region.id, "2024-Q4") },
      { as: bureau, read: (actor, w) => loadOverdueNotice(actor, w.a.region.id, "2024-Q4", TODAY) },
    ],
    outOfScope: [
      { as: leader, read: (actor, w) => loadDistrictDashboard(actor, w.b.region.id, FILTERS, TODAY) },
      { as: leader, read: (actor, w) => loadPeriodLedger(actor, w.b.region.id, "2024-Q4") },
      { as: bureau, read: (actor, w) => loadOverdueNotice(actor, w.b.region.id, "2024-Q4", TODAY) },
    ],
    wrongRole: [
      { as: liaison, read: (actor, w) => loadDistrictDashboard(actor, w.a.region.id, FILTERS, TODAY) },
      { as: liaison, read: (actor, w) => loadPeriodLedger(actor, w.a.region.id, "2024-Q4") },
      { as: liaison, read: (actor, w) => loadOverdueNotice(actor, w.a.region.id, "2024-Q4", TODAY) },
    ],
  },
  "unitDashboard.read": {
    kind: "read",
    inScope: [
      { as: liaison, read: (actor, w) => loadUnitDashboard(actor, w.a.units.development.id, FILTERS, TODAY) },
      { as: leader, read: (actor, w) => loadUnitDashboard(actor, w.a.units.justice.id, FILTERS, TODAY) },
    ],
    outOfScope: [
      { as: liaison, read: (actor, w) => loadUnitDashboard(actor, w.a.units.justice.id, FILTERS, TODAY) },
      { as: leader, read: (actor, w) => loadUnitDashboard(actor, w.b.units.justice.id, FILTERS, TODAY) },
    ],
    wrongRole: { none: "every role holds it" },
  },
  "audit.read": {
    kind: "read",
    inScope: [{ as: bureau, read: (actor, w) => signInEventsOf(actor, w.a.users.liaison.login) }],
    outOfScope: [{ as: bureau, read: (actor, w) => signInEventsOf(actor, w.b.users.liaison.login) }],
    wrongRole: [
      { as: leader, read: (actor, w) => signInEventsOf(actor, w.a.users.liaison.login) },
      { as: liaison, read: (actor, w) => signInEventsOf(actor, w.a.users.liaison.login) },
    ],
  },
  "annualReport.read": {
    kind: "read",
    inScope: [
      { as: liaison, read: (actor, w) => getAnnualReport(actor, w.a.ownDraft.id) },
      { as: leader, read: (actor, w) => getAnnualReport(actor, w.a.otherDraft.id) },
    ],
    outOfScope: [
      { as: liaison, read: (actor, w) => getAnnualReport(actor, w.a.otherDraft.id) },
      { as: liaison, read: (actor, w) => getAnnualReport(actor, w.a.districtSubmitted.id) },
      { as: leader, read: (actor, w) => getAnnualReport(actor, w.b.otherDraft.id) },
    ],
    wrongRole: { none: "every role holds it" },
  },
  "annualReport.manage": {
    kind: "action",
    inScope: [
      { as: liaison, fn: submitAnnualReport, input: (w) => ({ id: w.a.ownDraft.id }) },
      { as: bureau, fn: submitAnnualReport, input: (w) => ({ id: w.a.otherDraft.id }) },
    ],
    outOfScope: [
      // Another unit's draft in the liaison's own district: its page is 404, so is the action.
      { as: liaison, fn: submitAnnualReport, input: (w) => ({ id: w.a.otherDraft.id }), code: "NOT_FOUND" },
      { as: liaison, fn: submitAnnualReport, input: (w) => ({ id: w.b.ownDraft.id }), code: "NOT_FOUND" },
      { as: bureau, fn: submitAnnualReport, input: (w) => ({ id: w.b.otherDraft.id }), code: "NOT_FOUND" },
      { as: liaison, fn: updateAnnualReport, input: (w) => noEdit(w.a.otherDraft.id), code: "NOT_FOUND" },
      { as: liaison, fn: createAnnualReportCorrection, input: (w) => ({ reportId: w.a.otherDraft.id }), code: "NOT_FOUND" },
      { as: bureau, fn: createAnnualReportDraft, input: (w) => ({ regionId: w.b.region.id, year: 2024 }), code: "NOT_FOUND" },
    ],
    wrongRole: [
      { as: leader, fn: submitAnnualReport, input: (w) => ({ id: w.a.ownDraft.id }), code: "FORBIDDEN" },
      { as: leader, fn: updateAnnualReport, input: (w) => noEdit(w.a.ownDraft.id), code: "FORBIDDEN" },
      { as: leader, fn: createAnnualReportCorrection, input: (w) => ({ reportId: w.a.ownDraft.id }), code: "FORBIDDEN" },
      { as: leader, fn: createAnnualReportDraft, input: (w) => ({ regionId: w.a.region.id, year: 2024 }), code: "FORBIDDEN" },
    ],
  },
  "annualReport.publish": {
    kind: "action",
    inScope: [{ as: bureau, fn: publishAnnualReport, input: (w) => ({ id: w.a.districtSubmitted.id }) }],
    outOfScope: [
      { as: bureau, fn: publishAnnualReport, input: (w) => ({ id: w.b.districtSubmitted.id }), code: "NOT_FOUND" },
      { as: bureau, fn: returnAnnualReport, input: (w) => ({ id: w.b.districtSubmitted.id, comment: "请补充" }), code: "NOT_FOUND" },
    ],
    wrongRole: [
      { as: liaison, fn: publishAnnualReport, input: (w) => ({ id: w.a.districtSubmitted.id }), code: "FORBIDDEN" },
      { as: leader, fn: publishAnnualReport, input: (w) => ({ id: w.a.districtSubmitted.id }), code: "FORBIDDEN" },
      { as: liaison, fn: returnAnnualReport, input: (w) => ({ id: w.a.districtSubmitted.id, comment: "请补充" }), code: "FORBIDDEN" },
    ],
  },
  "inspection.read": {
    kind: "read",
    inScope: [
      { as: liaison, read: (actor, w) => getInspectionDetail(actor, w.a.inspection.id, TODAY) },
      { as: leader, read: (actor, w) => getInspectionDetail(actor, w.a.inspection.id, TODAY) },
    ],
    outOfScope: [
      { as: liaison, read: (actor, w) => getInspectionDetail(actor, w.b.inspection.id, TODAY) },
      { as: leader, read: (actor, w) => getInspectionDetail(actor, w.b.inspection.id, TODAY) },
    ],
    wrongRole: { none: "every role holds it" },
  },
  "inspection.manage": {
    kind: "action",
    inScope: [{ as: bureau, fn: addFinding, input: (w) => findingInput(w, w.a.inspection.id) }],
    outOfScope: [
      { as: bureau, fn: addFinding, input: (w) => findingInput(w, w.b.inspection.id), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: createInspection,
        input: (w) => ({ regionId: w.b.region.id, title: "专项督察", inspectedOn: "2025-01-20" }),
        code: "NOT_FOUND",
      },
    ],
    wrongRole: [
      { as: leader, fn: addFinding, input: (w) => findingInput(w, w.a.inspection.id), code: "FORBIDDEN" },
      {
        as: liaison,
        fn: createInspection,
        input: (w) => ({ regionId: w.a.region.id, title: "专项督察", inspectedOn: "2025-01-20" }),
        code: "FORBIDDEN",
      },
    ],
  },
  "rectification.report": {
    kind: "action",
    inScope: [
      { as: liaison, fn: reportRectification, input: (w) => rectificationInput(w.a.ownItem.id) },
      { as: bureau, fn: reportRectification, input: (w) => rectificationInput(w.a.ownItem.id) },
    ],
    outOfScope: [
      { as: liaison, fn: reportRectification, input: (w) => rectificationInput(w.a.otherItem.id), code: "NOT_FOUND" },
      { as: liaison, fn: reportRectification, input: (w) => rectificationInput(w.b.ownItem.id), code: "NOT_FOUND" },
      { as: bureau, fn: reportRectification, input: (w) => rectificationInput(w.b.ownItem.id), code: "NOT_FOUND" },
    ],
    wrongRole: [{ as: leader, fn: reportRectification, input: (w) => rectificationInput(w.a.ownItem.id), code: "FORBIDDEN" }],
  },
  "rectification.verify": {
    kind: "action",
    inScope: [
      { as: bureau, fn: verifyRectification, input: (w) => ({ rectificationId: w.a.otherItem.id, reportId: w.a.claimedReport.id }) },
    ],
    outOfScope: [
      {
        as: bureau,
        fn: verifyRectification,
        input: (w) => ({ rectificationId: w.b.otherItem.id, reportId: w.b.claimedReport.id }),
        code: "NOT_FOUND",
      },
      {
        as: bureau,
        fn: returnRectification,
        input: (w) => ({ rectificationId: w.b.otherItem.id, reportId: w.b.claimedReport.id, comment: "请补充" }),
        code: "NOT_FOUND",
      },
      {
        as: bureau,
        fn: reopenRectification,
        input: (w) => ({ rectificationId: w.b.otherItem.id, reason: "复查发现问题" }),
        code: "NOT_FOUND",
      },
    ],
    wrongRole: [
      {
        as: liaison,
        fn: verifyRectification,
        input: (w) => ({ rectificationId: w.a.otherItem.id, reportId: w.a.claimedReport.id }),
        code: "FORBIDDEN",
      },
      {
        as: leader,
        fn: returnRectification,
        input: (w) => ({ rectificationId: w.a.otherItem.id, reportId: w.a.claimedReport.id, comment: "请补充" }),
        code: "FORBIDDEN",
      },
      {
        as: liaison,
        fn: reopenRectification,
        input: (w) => ({ rectificationId: w.a.otherItem.id, reason: "复查发现问题" }),
        code: "FORBIDDEN",
      },
    ],
  },
  "evaluation.read": {
    kind: "read",
    inScope: [{ as: leader, read: (actor, w) => getEvaluation(actor, w.a.evaluation.id) }],
    outOfScope: [{ as: leader, read: (actor, w) => getEvaluation(actor, w.b.evaluation.id) }],
    wrongRole: [{ as: liaison, read: (actor, w) => getEvaluation(actor, w.a.evaluation.id) }],
  },
  "evaluation.manage": {
    kind: "action",
    inScope: [{ as: bureau, fn: deleteEvaluation, input: (w) => ({ id: w.a.evaluation.id }) }],
    outOfScope: [
      { as: bureau, fn: deleteEvaluation, input: (w) => ({ id: w.b.evaluation.id }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: createEvaluation,
        input: (w) => ({ planId: w.b.plan.id, title: "中期评估", snapshotDate: "2024-12-31" }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: createFinalEvaluation, input: (w) => ({ planId: w.b.plan.id }), code: "NOT_FOUND" },
    ],
    wrongRole: [
      { as: leader, fn: deleteEvaluation, input: (w) => ({ id: w.a.evaluation.id }), code: "FORBIDDEN" },
      {
        as: liaison,
        fn: createEvaluation,
        input: (w) => ({ planId: w.a.plan.id, title: "中期评估", snapshotDate: "2024-12-31" }),
        code: "FORBIDDEN",
      },
      { as: leader, fn: createFinalEvaluation, input: (w) => ({ planId: w.a.plan.id }), code: "FORBIDDEN" },
    ],
  },
  "circular.read": {
    kind: "read",
    inScope: [
      { as: leader, read: (actor, w) => getCircular(actor, w.a.issuedCircular.id, TODAY) },
      { as: liaison, read: (actor, w) => getCircular(actor, w.a.issuedCircular.id, TODAY) },
      { as: bureau, read: (actor, w) => getCircular(actor, w.a.draftCircular.id, TODAY) },
    ],
    outOfScope: [
      { as: leader, read: (actor, w) => getCircular(actor, w.b.issuedCircular.id, TODAY) },
      { as: liaison, read: (actor, w) => getCircular(actor, w.b.issuedCircular.id, TODAY) },
      // A draft is the bureau's: a leader or liaison of the same district reads it as absent.
      { as: leader, read: (actor, w) => getCircular(actor, w.a.draftCircular.id, TODAY) },
      { as: liaison, read: (actor, w) => getCircular(actor, w.a.draftCircular.id, TODAY) },
      { as: bureau, read: (actor, w) => getCircular(actor, w.b.draftCircular.id, TODAY) },
    ],
    wrongRole: { none: "every role holds it" },
  },
  "circular.manage": {
    kind: "action",
    inScope: [
      { as: bureau, fn: approveCircular, input: (w) => ({ id: w.a.draftCircular.id, version: 1 }) },
      { as: bureau, fn: createCircular, input: (w) => ({ regionId: w.a.region.id, kind: "QUARTERLY", periodKey: "2024-Q4" }) },
      { as: bureau, fn: regenerateCircularBody, input: (w) => ({ id: w.a.draftCircular.id, version: 1 }) },
    ],
    outOfScope: [
      { as: bureau, fn: approveCircular, input: (w) => ({ id: w.b.draftCircular.id, version: 1 }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: updateCircular,
        input: (w) => ({ id: w.b.draftCircular.id, version: 1, title: "越权", body: "越权" }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: issueCircular, input: (w) => ({ id: w.b.draftCircular.id, version: 1 }), code: "NOT_FOUND" },
      {
        as: bureau,
        fn: createCircular,
        input: (w) => ({ regionId: w.b.region.id, kind: "QUARTERLY", periodKey: "2024-Q4" }),
        code: "NOT_FOUND",
      },
      { as: bureau, fn: regenerateCircularBody, input: (w) => ({ id: w.b.draftCircular.id, version: 1 }), code: "NOT_FOUND" },
    ],
    wrongRole: [
      { as: leader, fn: approveCircular, input: (w) => ({ id: w.a.draftCircular.id, version: 1 }), code: "FORBIDDEN" },
      {
        as: liaison,
        fn: updateCircular,
        input: (w) => ({ id: w.a.draftCircular.id, version: 1, title: "越权", body: "越权" }),
        code: "FORBIDDEN",
      },
      { as: leader, fn: issueCircular, input: (w) => ({ id: w.a.draftCircular.id, version: 1 }), code: "FORBIDDEN" },
      {
        as: liaison,
        fn: createCircular,
        input: (w) => ({ regionId: w.a.region.id, kind: "QUARTERLY", periodKey: "2024-Q4" }),
        code: "FORBIDDEN",
      },
      { as: leader, fn: regenerateCircularBody, input: (w) => ({ id: w.a.draftCircular.id, version: 1 }), code: "FORBIDDEN" },
    ],
  },
  "assessment.read": {
    kind: "read",
    inScope: [
      { as: leader, read: (actor, w) => loadAssessment(actor, w.a.publishedAssessment.id, TODAY) },
      { as: liaison, read: (actor, w) => loadAssessment(actor, w.a.publishedAssessment.id, TODAY) },
    ],
    outOfScope: [
      { as: leader, read: (actor, w) => loadAssessment(actor, w.b.publishedAssessment.id, TODAY) },
      // A draft is the bureau's work in progress: a leader or liaison does not see it.
      { as: leader, read: (actor, w) => loadAssessment(actor, w.a.draftAssessment.id, TODAY) },
      { as: liaison, read: (actor, w) => loadAssessment(actor, w.a.draftAssessment.id, TODAY) },
    ],
    wrongRole: { none: "every role holds it" },
  },
  "assessment.manage": {
    kind: "action",
    inScope: [{ as: bureau, fn: addAssessmentAdjustment, input: (w) => adjustmentInput(w, w.a.draftAssessment.id) }],
    outOfScope: [
      { as: bureau, fn: createAssessment, input: (w) => ({ regionId: w.b.region.id, year: 2025 }), code: "NOT_FOUND" },
      { as: bureau, fn: updateAssessmentRules, input: (w) => rulesInput(w.b.draftAssessment.id), code: "NOT_FOUND" },
      { as: bureau, fn: addAssessmentAdjustment, input: (w) => adjustmentInput(w, w.b.draftAssessment.id), code: "NOT_FOUND" },
      { as: bureau, fn: removeAssessmentAdjustment, input: (w) => ({ id: w.b.adjustment.id, version: 1 }), code: "NOT_FOUND" },
      { as: bureau, fn: publishAssessment, input: (w) => ({ id: w.b.draftAssessment.id, version: 1 }), code: "NOT_FOUND" },
    ],
    wrongRole: [
      { as: leader, fn: publishAssessment, input: (w) => ({ id: w.a.draftAssessment.id, version: 1 }), code: "FORBIDDEN" },
      { as: liaison, fn: createAssessment, input: (w) => ({ regionId: w.a.region.id, year: 2025 }), code: "FORBIDDEN" },
      { as: leader, fn: updateAssessmentRules, input: (w) => rulesInput(w.a.draftAssessment.id), code: "FORBIDDEN" },
      { as: liaison, fn: removeAssessmentAdjustment, input: (w) => ({ id: w.a.adjustment.id, version: 1 }), code: "FORBIDDEN" },
    ],
  },
  "preferences.update": {
    kind: "action",
    inScope: [{ as: liaison, fn: updateDisplayPreferences, input: (_w) => ({ largeText: true }) }],
    outOfScope: { none: "one's own row only" },
    wrongRole: { none: "every role holds it" },
  },
  "account.password": {
    kind: "action",
    inScope: [
      {
        as: liaison,
        fn: changeOwnPassword,
        input: (_w) => ({ currentPassword: "password-123", password: "Xinmima-2025!", confirmPassword: "Xinmima-2025!" }),
      },
    ],
    outOfScope: { none: "one's own row only" },
    wrongRole: { none: "every role holds it" },
  },
  "job.read": {
    kind: "read",
    inScope: [{ as: admin, read: (actor) => jobRunsAfterOneRun(actor) }],
    outOfScope: { none: "ADMIN only: its scope is everything" },
    wrongRole: [
      { as: bureau, read: (actor) => jobRunsAfterOneRun(actor) },
      { as: leader, read: (actor) => jobRunsAfterOneRun(actor) },
      { as: liaison, read: (actor) => jobRunsAfterOneRun(actor) },
    ],
  },
  "target.manage": {
    kind: "action",
    inScope: [
      // The liaison's unit (the development bureau) leads the measure.
      { as: liaison, fn: saveAnnualTargets, input: (w) => targetsInput(w.a.measure.id) },
      { as: liaison, fn: completeMilestone, input: (w) => ({ milestoneId: w.a.milestone.id }) },
      { as: bureau, fn: saveAnnualTargets, input: (w) => targetsInput(w.a.measure.id) },
    ],
    // A liaison of a unit that is only responsible for the measure: FORBIDDEN, in tests/integration/targets.test.ts.
    outOfScope: [
      { as: liaison, fn: saveAnnualTargets, input: (w) => targetsInput(w.b.measure.id), code: "NOT_FOUND" },
      { as: bureau, fn: saveAnnualTargets, input: (w) => targetsInput(w.b.measure.id), code: "NOT_FOUND" },
      { as: liaison, fn: completeMilestone, input: (w) => ({ milestoneId: w.b.milestone.id }), code: "NOT_FOUND" },
      { as: bureau, fn: completeMilestone, input: (w) => ({ milestoneId: w.b.milestone.id }), code: "NOT_FOUND" },
    ],
    wrongRole: [
      { as: leader, fn: saveAnnualTargets, input: (w) => targetsInput(w.a.measure.id), code: "FORBIDDEN" },
      { as: leader, fn: completeMilestone, input: (w) => ({ milestoneId: w.a.milestone.id }), code: "FORBIDDEN" },
    ],
  },
  "apiToken.manage": {
    kind: "action",
    inScope: [{ as: admin, fn: createApiToken, input: (w) => ({ name: "市平台", regionId: w.city.id }) }],
    outOfScope: { none: "ADMIN only: its scope is everything" },
    // Revoking in scope (and the audit, the secret, a revoked token refused): tests/integration/api-tokens.test.ts.
    wrongRole: [
      { as: bureau, fn: createApiToken, input: (w) => ({ name: "区平台", regionId: w.a.region.id }), code: "FORBIDDEN" },
      { as: leader, fn: revokeApiToken, input: (_w) => ({ id: 1 }), code: "FORBIDDEN" },
      { as: liaison, fn: revokeApiToken, input: (_w) => ({ id: 1 }), code: "FORBIDDEN" },
    ],
  },
};

/** Every row of every table (and so the audit log), to prove a refused call changed nothing. */
async function snapshotAll() {
  const tables = await db().$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const rows: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = await db().$queryRawUnsafe<{ digest: string }[]>(
      `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS digest FROM "${tablename}" t`,
    );
    rows[tablename] = row!.digest;
  }
  return rows;
}

/** 登录日志 rows of one login; a role that may not read the log gets FORBIDDEN, which the page shows as 404. */
async function signInEventsOf(actor: Actor, login: string) {
  try {
    return (await listSignInEvents(actor, { who: login })).events;
  } catch (error) {
    if ((error as { code?: string }).code === "FORBIDDEN") return null;
    throw error;
  }
}

/** 后台任务 rows once a job has run; a role that may not read them gets NOT_FOUND, the page's 404. */
async function jobRunsAfterOneRun(actor: Actor) {
  await runJobOnce({ db: db(), url: process.env.DATABASE_URL! }, "reminders", async () => ({}));
  return (await listJobRuns(actor)).flatMap((job) => job.runs);
}

/** What a query answers when the page would be 404: null, nothing, or a NOT_FOUND error. */
async function readsNothing(read: () => Promise<unknown>) {
  const result = await read().catch((error: unknown) => {
    expect(error).toMatchObject({ code: "NOT_FOUND" });
    return null;
  });
  if (Array.isArray(result)) expect(result).toEqual([]);
  else expect(result).toBeNull();
}

let w: World;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(`${TODAY}T02:00:00Z`));
  w = await buildFixture();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("the permission matrix covers PERMISSIONS", () => {
  it("has a case set for every action of the policy table, and no case set for an action it lacks", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it.each(Object.keys(PERMISSIONS) as Action[])("%s: its case set has every column, or a reason that PERMISSIONS bears out", (action) => {
    const set = MATRIX[action];
    expect(set, `no case set for ${action}: add one to MATRIX`).toBeDefined();
    const roles: readonly Role[] = PERMISSIONS[action];
    if (set.kind === "unused") {
      // No query or action outside the policy module names it yet; when one does, it needs its cases.
      expect(sourcesNaming(action)).toEqual([]);
      return;
    }
    expect(set.inScope.length).toBeGreaterThan(0);
    if ("none" in set.outOfScope) {
      if (set.outOfScope.none === "ADMIN only: its scope is everything") expect(roles).toEqual(["ADMIN"]);
      else expect(["preferences.update", "account.password"]).toContain(action);
    } else {
      expect(set.outOfScope.length).toBeGreaterThan(0);
    }
    if ("none" in set.wrongRole) expect([...roles].sort()).toEqual([...ALL_ROLES].sort());
    else expect(set.wrongRole.length).toBeGreaterThan(0);
  });
});

describe("the permission matrix covers every server action", () => {
  // Every lib/<domain>/actions.ts found on disk, so a new module or a new action without cases turns the suite red.
  it("each exported action of lib/*/actions.ts is called by some case, or says why it asks no PERMISSIONS key", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const modules = await Promise.all(
      fs
        .readdirSync(path.join(root, "lib"))
        .filter((dir) => fs.existsSync(path.join(root, "lib", dir, "actions.ts")))
        .map((dir) => import(`@/lib/${dir}/actions.ts`) as Promise<Record<string, unknown>>),
    );
    expect(modules.length).toBeGreaterThanOrEqual(12);
    const covered = new Set<unknown>(
      Object.values(MATRIX).flatMap((set) =>
        set.kind !== "action"
          ? []
          : [set.inScope, set.outOfScope, set.wrongRole].flatMap((cases) => ("none" in cases ? [] : cases.map((c) => c.fn))),
      ),
    );
    const missing = modules
      .flatMap((module) => Object.entries(module))
      .filter(([name, fn]) => typeof fn === "function" && !covered.has(fn) && !(name in WITHOUT_PERMISSION))
      .map(([name]) => name);
    expect(missing, "actions without a case in MATRIX").toEqual([]);
  });
});

/** Files under lib/ and app/ (outside lib/auth) that name the action in quotes. */
function sourcesNaming(action: string): string[] {
  const root = path.resolve(import.meta.dirname, "../..");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full);
      if (entry.isDirectory()) {
        if (rel !== path.join("lib", "generated") && rel !== path.join("lib", "auth")) walk(full);
      } else if (/\.tsx?$/.test(entry.name) && fs.readFileSync(full, "utf8").includes(`"${action}"`)) {
        found.push(rel);
      }
    }
  };
  walk(path.join(root, "lib"));
  walk(path.join(root, "app"));
  return found;
}

const entries = (Object.keys(PERMISSIONS) as Action[]).flatMap((action) => {
  const set = MATRIX[action];
  if (!set || set.kind === "unused") return [];
  const list = <T>(cases: T[] | NoCase) => ("none" in cases ? [] : cases);
  return [
    ...set.inScope.map((c, i) => ({ action, column: "in scope" as const, i, set, c })),
    ...list<ActionCase | ReadCase>(set.outOfScope).map((c, i) => ({ action, column: "out of scope" as const, i, set, c })),
    ...list<ActionCase | ReadCase>(set.wrongRole).map((c, i) => ({ action, column: "wrong role" as const, i, set, c })),
  ];
});

describe.each(entries.map((e) => [`${e.action} · ${e.column} #${e.i + 1}`, e] as const))("%s", (_name, { action, column, set, c }) => {
  it("answers as the policy and the page say, and a refusal changes nothing", async () => {
    const user = c.as(w);
    const roles: readonly Role[] = PERMISSIONS[action];
    // The case itself must be in its column: allowed roles in scope and out of it, another role for "wrong role".
    expect(roles.includes(user.role), `${user.role} in PERMISSIONS["${action}"]`).toBe(column !== "wrong role");
    const actor = (await actAs(user))!;
    if (set.kind === "read") {
      const read = () => (c as ReadCase).read(actor, w);
      if (column === "in scope") {
        const result = await read();
        expect(result).not.toBeNull();
        if (Array.isArray(result)) expect(result.length).toBeGreaterThan(0);
      } else {
        await readsNothing(read);
      }
      return;
    }
    const { fn, input, code } = c as ActionCase;
    if (column === "in scope") {
      expect(await fn(input(w))).toMatchObject({ ok: true });
      return;
    }
    const before = await snapshotAll();
    const result = await fn(input(w));
    expect(result).toMatchObject({ ok: false, code: code ?? (column === "wrong role" ? "FORBIDDEN" : "NOT_FOUND") });
    // A VALIDATION refusal must be the scope's, not a malformed input's.
    if (code === "VALIDATION") expect(!result.ok && result.fieldErrors?.regionId?.join()).toMatch(/不在您的管理范围内/);
    expect(await snapshotAll()).toEqual(before);
  });
});
