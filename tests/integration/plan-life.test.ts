import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createUser } from "@/lib/demo/factories.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { bringPlanIntoForce, closePlan } from "@/lib/plans/life-actions.ts";
import { runReminderJob } from "@/lib/notifications/reminder-job.ts";
import { lateReportCandidates } from "@/lib/notifications/reminder-queries.ts";
import { listUrgeTargets } from "@/lib/reminders/targets.ts";
import { sendReminder } from "@/lib/reminders/actions.ts";
import { getMeasureDetail } from "@/lib/progress/queries.ts";
import { submitProgressReport } from "@/lib/progress/actions.ts";
import { listTasksByUrgency, loadWorkbench } from "@/lib/workbench/queries.ts";
import { loadOverdueNotice } from "@/lib/reviews/queries.ts";
import type { Mailer } from "@/lib/notifications/mailer.ts";
import { getPlanLife } from "@/lib/plans/life-queries.ts";
import { listPlans } from "@/lib/plans/queries.ts";
import { PLAN_LIFE_LABELS, planLifeState } from "@/lib/plans/life.ts";
import { createFinalEvaluation } from "@/lib/evaluations/actions.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// Plan life (issue 15): 施行 / 期满 / 终止 by the bureau, and what a plan owes
// once its period is over or it is closed. Today is 2026-12-06 (Beijing): the
// quarter judged is 2026-Q3 (due 10-10, late), the one collected 2026-Q4.

const TODAY = "2026-12-06";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const silentMailer: Mailer = { configured: false, send: async () => {} };
const job = (today = TODAY) => runReminderJob(today, { mailer: silentMailer });
const page = { after: 0, limit: 100 };

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let plan: { id: number };
let measures: { dueSoon: number; overdue: number; ongoing: number };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-06T02:00:00Z"));
  world = await buildTwoDistricts();
  const D = world.a.units.development.id; // the liaison's unit
  plan = await createPlan(db(), {
    regionId: world.a.region.id,
    title: "下陆区法治政府建设规划(2021—2025年)",
    periodStart: 2021,
    periodEnd: 2025,
  });
  await db().plan.update({ where: { id: plan.id }, data: { issueDate: day("2021-06-01") } });
  measures = {
    dueSoon: (await createMeasure(db(), { planId: plan.id, code: "1", deadline: "2026-12-20", leadUnitIds: [D] })).id,
    overdue: (await createMeasure(db(), { planId: plan.id, code: "2", deadline: "2026-06-30", leadUnitIds: [D] })).id,
    ongoing: (await createMeasure(db(), { planId: plan.id, code: "3", ongoing: true, leadUnitIds: [D] })).id,
  };
  // Entered when the plan was issued.
  await db().measure.updateMany({ where: { planId: plan.id }, data: { createdAt: day("2021-06-01") } });
  await db().assignment.updateMany({ where: { measure: { planId: plan.id } }, data: { createdAt: day("2021-06-01") } });
});

afterEach(() => {
  vi.useRealTimers();
});

const planRow = () => db().plan.findUniqueOrThrow({ where: { id: plan.id } });
const lifeAudit = () => db().auditEvent.findMany({ where: { entityType: "Plan", entityId: String(plan.id) }, orderBy: { id: "asc" } });
const liaison = async () => (await loadActor(world.a.users.liaison.id))!;

describe("施行, 期满 and 终止 by the bureau", () => {
  it("a draft comes into force from a date, audited", async () => {
    await db().plan.update({ where: { id: plan.id }, data: { status: "DRAFT" } });
    await actAs(world.a.users.bureau);
    // 施行 from a past date: reports are owed from the period holding it, and the toast says so.
    expect(await bringPlanIntoForce({ planId: String(plan.id), effectiveFrom: "2026-01-01" })).toMatchObject({
      ok: true,
      message: "规划自 2026-01-01 起施行,该日所在期次起须报送进展",
    });
    expect(await planRow()).toMatchObject({ status: "IN_FORCE", effectiveFrom: day("2026-01-01") });
    const [event] = await lifeAudit();
    expect(event).toMatchObject({ action: "plan.bringIntoForce", actorId: world.a.users.bureau.id, districtId: world.a.region.id });
    expect(event!.before).toMatchObject({ status: "DRAFT", effectiveFrom: null });
    expect(event!.after).toMatchObject({ status: "IN_FORCE", effectiveFrom: "2026-01-01T00:00:00.000Z" });
    // In force already: refused, with the reason in Chinese, nothing changes.
    const again = await bringPlanIntoForce({ planId: String(plan.id), effectiveFrom: "2026-02-01" });
    expect(again).toMatchObject({ ok: false, code: "VALIDATION", message: "该规划已在施行中" });
    expect(await planRow()).toMatchObject({ effectiveFrom: day("2026-01-01") });
    expect(await lifeAudit()).toHaveLength(1);
  });

  it("期满 once the plan's last day has come, on that day", async () => {
    await actAs(world.a.users.bureau);
    const wrongDay = await closePlan({ planId: String(plan.id), endKind: "EXPIRED", endedOn: "2026-12-01" });
    expect(wrongDay).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { endedOn: ["期满日期应为规划期末(2025-12-31)"] } });
    expect(await closePlan({ planId: String(plan.id), endKind: "EXPIRED", endedOn: "2025-12-31" })).toMatchObject({ ok: true });
    expect(await planRow()).toMatchObject({ status: "CLOSED", endKind: "EXPIRED", endedOn: day("2025-12-31"), endReason: null });
    const events = await lifeAudit();
    expect(events.map((e) => e.action)).toEqual(["plan.expire"]);
    expect(events[0]!.after).toMatchObject({ status: "CLOSED", endKind: "EXPIRED" });
    // Closed is closed.
    const twice = await closePlan({ planId: String(plan.id), endKind: "TERMINATED", endedOn: "2025-06-30", reason: "重复" });
    expect(twice).toMatchObject({ ok: false, message: "该规划已期满,不能终止" });
  });

  it("期满 before the plan's end is refused", async () => {
    await db().plan.update({ where: { id: plan.id }, data: { periodStart: 2026, periodEnd: 2030 } });
    await actAs(world.a.users.bureau);
    const early = await closePlan({ planId: String(plan.id), endKind: "EXPIRED", endedOn: "2030-12-31" });
    expect(early).toMatchObject({ ok: false, fieldErrors: { endedOn: ["最后一期(2030年第四季度)报送截止 2031-01-10,之后方可确认期满"] } });
    expect(await planRow()).toMatchObject({ status: "IN_FORCE", endKind: null });
  });

  it("期满 waits until the last quarter's reports were due: its reports and completion claims are still taken", async () => {
    const assignment = await db().assignment.findFirstOrThrow({ where: { measureId: measures.overdue } });
    const bureau = async () => (await loadActor(world.a.users.bureau.id))!;
    for (const today of ["2025-12-31", "2026-01-01", "2026-01-10"]) {
      vi.setSystemTime(new Date(`${today}T02:00:00Z`));
      await actAs(world.a.users.bureau);
      expect(await closePlan({ planId: String(plan.id), endKind: "EXPIRED", endedOn: "2025-12-31" })).toMatchObject({
        ok: false,
        fieldErrors: { endedOn: ["最后一期(2025年第四季度)报送截止 2026-01-10,之后方可确认期满"] },
      });
      expect((await getPlanLife(await bureau(), plan.id, today))!.transitions).toEqual(["TERMINATED"]);
    }
    expect(await planRow()).toMatchObject({ status: "IN_FORCE", endKind: null });
    // So on its due date the liaison still reports Q4 and claims the measure completed.
    await actAs(world.a.users.liaison);
    expect(
      await submitProgressReport({
        assignmentId: String(assignment.id),
        periodKey: "2025-Q4",
        text: "已全部完成。",
        percent: "100",
        claimedStatus: "COMPLETED",
      }),
    ).toMatchObject({ ok: true });
    // The day after, 期满 is offered and confirmed.
    vi.setSystemTime(new Date("2026-01-11T02:00:00Z"));
    expect((await getPlanLife(await bureau(), plan.id, "2026-01-11"))!.transitions).toEqual(["EXPIRED", "TERMINATED"]);
    await actAs(world.a.users.bureau);
    expect(await closePlan({ planId: String(plan.id), endKind: "EXPIRED", endedOn: "2025-12-31" })).toMatchObject({ ok: true });
    expect(await planRow()).toMatchObject({ status: "CLOSED", endKind: "EXPIRED", endedOn: day("2025-12-31") });
  });

  it("终止 needs a date and a reason, in Chinese field errors, and records both", async () => {
    await actAs(world.a.users.bureau);
    const bare = await closePlan({ planId: String(plan.id), endKind: "TERMINATED", endedOn: "", reason: " " });
    expect(bare).toMatchObject({ ok: false, code: "VALIDATION" });
    if (bare.ok) throw new Error("unreachable");
    expect(bare.fieldErrors).toMatchObject({ endedOn: ["请填写终止日期,格式为 YYYY-MM-DD"], reason: ["请填写终止原因"] });
    expect(
      await closePlan({ planId: String(plan.id), endKind: "TERMINATED", endedOn: "2025-06-30", reason: "被新规划取代" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await planRow()).toMatchObject({
      status: "CLOSED",
      endKind: "TERMINATED",
      endedOn: day("2025-06-30"),
      endReason: "被新规划取代",
    });
    expect((await lifeAudit()).map((e) => e.action)).toEqual(["plan.terminate"]);
  });

  it("another district's bureau gets NOT_FOUND, leaders and liaisons FORBIDDEN; nothing changes; the admin may", async () => {
    const close = { planId: String(plan.id), endKind: "EXPIRED", endedOn: "2025-12-31" };
    await actAs(world.b.users.bureau);
    expect(await closePlan(close)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    for (const user of [world.a.users.leader, world.a.users.liaison]) {
      await actAs(user);
      expect(await closePlan(close)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await bringPlanIntoForce({ planId: String(plan.id), effectiveFrom: "2026-01-01" })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
    }
    expect(await planRow()).toMatchObject({ status: "IN_FORCE" });
    expect(await lifeAudit()).toHaveLength(0);
    await actAs(world.admin);
    expect(await closePlan(close)).toMatchObject({ ok: true });
  });
});

describe("an IN_FORCE plan whose periodEnd year has passed owes no report for later periods", () => {
  it("owes 2026 reports while its period runs to 2030, and none once it ended in 2025", async () => {
    const owedNow = async () => ({
      candidates: (await lateReportCandidates(db(), TODAY, page, { excludeReminded: false })).length,
      formPeriods: (await getMeasureDetail((await loadActor(world.a.users.bureau.id))!, measures.ongoing))!.assignments[0]!.periods.map(
        (p) => p.period.key,
      ),
      light: (await getMeasureDetail((await loadActor(world.a.users.bureau.id))!, measures.ongoing))!.overall.light,
      taskDue: (await listTasksByUrgency(await liaison(), {}, null, TODAY)).counts,
      countdown: (await loadWorkbench(await liaison(), null, TODAY)).countdown?.label ?? null,
      ledger: (await loadOverdueNotice((await loadActor(world.a.users.bureau.id))!, world.a.region.id, "2026-Q3", TODAY))!.owedCount,
    });
    // Control: a plan running to 2030 owes 2026-Q3 (late) and 2026-Q4 (being collected).
    await db().plan.update({ where: { id: plan.id }, data: { periodEnd: 2030 } });
    const running = await owedNow();
    expect(running).toMatchObject({
      candidates: 3,
      formPeriods: ["2026-Q3", "2026-Q4"],
      light: "YELLOW",
      ledger: 3,
      countdown: "2026年第四季度",
    });
    expect(running.taskDue).toMatchObject({ due: 3 });

    await db().plan.update({ where: { id: plan.id }, data: { periodEnd: 2025 } });
    const ended = await owedNow();
    expect(ended).toMatchObject({ candidates: 0, formPeriods: [], light: "GREY", ledger: 0, countdown: null });
    expect(ended.taskDue).toMatchObject({ due: 0 });
    // Past its last day, not yet closed by the bureau: nothing is chased at all,
    // neither late reports nor its due-soon and overdue measures.
    const result = await job();
    expect(result.created).toEqual({ REPORT_LATE: 0, DUE_SOON: 0, OVERDUE: 0 });
    expect(result.notifications).toBe(0);
    expect(await db().notification.count()).toBe(0);
    expect((await listTasksByUrgency(await liaison(), {}, null, TODAY)).total).toBe(0);
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    expect((await listUrgeTargets(bureau, measures.overdue))!.notChased).toBe("该规划的报送期至 2025-12-31 止,不再催办。");
    await actAs(world.a.users.bureau);
    const urge = await sendReminder({ measureId: String(measures.overdue), unitIds: [String(world.a.units.development.id)] });
    expect(urge).toMatchObject({ ok: false, code: "CONFLICT", message: "该规划的报送期至 2025-12-31 止,不再催办。" });
    expect(await db().reminder.count()).toBe(0);
  });

  it("while its last year runs, its measures are chased (control)", async () => {
    await db().plan.update({ where: { id: plan.id }, data: { periodEnd: 2026 } });
    expect((await job()).created).toEqual({ REPORT_LATE: 1, DUE_SOON: 1, OVERDUE: 1 });
    expect((await listUrgeTargets((await loadActor(world.a.users.bureau.id))!, measures.overdue))!.notChased).toBeNull();
  });

  it("refuses a report for a period after the plan's last day, in Chinese", async () => {
    const assignment = await db().assignment.findFirstOrThrow({ where: { measureId: measures.ongoing } });
    await actAs(world.a.users.liaison);
    const result = await submitProgressReport({
      assignmentId: String(assignment.id),
      periodKey: "2026-Q4",
      text: "继续推进。",
      percent: "50",
      claimedStatus: "IN_PROGRESS",
    });
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { periodKey: ["该规划的报送期至 2025-12-31 止,2026年第四季度不在报送期内,不能报送"] },
    });
    expect(await db().progressReport.count()).toBe(0);
  });
});

describe("a closed plan owes no report and raises no reminder", () => {
  const notifications = () => db().notification.count({ where: { user: { unitId: world.a.units.development.id } } });

  it("in force to 2030 the job reminds of late reports, due-soon and overdue measures (control)", async () => {
    await db().plan.update({ where: { id: plan.id }, data: { periodEnd: 2030 } });
    const result = await job();
    expect(result.created).toEqual({ REPORT_LATE: 1, DUE_SOON: 1, OVERDUE: 1 });
    expect(await notifications()).toBe(3);
  });

  it("closed (终止), nothing is owed, chased or reminded", async () => {
    await db().plan.update({ where: { id: plan.id }, data: { periodEnd: 2030 } });
    await actAs(world.a.users.bureau);
    expect(await closePlan({ planId: String(plan.id), endKind: "TERMINATED", endedOn: "2026-11-30", reason: "区划调整" })).toMatchObject({
      ok: true,
    });

    const result = await job();
    expect(result.created).toEqual({ REPORT_LATE: 0, DUE_SOON: 0, OVERDUE: 0 });
    expect(await notifications()).toBe(0);
    expect(await lateReportCandidates(db(), TODAY, page, { excludeReminded: false })).toEqual([]);

    const bureau = (await loadActor(world.a.users.bureau.id))!;
    // The measure page offers no report form and no 催办.
    for (const measureId of Object.values(measures)) {
      const detail = (await getMeasureDetail(bureau, measureId))!;
      expect(detail.assignments.flatMap((a) => a.periods)).toEqual([]);
      expect((await listUrgeTargets(bureau, measureId))!.planClosed).toBe(true);
    }
    const urge = await sendReminder({ measureId: String(measures.overdue), unitIds: [String(world.a.units.development.id)] });
    expect(urge).toMatchObject({ ok: false, code: "CONFLICT", message: "该规划已期满或终止,不再催办。" });
    // Nothing on the liaison's workbench.
    expect((await listTasksByUrgency(await liaison(), {}, null, TODAY)).total).toBe(0);
    // Nor in the review desk's 未报送 notice.
    expect((await loadOverdueNotice(bureau, world.a.region.id, "2026-Q3", TODAY))!).toMatchObject({ owedCount: 0, units: [], overdue: [] });
  });

  it("a liaison added after closing still gets nothing", async () => {
    await actAs(world.a.users.bureau);
    await closePlan({ planId: String(plan.id), endKind: "EXPIRED", endedOn: "2025-12-31" });
    await createUser(db(), {
      login: "a.dev2",
      name: "发改联络员二",
      role: "LIAISON",
      regionId: world.a.region.id,
      unitId: world.a.units.development.id,
    });
    expect((await job("2026-12-07")).notifications).toBe(0);
  });
});

describe("a draft (草案) owes nothing and is not chased until the bureau brings it into force", () => {
  beforeEach(async () => {
    await db().plan.update({ where: { id: plan.id }, data: { status: "DRAFT", periodStart: 2026, periodEnd: 2030 } });
  });

  it("no reminder, no task, no report form, no 催办, no report; after 施行 all of them", async () => {
    const bureau = async () => (await loadActor(world.a.users.bureau.id))!;
    expect((await job()).created).toEqual({ REPORT_LATE: 0, DUE_SOON: 0, OVERDUE: 0 });
    expect(await db().notification.count()).toBe(0);
    expect(await lateReportCandidates(db(), TODAY, page, { excludeReminded: false })).toEqual([]);
    expect((await listTasksByUrgency(await liaison(), {}, null, TODAY)).total).toBe(0);
    expect((await getMeasureDetail(await bureau(), measures.ongoing))!.assignments.flatMap((a) => a.periods)).toEqual([]);
    expect((await listUrgeTargets(await bureau(), measures.overdue))!.notChased).toBe("该规划尚为草案,施行后方可催办。");
    await actAs(world.a.users.bureau);
    expect(await sendReminder({ measureId: String(measures.overdue), unitIds: [String(world.a.units.development.id)] })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "该规划尚为草案,施行后方可催办。",
    });
    const assignment = await db().assignment.findFirstOrThrow({ where: { measureId: measures.ongoing } });
    const report = {
      assignmentId: String(assignment.id),
      periodKey: "2026-Q3",
      text: "继续推进。",
      percent: "50",
      claimedStatus: "IN_PROGRESS",
    };
    await actAs(world.a.users.liaison);
    expect(await submitProgressReport(report)).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "该规划尚为草案,施行后方可报送进展。",
    });

    // The bureau's step: 施行 from 1 January. Now it owes 2026-Q3 (late) and is chased.
    await actAs(world.a.users.bureau);
    expect(await bringPlanIntoForce({ planId: String(plan.id), effectiveFrom: "2026-01-01" })).toMatchObject({ ok: true });
    expect((await job()).created).toEqual({ REPORT_LATE: 1, DUE_SOON: 1, OVERDUE: 1 });
    expect((await listTasksByUrgency(await liaison(), {}, null, TODAY)).total).toBe(3);
    expect((await listUrgeTargets(await bureau(), measures.overdue))!.notChased).toBeNull();
    await actAs(world.a.users.liaison);
    expect(await submitProgressReport(report)).toMatchObject({ ok: true });
  });
});

describe("the plan page's life panel (getPlanLife) and the plans list", () => {
  const as = async (user: { id: number }) => (await loadActor(user.id))!;

  it("the bureau sees the state and its next steps; leaders and liaisons the state only; another district nothing", async () => {
    const bureau = await as(world.a.users.bureau);
    expect(await getPlanLife(bureau, plan.id, TODAY)).toMatchObject({
      state: "IN_FORCE",
      label: "施行中",
      effectiveFrom: null,
      window: { first: "2021-06-01", last: "2025-12-31" },
      expiry: "2025-12-31",
      transitions: ["EXPIRED", "TERMINATED"],
      canCreateFinalEvaluation: false,
      finalEvaluationId: null,
    });
    for (const user of [world.a.users.leader, world.a.users.liaison]) {
      expect(await getPlanLife(await as(user), plan.id, TODAY)).toMatchObject({
        label: "施行中",
        transitions: [],
        canCreateFinalEvaluation: false,
      });
    }
    expect(await getPlanLife(await as(world.b.users.bureau), plan.id, TODAY)).toBeNull();
    expect((await listPlans(bureau)).map((p) => PLAN_LIFE_LABELS[planLifeState(p)])).toEqual(["施行中"]);
  });

  it("after 终止: date and reason for all, 生成终期评估 for the bureau, then the link to it", async () => {
    await actAs(world.a.users.bureau);
    await closePlan({ planId: String(plan.id), endKind: "TERMINATED", endedOn: "2025-06-30", reason: "被新规划取代" });
    const bureau = await as(world.a.users.bureau);
    expect(await getPlanLife(bureau, plan.id, TODAY)).toMatchObject({
      state: "TERMINATED",
      label: "终止",
      endedOn: "2025-06-30",
      endReason: "被新规划取代",
      transitions: [],
      canCreateFinalEvaluation: true,
      finalEvaluationId: null,
    });
    const leader = await as(world.a.users.leader);
    expect(await getPlanLife(leader, plan.id, TODAY)).toMatchObject({
      label: "终止",
      endReason: "被新规划取代",
      canCreateFinalEvaluation: false,
    });
    const created = await createFinalEvaluation({ planId: String(plan.id) });
    if (!created.ok) throw new Error(created.message);
    expect(await getPlanLife(bureau, plan.id, TODAY)).toMatchObject({
      canCreateFinalEvaluation: false,
      finalEvaluationId: created.data.id,
    });
    expect(await getPlanLife(leader, plan.id, TODAY)).toMatchObject({ finalEvaluationId: created.data.id });
    // A liaison reads no evaluations: no link.
    expect(await getPlanLife(await as(world.a.users.liaison), plan.id, TODAY)).toMatchObject({ label: "终止", finalEvaluationId: null });
    expect((await listPlans(bureau)).map((p) => PLAN_LIFE_LABELS[planLifeState(p)])).toEqual(["终止"]);
  });

  it("a draft offers 施行", async () => {
    await db().plan.update({ where: { id: plan.id }, data: { status: "DRAFT" } });
    expect(await getPlanLife(await as(world.a.users.bureau), plan.id, TODAY)).toMatchObject({ label: "草案", transitions: ["IN_FORCE"] });
  });
});
