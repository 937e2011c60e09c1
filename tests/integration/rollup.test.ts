import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport } from "@/lib/demo/factories.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { listDashboardMeasures, loadDistrictDashboard } from "@/lib/dashboards/queries.ts";
import { getMeasureDetail } from "@/lib/progress/queries.ts";
import { getPlanDecomposition, linkMeasuresToParentItems, loadItemRollups, proposeParentItems } from "@/lib/plans/decomposition.ts";
import {
  confirmParentItemProposals,
  linkMeasureToParentItem,
  setPlanParent,
  unlinkMeasureFromParentItem,
} from "@/lib/plans/decomposition-actions.ts";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement, type ReactElement } from "react";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime.js";
import ParentItemsPage from "@/app/(app)/plans/[id]/parent-items/page.tsx";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// District A on 2026-12-06 (quarter judged 2026-Q3, due 10-10): a 规划 P
// with items i1…i7 and no units, and a 分工方案 D (parentId P) whose measures
// implement them:
//   i1  c1a, c1b both completed                              → COMPLETED GREEN
//   i2  c2a reported, due 2027-06-30; c2b reported, due 2026-11-30 (passed)
//       (mixed deadlines: one late, the latest ahead)        → OVERDUE RED, deadline 2027-06-30
//   i3  c3a completed (due 2026-10-31); c3b reported, due 2027-12-31
//                                                            → IN_PROGRESS GREEN, deadline 2027-12-31
//   i4  c4a extended: printed 2026-09-30, moved to 2027-03-31, reported;
//       c4b 长期坚持, reported                                → IN_PROGRESS GREEN, ongoing, no deadline
//   i5  no implementing measure                              → not rolled up (未分解), judged on its own
//   i6  units of its own, and c6 overdue                     → judged on its own, not rolled up
//   i7  c7 never reported, the Q3 report owed               → NOT_STARTED YELLOW
// P and D run 2021–2030, so 2026's reports are owed (lib/plans/life.ts).
// The agreement test adds two children judged as the measure page judges them:
//   i8  c8 of a 2021–2025 工作要点 E (its window ended 2025-12-31), never
//       reported: no 2026 report owed                        → NOT_STARTED GREY
//   i9  c9 reported, but its milestone (时间节点) due 2026-11-20 missed by
//       16 days, within D's 30 grace days (Plan.milestoneGraceDays; the
//       default 15 would make it red)                        → IN_PROGRESS YELLOW
// The roll-up is computed in TS (loadItemRollups: lights.ts per child, then
// rollup.ts) and in SQL (the dashboard facts); the two must agree item by item.

const TODAY = "2026-12-06";
const Q3 = { start: "2026-07-01", end: "2026-09-30" };
const day = (date: string) => new Date(`${date}T00:00:00Z`);

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let bureau: Actor;
let P: number;
let D: number;
let I: Record<string, number>;
let C: Record<string, number>;

const EXPECTED: Record<string, { status: string; light: string; deadline: string | null; ongoing: boolean }> = {
  i1: { status: "COMPLETED", light: "GREEN", deadline: "2026-09-30", ongoing: false },
  i2: { status: "OVERDUE", light: "RED", deadline: "2027-06-30", ongoing: false },
  i3: { status: "IN_PROGRESS", light: "GREEN", deadline: "2027-12-31", ongoing: false },
  i4: { status: "IN_PROGRESS", light: "GREEN", deadline: null, ongoing: true },
  i7: { status: "NOT_STARTED", light: "YELLOW", deadline: "2027-12-31", ongoing: false },
};

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-06T02:00:00Z"));
  world = await buildTwoDistricts();
  const A = world.a.region.id;
  const J = world.a.units.justice.id;
  const Dev = world.a.units.development.id;
  P = (await createPlan(db(), { regionId: A, title: "法治政府建设“十四五”规划", periodEnd: 2030 })).id;
  D = (await createPlan(db(), { regionId: A, title: "“十四五”规划任务分工方案", periodEnd: 2030 })).id;
  await db().plan.update({ where: { id: D }, data: { parentId: P, kind: "DIVISION_OF_LABOUR" } });
  const item = (code: string, text: string, units: number[] = []) =>
    createMeasure(db(), { planId: P, code, text, deadline: "2025-12-31", leadUnitIds: units }).then((m) => m.id);
  I = {
    i1: await item("(一)", "(一)健全依法决策机制。严格落实重大行政决策程序。"),
    i2: await item("(二)", "(二)积极推行新型监管方式。推动政府管理依法进行。"),
    i3: await item("(三)", "(三)强化开发园区法律服务,构建知识产权保护新格局。"),
    i4: await item("(四)", "(四)深化行政复议体制改革。"),
    i5: await item("(五)", "(五)加强法治宣传教育。"),
    i6: await item("(六)", "(六)推进政务公开标准化规范化。", [J]),
    i7: await item("(七)", "(七)做好规划的任务分解与评估工作。"),
  };
  const child = (code: string, parent: string, deadline: string | null, lead: number, extra: { ongoing?: boolean } = {}) =>
    createMeasure(db(), { planId: D, code, text: `分工 ${code}`, deadline, leadUnitIds: [lead], ...extra }).then(async (m) => {
      await db().measure.update({ where: { id: m.id }, data: { parentItemId: I[parent]! } });
      return m.id;
    });
  C = {
    c1a: await child("1", "i1", "2026-06-30", J),
    c1b: await child("2", "i1", "2026-09-30", Dev),
    c2a: await child("3", "i2", "2027-06-30", J),
    c2b: await child("4", "i2", "2026-11-30", Dev),
    c3a: await child("5", "i3", "2026-10-31", J),
    c3b: await child("6", "i3", "2027-12-31", Dev),
    c4a: await child("7", "i4", "2027-03-31", J),
    c4b: await child("8", "i4", null, Dev, { ongoing: true }),
    c6: await child("9", "i6", "2026-10-31", J),
    c7: await child("10", "i7", "2027-12-31", Dev),
  };
  // As an approved extension leaves it (lib/extensions/actions.ts): moved, the printed date kept.
  await db().measure.update({ where: { id: C.c4a }, data: { originalDeadline: day("2026-09-30") } });
  await db().measure.updateMany({ data: { createdAt: day("2026-01-01") } });
  await db().assignment.updateMany({ data: { createdAt: day("2026-01-01") } });
  const reviewer = world.a.users.bureau.id;
  const report = async (measureId: number, state: "APPROVED", completed = false) =>
    createProgressReport(db(), {
      assignmentId: (await db().assignment.findFirstOrThrow({ where: { measureId } })).id,
      period: Q3,
      state,
      authorId: reviewer,
      reviewerId: reviewer,
      ...(completed ? { claimedStatus: "COMPLETED" as const, reviewedAt: new Date("2026-10-05T02:00:00Z") } : {}),
    });
  await report(C.c1a!, "APPROVED", true);
  await report(C.c1b!, "APPROVED", true);
  await report(C.c2a!, "APPROVED");
  await report(C.c2b!, "APPROVED");
  await report(C.c3a!, "APPROVED", true);
  await report(C.c3b!, "APPROVED");
  await report(C.c4a!, "APPROVED");
  await report(C.c4b!, "APPROVED");
  await report(C.c6!, "APPROVED");
  await report(I.i6!, "APPROVED");
  bureau = (await loadActor(world.a.users.bureau.id))!;
});

afterEach(() => {
  vi.useRealTimers();
});

describe("parent items roll up from the measures implementing them", () => {
  it("in TS (lights.ts per child, rollup.ts) as worked by hand, and the SQL facts agree item by item", async () => {
    // i8: implemented by a 2021–2025 工作要点 whose window has ended; i9: by a child with a missed milestone.
    I.i8 = (await createMeasure(db(), { planId: P, code: "(八)", text: "(八)完善法治督察工作机制。" })).id;
    I.i9 = (await createMeasure(db(), { planId: P, code: "(九)", text: "(九)推进行政执法“三项制度”。" })).id;
    const E = (await createPlan(db(), { regionId: world.a.region.id, title: "2025年法治政府建设工作要点", periodEnd: 2025 })).id;
    await db().plan.update({ where: { id: E }, data: { parentId: P, kind: "WORK_POINTS" } });
    await db().plan.update({ where: { id: D }, data: { milestoneGraceDays: 30 } });
    C.c8 = (
      await createMeasure(db(), {
        planId: E,
        code: "1",
        text: "工作要点 1",
        deadline: null,
        ongoing: true,
        leadUnitIds: [world.a.units.development.id],
      })
    ).id;
    C.c9 = (
      await createMeasure(db(), { planId: D, code: "11", text: "分工 11", deadline: "2027-12-31", leadUnitIds: [world.a.units.justice.id] })
    ).id;
    await db().measure.update({ where: { id: C.c8 }, data: { parentItemId: I.i8 } });
    await db().measure.update({ where: { id: C.c9 }, data: { parentItemId: I.i9 } });
    await db().measure.updateMany({ where: { id: { in: [I.i8, I.i9, C.c8, C.c9] } }, data: { createdAt: day("2026-01-01") } });
    await db().assignment.updateMany({ where: { measureId: { in: [C.c8, C.c9] } }, data: { createdAt: day("2026-01-01") } });
    await createProgressReport(db(), {
      assignmentId: (await db().assignment.findFirstOrThrow({ where: { measureId: C.c9 } })).id,
      period: Q3,
      state: "APPROVED",
      authorId: world.a.users.bureau.id,
      reviewerId: world.a.users.bureau.id,
    });
    await db().milestone.create({
      data: { districtId: world.a.region.districtId!, measureId: C.c9, title: "完成制度修订", dueDate: day("2026-11-20") },
    });
    const expected = {
      ...EXPECTED,
      i8: { status: "NOT_STARTED", light: "GREY", deadline: null, ongoing: true },
      i9: { status: "IN_PROGRESS", light: "YELLOW", deadline: "2027-12-31", ongoing: false },
    };

    const ts = await loadItemRollups(db(), P, TODAY);
    // The 规划 chosen alone: its children are read as context, its items counted with their rolled-up state.
    const sql = (await listDashboardMeasures(bureau, world.a.region.id, { plan: P }, TODAY, 1000))!;
    const sqlRow = new Map(sql.rows.map((r) => [r.id, r]));
    expect(sql.total).toBe(9);
    for (const [key, want] of Object.entries(expected)) {
      const rolled = ts.get(I[key]!)!.rolled!;
      expect({ key, ts: { status: rolled.status, light: rolled.light, deadline: rolled.deadline, ongoing: rolled.ongoing } }).toEqual({
        key,
        ts: want,
      });
      const row = sqlRow.get(I[key]!)!;
      expect({ key, sql: { status: row.status, light: row.light, deadline: row.deadline, ongoing: row.ongoing } }).toEqual({
        key,
        sql: want,
      });
    }
    // The red child's reason is the item's.
    expect(ts.get(I.i2!)!.rolled!.reason).toBe("已逾期 6 天");
    // Each child in TS as the measure page (lights.ts) shows it, and as the dashboards list it.
    // Unfiltered, so D's and E's children are both listed as counted measures.
    const children = (await listDashboardMeasures(bureau, world.a.region.id, {}, TODAY, 1000))!;
    for (const [key, id] of Object.entries(C)) {
      const detail = (await getMeasureDetail(bureau, id))!;
      const tsChild = [...ts.values()].flatMap((r) => r.children).find((c) => c.id === id)!;
      expect({ key, page: { light: tsChild.light, reason: tsChild.reason } }).toEqual({
        key,
        page: { light: detail.overall.light, reason: detail.overall.reason },
      });
      expect({ key, sql: children.rows.find((r) => r.id === id)!.light }).toEqual({ key, sql: tsChild.light });
    }
    expect(ts.get(I.i9)!.rolled!.reason).toBe("时间节点「完成制度修订」未按期完成");
    // The extended child counts with its new deadline: not overdue.
    expect(children.rows.find((r) => r.id === C.c4a)).toMatchObject({ status: "IN_PROGRESS", deadline: "2027-03-31" });

    // i5 has no implementing measure: not rolled up, judged on its own (no unit: as one that never reported).
    expect(ts.has(I.i5!)).toBe(false);
    expect(sqlRow.get(I.i5!)).toMatchObject({ status: "OVERDUE", light: "RED" });
    // i6 has units of its own: its own state, though its child is overdue.
    expect(ts.get(I.i6!)).toMatchObject({ ownAssignments: true, rolled: null });
    const i6 = (await getMeasureDetail(bureau, I.i6!))!;
    expect(sqlRow.get(I.i6!)).toMatchObject({ status: "OVERDUE", light: i6.overall.light });
  });

  it("district totals count the implementing measures, not their items; the 规划's row shows its items rolled up", async () => {
    const data = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    // Counted: D's 10 measures, and P's i5 and i6 (not rolled up). i1–i4 and i7 are their children's work.
    expect(data.totals.measures).toBe(12);
    const listed = (await listDashboardMeasures(bureau, world.a.region.id, {}, TODAY, 1000))!;
    expect(new Set(listed.rows.map((r) => r.id))).toEqual(new Set([...Object.values(C), I.i5!, I.i6!]));
    const lights = (ids: number[]) => ids.map((id) => listed.rows.find((r) => r.id === id)?.light);
    const counted = [...Object.values(C), I.i5!, I.i6!];
    expect(data.totals.red).toBe(lights(counted).filter((l) => l === "RED").length);
    expect(data.totals.overdue).toBe(listed.rows.filter((r) => r.status === "OVERDUE").length);

    const row = data.plans.find((p) => p.planId === P)!;
    expect(row).toMatchObject({
      measures: 7,
      completed: 1,
      overdue: 3,
      inProgress: 2,
      notStarted: 1,
      red: 3,
      yellow: 1,
      green: 3,
      grey: 0,
    });
    expect(data.plans.find((p) => p.planId === D)!.measures).toBe(10);
  });

  it("a closed 分工方案 still rolls its measures up into the 规划's items, which are then counted", async () => {
    await db().plan.update({ where: { id: D }, data: { status: "CLOSED" } });
    const data = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    expect(data.totals.measures).toBe(7);
    const listed = (await listDashboardMeasures(bureau, world.a.region.id, {}, TODAY, 1000))!;
    expect(listed.rows.find((r) => r.id === I.i1)).toMatchObject({ status: "COMPLETED", light: "GREEN" });
    expect(listed.rows.find((r) => r.id === I.i2)).toMatchObject({ status: "OVERDUE", light: "RED" });
  });

  it("the overdue list dates a late item from its first late child", async () => {
    const data = (await loadDistrictDashboard(bureau, world.a.region.id, { plan: P }, TODAY))!;
    expect(data.overdue.rows.find((r) => r.id === I.i2)).toMatchObject({ deadline: "2026-11-30", days: 6 });
    expect(data.overdue.rows.find((r) => r.id === I.i5)).toMatchObject({ deadline: "2025-12-31" });
  });

  it("the light filter applies to the rolled-up light", async () => {
    const red = (await listDashboardMeasures(bureau, world.a.region.id, { plan: P, light: "RED" }, TODAY, 1000))!;
    expect(new Set(red.rows.map((r) => r.id))).toEqual(new Set([I.i2!, I.i5!, I.i6!]));
  });
});

describe("linking measures to parent items", () => {
  it("links and unlinks by hand, audited in the same transaction, refusing an item outside the parent plan", async () => {
    await db().measure.update({ where: { id: C.c7! }, data: { parentItemId: null } });
    await actAs(world.a.users.bureau);
    expect(await linkMeasureToParentItem({ measureId: C.c7, parentItemId: I.i5 })).toMatchObject({ ok: true });
    expect((await db().measure.findUniqueOrThrow({ where: { id: C.c7! } })).parentItemId).toBe(I.i5);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "measure.linkParentItem", entityId: String(C.c7) } });
    expect(audit.after).toEqual({ parentItemId: I.i5 });

    // A measure of D is no item of P.
    const refused = await linkMeasureToParentItem({ measureId: C.c7, parentItemId: C.c1a });
    expect(refused).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { parentItemId: ["所选条目不属于上级规划"] } });
    // An item's own plan has no parent: nothing to link to.
    expect(await linkMeasureToParentItem({ measureId: I.i5, parentItemId: I.i1 })).toMatchObject({ ok: false, code: "VALIDATION" });

    expect(await unlinkMeasureFromParentItem({ measureId: C.c7 })).toMatchObject({ ok: true, message: "已取消对应" });
    expect((await db().measure.findUniqueOrThrow({ where: { id: C.c7! } })).parentItemId).toBeNull();
    expect(await db().auditEvent.count({ where: { action: "measure.unlinkParentItem", entityId: String(C.c7) } })).toBe(1);
  });

  it("answers NOT_FOUND out of scope and changes nothing; a leader is refused", async () => {
    const planB = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区规划" });
    const itemB = await createMeasure(db(), { planId: planB.id, code: "(一)", text: "条目" });
    const auditBefore = await db().auditEvent.count();
    await actAs(world.a.users.bureau);
    expect(await linkMeasureToParentItem({ measureId: itemB.id, parentItemId: I.i1 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // An item of another district is not in the parent plan either.
    await db().measure.update({ where: { id: C.c7! }, data: { parentItemId: null } });
    expect(await linkMeasureToParentItem({ measureId: C.c7, parentItemId: itemB.id })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await unlinkMeasureFromParentItem({ measureId: itemB.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await setPlanParent({ planId: planB.id, parentPlanId: "" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await setPlanParent({ planId: D, parentPlanId: planB.id })).toMatchObject({ ok: false, code: "VALIDATION" });
    await actAs(world.a.users.leader);
    expect(await linkMeasureToParentItem({ measureId: C.c7, parentItemId: I.i7 })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db().auditEvent.count()).toBe(auditBefore);
    expect((await db().measure.findUniqueOrThrow({ where: { id: C.c7! } })).parentItemId).toBeNull();
  });

  it("proposes items by text, confirms the ticked ones, and the seed's function links the rest", async () => {
    await db().measure.updateMany({ where: { planId: D }, data: { parentItemId: null } });
    await db().measure.update({ where: { id: C.c2a! }, data: { text: "推行新型监管方式,推动政府依法管理" } });
    await db().measure.update({ where: { id: C.c3a! }, data: { text: "在开发园区建立法律服务工作站,加强知识产权保护" } });
    await db().measure.update({ where: { id: C.c7! }, data: { text: "分解规划任务,组织中期评估" } });
    const proposals = await proposeParentItems(db(), bureau, D);
    expect(proposals.map((p) => [p.measureId, p.itemId])).toEqual([
      [C.c2a, I.i2],
      [C.c3a, I.i3],
      [C.c7, I.i7],
    ]);
    expect(proposals[0]!.itemLabel).toMatch(/^\(二\) \(二\)积极推行新型监管方式/);

    await actAs(world.a.users.bureau);
    // A measure of another plan cannot be slipped into the confirmation.
    expect(await confirmParentItemProposals({ planId: D, links: [{ measureId: I.i5, parentItemId: I.i1 }] })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(await confirmParentItemProposals({ planId: D, links: [] })).toMatchObject({ ok: false, code: "VALIDATION" });
    const confirmed = await confirmParentItemProposals({ planId: D, links: [{ measureId: C.c2a, parentItemId: I.i2 }] });
    expect(confirmed).toMatchObject({ ok: true, message: "已确认 1 项对应" });
    expect((await db().measure.findUniqueOrThrow({ where: { id: C.c2a! } })).parentItemId).toBe(I.i2);

    const linked = await db().$transaction((tx) => linkMeasuresToParentItems(tx, bureau, D));
    expect(linked).toBe(2);
    expect((await db().measure.findUniqueOrThrow({ where: { id: C.c7! } })).parentItemId).toBe(I.i7);
    expect(await db().auditEvent.count({ where: { action: "measure.linkParentItem" } })).toBe(3);
  });

  it("setting another parent plan drops the links to the old one's items; the page data names each measure's item", async () => {
    await actAs(world.a.users.bureau);
    const before = (await getPlanDecomposition(bureau, D, TODAY))!;
    expect(before.plan.parent).toMatchObject({ id: P });
    expect(before.itemOf.get(C.c1a!)).toMatchObject({ id: I.i1, code: "(一)" });
    expect(before.parentItems).toHaveLength(7);
    const planPage = (await getPlanDecomposition(bureau, P, TODAY))!;
    expect(planPage.plan.children.map((c) => c.id)).toEqual([D]);
    expect(planPage.rollups.get(I.i1!)!.children.map((c) => c.id)).toEqual([C.c1a, C.c1b]);

    const other = await createPlan(db(), { regionId: world.a.region.id, title: "另一个规划" });
    expect(await setPlanParent({ planId: D, parentPlanId: other.id })).toMatchObject({ ok: true });
    expect(await db().measure.count({ where: { planId: D, parentItemId: { not: null } } })).toBe(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "plan.setParent", entityId: String(D) } });
    expect((audit.after as { unlinkedMeasureIds: number[] }).unlinkedMeasureIds).toHaveLength(10);
    // A plan cannot implement one that implements it.
    expect(await setPlanParent({ planId: other.id, parentPlanId: D })).toMatchObject({ ok: false, code: "VALIDATION" });
  });
});

/** A page as the server renders it; its forms ask for the app router, which a page always has. */
function render(element: ReactElement) {
  const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
  return renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router as never }, element));
}

describe("对应上级规划条目, reached from the import's result", () => {
  it("on a 分工方案 without a parent plan, lets the bureau choose it there; with one, lists the proposals", async () => {
    await db().plan.update({ where: { id: D }, data: { parentId: null } });
    await db().measure.updateMany({ where: { planId: D }, data: { parentItemId: null } });
    await actAs(world.a.users.bureau);
    const params = Promise.resolve({ id: String(D) });
    const without = render(await ParentItemsPage({ params }));
    expect(without).toContain("本方案未设上级规划:请先选择它分解落实的规划");
    expect(without).toContain('name="parentPlanId"');
    expect(without).toContain(`<option value="${P}">法治政府建设“十四五”规划</option>`);

    await db().plan.update({ where: { id: D }, data: { parentId: P } });
    await db().measure.update({ where: { id: C.c7! }, data: { text: "分解规划任务,组织中期评估" } });
    const withParent = render(await ParentItemsPage({ params: Promise.resolve({ id: String(D) }) }));
    expect(withParent).not.toContain('name="parentPlanId"');
    expect(withParent).toContain("(七)");

    // A leader reads the page but is offered nothing to change.
    await actAs(world.a.users.leader);
    await db().plan.update({ where: { id: D }, data: { parentId: null } });
    const asLeader = render(await ParentItemsPage({ params: Promise.resolve({ id: String(D) }) }));
    expect(asLeader).not.toContain('name="parentPlanId"');
    expect(asLeader).toContain("只有司法局可以确认对应");
  });
});
