import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createFinding, createInspection, createMeasure, createPlan, createProgressReport, createRectificationReport } from "@/lib/db/factories.ts";
import { PERMISSIONS, type Action, type Actor } from "@/lib/auth/policy.ts";
import type { Role } from "@/lib/generated/prisma/enums.ts";
import type { ActionResult } from "@/lib/actions/run.ts";
import { updateRegion } from "@/lib/regions/actions.ts";
import { getRegion } from "@/lib/regions/queries.ts";
import { setUnitActive } from "@/lib/units/actions.ts";
import { getUnit } from "@/lib/units/queries.ts";
import { deleteUnitGroup } from "@/lib/groups/actions.ts";
import { getUnitGroup } from "@/lib/groups/queries.ts";
import { setUserActive, updateDisplayPreferences } from "@/lib/users/actions.ts";
import { getUser } from "@/lib/users/queries.ts";
import { updatePlanReporting } from "@/lib/plans/actions.ts";
import { getPlan } from "@/lib/plans/queries.ts";
import { approveProgressReport, saveProgressDraft } from "@/lib/progress/actions.ts";
import { listMyTasks, listUnitTasks } from "@/lib/progress/queries.ts";
import { listDashboardUnits, loadDistrictDashboard, loadUnitDashboard } from "@/lib/dashboards/queries.ts";
import { parseDashboardFilters } from "@/lib/dashboards/schema.ts";
import { publishAnnualReport, submitAnnualReport } from "@/lib/annual-reports/actions.ts";
import { getAnnualReport } from "@/lib/annual-reports/queries.ts";
import { addFinding, reportRectification, verifyRectification } from "@/lib/inspections/actions.ts";
import { getInspectionDetail } from "@/lib/inspections/queries.ts";
import { deleteEvaluation } from "@/lib/evaluations/actions.ts";
import { getEvaluation } from "@/lib/evaluations/queries.ts";
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

const TODAY = "2025-02-10";
const FILTERS = parseDashboardFilters({});

type World = Awaited<ReturnType<typeof buildFixture>>;
type User = { id: number; role: Role };
type Who = (w: World) => User;

/** An action case: who calls, the call, and (when refused) the code it must answer. */
type ActionCase = { as: Who; call: (w: World) => Promise<ActionResult<unknown>>; code?: "NOT_FOUND" | "FORBIDDEN" };
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
    const measure = await createMeasure(prisma, { planId: plan.id, code: "1", deadline: "2025-12-31", leadUnitIds: [development.id], responsibleUnitIds: [justice.id] });
    const ownAssignment = await prisma.assignment.findFirstOrThrow({ where: { measureId: measure.id, unitId: development.id } });
    const otherAssignment = await prisma.assignment.findFirstOrThrow({ where: { measureId: measure.id, unitId: justice.id } });
    const submitted = await createProgressReport(prisma, {
      assignmentId: otherAssignment.id,
      period: { start: "2024-10-01", end: "2024-12-31" },
      state: "SUBMITTED",
      authorId: d.users.bureau.id,
    });
    const inspection = await createInspection(prisma, { regionId: d.region.id, title: "法治督察", inspectedOn: "2025-01-15" });
    const { rectifications } = await createFinding(prisma, {
      inspectionId: inspection.id,
      text: "行政执法公示不到位",
      unitIds: [development.id, justice.id],
      deadline: "2025-06-30",
    });
    const [ownItem, otherItem] = rectifications as [(typeof rectifications)[number], (typeof rectifications)[number]];
    const claimed = await createRectificationReport(prisma, { rectificationId: otherItem.id, authorId: d.users.bureau.id, state: "SUBMITTED", claimedStatus: "COMPLETED" });
    const report = (unitId: number | null, status: "DRAFT" | "SUBMITTED") =>
      prisma.annualReport.create({
        data: { districtId: d.region.id, regionId: d.region.id, unitId, year: 2024, title: "2024年度法治政府建设情况报告", status, createdById: d.users.bureau.id },
      });
    const evaluation = await prisma.evaluation.create({
      data: { districtId: d.region.id, planId: plan.id, title: "中期评估", snapshotDate: new Date("2024-12-31T00:00:00Z"), createdById: d.users.bureau.id },
    });
    return {
      ...d,
      plan,
      measure,
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
  return { admin: world.admin, a: await build(world.a), b: await build(world.b) };
}

const bureau: Who = (w) => w.a.users.bureau;
const leader: Who = (w) => w.a.users.leader;
const liaison: Who = (w) => w.a.users.liaison;
const admin: Who = (w) => w.admin;

const draftInput = (assignmentId: number) => ({ assignmentId, periodKey: "2025-Q1", text: "已起草制度文本", percent: 20, claimedStatus: "IN_PROGRESS" });
const rectificationInput = (rectificationId: number) => ({ rectificationId, text: "已完成公示平台整改", percent: 40, claimedStatus: "IN_PROGRESS" });
const findingInput = (w: World, inspectionId: number) => ({ inspectionId, text: "执法案卷不规范", unitIds: [w.a.units.justice.id], deadline: "2025-06-30" });

const MATRIX: Record<Action, CaseSet> = {
  "region.read": {
    kind: "read",
    inScope: [{ as: liaison, read: (actor, w) => getRegion(actor, w.a.region.id) }],
    outOfScope: [{ as: liaison, read: (actor, w) => getRegion(actor, w.b.region.id) }],
    wrongRole: { none: "every role holds it" },
  },
  "region.manage": {
    kind: "action",
    inScope: [{ as: admin, call: (w) => updateRegion({ id: w.a.region.id, code: w.a.region.code, name: "下陆区(新)" }) }],
    outOfScope: { none: "ADMIN only: its scope is everything" },
    wrongRole: [{ as: bureau, call: (w) => updateRegion({ id: w.a.region.id, code: w.a.region.code, name: "改名" }), code: "FORBIDDEN" }],
  },
  "unit.read": {
    kind: "read",
    inScope: [{ as: liaison, read: (actor, w) => getUnit(actor, w.a.units.justice.id) }],
    outOfScope: [{ as: liaison, read: (actor, w) => getUnit(actor, w.b.units.justice.id) }],
    wrongRole: { none: "every role holds it" },
  },
  "unit.manage": {
    kind: "action",
    inScope: [{ as: bureau, call: (w) => setUnitActive({ id: w.a.units.justice.id, active: false }) }],
    outOfScope: [{ as: bureau, call: (w) => setUnitActive({ id: w.b.units.justice.id, active: false }), code: "NOT_FOUND" }],
    wrongRole: [{ as: liaison, call: (w) => setUnitActive({ id: w.a.units.justice.id, active: false }), code: "FORBIDDEN" }],
  },
  "group.read": {
    kind: "read",
    inScope: [{ as: leader, read: (actor, w) => getUnitGroup(actor, w.a.group.id) }],
    outOfScope: [{ as: leader, read: (actor, w) => getUnitGroup(actor, w.b.group.id) }],
    wrongRole: { none: "every role holds it" },
  },
  "group.manage": {
    kind: "action",
    inScope: [{ as: bureau, call: (w) => deleteUnitGroup({ id: w.a.group.id }) }],
    outOfScope: [{ as: bureau, call: (w) => deleteUnitGroup({ id: w.b.group.id }), code: "NOT_FOUND" }],
    wrongRole: [{ as: leader, call: (w) => deleteUnitGroup({ id: w.a.group.id }), code: "FORBIDDEN" }],
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
    inScope: [{ as: bureau, call: (w) => setUserActive({ id: w.a.users.liaison.id, active: false }) }],
    outOfScope: [{ as: bureau, call: (w) => setUserActive({ id: w.b.users.liaison.id, active: false }), code: "NOT_FOUND" }],
    wrongRole: [{ as: liaison, call: (w) => setUserActive({ id: w.a.users.leader.id, active: false }), code: "FORBIDDEN" }],
  },
  "plan.read": {
    kind: "read",
    inScope: [{ as: liaison, read: (actor, w) => getPlan(actor, w.a.plan.id) }],
    outOfScope: [{ as: liaison, read: (actor, w) => getPlan(actor, w.b.plan.id) }],
    wrongRole: { none: "every role holds it" },
  },
  "plan.manage": {
    kind: "action",
    inScope: [{ as: bureau, call: (w) => updatePlanReporting({ planId: w.a.plan.id, reportCadence: "MONTHLY", reportDueDay: 5 }) }],
    outOfScope: [{ as: bureau, call: (w) => updatePlanReporting({ planId: w.b.plan.id, reportCadence: "MONTHLY", reportDueDay: 5 }), code: "NOT_FOUND" }],
    wrongRole: [{ as: leader, call: (w) => updatePlanReporting({ planId: w.a.plan.id, reportCadence: "MONTHLY", reportDueDay: 5 }), code: "FORBIDDEN" }],
  },
  "assignment.report": {
    kind: "action",
    inScope: [
      { as: liaison, call: (w) => saveProgressDraft(draftInput(w.a.ownAssignment.id)) },
      // Bureau staff log a unit's report for it (代报).
      { as: bureau, call: (w) => saveProgressDraft(draftInput(w.a.otherAssignment.id)) },
    ],
    outOfScope: [
      { as: liaison, call: (w) => saveProgressDraft(draftInput(w.a.otherAssignment.id)), code: "NOT_FOUND" },
      { as: liaison, call: (w) => saveProgressDraft(draftInput(w.b.ownAssignment.id)), code: "NOT_FOUND" },
      { as: bureau, call: (w) => saveProgressDraft(draftInput(w.b.otherAssignment.id)), code: "NOT_FOUND" },
    ],
    wrongRole: [{ as: leader, call: (w) => saveProgressDraft(draftInput(w.a.ownAssignment.id)), code: "FORBIDDEN" }],
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
    inScope: [{ as: bureau, call: (w) => approveProgressReport({ reportId: w.a.submittedReport.id, version: 1 }) }],
    outOfScope: [{ as: bureau, call: (w) => approveProgressReport({ reportId: w.b.submittedReport.id, version: 1 }), code: "NOT_FOUND" }],
    wrongRole: [{ as: liaison, call: (w) => approveProgressReport({ reportId: w.a.submittedReport.id, version: 1 }), code: "FORBIDDEN" }],
  },
  "dashboard.read": {
    kind: "read",
    inScope: [{ as: bureau, read: (actor, w) => listDashboardUnits(actor).then((units) => units.filter((u) => u.id === w.a.units.justice.id)) }],
    outOfScope: [{ as: bureau, read: (actor, w) => listDashboardUnits(actor).then((units) => units.filter((u) => u.id === w.b.units.justice.id)) }],
    wrongRole: { none: "every role holds it" },
  },
  "districtDashboard.read": {
    kind: "read",
    inScope: [{ as: leader, read: (actor, w) => loadDistrictDashboard(actor, w.a.region.id, FILTERS, TODAY) }],
    outOfScope: [{ as: leader, read: (actor, w) => loadDistrictDashboard(actor, w.b.region.id, FILTERS, TODAY) }],
    wrongRole: [{ as: liaison, read: (actor, w) => loadDistrictDashboard(actor, w.a.region.id, FILTERS, TODAY) }],
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
  "audit.read": { kind: "unused" },
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
      { as: liaison, call: (w) => submitAnnualReport({ id: w.a.ownDraft.id }) },
      { as: bureau, call: (w) => submitAnnualReport({ id: w.a.otherDraft.id }) },
    ],
    outOfScope: [
      // Another unit's draft in the liaison's own district: its page is 404, so is the action.
      { as: liaison, call: (w) => submitAnnualReport({ id: w.a.otherDraft.id }), code: "NOT_FOUND" },
      { as: liaison, call: (w) => submitAnnualReport({ id: w.b.ownDraft.id }), code: "NOT_FOUND" },
      { as: bureau, call: (w) => submitAnnualReport({ id: w.b.otherDraft.id }), code: "NOT_FOUND" },
    ],
    wrongRole: [{ as: leader, call: (w) => submitAnnualReport({ id: w.a.ownDraft.id }), code: "FORBIDDEN" }],
  },
  "annualReport.publish": {
    kind: "action",
    inScope: [{ as: bureau, call: (w) => publishAnnualReport({ id: w.a.districtSubmitted.id }) }],
    outOfScope: [{ as: bureau, call: (w) => publishAnnualReport({ id: w.b.districtSubmitted.id }), code: "NOT_FOUND" }],
    wrongRole: [
      { as: liaison, call: (w) => publishAnnualReport({ id: w.a.districtSubmitted.id }), code: "FORBIDDEN" },
      { as: leader, call: (w) => publishAnnualReport({ id: w.a.districtSubmitted.id }), code: "FORBIDDEN" },
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
    inScope: [{ as: bureau, call: (w) => addFinding(findingInput(w, w.a.inspection.id)) }],
    outOfScope: [{ as: bureau, call: (w) => addFinding(findingInput(w, w.b.inspection.id)), code: "NOT_FOUND" }],
    wrongRole: [{ as: leader, call: (w) => addFinding(findingInput(w, w.a.inspection.id)), code: "FORBIDDEN" }],
  },
  "rectification.report": {
    kind: "action",
    inScope: [
      { as: liaison, call: (w) => reportRectification(rectificationInput(w.a.ownItem.id)) },
      { as: bureau, call: (w) => reportRectification(rectificationInput(w.a.ownItem.id)) },
    ],
    outOfScope: [
      { as: liaison, call: (w) => reportRectification(rectificationInput(w.a.otherItem.id)), code: "NOT_FOUND" },
      { as: liaison, call: (w) => reportRectification(rectificationInput(w.b.ownItem.id)), code: "NOT_FOUND" },
      { as: bureau, call: (w) => reportRectification(rectificationInput(w.b.ownItem.id)), code: "NOT_FOUND" },
    ],
    wrongRole: [{ as: leader, call: (w) => reportRectification(rectificationInput(w.a.ownItem.id)), code: "FORBIDDEN" }],
  },
  "rectification.verify": {
    kind: "action",
    inScope: [{ as: bureau, call: (w) => verifyRectification({ rectificationId: w.a.otherItem.id, reportId: w.a.claimedReport.id }) }],
    outOfScope: [{ as: bureau, call: (w) => verifyRectification({ rectificationId: w.b.otherItem.id, reportId: w.b.claimedReport.id }), code: "NOT_FOUND" }],
    wrongRole: [{ as: liaison, call: (w) => verifyRectification({ rectificationId: w.a.otherItem.id, reportId: w.a.claimedReport.id }), code: "FORBIDDEN" }],
  },
  "evaluation.read": {
    kind: "read",
    inScope: [{ as: leader, read: (actor, w) => getEvaluation(actor, w.a.evaluation.id) }],
    outOfScope: [{ as: leader, read: (actor, w) => getEvaluation(actor, w.b.evaluation.id) }],
    wrongRole: [{ as: liaison, read: (actor, w) => getEvaluation(actor, w.a.evaluation.id) }],
  },
  "evaluation.manage": {
    kind: "action",
    inScope: [{ as: bureau, call: (w) => deleteEvaluation({ id: w.a.evaluation.id }) }],
    outOfScope: [{ as: bureau, call: (w) => deleteEvaluation({ id: w.b.evaluation.id }), code: "NOT_FOUND" }],
    wrongRole: [{ as: leader, call: (w) => deleteEvaluation({ id: w.a.evaluation.id }), code: "FORBIDDEN" }],
  },
  "preferences.update": {
    kind: "action",
    inScope: [{ as: liaison, call: () => updateDisplayPreferences({ largeText: true }) }],
    outOfScope: { none: "one's own row only" },
    wrongRole: { none: "every role holds it" },
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
      else expect(action).toBe("preferences.update");
    } else {
      expect(set.outOfScope.length).toBeGreaterThan(0);
    }
    if ("none" in set.wrongRole) expect([...roles].sort()).toEqual([...ALL_ROLES].sort());
    else expect(set.wrongRole.length).toBeGreaterThan(0);
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
    const { call, code } = c as ActionCase;
    if (column === "in scope") {
      expect(await call(w)).toMatchObject({ ok: true });
      return;
    }
    const before = await snapshotAll();
    expect(await call(w)).toMatchObject({ ok: false, code: code ?? (column === "wrong role" ? "FORBIDDEN" : "NOT_FOUND") });
    expect(await snapshotAll()).toEqual(before);
  });
});
