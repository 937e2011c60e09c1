import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport, createUnit, createUser } from "@/lib/demo/factories.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { listDashboardMeasures, loadCityDashboard, loadDistrictDashboard, loadUnitDashboard } from "@/lib/dashboards/queries.ts";
import { getMeasureDetail } from "@/lib/progress/queries.ts";
import { rollUpItem } from "@/lib/plans/rollup.ts";
import { loadItemRollups } from "@/lib/plans/decomposition.ts";
import type { MeasureStatus } from "@/lib/reporting/lights.ts";
import { buildTwoDistricts } from "../support/world.ts";

// District A (下陆区) on 2024-10-15: a quarterly plan (period judged 2024-Q3,
// due 10-10) and a monthly one (2024-09), one measure per rule of lights.ts,
// a measure assigned through a unit group, ongoing measures, a measure with no
// unit, and a closed plan; district B has an overdue measure that must never
// show in A's figures. Every figure the dashboards return is computed again
// here with plain SQL written independently of lib/dashboards/facts.ts, and
// every measure's light is checked against lib/reporting/lights.ts.

const TODAY = "2024-10-15";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let M: Record<string, number>;
let units: { J: number; D: number; F: number };
let plans: { quarterly: number; monthly: number; closed: number; yearly: number };
let chapters: { c1: number; c1a: number; c2: number; c3: number };
let bureau: Actor;

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const Q2 = { start: "2024-04-01", end: "2024-06-30" };
const Q3 = { start: "2024-07-01", end: "2024-09-30" };
const SEP = { start: "2024-09-01", end: "2024-09-30" };
const Y2023 = { start: "2023-01-01", end: "2023-12-31" };

async function actor(user: { id: number }) {
  return (await loadActor(user.id))!;
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-10-15T02:00:00Z"));
  world = await buildTwoDistricts();
  const A = world.a.region.id;
  const J = world.a.units.justice.id;
  const D = world.a.units.development.id;
  const F = (await createUnit(db(), { regionId: A, name: "区财政局" })).id;
  units = { J, D, F };
  const G = world.a.group.id; // 区直各部门 = {J, D}
  const reviewer = world.a.users.bureau.id;

  const quarterly = await createPlan(db(), { regionId: A, title: "下陆区法治政府建设实施方案" });
  const monthly = await createPlan(db(), { regionId: A, title: "数字法治政府建设方案", reportCadence: "MONTHLY" });
  const closed = await createPlan(db(), { regionId: A, title: "已结束的方案" });
  await db().plan.update({ where: { id: closed.id }, data: { status: "CLOSED" } });
  const planB = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案" });
  const yearly = await createPlan(db(), { regionId: A, title: "年度报送的方案", reportCadence: "YEARLY" });
  plans = { quarterly: quarterly.id, monthly: monthly.id, closed: closed.id, yearly: yearly.id };

  const section = (planId: number, label: string, title: string, sortOrder: number, parentId: number | null, outlineArea: string | null) =>
    db().section.create({ data: { planId, districtId: A, label, title, sortOrder, parentId, outlineArea } });
  const c1 = await section(quarterly.id, "一、", "健全政府机构职能体系", 0, null, "FUNCTIONS");
  const c1a = await section(quarterly.id, "(一)", "深化行政审批制度改革", 1, c1.id, null);
  const c2 = await section(quarterly.id, "二、", "严格规范公正文明执法", 2, null, "ENFORCEMENT");
  const c3 = await section(monthly.id, "一、", "加快数字法治政府建设", 0, null, "TECHNOLOGY");
  chapters = { c1: c1.id, c1a: c1a.id, c2: c2.id, c3: c3.id };

  const measure = async (
    planId: number,
    sectionId: number | null,
    code: string,
    rest: Parameters<typeof createMeasure>[1] extends infer T ? Omit<T & object, "planId" | "code"> : never,
  ) => {
    const created = await createMeasure(db(), { planId, code, ...rest });
    if (sectionId) await db().measure.update({ where: { id: created.id }, data: { sectionId } });
    return created.id;
  };
  M = {
    // Completed late: the lead's completion was approved on 07-17, deadline 06-30. D is responsible through the group.
    m1: await measure(quarterly.id, c1a.id, "1", { deadline: "2024-06-30", leadUnitIds: [J] }),
    // Completed on time.
    m2: await measure(quarterly.id, c1.id, "2", { deadline: "2024-12-31", leadUnitIds: [J] }),
    // Overdue.
    m3: await measure(quarterly.id, c1.id, "3", { deadline: "2024-09-30", leadUnitIds: [D] }),
    // Due in 26 days, reported.
    m4: await measure(quarterly.id, c2.id, "4", { deadline: "2024-11-10", leadUnitIds: [J] }),
    // Ongoing, Q3 report returned.
    m5: await measure(quarterly.id, c2.id, "5", { ongoing: true, leadUnitIds: [D] }),
    // Ongoing, reported in Q2 but not in Q3.
    m6: await measure(quarterly.id, c2.id, "6", { ongoing: true, leadUnitIds: [J] }),
    // Assigned after Q3 ended, never reported: not started, no Q3 report expected.
    m7: await measure(quarterly.id, c2.id, "7", { deadline: "2025-12-31", leadUnitIds: [J] }),
    // No unit assigned, no chapter.
    m8: await measure(quarterly.id, null, "8", { deadline: "2025-06-30" }),
    // Lead D submitted Q3 (awaiting review); J responsible through the group has not reported.
    m9: await measure(quarterly.id, c2.id, "9", { deadline: "2025-06-30", leadUnitIds: [D] }),
    // Lead F only has a Q3 draft.
    m10: await measure(quarterly.id, c2.id, "10", { deadline: "2025-06-30", leadUnitIds: [F] }),
    // Monthly plan, September approved.
    m11: await measure(monthly.id, c3.id, "1", { deadline: "2025-03-31", leadUnitIds: [D] }),
    // Closed plan: history, only when chosen.
    m12: await measure(closed.id, null, "1", { deadline: "2024-05-31", leadUnitIds: [J] }),
    b1: await measure(planB.id, null, "1", { deadline: "2024-05-31", leadUnitIds: [world.b.units.justice.id] }),
    // No deadline printed, not 长期坚持 either: still to be completed, so in 完成率's base.
    m13: await measure(quarterly.id, c2.id, "13", { deadline: null, leadUnitIds: [F] }),
    // Yearly reports: on 2024-10-15 the year judged is 2023 (due 2024-01-10).
    m14: await measure(yearly.id, null, "1", { deadline: "2025-12-31", leadUnitIds: [D] }),
  };
  const viaGroup = (measureId: number, unitId: number) =>
    db().assignment.create({ data: { measureId, unitId, districtId: A, role: "RESPONSIBLE", source: "GROUP", viaGroupId: G } });
  await viaGroup(M.m1!, D);
  await viaGroup(M.m9!, J);

  await db().measure.updateMany({ data: { createdAt: day("2024-01-01") } });
  await db().assignment.updateMany({ data: { createdAt: day("2024-01-01") } });
  await db().assignment.updateMany({ where: { measureId: M.m7 }, data: { createdAt: new Date("2024-10-12T02:00:00Z") } });

  const assignment = async (measureId: number, unitId: number) =>
    (await db().assignment.findFirstOrThrow({ where: { measureId, unitId } })).id;
  const report = async (
    measureId: number,
    unitId: number,
    period: { start: string; end: string },
    state: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED",
    extra: { claimedStatus?: "COMPLETED"; reviewedAt?: Date } = {},
  ) =>
    createProgressReport(db(), {
      assignmentId: await assignment(measureId, unitId),
      period,
      state,
      authorId: reviewer,
      reviewerId: state === "APPROVED" || state === "RETURNED" ? reviewer : null,
      ...extra,
    });
  await report(M.m1!, J, Q2, "APPROVED", { claimedStatus: "COMPLETED", reviewedAt: new Date("2024-07-17T02:00:00Z") });
  await report(M.m2!, J, Q3, "APPROVED", { claimedStatus: "COMPLETED", reviewedAt: new Date("2024-10-12T02:00:00Z") });
  await report(M.m3!, D, Q2, "APPROVED");
  await report(M.m4!, J, Q3, "APPROVED");
  await report(M.m5!, D, Q3, "RETURNED");
  await report(M.m6!, J, Q2, "APPROVED");
  await report(M.m9!, D, Q3, "SUBMITTED");
  await report(M.m10!, F, Q2, "APPROVED");
  await report(M.m10!, F, Q3, "DRAFT");
  await report(M.m11!, D, SEP, "APPROVED");
  await report(M.m13!, F, Q3, "APPROVED");
  await report(M.m14!, D, Y2023, "APPROVED");
  bureau = await actor(world.a.users.bureau);
});

afterEach(() => {
  vi.useRealTimers();
});

// ---------------------------------------------------------------------------
// Independent SQL

/** Measures of district A's open plans (or one plan), with their derived status, computed plainly. */
async function sqlMeasureStatuses(planIds: number[]) {
  return db().$queryRawUnsafe<{ id: number; status: string; ongoing: boolean; deadline: string | null; completedOn: string | null }[]>(
    `
    SELECT m.id, m.ongoing, to_char(m.deadline, 'YYYY-MM-DD') AS deadline,
      CASE
        WHEN EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m.id AND l.role = 'LEAD')
         AND NOT EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m.id AND l.role = 'LEAD' AND l.status <> 'COMPLETED')
          THEN 'COMPLETED'
        WHEN NOT m.ongoing AND m.deadline < $1::date THEN 'OVERDUE'
        WHEN NOT EXISTS (SELECT 1 FROM "Assignment" x WHERE x."measureId" = m.id AND x."lastReportAt" IS NOT NULL) THEN 'NOT_STARTED'
        ELSE 'IN_PROGRESS'
      END AS status,
      (SELECT to_char(max(l."completedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')
         FROM "Assignment" l WHERE l."measureId" = m.id AND l.role = 'LEAD') AS "completedOn"
    FROM "Measure" m WHERE m."planId" = ANY($2::int[]) ORDER BY m.id`,
    TODAY,
    planIds,
  );
}

/** Per-unit figures for district A's open plans, the period given per plan, computed plainly. */
async function sqlUnitFigures(periods: Record<number, { start: string; end: string }>) {
  const planIds = Object.keys(periods).map(Number);
  const rows = await db().$queryRawUnsafe<
    {
      unitId: number;
      role: string;
      done: boolean;
      measureDone: boolean;
      measureDoneOn: string | null;
      doneOn: string | null;
      deadline: string | null;
      ongoing: boolean;
      state: string | null;
      createdOn: string;
      planId: number;
      returned: number;
    }[]
  >(
    `
    SELECT a."unitId", a.role::text AS role, a.status = 'COMPLETED' AS done,
      to_char(a."completedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "doneOn",
      (EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m.id AND l.role = 'LEAD')
        AND NOT EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m.id AND l.role = 'LEAD' AND l.status <> 'COMPLETED')) AS "measureDone",
      (SELECT to_char(max(l."completedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')
         FROM "Assignment" l WHERE l."measureId" = m.id AND l.role = 'LEAD') AS "measureDoneOn",
      to_char(m.deadline, 'YYYY-MM-DD') AS deadline, m.ongoing, m."planId",
      to_char(a."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "createdOn",
      (SELECT r.state::text FROM "ProgressReport" r WHERE r."assignmentId" = a.id
         AND to_char(r."periodStart", 'YYYY-MM-DD') = (($2::jsonb) -> m."planId"::text ->> 'start')) AS state,
      (SELECT count(*)::int FROM "ProgressReport" r WHERE r."assignmentId" = a.id AND r.state = 'RETURNED') AS returned
    FROM "Assignment" a JOIN "Measure" m ON m.id = a."measureId"
    WHERE m."planId" = ANY($1::int[])`,
    planIds,
    JSON.stringify(periods),
  );
  // Tallied in the test: the rules as the issue states them, not as facts.ts words them.
  const byUnit = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const period = periods[r.planId]!;
    const effDone = r.done || r.measureDone;
    const effDoneOn = r.done ? r.doneOn : r.measureDoneOn;
    const hasDeadline = !r.ongoing && r.deadline !== null;
    const past = hasDeadline && r.deadline! < TODAY;
    const expected = !effDone && period.end >= r.createdOn;
    const t = byUnit.get(r.unitId) ?? {
      assigned: 0,
      lead: 0,
      completed: 0,
      overdue: 0,
      onTimeBase: 0,
      onTime: 0,
      expected: 0,
      submitted: 0,
      selReturned: 0,
      returned: 0,
    };
    t.assigned! += 1;
    if (r.role === "LEAD") t.lead! += 1;
    if (effDone) t.completed! += 1;
    if (!effDone && past) t.overdue! += 1;
    if (hasDeadline && (effDone || past)) t.onTimeBase! += 1;
    if (hasDeadline && effDone && effDoneOn! <= r.deadline!) t.onTime! += 1;
    if (expected) t.expected! += 1;
    if (expected && (r.state === "SUBMITTED" || r.state === "APPROVED")) t.submitted! += 1;
    if (expected && r.state === "RETURNED") t.selReturned! += 1;
    t.returned! += r.returned;
    byUnit.set(r.unitId, t);
  }
  return byUnit;
}

const LIGHT_OF: Record<string, string> = {
  m1: "GREEN",
  m2: "GREEN",
  m3: "RED",
  m4: "YELLOW",
  m5: "YELLOW",
  m6: "YELLOW",
  m7: "GREY",
  m8: "YELLOW",
  m9: "YELLOW",
  m10: "YELLOW",
  m11: "GREEN",
  m13: "GREEN",
  m14: "GREEN",
};

describe("district dashboard figures", () => {
  it("count measures by state and light as plain SQL and lights.ts do", async () => {
    const data = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    const statuses = await sqlMeasureStatuses([plans.quarterly, plans.monthly, plans.yearly]);
    const count = (status: string) => statuses.filter((s) => s.status === status).length;
    expect(data.totals).toMatchObject({
      measures: statuses.length,
      completed: count("COMPLETED"),
      overdue: count("OVERDUE"),
      inProgress: count("IN_PROGRESS"),
      notStarted: count("NOT_STARTED"),
      ongoing: statuses.filter((s) => s.ongoing).length,
      nonOngoing: statuses.filter((s) => !s.ongoing).length,
      completedNonOngoing: statuses.filter((s) => !s.ongoing && s.status === "COMPLETED").length,
    });
    expect(data.totals).toMatchObject({ measures: 13, completed: 2, overdue: 1, notStarted: 2, inProgress: 8, nonOngoing: 11, dueSoon: 1 });

    // Each measure's light: the hand-worked expectation, the SQL restatement and lights.ts agree.
    const listed = (await listDashboardMeasures(bureau, world.a.region.id, {}, TODAY, 1000))!;
    const sqlLight = new Map(listed.rows.map((r) => [r.id, r.light]));
    const sqlStatus = new Map(listed.rows.map((r) => [r.id, r.status]));
    for (const [key, expected] of Object.entries(LIGHT_OF)) {
      const detail = (await getMeasureDetail(bureau, M[key]!))!;
      expect({ key, sql: sqlLight.get(M[key]!) }).toEqual({ key, sql: expected });
      expect({ key, js: detail.overall.light }).toEqual({ key, js: expected });
      expect({ key, status: sqlStatus.get(M[key]!) }).toEqual({ key, status: statuses.find((s) => s.id === M[key])!.status });
    }
    expect(data.totals).toMatchObject({ red: 1, yellow: 6, green: 5, grey: 1 });
  });

  it("milestones (时间节点): missed turns yellow, past the plan's grace red, alike in SQL and lights.ts", async () => {
    const milestone = (measureId: number, title: string, dueDate: string, completedAt: Date | null = null) =>
      db().milestone.create({ data: { measureId, districtId: world.a.region.id, title, dueDate: day(dueDate), completedAt } });
    // Today 2024-10-15, grace 15 days (the default).
    await milestone(M.m11!, "完成系统上线", "2024-10-05"); // 10 days late: yellow
    await milestone(M.m14!, "出台实施细则", "2024-09-20"); // 25 days late: red
    await milestone(M.m13!, "召开推进会", "2024-09-01", new Date("2024-09-10T02:00:00Z")); // done: no effect
    await milestone(M.m13!, "印发方案", "2024-10-15"); // due today: still on time
    await milestone(M.m2!, "验收", "2024-08-01"); // the measure is completed: green wins
    await milestone(M.m8!, "明确牵头单位", "2024-09-01"); // no unit: judged as one that never reported
    await milestone(M.m3!, "中期检查", "2024-08-01"); // the deadline's red and reason come first
    // Completed after the day judged (as a view of a past day sees it): still open on that day.
    await milestone(M.m13!, "上报总结", "2024-10-01", new Date("2024-10-20T02:00:00Z"));
    const expectations: Record<string, [string, string]> = {
      m11: ["YELLOW", "时间节点「完成系统上线」未按期完成"],
      m14: ["RED", "时间节点「出台实施细则」逾期 25 天"],
      m13: ["YELLOW", "时间节点「上报总结」未按期完成"],
      m2: ["GREEN", "已完成"],
      m8: ["RED", "时间节点「明确牵头单位」逾期 44 天"],
      m3: ["RED", "已逾期 15 天"],
    };
    const check = async (lights: Record<string, [string, string]>) => {
      const listed = (await listDashboardMeasures(bureau, world.a.region.id, {}, TODAY, 1000))!;
      const sqlLight = new Map(listed.rows.map((r) => [r.id, r.light]));
      for (const [key, [light, reason]] of Object.entries({
        ...Object.fromEntries(Object.entries(LIGHT_OF).map(([k, l]) => [k, [l, ""]])),
        ...lights,
      })) {
        const detail = (await getMeasureDetail(bureau, M[key]!))!;
        expect({ key, sql: sqlLight.get(M[key]!) }).toEqual({ key, sql: light });
        expect({ key, js: detail.overall.light }).toEqual({ key, js: light });
        if (reason) expect({ key, reason: detail.overall.reason }).toEqual({ key, reason });
      }
    };
    await check(expectations);
    const data = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    expect(data.totals).toMatchObject({ red: 3, yellow: 7, green: 2, grey: 1 });
    // The bureau widens the yearly plan's grace to 30 days: m14's milestone is yellow again.
    await db().plan.update({ where: { id: plans.yearly }, data: { milestoneGraceDays: 30 } });
    await check({ ...expectations, m14: ["YELLOW", "时间节点「出台实施细则」未按期完成"] });
    // Completing it turns the measure green once more.
    await db().milestone.updateMany({ where: { measureId: M.m14 }, data: { completedAt: new Date("2024-10-15T01:00:00Z") } });
    await check({ ...expectations, m14: ["GREEN", "进展正常"] });
  });

  it("per-unit figures (group assignments included) equal independent SQL for the latest and a chosen period", async () => {
    // A quarter chosen means, for each plan, its latest period ending by the quarter's end.
    for (const [key, periods] of [
      [undefined, { [plans.quarterly]: Q3, [plans.monthly]: SEP, [plans.yearly]: Y2023 }],
      ["2024-Q3", { [plans.quarterly]: Q3, [plans.monthly]: SEP, [plans.yearly]: Y2023 }],
      ["2024-Q2", { [plans.quarterly]: Q2, [plans.monthly]: { start: "2024-06-01", end: "2024-06-30" }, [plans.yearly]: Y2023 }],
      // Not yet due on 2024-10-15: the periods judged today are used instead.
      ["2024-Q4", { [plans.quarterly]: Q3, [plans.monthly]: SEP, [plans.yearly]: Y2023 }],
    ] as const) {
      const data = (await loadDistrictDashboard(bureau, world.a.region.id, { period: key }, TODAY))!;
      const expected = await sqlUnitFigures(periods);
      const got = new Map(data.units.map(({ unitId, name: _name, ...counts }) => [unitId, counts]));
      expect(new Set(got.keys())).toEqual(new Set(expected.keys()));
      for (const [unitId, figures] of expected) expect({ unitId, ...got.get(unitId) }).toEqual({ unitId, ...figures });
    }
    // Spot checks worked by hand: D is responsible for the late-completed m1 through the group.
    const data = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    const D = data.units.find((u) => u.unitId === units.D)!;
    expect(D).toMatchObject({ assigned: 6, completed: 1, overdue: 1, onTimeBase: 2, onTime: 0, returned: 1, selReturned: 1 });
    const J = data.units.find((u) => u.unitId === units.J)!;
    // J: m1 late, m2 on time; m7 not due; m9 (group) and m6 owe a Q3 report.
    expect(J).toMatchObject({ assigned: 6, completed: 2, onTimeBase: 2, onTime: 1, expected: 3, submitted: 1 });
    expect(data.notReported.map((u) => u.unitId).sort()).toEqual([units.D, units.F, units.J].sort());
  });

  it("lists as 未报送 only the units that owe a report for the period: active units on open plans with a due report missing", async () => {
    // Today J owes m6 and m9 (group), D m3 (overdue, no Q3 report) and m5 (returned), F m10 (a draft only).
    const before = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    expect(before.notReported.map((u) => [u.unitId, u.owed])).toEqual(
      expect.arrayContaining([
        [units.J, 2],
        [units.D, 2],
        [units.F, 1],
      ]),
    );
    // F's remaining Q3 report arrives: F owes nothing and leaves the list, while staying in the unit table.
    const m10 = await db().assignment.findFirstOrThrow({ where: { measureId: M.m10, unitId: units.F } });
    await db().progressReport.updateMany({ where: { assignmentId: m10.id, periodStart: day(Q3.start) }, data: { state: "SUBMITTED" } });
    // D is no longer active: a unit that has been wound up is not chased, so it owes nothing either.
    await db().unit.update({ where: { id: units.D }, data: { active: false } });
    const after = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    expect(after.units.map((u) => u.unitId)).toEqual(expect.arrayContaining([units.D, units.F, units.J]));
    expect(after.notReported.map((u) => [u.unitId, u.owed])).toEqual([[units.J, 2]]);
    expect(after.notReported.length).toBeLessThan(after.units.length);
    // A closed plan is history: its missing reports are owed by no one.
    const closed = (await loadDistrictDashboard(bureau, world.a.region.id, { plan: plans.closed }, TODAY))!;
    expect(closed.units.map((u) => u.unitId)).toEqual([units.J]);
    expect(closed.notReported).toEqual([]);
  });

  it("completion per plan, per chapter and per month equals independent SQL", async () => {
    const data = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    const byRoot = await db().$queryRawUnsafe<{ chapter: number | null; measures: number; completed: number }[]>(
      `
      WITH RECURSIVE tree AS (
        SELECT id, id AS root FROM "Section" WHERE "parentId" IS NULL
        UNION ALL SELECT s.id, tree.root FROM "Section" s JOIN tree ON s."parentId" = tree.id
      )
      SELECT tree.root AS chapter, count(*)::int AS measures,
        count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m.id AND l.role = 'LEAD' AND l.status <> 'COMPLETED')
          AND EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m.id AND l.role = 'LEAD'))::int AS completed
      FROM "Measure" m LEFT JOIN tree ON tree.id = m."sectionId"
      WHERE m."planId" = ANY($1::int[]) GROUP BY tree.root`,
      [plans.quarterly, plans.monthly, plans.yearly],
    );
    const chapterFigures = data.chapters.map((c) => ({ chapter: c.chapterId, measures: c.measures, completed: c.completed }));
    expect(chapterFigures).toEqual(expect.arrayContaining(byRoot));
    expect(chapterFigures).toHaveLength(byRoot.length);
    expect(data.chapters.map((c) => [c.title, c.measures])).toEqual([
      ["健全政府机构职能体系", 3],
      ["严格规范公正文明执法", 7],
      ["加快数字法治政府建设", 1],
      ["未分章节", 2],
    ]);
    expect(data.plans.map((p) => [p.planId, p.measures, p.completed])).toEqual([
      [plans.quarterly, 11, 2],
      [plans.monthly, 1, 0],
      [plans.yearly, 1, 0],
    ]);

    const statuses = await sqlMeasureStatuses([plans.quarterly, plans.monthly, plans.yearly]);
    const months = new Map<string, number>();
    for (const s of statuses)
      if (s.status === "COMPLETED" && !s.ongoing) months.set(s.completedOn!.slice(0, 7), (months.get(s.completedOn!.slice(0, 7)) ?? 0) + 1);
    expect(Object.fromEntries(data.monthly.filter((p) => p.completed > 0).map((p) => [p.month, p.completed]))).toEqual(
      Object.fromEntries(months),
    );
    expect(months).toEqual(
      new Map([
        ["2024-07", 1],
        ["2024-10", 1],
      ]),
    );
    expect(data.monthly.at(-1)).toEqual({ month: "2024-10", completed: 1, cumulative: 2 });
  });

  it("lists overdue and due-soon measures one click from their pages", async () => {
    const data = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    expect(data.overdue.rows.map((r) => [r.id, r.days, r.leadUnits])).toEqual([[M.m3, 15, "区发改局"]]);
    expect(data.dueSoon.rows.map((r) => [r.id, r.days])).toEqual([[M.m4, 26]]);
  });

  it("filters by chapter (sub-sections included), unit, light, state and a closed plan", async () => {
    const A = world.a.region.id;
    const chapter = (await loadDistrictDashboard(bureau, A, { chapter: chapters.c1 }, TODAY))!;
    expect(chapter.totals).toMatchObject({ measures: 3, completed: 2, overdue: 1 });
    expect(chapter.overdue.rows.map((r) => r.id)).toEqual([M.m3]);

    const unit = (await loadDistrictDashboard(bureau, A, { unit: units.D }, TODAY))!;
    expect(unit.totals.measures).toBe(6); // m1 (through the group), m3, m5, m9, m11, m14
    expect(unit.units.map((u) => u.unitId)).toEqual([units.D]);

    const red = (await listDashboardMeasures(bureau, A, { light: "RED" }, TODAY))!;
    expect(red.rows.map((r) => r.id)).toEqual([M.m3]);
    const notStarted = (await listDashboardMeasures(bureau, A, { state: "NOT_STARTED" }, TODAY))!;
    expect(notStarted.rows.map((r) => r.id).sort()).toEqual([M.m7, M.m8].sort());
    const closed = (await loadDistrictDashboard(bureau, A, { plan: plans.closed }, TODAY))!;
    expect(closed.totals).toMatchObject({ measures: 1, overdue: 1 });
    // The same plan id from another district's dashboard finds nothing.
    const other = (await loadDistrictDashboard(await actor(world.admin), world.b.region.id, { plan: plans.quarterly }, TODAY))!;
    expect(other.totals.measures).toBe(0);
  });
});

describe("cross-district view", () => {
  it("shows the city's districts side by side and by outline area, as SQL counts them", async () => {
    const data = (await loadCityDashboard(await actor(world.cityLeader), world.city.id, {}, TODAY))!;
    expect(data.districts.map((d) => d.name)).toEqual(["黄石港区", "下陆区"]);
    const a = data.districts.find((d) => d.id === world.a.region.id)!;
    const b = data.districts.find((d) => d.id === world.b.region.id)!;
    expect(a.measures).toMatchObject({ measures: 13, completed: 2, overdue: 1, red: 1 });
    expect(b.measures).toMatchObject({ measures: 1, overdue: 1, red: 1 });

    const areas = await db().$queryRawUnsafe<{ districtId: number; area: string | null; measures: number }[]>(`
      WITH RECURSIVE tree AS (
        SELECT id, "outlineArea" AS area FROM "Section" WHERE "parentId" IS NULL
        UNION ALL SELECT s.id, COALESCE(s."outlineArea", tree.area) FROM "Section" s JOIN tree ON s."parentId" = tree.id
      )
      SELECT m."districtId", tree.area, count(*)::int AS measures
      FROM "Measure" m JOIN "Plan" p ON p.id = m."planId" LEFT JOIN tree ON tree.id = m."sectionId"
      WHERE p.status <> 'CLOSED' GROUP BY 1, 2`);
    const got = data.areaCells.map((c) => ({ districtId: c.districtId, area: c.area, measures: c.measures }));
    expect(got).toEqual(expect.arrayContaining(areas));
    expect(got).toHaveLength(areas.length);
    expect(data.areaCells.find((c) => c.districtId === world.a.region.id && c.area === "FUNCTIONS")).toMatchObject({
      measures: 3,
      completed: 2,
    });

    // Computed per measure for the city, per assignment for the district: the same counts.
    for (const filters of [
      {},
      { period: "2024-Q2" },
      { light: "YELLOW" as const },
      { state: "IN_PROGRESS" as const },
      { area: "ENFORCEMENT" },
    ]) {
      const city = (await loadCityDashboard(await actor(world.cityLeader), world.city.id, filters, TODAY))!;
      const district = (await loadDistrictDashboard(bureau, world.a.region.id, filters, TODAY))!;
      expect(city.districts.find((d) => d.id === world.a.region.id)!.assignments).toEqual({
        districtId: world.a.region.id,
        ...district.assignmentTotals,
      });
    }

    const enforcement = (await loadCityDashboard(await actor(world.cityLeader), world.city.id, { area: "ENFORCEMENT" }, TODAY))!;
    expect(enforcement.districts.find((d) => d.id === world.a.region.id)!.measures!.measures).toBe(7);
  });
});

describe("scope", () => {
  it("a district leader sees its own district only; the city leader sees both", async () => {
    const leaderA = await actor(world.a.users.leader);
    expect(await loadDistrictDashboard(leaderA, world.a.region.id, {}, TODAY)).not.toBeNull();
    expect(await loadDistrictDashboard(leaderA, world.b.region.id, {}, TODAY)).toBeNull();
    expect(await listDashboardMeasures(leaderA, world.b.region.id, {}, TODAY)).toBeNull();
    expect(await loadCityDashboard(leaderA, world.city.id, {}, TODAY)).toBeNull();
    const ownDistrictAsCity = (await loadCityDashboard(leaderA, world.a.region.id, {}, TODAY))!;
    expect(ownDistrictAsCity.districts.map((d) => d.id)).toEqual([world.a.region.id]);
    expect(await loadUnitDashboard(leaderA, world.b.units.justice.id, {}, TODAY)).toBeNull();

    const cityLeader = await actor(world.cityLeader);
    expect(await loadDistrictDashboard(cityLeader, world.b.region.id, {}, TODAY)).not.toBeNull();
    // A leader elsewhere: another city's districts are out of reach.
    const elsewhere = await db().region.create({ data: { code: "310000", name: "上海市", level: "CITY", path: "" } });
    await db().region.update({ where: { id: elsewhere.id }, data: { path: `/${elsewhere.id}/` } });
    const outsider = await actor(await createUser(db(), { login: "sh.leader", name: "市领导", role: "LEADER", regionId: elsewhere.id }));
    expect(await loadCityDashboard(outsider, world.city.id, {}, TODAY)).toBeNull();
    expect(await loadDistrictDashboard(outsider, world.a.region.id, {}, TODAY)).toBeNull();
  });

  it("a liaison gets its own unit's dashboard only, with the district as aggregates", async () => {
    const liaison = await actor(world.a.users.liaison); // 区发改局 (D)
    expect(await loadDistrictDashboard(liaison, world.a.region.id, {}, TODAY)).toBeNull();
    expect(await listDashboardMeasures(liaison, world.a.region.id, {}, TODAY)).toBeNull();
    expect(await loadCityDashboard(liaison, world.a.region.id, {}, TODAY)).toBeNull();
    expect(await loadUnitDashboard(liaison, units.J, {}, TODAY)).toBeNull();
    expect(await loadUnitDashboard(liaison, world.b.units.development.id, {}, TODAY)).toBeNull();

    const own = (await loadUnitDashboard(liaison, units.D, {}, TODAY))!;
    expect(own.unit.id).toBe(units.D);
    const district = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    const { unitId: _u, name: _n, ...dFigures } = district.units.find((u) => u.unitId === units.D)!;
    expect(own.unitCounters).toEqual(dFigures);
    expect(own.districtCounters).toMatchObject({ assigned: district.assignmentTotals.assigned, units: 3 });
    // Returned reports listed are the unit's own.
    expect(own.returned.map((r) => r.assignment!.measure.id)).toEqual([M.m5]);
    // Nothing names another unit: the district appears as totals only.
    expect(JSON.stringify(own)).not.toContain("区司法局");
    expect(JSON.stringify(own)).not.toContain("区财政局");
  });
});

describe("parent items rolled up (a 规划 divided by the plans above)", () => {
  // A 规划 whose items the quarterly and monthly plans implement: the item's
  // state and light by rollup.ts over the children's lights.ts lights and
  // plain-SQL statuses, against the facts' SQL restatement, item by item.
  it("agree with rollup.ts over lights.ts, with mixed deadlines and an extended child, and count nothing twice", async () => {
    // m13 had its deadline moved by an approved extension: printed 2024-09-30 (passed), now 2025-06-30.
    await db().measure.update({ where: { id: M.m13! }, data: { deadline: day("2025-06-30"), originalDeadline: day("2024-09-30") } });
    const before = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;

    const P = await createPlan(db(), { regionId: world.a.region.id, title: "法治政府建设规划" });
    await db().plan.updateMany({ where: { id: { in: [plans.quarterly, plans.monthly] } }, data: { parentId: P.id } });
    const item = async (code: string) => (await createMeasure(db(), { planId: P.id, code, deadline: "2025-12-31" })).id;
    const items = { p1: await item("1"), p2: await item("2"), p3: await item("3"), p4: await item("4"), p5: await item("5") };
    const chapter = await db().section.create({
      data: { planId: P.id, districtId: P.districtId, label: "一、", title: "依法全面履行政府职能", sortOrder: 0 },
    });
    await db().measure.updateMany({ where: { planId: P.id }, data: { sectionId: chapter.id } });
    const children: Record<keyof typeof items, string[]> = {
      p1: ["m1", "m2"], // both completed (one late)
      p2: ["m3", "m4"], // mixed deadlines: m3 overdue (09-30), m4 due in 26 days
      p3: ["m7", "m11"], // not started and a monthly plan's measure in progress
      p4: ["m13"], // the extended child
      p5: [], // 未分解
    };
    for (const [key, list] of Object.entries(children)) {
      await db().measure.updateMany({
        where: { id: { in: list.map((k) => M[k]!) } },
        data: { parentItemId: items[key as keyof typeof items] },
      });
    }
    const want = {
      p1: { status: "COMPLETED", light: "GREEN", deadline: "2024-12-31" },
      p2: { status: "OVERDUE", light: "RED", deadline: "2024-11-10" },
      p3: { status: "IN_PROGRESS", light: "GREEN", deadline: "2025-12-31" },
      p4: { status: "IN_PROGRESS", light: "GREEN", deadline: "2025-06-30" },
    };

    const statuses = new Map((await sqlMeasureStatuses([plans.quarterly, plans.monthly])).map((s) => [s.id, s]));
    const sql = (await listDashboardMeasures(bureau, world.a.region.id, { plan: P.id }, TODAY, 1000))!;
    const page = await loadItemRollups(db(), P.id, TODAY);
    for (const [key, expected] of Object.entries(want)) {
      const kids = await Promise.all(
        children[key as keyof typeof items].map(async (k) => {
          const s = statuses.get(M[k]!)!;
          const light = (await getMeasureDetail(bureau, M[k]!))!.overall;
          return {
            status: s.status as MeasureStatus,
            light: light.light,
            reasonCode: light.reasonCode,
            reason: light.reason,
            deadline: s.deadline,
            ongoing: s.ongoing,
          };
        }),
      );
      const ts = rollUpItem(kids)!;
      const id = items[key as keyof typeof items];
      const row = sql.rows.find((r) => r.id === id)!;
      expect({ key, ts: { status: ts.status, light: ts.light, deadline: ts.deadline } }).toEqual({ key, ts: expected });
      expect({ key, sql: { status: row.status, light: row.light, deadline: row.deadline } }).toEqual({ key, sql: expected });
      const shown = page.get(id)!.rolled!;
      expect({ key, page: { status: shown.status, light: shown.light, deadline: shown.deadline } }).toEqual({ key, page: expected });
    }
    // 未分解: judged on its own (no unit, its first report not yet due).
    expect(page.has(items.p5)).toBe(false);
    expect(sql.rows.find((r) => r.id === items.p5)).toMatchObject({ status: "NOT_STARTED", light: "GREY" });

    // Nothing counted twice: the totals gain only the item nobody implements; the 规划's row shows its five items.
    const after = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
    expect(after.totals).toEqual({
      ...before.totals,
      measures: before.totals.measures + 1,
      nonOngoing: before.totals.nonOngoing + 1,
      notStarted: before.totals.notStarted + 1,
      grey: before.totals.grey + 1,
    });
    expect(after.units).toEqual(before.units);
    expect(after.plans.find((p) => p.planId === P.id)).toMatchObject({
      measures: 5,
      completed: 1,
      overdue: 1,
      inProgress: 2,
      notStarted: 1,
      red: 1,
      green: 3,
      grey: 1,
    });
    expect(after.plans.find((p) => p.planId === plans.quarterly)).toEqual(before.plans.find((p) => p.planId === plans.quarterly));
    // The 规划's chapter, like its row, shows its items rolled up; the other chapters are as they were.
    expect(after.chapters.find((c) => c.chapterId === chapter.id)).toMatchObject({
      measures: 5,
      completed: 1,
      overdue: 1,
      red: 1,
      title: "依法全面履行政府职能",
    });
    expect(after.chapters.filter((c) => c.chapterId !== chapter.id)).toEqual(before.chapters);
  });
});

describe("a plan's reporting window (issue 15): the SQL facts and lights.ts agree", () => {
  // On 2024-10-15 the quarter judged is 2024-Q3. Three plans of district A, each
  // with one measure of 区财政局 (F) never reported, entered long before:
  //   past    in force, 2019–2023: Q3 2024 lies after its last day, nobody owes it;
  //   ended   终止 on 2024-06-15: likewise;
  //   within  终止 on 2024-08-31: it was in force during Q3, whose report is still owed.
  it("a period after the plan's window is not 未报送, nor expected; one overlapping it is", async () => {
    const A = world.a.region.id;
    const past = await createPlan(db(), { regionId: A, title: "期末已过的规划", periodStart: 2019, periodEnd: 2023 });
    const ended = await createPlan(db(), { regionId: A, title: "六月终止的规划" });
    const within = await createPlan(db(), { regionId: A, title: "八月终止的规划" });
    await db().plan.update({
      where: { id: ended.id },
      data: { status: "CLOSED", endKind: "TERMINATED", endedOn: day("2024-06-15"), endReason: "调整" },
    });
    await db().plan.update({
      where: { id: within.id },
      data: { status: "CLOSED", endKind: "TERMINATED", endedOn: day("2024-08-31"), endReason: "调整" },
    });
    const ids: Record<string, number> = {};
    for (const [key, plan] of [
      ["past", past],
      ["ended", ended],
      ["within", within],
    ] as const) {
      ids[key] = (await createMeasure(db(), { planId: plan.id, code: "1", ongoing: true, leadUnitIds: [units.F] })).id;
      await db().measure.update({ where: { id: ids[key] }, data: { createdAt: day("2020-01-01") } });
      await db().assignment.updateMany({ where: { measureId: ids[key] }, data: { createdAt: day("2020-01-01") } });
    }
    const expectations = [
      ["past", past.id, "GREY", 0],
      ["ended", ended.id, "GREY", 0],
      ["within", within.id, "YELLOW", 1],
    ] as const;
    for (const [key, planId, light, expected] of expectations) {
      const listed = (await listDashboardMeasures(bureau, A, { plan: planId }, TODAY, 100))!;
      const detail = (await getMeasureDetail(bureau, ids[key]!))!;
      expect({ key, sql: listed.rows.find((r) => r.id === ids[key])?.light }).toEqual({ key, sql: light });
      expect({ key, js: detail.overall.light }).toEqual({ key, js: light });
      const data = (await loadDistrictDashboard(bureau, A, { plan: planId }, TODAY))!;
      expect({ key, expected: data.units.find((u) => u.unitId === units.F)?.expected }).toEqual({ key, expected });
      // The measure page offers no report form for a period outside the window, nor for a closed plan.
      expect({ key, owed: detail.assignments[0]!.periods.map((p) => p.period.key) }).toEqual({ key, owed: [] });
    }
    // The plan in force past its window is among the district's open plans: F owes it nothing there either.
    const all = (await loadDistrictDashboard(bureau, A, {}, TODAY))!;
    const before = (await loadDistrictDashboard(bureau, A, { plan: plans.quarterly }, TODAY))!;
    expect(all.notReported.find((u) => u.unitId === units.F)?.owed).toBe(1); // m10's draft only, as before
    expect(before.notReported.find((u) => u.unitId === units.F)?.owed).toBe(1);
  });
});
