import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chinaTime } from "@/lib/dates.ts";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement, type ReactElement } from "react";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime.js";
import { MeasureLineage } from "@/app/(app)/measures/[id]/lineage.tsx";
import { SuccessionPanel } from "@/app/(app)/plans/[id]/succession-panel.tsx";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport, createUnit, createUser } from "@/lib/demo/factories.ts";
import { carryOverMeasures, createSuccessorPlan, linkMeasuresToPrevious, setPlanPredecessor } from "@/lib/succession/actions.ts";
import { carryAllUnfinished } from "@/lib/succession/write.ts";
import { writeFinalEvaluation } from "@/lib/evaluations/write.ts";
import { loadEvaluationReport } from "@/lib/evaluations/queries.ts";
import { getCarryOverChoices, getLinkProposals, getMeasureLineage, getPlanSuccession } from "@/lib/succession/queries.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// 结转 and 延续 (issue 15): a closed plan's unfinished measures carried into
// the next plan keep their history where it was, linked both ways; a new
// plan's measures are linked to similar ones of the previous plan once the
// bureau confirms.

type World = Awaited<ReturnType<typeof buildTwoDistricts>>;
let world: World;
let closed: { id: number; title: string };
let overdue: { id: number };
let ongoing: { id: number };
let ahead: { id: number };
let completed: { id: number };
let otherClosed: { id: number };
let otherMeasure: { id: number };

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function closePlan(planId: number) {
  // The life engineer's closing is not merged yet: its columns are set directly.
  await db().plan.update({ where: { id: planId }, data: { status: "CLOSED", endKind: "EXPIRED", endedOn: day("2025-12-31") } });
}

beforeEach(async () => {
  // 2026-12-06 in Beijing.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-06T02:00:00Z"));
  world = await buildTwoDistricts();
  const { justice, development } = world.a.units;
  const bureau = world.a.users.bureau;
  closed = await createPlan(db(), {
    regionId: world.a.region.id,
    title: "下陆区法治政府建设实施方案(2021-2025年)",
    periodStart: 2021,
    periodEnd: 2025,
  });
  overdue = await createMeasure(db(), {
    planId: closed.id,
    code: "13",
    text: "严格落实重大行政决策程序制度,坚决防止违法决策、不当决策、盲目决策、拖延决策。",
    deadline: "2025-06-30",
    leadUnitIds: [justice.id],
  });
  // The responsible units came in through the group 区直各部门.
  await db().assignment.create({
    data: {
      districtId: world.a.region.id,
      measureId: overdue.id,
      unitId: development.id,
      role: "RESPONSIBLE",
      source: "GROUP",
      viaGroupId: world.a.group.id,
    },
  });
  ongoing = await createMeasure(db(), {
    planId: closed.id,
    code: "14",
    text: "全面推行证明事项告知承诺制,打造“无证明城区”。",
    ongoing: true,
    leadUnitIds: [development.id],
  });
  ahead = await createMeasure(db(), {
    planId: closed.id,
    code: "15",
    text: "全面深化行政复议体制改革。",
    deadline: "2027-06-30",
    leadUnitIds: [justice.id],
  });
  completed = await createMeasure(db(), {
    planId: closed.id,
    code: "16",
    text: "加强青少年宪法法律教育。",
    deadline: "2024-12-31",
    leadUnitIds: [justice.id],
  });
  const justiceOn = async (measureId: number) => db().assignment.findFirstOrThrow({ where: { measureId, unitId: justice.id } });
  // History of the overdue measure: two reports, the later one returned and not resent.
  await createProgressReport(db(), {
    assignmentId: (await justiceOn(overdue.id)).id,
    period: { start: "2025-07-01", end: "2025-09-30" },
    state: "APPROVED",
    authorId: bureau.id,
    reviewerId: bureau.id,
    text: "已起草重大行政决策实施细则征求意见稿。",
    percent: 60,
  });
  await createProgressReport(db(), {
    assignmentId: (await justiceOn(overdue.id)).id,
    period: { start: "2025-10-01", end: "2025-12-31" },
    state: "SUBMITTED",
    authorId: bureau.id,
    text: "实施细则正在合法性审查。",
    percent: 80,
  });
  await createProgressReport(db(), {
    assignmentId: (await justiceOn(completed.id)).id,
    period: { start: "2024-10-01", end: "2024-12-31" },
    state: "APPROVED",
    claimedStatus: "COMPLETED",
    authorId: bureau.id,
    reviewerId: bureau.id,
  });
  await closePlan(closed.id);

  otherClosed = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区法治政府建设实施方案(2021-2025年)" });
  otherMeasure = await createMeasure(db(), {
    planId: otherClosed.id,
    code: "1",
    deadline: "2025-06-30",
    leadUnitIds: [world.b.units.justice.id],
  });
  await closePlan(otherClosed.id);
});

afterEach(() => {
  vi.useRealTimers();
});

async function successor(title = "下陆区法治政府建设实施方案(2026-2030年)") {
  await actAs(world.a.users.bureau);
  const result = await createSuccessorPlan({ predecessorId: closed.id, title, periodStart: 2026, periodEnd: 2030 });
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

async function snapshot() {
  const [plans, measures, assignments, sections, reports, audit] = await Promise.all([
    db().plan.findMany({ orderBy: { id: "asc" } }),
    db().measure.findMany({ orderBy: { id: "asc" } }),
    db().assignment.count(),
    db().section.count(),
    db().progressReport.findMany({ orderBy: { id: "asc" } }),
    db().auditEvent.count(),
  ]);
  return { plans, measures, assignments, sections, reports, audit };
}

describe("新建接续规划", () => {
  it("creates a draft of the same region, kind and reporting that succeeds the closed plan, audited", async () => {
    const created = await successor();
    expect(await db().plan.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      status: "DRAFT",
      predecessorId: closed.id,
      regionId: world.a.region.id,
      districtId: world.a.region.id,
      kind: "PLAN",
      periodStart: 2026,
      periodEnd: 2030,
      reportCadence: "QUARTERLY",
    });
    expect(
      await db().auditEvent.count({
        where: { action: "plan.createSuccessor", entityId: String(created.id), actorId: world.a.users.bureau.id },
      }),
    ).toBe(1);
  });

  it("refuses a title the region already has, and a predecessor out of scope", async () => {
    await actAs(world.a.users.bureau);
    const before = await snapshot();
    const same = await createSuccessorPlan({ predecessorId: closed.id, title: closed.title, periodStart: 2026, periodEnd: 2030 });
    expect(same).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { title: ["本区域已有同名规划,请换一个标题"] } });
    const away = await createSuccessorPlan({ predecessorId: otherClosed.id, title: "新规划", periodStart: 2026, periodEnd: 2030 });
    expect(away).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const years = await createSuccessorPlan({ predecessorId: closed.id, title: "新规划", periodStart: 2030, periodEnd: 2026 });
    expect(years).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { periodEnd: ["起始年份不能晚于结束年份"] } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("结转", () => {
  it("carries the chosen unfinished measures: same text, code and units, linked back as 结转, the deadline kept only if still ahead", async () => {
    const target = await successor();
    const result = await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [overdue.id, ongoing.id, ahead.id] });
    expect(result).toMatchObject({ ok: true, message: `已结转 3 项举措到《${target.title}》` });

    const carried = await db().measure.findMany({
      where: { planId: target.id },
      orderBy: { sortOrder: "asc" },
      include: { assignments: { orderBy: { id: "asc" } }, section: true },
    });
    expect(
      carried.map((m) => ({
        code: m.code,
        previousId: m.previousId,
        succession: m.succession,
        deadline: m.deadline,
        deadlineText: m.deadlineText,
        ongoing: m.ongoing,
      })),
    ).toEqual([
      // Passed on 2025-06-30: the lateness stays the old plan's; the new plan sets its own time limit.
      { code: "13", previousId: overdue.id, succession: "CARRIED", deadline: null, deadlineText: null, ongoing: false },
      { code: "14", previousId: ongoing.id, succession: "CARRIED", deadline: null, deadlineText: "长期坚持", ongoing: true },
      { code: "15", previousId: ahead.id, succession: "CARRIED", deadline: day("2027-06-30"), deadlineText: "2027-06-30", ongoing: false },
    ]);
    expect(carried[0]!.text).toBe("严格落实重大行政决策程序制度,坚决防止违法决策、不当决策、盲目决策、拖延决策。");
    expect(carried[0]!.section).toMatchObject({ label: "结转", title: `《${closed.title}》结转举措`, planId: target.id });
    // The units, as named: the lead directly, the responsible unit through its group; fresh, with no progress yet.
    expect(
      carried[0]!.assignments.map(({ unitId, role, source, viaGroupId, status, lastReportAt }) => ({
        unitId,
        role,
        source,
        viaGroupId,
        status,
        lastReportAt,
      })),
    ).toEqual([
      { unitId: world.a.units.justice.id, role: "LEAD", source: "DIRECT", viaGroupId: null, status: "NOT_STARTED", lastReportAt: null },
      {
        unitId: world.a.units.development.id,
        role: "RESPONSIBLE",
        source: "GROUP",
        viaGroupId: world.a.group.id,
        status: "NOT_STARTED",
        lastReportAt: null,
      },
    ]);
    // One audit event per carried measure, in the same transaction as the copy.
    const events = await db().auditEvent.findMany({ where: { action: "measure.carryOver" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.entityId, (e.after as { previousId: number }).previousId])).toEqual(
      carried.map((m) => [String(m.id), m.previousId]),
    );
  });

  it("keeps the carried measure's history where it was, reachable from the new measure, and links both ways", async () => {
    const target = await successor();
    const reportsBefore = await db().progressReport.findMany({ where: { assignment: { measureId: overdue.id } }, orderBy: { id: "asc" } });
    await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [overdue.id] });
    const carried = await db().measure.findFirstOrThrow({ where: { planId: target.id }, include: { previous: true } });

    // The old measure keeps its reports, untouched; the new one starts without any.
    expect(await db().progressReport.findMany({ where: { assignment: { measureId: overdue.id } }, orderBy: { id: "asc" } })).toEqual(
      reportsBefore,
    );
    expect(await db().progressReport.count({ where: { assignment: { measureId: carried.id } } })).toBe(0);

    // Both ways, in the database…
    expect(carried.previous?.id).toBe(overdue.id);
    const old = await db().measure.findUniqueOrThrow({ where: { id: overdue.id }, include: { successors: true } });
    expect(old.successors.map((m) => m.id)).toEqual([carried.id]);

    // …and as the measure page reads them.
    const forward = await getMeasureLineage((await actAs(world.a.users.leader))!, carried.id);
    expect(forward).toMatchObject({
      succession: "CARRIED",
      previous: { id: overdue.id, code: "13", plan: { id: closed.id, title: closed.title } },
      successors: [],
    });
    // 上一期进展: the old measure's latest submitted reports, newest first.
    expect(forward!.previousReports.map((r) => [r.text, r.state])).toEqual([
      ["实施细则正在合法性审查。", "SUBMITTED"],
      ["已起草重大行政决策实施细则征求意见稿。", "APPROVED"],
    ]);
    // The measure page's block says it: 来源 with 结转 and the old plan, 上一期进展 read-only.
    const page = renderToStaticMarkup(await MeasureLineage({ actor: (await actAs(world.a.users.leader))!, measureId: carried.id }));
    expect(page).toContain("来源:");
    expect(page).toContain(`href="/measures/${overdue.id}"`);
    expect(page).toContain(`《${closed.title}》举措 13`);
    expect(page).toContain("结转");
    expect(page).toContain("上一期进展(最近 2 次报送,只读)");
    expect(page).toContain("实施细则正在合法性审查。");
    const oldPage = renderToStaticMarkup(await MeasureLineage({ actor: (await actAs(world.a.users.leader))!, measureId: overdue.id }));
    expect(oldPage).toContain("去向:");
    expect(oldPage).toContain(`href="/measures/${carried.id}"`);
    expect(oldPage).not.toContain("上一期进展");
    const back = await getMeasureLineage((await actAs(world.a.users.leader))!, overdue.id);
    expect(back).toMatchObject({
      previous: null,
      successors: [{ id: carried.id, code: "13", succession: "CARRIED", plan: { id: target.id } }],
    });
  });

  it("refuses a measure already carried, naming where it went, and changes nothing", async () => {
    const target = await successor();
    await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [overdue.id] });
    const before = await snapshot();
    const again = await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [overdue.id, ahead.id] });
    expect(again).toMatchObject({ ok: false, code: "VALIDATION", message: `举措 13 已结转到《${target.title}》` });
    expect(await snapshot()).toEqual(before);
    // Nor does the choice on the plan page offer it again.
    const choices = await getCarryOverChoices((await actAs(world.a.users.bureau))!, closed.id);
    expect(choices!.unfinished.map((m) => m.code)).toEqual(["14", "15"]);
    expect(choices!.carriedCount).toBe(1);
  });

  it("refuses a completed measure", async () => {
    const target = await successor();
    const before = await snapshot();
    const result = await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [completed.id, ahead.id] });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", message: "举措 16 已完成,无需结转" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a plan that is not closed, and a target that is closed", async () => {
    const target = await successor();
    await db().plan.update({ where: { id: closed.id }, data: { status: "IN_FORCE", endKind: null, endedOn: null } });
    await actAs(world.a.users.bureau);
    const before = await snapshot();
    expect(await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [ahead.id] })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "只能结转已期满或终止的规划中的举措",
    });
    await closePlan(closed.id);
    await closePlan(target.id);
    const before2 = await snapshot();
    expect(await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [ahead.id] })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "只能结转到草案或施行中的规划",
    });
    expect((await snapshot()).measures).toEqual(before2.measures);
    expect(before.measures).toEqual(before2.measures);
  });

  it("answers NOT_FOUND out of scope (the plan, the target, a measure of another plan) and changes nothing", async () => {
    const target = await successor();
    const before = await snapshot();
    // Another district's bureau.
    await actAs(world.b.users.bureau);
    expect(await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [ahead.id] })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    // The district's own bureau, into another district's plan or with another plan's measure.
    await actAs(world.a.users.bureau);
    expect(await carryOverMeasures({ fromPlanId: closed.id, toPlanId: otherClosed.id, measureIds: [ahead.id] })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [otherMeasure.id] })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    // A leader reads, never carries.
    await actAs(world.a.users.leader);
    expect(await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [ahead.id] })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("makes an open plan without a predecessor succeed the closed one, and refuses one that succeeds another plan", async () => {
    const existing = await createPlan(db(), {
      regionId: world.a.region.id,
      title: "下陆区2026年法治政府建设工作要点",
      periodStart: 2026,
      periodEnd: 2026,
    });
    await actAs(world.a.users.bureau);
    const choices = await getCarryOverChoices((await actAs(world.a.users.bureau))!, closed.id);
    expect(choices!.targets.map((t) => t.id)).toEqual([existing.id]);
    expect(await carryOverMeasures({ fromPlanId: closed.id, toPlanId: existing.id, measureIds: [ahead.id] })).toMatchObject({ ok: true });
    expect(await db().plan.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ predecessorId: closed.id });
    expect(await db().auditEvent.count({ where: { action: "plan.setPredecessor", entityId: String(existing.id) } })).toBe(1);

    const elsewhere = await createPlan(db(), { regionId: world.a.region.id, title: "另一规划", periodStart: 2026, periodEnd: 2030 });
    await db().plan.update({ where: { id: elsewhere.id }, data: { predecessorId: existing.id } });
    const before = await snapshot();
    expect(await carryOverMeasures({ fromPlanId: closed.id, toPlanId: elsewhere.id, measureIds: [ongoing.id] })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("neither offers nor accepts a target whose plan period does not run past the source's end (a sibling 2021–2025 plan)", async () => {
    const sibling = await createPlan(db(), {
      regionId: world.a.region.id,
      title: "下陆区法治社会建设实施方案(2021-2025年)",
      periodStart: 2021,
      periodEnd: 2025,
    });
    const next = await createPlan(db(), {
      regionId: world.a.region.id,
      title: "下陆区2026年法治政府建设工作要点",
      periodStart: 2026,
      periodEnd: 2026,
    });
    const choices = await getCarryOverChoices((await actAs(world.a.users.bureau))!, closed.id);
    expect(choices!.targets.map((t) => t.id)).toEqual([next.id]);
    const before = await snapshot();
    expect(await carryOverMeasures({ fromPlanId: closed.id, toPlanId: sibling.id, measureIds: [ahead.id] })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { toPlanId: ["接续规划的规划期须在原规划结束之后"] },
    });
    // Nothing moved: the sibling does not come to "succeed" the closed plan.
    expect(await snapshot()).toEqual(before);
    expect(await db().plan.findUniqueOrThrow({ where: { id: sibling.id } })).toMatchObject({ predecessorId: null });
  });

  it("carries the unfinished measures of a second ended plan into a plan that already succeeds another ended one, each in its own chapter", async () => {
    const target = await successor();
    const actor = (await actAs(world.a.users.bureau))!;
    await db().$transaction((tx) => carryAllUnfinished(tx, actor, closed.id, target.id));
    const second = await createPlan(db(), {
      regionId: world.a.region.id,
      title: "下陆区法治社会建设实施方案(2021-2025年)",
      periodStart: 2021,
      periodEnd: 2025,
    });
    const measure = await createMeasure(db(), {
      planId: second.id,
      code: "7",
      text: "推进法治乡村建设",
      leadUnitIds: [world.a.units.justice.id],
    });
    await closePlan(second.id);
    expect(await carryOverMeasures({ fromPlanId: second.id, toPlanId: target.id, measureIds: [measure.id] })).toMatchObject({ ok: true });
    expect(await db().plan.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ predecessorId: closed.id });
    const sections = await db().section.findMany({
      where: { planId: target.id, label: "结转" },
      orderBy: { sortOrder: "asc" },
      select: { title: true },
    });
    expect(sections.map((s) => s.title)).toEqual([`《${closed.title}》结转举措`, "《下陆区法治社会建设实施方案(2021-2025年)》结转举措"]);
    expect(await db().measure.findFirstOrThrow({ where: { planId: target.id, previousId: measure.id } })).toMatchObject({
      succession: "CARRIED",
    });
    // The second plan's page names where its measures went, though the target succeeds the first.
    const links = await getPlanSuccession((await actAs(world.a.users.leader))!, second.id);
    expect(links!.successors).toEqual([{ id: target.id, title: target.title }]);
  });

  it("carryAllUnfinished (the demo seed's call) carries every unfinished measure not carried yet", async () => {
    const target = await successor();
    const actor = (await actAs(world.a.users.bureau))!;
    const first = await db().$transaction((tx) => carryAllUnfinished(tx, actor, closed.id, target.id));
    expect(first.carried.map((c) => c.code)).toEqual(["13", "14", "15"]);
    const second = await db().$transaction((tx) => carryAllUnfinished(tx, actor, closed.id, target.id));
    expect(second.carried).toEqual([]);
  });
});

/** A page block as the server renders it; its forms ask for the app router, which a page always has. */
function render(element: ReactElement | null) {
  const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
  return renderToStaticMarkup(createElement(AppRouterContext.Provider, { value: router as never }, element));
}

describe("the closed plan's page: 结转未完成举措", () => {
  it("offers the bureau every unfinished measure ticked and the successor plans, and the leader only the links", async () => {
    const target = await successor();
    const html = render(await SuccessionPanel({ actor: (await actAs(world.a.users.bureau))!, planId: closed.id }));
    expect(html).toContain("结转未完成举措");
    expect(html).toContain("本规划有 3 项未完成举措尚未结转");
    for (const m of [overdue, ongoing, ahead]) expect(html).toContain(`name="measureIds[]" checked="" value="${m.id}"`);
    expect(html).not.toContain(`name="measureIds[]" checked="" value="${completed.id}"`);
    expect(html).not.toContain(`举措 16`);
    expect(html).toContain(`<option value="${target.id}">《${target.title}》</option>`);
    expect(html).toContain(`href="/plans/${target.id}">《${target.title}》</a>`);

    // A measure a new plan already continues is offered unticked, with where it continues.
    const continuing = await createMeasure(db(), { planId: target.id, code: "7", text: "深化行政复议体制改革。" });
    await db().measure.update({ where: { id: continuing.id }, data: { previousId: ahead.id, succession: "CONTINUED" } });
    const again = render(await SuccessionPanel({ actor: (await actAs(world.a.users.bureau))!, planId: closed.id }));
    expect(again).toContain(`name="measureIds[]" value="${ahead.id}"`);
    expect(again).toContain(`已由《${target.title}》举措 7延续`);
    expect(again).toContain("已选 2 / 3 项");

    const asLeader = render(await SuccessionPanel({ actor: (await actAs(world.a.users.leader))!, planId: closed.id }));
    expect(asLeader).toContain(`href="/plans/${target.id}"`);
    expect(asLeader).not.toContain("measureIds");
    expect(await SuccessionPanel({ actor: (await actAs(world.b.users.bureau))!, planId: closed.id })).toBeNull();
  });
});

describe("结转 and the 终期评估 agree on what is unfinished", () => {
  it("a measure completed in Q4 but approved after the end is unfinished in the 终期评估, and the carry panel says it needs no 结转", async () => {
    const late = await createMeasure(db(), {
      planId: closed.id,
      code: "17",
      text: "推进法治乡村建设。",
      deadline: "2025-12-31",
      leadUnitIds: [world.a.units.justice.id],
    });
    await db().measure.update({ where: { id: late.id }, data: { createdAt: day("2021-06-30") } });
    await db().assignment.updateMany({ where: { measureId: late.id }, data: { createdAt: day("2021-06-30") } });
    const bureau = world.a.users.bureau;
    await createProgressReport(db(), {
      assignmentId: (await db().assignment.findFirstOrThrow({ where: { measureId: late.id } })).id,
      period: { start: "2025-10-01", end: "2025-12-31" },
      state: "APPROVED",
      claimedStatus: "COMPLETED",
      authorId: bureau.id,
      reviewerId: bureau.id,
      submittedAt: chinaTime("2026-01-05"),
      reviewedAt: chinaTime("2026-01-07"),
    });
    const actor = (await actAs(bureau))!;
    // Without a 终期评估 there is nothing to reconcile.
    expect((await getCarryOverChoices(actor, closed.id))!.completedSinceEnd).toEqual([]);

    const evaluation = await db().$transaction((tx) => writeFinalEvaluation(tx, actor, closed.id));
    const report = (await loadEvaluationReport(actor, evaluation.id))!;
    // The 终期评估 judges completion as of the end date: 17 was not yet approved, so it is unfinished there.
    expect(report.unfinished.map((r) => r.code).sort()).toEqual(["13", "14", "15", "17"]);
    // 结转 judges by today's state: 17 is done, not offered, refused if sent; the panel names it as completed since.
    const choices = (await getCarryOverChoices(actor, closed.id))!;
    expect(choices.unfinished.map((m) => m.code)).toEqual(["13", "14", "15"]);
    expect(choices.completedSinceEnd).toEqual([{ id: late.id, code: "17" }]);
    const html = render(await SuccessionPanel({ actor, planId: closed.id }));
    expect(html).toContain("终期评估列为未完成的举措 17 已在规划结束后经审核完成,无需结转");
  });
});

describe("来源 and 去向 within the scope", () => {
  it("shows no link to a measure the reader may not see, and nothing at all out of scope", async () => {
    const target = await successor();
    await carryOverMeasures({ fromPlanId: closed.id, toPlanId: target.id, measureIds: [overdue.id] });
    const carried = await db().measure.findFirstOrThrow({ where: { planId: target.id } });
    // A link no action makes (across districts), written directly: the reader of A must not see B's measure.
    const stray = await createMeasure(db(), { planId: otherClosed.id, code: "99" });
    await db().measure.update({ where: { id: stray.id }, data: { previousId: overdue.id, succession: "CONTINUED" } });
    const lineage = await getMeasureLineage((await actAs(world.a.users.bureau))!, overdue.id);
    expect(lineage!.successors.map((m) => m.id)).toEqual([carried.id]);
    expect(await getMeasureLineage((await actAs(world.b.users.bureau))!, carried.id)).toBeNull();
    // A liaison of a unit with no part in the old measure sees the link, not its progress.
    const audit = await createUnit(db(), { regionId: world.a.region.id, name: "区审计局" });
    const outsider = await createUser(db(), {
      login: "a.audit",
      name: "审计局联络员",
      role: "LIAISON",
      regionId: world.a.region.id,
      unitId: audit.id,
    });
    const asLiaison = await getMeasureLineage((await actAs(outsider))!, carried.id);
    expect(asLiaison).toMatchObject({ previous: { id: overdue.id }, previousReports: [] });
  });
});

describe("延续: links proposed by similarity, confirmed by the bureau", () => {
  async function newPlan() {
    const plan = await createPlan(db(), {
      regionId: world.a.region.id,
      title: "下陆区法治政府建设实施方案(2026-2030年)",
      periodStart: 2026,
      periodEnd: 2030,
    });
    const decisions = await createMeasure(db(), {
      planId: plan.id,
      code: "1",
      text: "（一）严格落实重大行政决策程序制度,坚决防止违法决策、不当决策。",
    });
    const youth = await createMeasure(db(), { planId: plan.id, code: "2", text: "加强新时代青少年法治教育。" });
    const fresh = await createMeasure(db(), { planId: plan.id, code: "3", text: "推进人工智能在行政执法中的应用。" });
    return { plan, decisions, youth, fresh };
  }

  it("suggests the district's latest closed plan of the same kind, proposes the most similar measure, and links the confirmed ones as 延续", async () => {
    const { plan, decisions, youth } = await newPlan();
    const bureau = (await actAs(world.a.users.bureau))!;
    const unset = await getLinkProposals(bureau, plan.id);
    expect(unset).toMatchObject({ predecessor: null, suggested: { id: closed.id }, proposals: [] });

    expect(await setPlanPredecessor({ planId: plan.id, predecessorId: closed.id })).toMatchObject({ ok: true });
    const proposals = (await getLinkProposals(bureau, plan.id))!.proposals;
    const byMeasure = new Map(proposals.map((p) => [p.measureId, p]));
    expect(byMeasure.get(decisions.id)).toMatchObject({ previousId: overdue.id, confident: true });
    expect(byMeasure.get(youth.id)).toMatchObject({ previousId: completed.id });

    const result = await linkMeasuresToPrevious({ planId: plan.id, links: [{ measureId: decisions.id, previousId: overdue.id }] });
    expect(result).toMatchObject({ ok: true, message: "已关联 1 项举措到上一期规划" });
    expect(await db().measure.findUniqueOrThrow({ where: { id: decisions.id } })).toMatchObject({
      previousId: overdue.id,
      succession: "CONTINUED",
    });
    expect(await db().auditEvent.count({ where: { action: "measure.linkPrevious", entityId: String(decisions.id) } })).toBe(1);
    // Linked measures are not proposed again; linking one twice is refused.
    expect((await getLinkProposals(bureau, plan.id))!.proposals.map((p) => p.measureId)).not.toContain(decisions.id);
    const before = await snapshot();
    expect(await linkMeasuresToPrevious({ planId: plan.id, links: [{ measureId: decisions.id, previousId: ahead.id }] })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "举措 1 已关联上一期举措",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a previous measure outside the predecessor, a plan without one, and another district's plan", async () => {
    const { plan, decisions } = await newPlan();
    await actAs(world.a.users.bureau);
    const before = await snapshot();
    expect(await linkMeasuresToPrevious({ planId: plan.id, links: [{ measureId: decisions.id, previousId: overdue.id }] })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "请先设定该规划的上一期规划",
    });
    expect(await setPlanPredecessor({ planId: plan.id, predecessorId: otherClosed.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await setPlanPredecessor({ planId: plan.id, predecessorId: plan.id })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await snapshot()).toEqual(before);
    await setPlanPredecessor({ planId: plan.id, predecessorId: closed.id });
    const linked = await snapshot();
    expect(
      await linkMeasuresToPrevious({ planId: plan.id, links: [{ measureId: decisions.id, previousId: otherMeasure.id }] }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await actAs(world.b.users.bureau);
    expect(await linkMeasuresToPrevious({ planId: plan.id, links: [{ measureId: decisions.id, previousId: overdue.id }] })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await snapshot()).toEqual(linked);
  });
});
