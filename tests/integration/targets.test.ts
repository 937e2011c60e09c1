import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createUser } from "@/lib/demo/factories.ts";
import { completeMilestone, saveAnnualTargets } from "@/lib/targets/actions.ts";
import { setAnnualTargets } from "@/lib/targets/targets.ts";
import { getMeasureTargets } from "@/lib/targets/queries.ts";
import { prefilledTarget, targetsFormYears } from "@/lib/targets/form-data.ts";
import { getMeasureDetail } from "@/lib/progress/queries.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// 年度目标、工作指标、时间节点 set by a lead unit: who may, what is kept,
// what the audit says, and the light a missed milestone gives the measure.

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let measureId: number;
let sharedId: number;
let justiceLiaison: { id: number };

const day = (date: string) => new Date(`${date}T00:00:00Z`);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-20T02:00:00Z"));
  world = await buildTwoDistricts();
  const plan = await createPlan(db(), {
    regionId: world.a.region.id,
    title: "下陆区法治政府建设实施方案",
    periodStart: 2026,
    periodEnd: 2030,
  });
  const { development, justice } = world.a.units;
  // The liaison's unit (development) leads; justice is responsible.
  measureId = (
    await createMeasure(db(), {
      planId: plan.id,
      code: "1",
      deadline: "2027-12-31",
      leadUnitIds: [development.id],
      responsibleUnitIds: [justice.id],
    })
  ).id;
  // The other way round: development only shares it.
  sharedId = (
    await createMeasure(db(), {
      planId: plan.id,
      code: "2",
      deadline: "2027-12-31",
      leadUnitIds: [justice.id],
      responsibleUnitIds: [development.id],
    })
  ).id;
  justiceLiaison = await createUser(db(), {
    login: "a.justice",
    name: "司法局联络员",
    role: "LIAISON",
    regionId: world.a.region.id,
    unitId: justice.id,
  });
});

afterEach(() => {
  vi.useRealTimers();
});

const form = (fields: Record<string, string | string[]>) => fields;

/** The year's version as the measure page hands it to the form ("" for a year with nothing set yet). */
async function versionOf(userId: number, id: number, year: number): Promise<string> {
  const view = (await getMeasureTargets((await loadActor(userId))!, id))!;
  return view.years.find((y) => y.year === year)?.version ?? "";
}

describe("saveAnnualTargets", () => {
  it("the lead unit's liaison sets the year's target, indicators and milestones from the form's rows, audited", async () => {
    await actAs(world.a.users.liaison);
    const result = await saveAnnualTargets(
      form({
        measureId: String(measureId),
        year: "2026",
        version: "",
        target: "年底前出台行政执法公示实施细则",
        indicatorName: ["培训场次", "公示率"],
        indicatorUnit: ["场", "%"],
        indicatorTarget: ["4", "100"],
        indicatorId: ["", ""],
        milestoneTitle: ["形成征求意见稿", "印发实施"],
        milestoneDue: ["2026-06-30", "2026-11-30"],
        milestoneId: ["", ""],
      }),
    );
    expect(result).toMatchObject({ ok: true, message: "已保存 2026 年度目标、2 项指标和 2 个时间节点" });
    const target = await db().annualTarget.findFirstOrThrow({ where: { measureId } });
    expect(target).toMatchObject({ year: 2026, unitId: world.a.units.development.id, target: "年底前出台行政执法公示实施细则" });
    const indicators = await db().indicator.findMany({ where: { measureId }, orderBy: { id: "asc" } });
    expect(indicators.map((i) => [i.year, i.name, i.unitOfMeasure, i.targetValue?.toString()])).toEqual([
      [2026, "培训场次", "场", "4"],
      [2026, "公示率", "%", "100"],
    ]);
    const milestones = await db().milestone.findMany({ where: { measureId }, orderBy: { dueDate: "asc" } });
    expect(milestones.map((m) => [m.title, m.dueDate.toISOString().slice(0, 10), m.annualTargetId])).toEqual([
      ["形成征求意见稿", "2026-06-30", target.id],
      ["印发实施", "2026-11-30", target.id],
    ]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "target.save" } });
    expect(audit).toMatchObject({ actorId: world.a.users.liaison.id, entityType: "AnnualTarget", entityId: String(target.id) });
    expect(audit.after).toMatchObject({
      year: 2026,
      targets: [{ target: "年底前出台行政执法公示实施细则" }],
      indicators: [{ name: "培训场次" }, { name: "公示率" }],
    });

    // Edit one row, remove another, add a third: ids keep the rows that stay.
    const [first] = indicators;
    const [m1] = milestones;
    expect(
      await saveAnnualTargets({
        measureId,
        year: 2026,
        version: await versionOf(world.a.users.liaison.id, measureId, 2026),
        target: "年底前出台并实施细则",
        indicators: [
          { id: first!.id, name: "培训场次", unitOfMeasure: "场", targetValue: "6" },
          { name: "覆盖单位", unitOfMeasure: "个", targetValue: "20" },
        ],
        milestones: [{ id: m1!.id, title: "形成征求意见稿", dueDate: "2026-07-15" }],
      }),
    ).toMatchObject({ ok: true });
    const after = await db().indicator.findMany({ where: { measureId }, orderBy: { id: "asc" } });
    expect(after.map((i) => [i.id === first!.id, i.name, i.targetValue?.toString()])).toEqual([
      [true, "培训场次", "6"],
      [false, "覆盖单位", "20"],
    ]);
    expect((await db().milestone.findMany({ where: { measureId } })).map((m) => [m.id, m.dueDate.toISOString().slice(0, 10)])).toEqual([
      [m1!.id, "2026-07-15"],
    ]);
    expect(await db().annualTarget.count()).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "target.save" } })).toBe(2);
  });

  it("answers bad input with Chinese messages naming the row, and writes nothing", async () => {
    await actAs(world.a.users.liaison);
    const result = await saveAnnualTargets({
      measureId,
      year: "2026",
      version: "",
      target: " ",
      indicatorName: ["培训场次", ""],
      indicatorUnit: ["场", ""],
      indicatorTarget: ["四场", ""],
      milestoneTitle: ["印发实施"],
      milestoneDue: ["2027-01-15"],
    });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!result.ok && result.fieldErrors).toEqual({
      target: ["请填写年度目标"],
      indicators: ["第 1 个指标:目标值应为数字,最多 12 位整数、两位小数", "第 2 个指标:请填写指标名称"],
    });
    const late = await saveAnnualTargets({
      measureId,
      year: 2026,
      version: "",
      target: "t",
      indicators: [],
      milestones: [{ title: "印发实施", dueDate: "2027-01-15" }],
    });
    expect(!late.ok && late.fieldErrors).toEqual({ milestones: ["时间节点「印发实施」的日期须在 2026 年内"] });
    const repeated = await saveAnnualTargets({
      measureId,
      year: 2026,
      version: "",
      target: "t",
      indicators: [{ name: "培训场次" }, { name: "培训场次" }],
      milestones: [],
    });
    expect(!repeated.ok && repeated.fieldErrors).toEqual({ indicators: ["指标「培训场次」重复"] });
    expect(await db().annualTarget.count()).toBe(0);
    expect(await db().indicator.count()).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "target.save" } })).toBe(0);
  });

  it("a liaison whose unit only shares the measure is FORBIDDEN; another district's measure is NOT_FOUND; nothing changes", async () => {
    await actAs(world.a.users.liaison);
    const input = { measureId: sharedId, year: 2026, version: "", target: "t", indicators: [], milestones: [] };
    expect(await saveAnnualTargets(input)).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "只有该举措的牵头单位可以设定年度目标、工作指标和时间节点",
    });
    // A measure the unit has nothing to do with, in its own district: as if it did not exist.
    const other = await createMeasure(db(), {
      planId: (await db().measure.findUniqueOrThrow({ where: { id: measureId } })).planId,
      code: "3",
      leadUnitIds: [world.a.units.justice.id],
    });
    expect(await saveAnnualTargets({ ...input, measureId: other.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // Justice's liaison leads measure 2, so it may.
    await actAs(justiceLiaison);
    expect(await saveAnnualTargets(input)).toMatchObject({ ok: true });
    expect(await saveAnnualTargets({ ...input, measureId })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await actAs(world.b.users.bureau);
    expect(await saveAnnualTargets({ ...input, measureId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db().annualTarget.findMany({ select: { measureId: true } })).toEqual([{ measureId: sharedId }]);
    // A closed plan's targets stay as they were.
    const planId = (await db().measure.findUniqueOrThrow({ where: { id: sharedId } })).planId;
    await db().plan.update({ where: { id: planId }, data: { status: "CLOSED" } });
    await actAs(justiceLiaison);
    expect(await saveAnnualTargets({ ...input, target: "改" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await getMeasureTargets((await loadActor(justiceLiaison.id))!, sharedId))!.canManage).toBe(false);
    expect(await db().annualTarget.findFirstOrThrow()).toMatchObject({ target: "t" });
  });

  it("an indicator a report has stated a value for cannot be removed", async () => {
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    await db().$transaction((tx) =>
      setAnnualTargets(tx, bureau, measureId, 2026, { target: "t", indicators: [{ name: "培训场次", targetValue: 4 }], milestones: [] }),
    );
    const indicator = await db().indicator.findFirstOrThrow();
    const assignment = await db().assignment.findFirstOrThrow({ where: { measureId, unitId: world.a.units.development.id } });
    const report = await db().progressReport.create({
      data: {
        districtId: world.a.region.id,
        assignmentId: assignment.id,
        periodStart: day("2026-01-01"),
        periodEnd: day("2026-03-31"),
        text: "x",
        percent: 10,
        claimedStatus: "IN_PROGRESS",
        state: "SUBMITTED",
        authorId: world.a.users.liaison.id,
      },
    });
    await db().indicatorValue.create({
      data: { districtId: world.a.region.id, reportId: report.id, indicatorId: indicator.id, value: "2" },
    });
    await actAs(world.a.users.bureau);
    const result = await saveAnnualTargets({
      measureId,
      year: 2026,
      version: await versionOf(world.a.users.bureau.id, measureId, 2026),
      target: "t",
      indicators: [],
      milestones: [],
    });
    expect(!result.ok && result.fieldErrors).toEqual({ indicators: ["指标「培训场次」已有报送的数值,不能删除"] });
    expect(await db().indicator.count()).toBe(1);
  });
});

describe("two people editing the same year", () => {
  it("the second save from the same read answers CONFLICT and changes nothing", async () => {
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    await db().$transaction((tx) =>
      setAnnualTargets(tx, bureau, measureId, 2026, {
        target: "t",
        indicators: [{ name: "培训场次", targetValue: "4" }],
        milestones: [{ title: "形成征求意见稿", dueDate: "2026-09-30" }],
      }),
    );
    const [indicator] = await db().indicator.findMany();
    const [first] = await db().milestone.findMany();
    // Both open the page: the same version.
    const version = await versionOf(world.a.users.liaison.id, measureId, 2026);
    expect(version).not.toBe("");
    const kept = { id: indicator!.id, name: "培训场次", targetValue: "4" };
    await actAs(world.a.users.bureau);
    const added = await saveAnnualTargets({
      measureId,
      year: 2026,
      version,
      target: "t",
      indicators: [kept],
      milestones: [
        { id: first!.id, title: "形成征求意见稿", dueDate: "2026-09-30" },
        { title: "印发实施", dueDate: "2026-11-30" },
      ],
    });
    expect(added).toMatchObject({ ok: true });
    const state = async () => ({
      targets: await db().annualTarget.findMany({ select: { unitId: true, target: true } }),
      indicators: await db().indicator.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, targetValue: true } }),
      milestones: await db().milestone.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true, dueDate: true } }),
      audits: await db().auditEvent.count({ where: { action: "target.save" } }),
    });
    const before = await state();
    expect(before.milestones.map((m) => m.title)).toEqual(["形成征求意见稿", "印发实施"]);
    // The liaison's form still holds the rows it read: saving it would drop 印发实施.
    await actAs(world.a.users.liaison);
    const stale = await saveAnnualTargets({
      measureId,
      year: 2026,
      version,
      target: "年底前出台实施细则",
      indicators: [{ ...kept, targetValue: "6" }],
      milestones: [{ id: first!.id, title: "形成征求意见稿", dueDate: "2026-10-15" }],
    });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT", message: "该年度目标已被他人修改,请刷新后再改" });
    expect(await state()).toEqual(before);
    // Refreshed, it saves.
    const fresh = await saveAnnualTargets({
      measureId,
      year: 2026,
      version: await versionOf(world.a.users.liaison.id, measureId, 2026),
      target: "年底前出台实施细则",
      indicators: [kept],
      milestones: [
        { id: first!.id, title: "形成征求意见稿", dueDate: "2026-09-30" },
        { id: before.milestones[1]!.id, title: "印发实施", dueDate: "2026-11-30" },
      ],
    });
    expect(fresh).toMatchObject({ ok: true });
  });

  it("a version is required from the form", async () => {
    await actAs(world.a.users.liaison);
    const result = await saveAnnualTargets({ measureId, year: 2026, target: "t", indicators: [], milestones: [] });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await db().annualTarget.count()).toBe(0);
  });
});

describe("the form starts from the acting unit's own target", () => {
  it("a liaison's form holds its unit's text, not another lead unit's; bureau staff start with the first lead unit's", async () => {
    const { development, justice } = world.a.units;
    const planId = (await db().measure.findUniqueOrThrow({ where: { id: measureId } })).planId;
    const both = await createMeasure(db(), { planId, code: "4", deadline: "2027-12-31", leadUnitIds: [development.id, justice.id] });
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    // Justice saves first: its row comes first in the year.
    await db().$transaction(async (tx) => {
      await setAnnualTargets(tx, bureau, both.id, 2026, { target: "司法局的目标", indicators: [], milestones: [] }, { unitId: justice.id });
      await setAnnualTargets(
        tx,
        bureau,
        both.id,
        2026,
        { target: "发改局的目标", indicators: [], milestones: [] },
        { unitId: development.id },
      );
    });
    const startsWith = async (actor: NonNullable<Awaited<ReturnType<typeof loadActor>>>) => {
      const view = (await getMeasureTargets(actor, both.id))!;
      expect(view.years[0]!.targets[0]!.target).toBe("司法局的目标"); // what the first row would have pre-filled
      return { units: view.leadUnits.map((u) => u.name), text: prefilledTarget(targetsFormYears(view.years)[0], view.leadUnits[0]?.id) };
    };
    expect(await startsWith((await loadActor(world.a.users.liaison.id))!)).toEqual({ units: ["区发改局"], text: "发改局的目标" });
    expect(await startsWith((await loadActor(justiceLiaison.id))!)).toEqual({ units: ["区司法局"], text: "司法局的目标" });
    expect(await startsWith(bureau)).toEqual({ units: ["区发改局", "区司法局"], text: "发改局的目标" });
    // A unit that set nothing for a year starts blank.
    expect(
      prefilledTarget(
        targetsFormYears([{ year: 2027, version: "", targets: [{ unitId: justice.id, target: "x" }], indicators: [], milestones: [] }])[0],
        development.id,
      ),
    ).toBe("");
  });
});

describe("a missed milestone stays on the record", () => {
  const setUp = async () => {
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    await db().$transaction((tx) =>
      setAnnualTargets(tx, bureau, measureId, 2026, {
        target: "t",
        indicators: [],
        milestones: [
          { title: "形成征求意见稿", dueDate: "2026-06-10" }, // past, open: missed
          { title: "召开座谈会", dueDate: "2026-05-10" }, // past, completed below
          { title: "印发实施", dueDate: "2026-11-30" }, // still ahead
        ],
      }),
    );
    const [missed, done, ahead] = await db().milestone.findMany({ orderBy: { id: "asc" } });
    await db().milestone.update({ where: { id: done!.id }, data: { completedAt: new Date("2026-05-09T02:00:00Z") } });
    return { missed: missed!, done: done!, ahead: ahead! };
  };
  const row = (m: { id: number; title: string }, dueDate: string) => ({ id: m.id, title: m.title, dueDate });
  const message = "时间节点「形成征求意见稿」已过期,不能删除或改期;如需调整请联系区司法局";

  it("the lead unit's liaison may neither remove nor re-date it; the rest of the year it may edit", async () => {
    const { missed, done, ahead } = await setUp();
    const save = async (milestones: ReturnType<typeof row>[]) =>
      saveAnnualTargets({
        measureId,
        year: 2026,
        version: await versionOf(world.a.users.liaison.id, measureId, 2026),
        target: "t",
        indicators: [],
        milestones,
      });
    await actAs(world.a.users.liaison);
    const removed = await save([row(done, "2026-05-10"), row(ahead, "2026-11-30")]);
    expect(removed).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!removed.ok && removed.fieldErrors).toEqual({ milestones: [message] });
    const moved = await save([row(missed, "2026-12-31"), row(done, "2026-05-10"), row(ahead, "2026-11-30")]);
    expect(!moved.ok && moved.fieldErrors).toEqual({ milestones: [message] });
    expect((await db().milestone.findUniqueOrThrow({ where: { id: missed.id } })).dueDate).toEqual(day("2026-06-10"));
    expect(await db().auditEvent.count({ where: { action: "target.save" } })).toBe(1);
    // A completed one, or one not yet due, it may remove or move; the missed one stays as it was.
    expect(await save([row(missed, "2026-06-10"), row(ahead, "2026-12-15")])).toMatchObject({ ok: true });
    expect((await db().milestone.findMany({ orderBy: { id: "asc" } })).map((m) => [m.title, m.dueDate.toISOString().slice(0, 10)])).toEqual(
      [
        ["形成征求意见稿", "2026-06-10"],
        ["印发实施", "2026-12-15"],
      ],
    );
  });

  it("bureau staff may remove or re-date it, audited", async () => {
    const { missed, done, ahead } = await setUp();
    await actAs(world.a.users.bureau);
    const moved = await saveAnnualTargets({
      measureId,
      year: 2026,
      version: await versionOf(world.a.users.bureau.id, measureId, 2026),
      target: "t",
      indicators: [],
      milestones: [row(missed, "2026-07-31"), row(done, "2026-05-10"), row(ahead, "2026-11-30")],
    });
    expect(moved).toMatchObject({ ok: true });
    const removed = await saveAnnualTargets({
      measureId,
      year: 2026,
      version: await versionOf(world.a.users.bureau.id, measureId, 2026),
      target: "t",
      indicators: [],
      milestones: [row(done, "2026-05-10"), row(ahead, "2026-11-30")],
    });
    expect(removed).toMatchObject({ ok: true });
    expect(await db().milestone.count({ where: { id: missed.id } })).toBe(0);
    const audits = await db().auditEvent.findMany({ where: { action: "target.save" }, orderBy: { id: "asc" } });
    expect(audits.at(-1)).toMatchObject({ actorId: world.a.users.bureau.id });
    expect((audits.at(-1)!.before as { milestones: { title: string; dueDate: string }[] }).milestones).toContainEqual(
      expect.objectContaining({ title: "形成征求意见稿", dueDate: "2026-07-31" }),
    );
  });
});

describe("milestones and the light", () => {
  it("a missed milestone turns the measure yellow, red past the grace; 完成 by the lead unit turns it back, audited", async () => {
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    await db().$transaction((tx) =>
      setAnnualTargets(tx, bureau, measureId, 2026, {
        target: "t",
        indicators: [],
        milestones: [{ title: "形成征求意见稿", dueDate: "2026-06-10" }],
      }),
    );
    // Keep the report rules quiet: the measure was created on 2026-06-20, its first report is not yet due.
    await actAs(world.a.users.liaison);
    const actor = (await loadActor(world.a.users.liaison.id))!;
    expect((await getMeasureDetail(actor, measureId))!.overall).toEqual({
      light: "YELLOW",
      reasonCode: "MILESTONE_MISSED",
      reason: "时间节点「形成征求意见稿」未按期完成",
    });
    vi.setSystemTime(new Date("2026-06-26T02:00:00Z")); // 16 days late, grace 15
    expect((await getMeasureDetail(actor, measureId))!.overall).toEqual({
      light: "RED",
      reasonCode: "MILESTONE_OVERDUE",
      reason: "时间节点「形成征求意见稿」逾期 16 天",
    });
    const view = (await getMeasureTargets(actor, measureId))!;
    expect(view.canManage).toBe(true);
    expect(view.years[0]!.milestones[0]).toMatchObject({ title: "形成征求意见稿", state: "MILESTONE_OVERDUE", daysLate: 16 });

    const milestone = await db().milestone.findFirstOrThrow();
    await actAs(justiceLiaison);
    expect(await completeMilestone({ milestoneId: milestone.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await getMeasureTargets((await loadActor(justiceLiaison.id))!, measureId))!.canManage).toBe(false);
    await actAs(world.a.users.liaison);
    expect(await completeMilestone({ milestoneId: String(milestone.id) })).toMatchObject({
      ok: true,
      message: "时间节点「形成征求意见稿」已标记完成",
    });
    expect(await completeMilestone({ milestoneId: milestone.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await getMeasureDetail(actor, measureId))!.overall.light).toBe("GREY");
    expect(await db().auditEvent.findFirstOrThrow({ where: { action: "milestone.complete" } })).toMatchObject({
      entityId: String(milestone.id),
      actorId: world.a.users.liaison.id,
    });
  });
});

describe("progress reports state indicator values", () => {
  it("the lead unit's report keeps its values; actualValue follows the latest submitted one, and a return withdraws it", async () => {
    const { submitProgressReport, saveProgressDraft, returnProgressReport } = await import("@/lib/progress/actions.ts");
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    await db().$transaction((tx) =>
      setAnnualTargets(tx, bureau, measureId, 2026, {
        target: "t",
        indicators: [
          { name: "培训场次", unitOfMeasure: "场", targetValue: "4" },
          { name: "公示率", unitOfMeasure: "%", targetValue: "100" },
        ],
        milestones: [],
      }),
    );
    // Another year's indicator is not this report's.
    await db().indicator.create({ data: { districtId: world.a.region.id, measureId, year: 2025, name: "旧指标" } });
    const [training, rate] = await db().indicator.findMany({ where: { measureId, year: 2026 }, orderBy: { id: "asc" } });
    const lead = await db().assignment.findFirstOrThrow({ where: { measureId, unitId: world.a.units.development.id } });
    // Q1 was approved with 1 session stated.
    const q1 = await db().progressReport.create({
      data: {
        districtId: world.a.region.id,
        assignmentId: lead.id,
        periodStart: day("2026-01-01"),
        periodEnd: day("2026-03-31"),
        text: "一季度",
        percent: 10,
        claimedStatus: "IN_PROGRESS",
        state: "APPROVED",
        authorId: world.a.users.liaison.id,
        submittedAt: new Date("2026-04-05T02:00:00Z"),
      },
    });
    await db().indicatorValue.create({ data: { districtId: world.a.region.id, reportId: q1.id, indicatorId: training!.id, value: "1" } });
    await db().indicator.update({ where: { id: training!.id }, data: { actualValue: "1" } }); // as Q1's submission left it

    await actAs(world.a.users.liaison);
    const base = {
      assignmentId: String(lead.id),
      periodKey: "2026-Q2",
      text: "二季度举办培训",
      percent: "40",
      claimedStatus: "IN_PROGRESS",
    };
    // Bad input: a Chinese message beside the field, nothing written.
    const bad = await submitProgressReport({ ...base, [`indicator.${training!.id}`]: "三场" });
    expect(bad).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!bad.ok && bad.fieldErrors).toEqual({ [`indicator.${training!.id}`]: ["指标数值应为数字,最多 12 位整数、两位小数"] });
    expect(await db().progressReport.count()).toBe(1);

    // A draft keeps its values but does not count yet.
    const draft = await saveProgressDraft({ ...base, [`indicator.${training!.id}`]: "2", [`indicator.${rate!.id}`]: "" });
    expect(draft).toMatchObject({ ok: true });
    expect((await db().indicator.findUniqueOrThrow({ where: { id: training!.id } })).actualValue?.toString()).toBe("1");

    const sent = await submitProgressReport({
      ...base,
      version: String((draft.ok && draft.data.version) || ""),
      [`indicator.${training!.id}`]: "3",
      [`indicator.${rate!.id}`]: "87.5",
    });
    expect(sent).toMatchObject({ ok: true });
    const q2 = await db().progressReport.findFirstOrThrow({ where: { periodStart: day("2026-04-01") } });
    const values = await db().indicatorValue.findMany({ where: { reportId: q2.id }, orderBy: { indicatorId: "asc" } });
    expect(values.map((v) => [v.indicatorId, v.value.toString()])).toEqual([
      [training!.id, "3"],
      [rate!.id, "87.5"],
    ]);
    const actual = async () =>
      (await db().indicator.findMany({ where: { measureId, year: 2026 }, orderBy: { id: "asc" } })).map(
        (i) => i.actualValue?.toString() ?? null,
      );
    expect(await actual()).toEqual(["3", "87.5"]);
    const audit = await db().auditEvent.findMany({
      where: { action: "report.indicatorValues", entityId: String(q2.id) },
      orderBy: { id: "asc" },
    });
    expect(audit.at(-1)!.after).toEqual({
      values: [
        { indicatorId: training!.id, value: "3" },
        { indicatorId: rate!.id, value: "87.5" },
      ],
    });
    // The measure page's view: target against actual, with the rate.
    const view = (await getMeasureTargets(bureau, measureId))!;
    expect(view.years.find((y) => y.year === 2026)!.indicators.map((i) => [i.name, i.targetValue, i.actualValue, i.percent])).toEqual([
      ["培训场次", "4", "3", 75],
      ["公示率", "100", "87.5", 88],
    ]);

    // Returned: Q2's values no longer count; Q1's stands again for 培训场次.
    await actAs(world.a.users.bureau);
    expect(await returnProgressReport({ reportId: q2.id, version: q2.version, comment: "请补充培训签到表" })).toMatchObject({ ok: true });
    expect(await actual()).toEqual(["1", null]);
  });

  it("a responsible unit's report states none; another year's indicator is refused", async () => {
    const { submitProgressReport } = await import("@/lib/progress/actions.ts");
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    await db().$transaction((tx) =>
      setAnnualTargets(tx, bureau, measureId, 2026, { target: "t", indicators: [{ name: "培训场次" }], milestones: [] }),
    );
    const old = await db().indicator.create({ data: { districtId: world.a.region.id, measureId, year: 2025, name: "旧指标" } });
    const indicator = await db().indicator.findFirstOrThrow({ where: { year: 2026 } });
    const responsible = await db().assignment.findFirstOrThrow({ where: { measureId, unitId: world.a.units.justice.id } });
    await actAs(justiceLiaison);
    const input = { assignmentId: responsible.id, periodKey: "2026-Q2", text: "配合开展", percent: 30, claimedStatus: "IN_PROGRESS" };
    expect(await submitProgressReport({ ...input, [`indicator.${indicator.id}`]: "2" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "工作指标数值由牵头单位填报。",
    });
    expect(await submitProgressReport(input)).toMatchObject({ ok: true });
    const lead = await db().assignment.findFirstOrThrow({ where: { measureId, unitId: world.a.units.development.id } });
    await actAs(world.a.users.liaison);
    const stray = await submitProgressReport({ ...input, assignmentId: lead.id, [`indicator.${old.id}`]: "2" });
    expect(stray).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!stray.ok && stray.fieldErrors).toEqual({ [`indicator.${old.id}`]: ["该指标已不在本年度的指标中"] });
    expect(await db().indicatorValue.count()).toBe(0);
    expect(await db().progressReport.count({ where: { assignmentId: lead.id } })).toBe(0);
  });
});

describe("the annual report draft", () => {
  it("quotes the year's targets against results under 主要举措和成效, and only that year's", async () => {
    const { createAnnualReportDraft } = await import("@/lib/annual-reports/actions.ts");
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    await db().$transaction(async (tx) => {
      await setAnnualTargets(tx, bureau, measureId, 2026, {
        target: "年底前出台行政执法公示实施细则。",
        indicators: [
          { name: "培训场次", unitOfMeasure: "场", targetValue: "4" },
          { name: "公示率", unitOfMeasure: "%", targetValue: "100" },
        ],
        milestones: [],
      });
      await setAnnualTargets(tx, bureau, sharedId, 2025, { target: "去年的目标", indicators: [], milestones: [] });
    });
    await db().indicator.updateMany({ where: { measureId, name: "培训场次" }, data: { actualValue: "3" } });
    await actAs(world.a.users.bureau);
    const result = await createAnnualReportDraft({ regionId: String(world.a.region.id), year: "2026" });
    expect(result).toMatchObject({ ok: true });
    const sections = await db().annualReportSection.findMany({ orderBy: { sortOrder: "asc" } });
    const at = sections.findIndex((s) => s.heading === "年度目标和工作指标完成情况");
    expect(at).toBeGreaterThan(sections.findIndex((s) => s.kind === "MEASURES"));
    expect(at).toBeLessThan(sections.findIndex((s) => s.kind === "SHORTCOMINGS"));
    expect(sections[at]!.body).toBe("1:年度目标(区发改局):年底前出台行政执法公示实施细则;指标:培训场次 4/3 场(完成率 75%)、公示率 100/— %");
    expect(sections[at]!.measureIds).toEqual([measureId]);
  });

  it("a unit's own report quotes only its own targets; the district's quotes every lead unit's, each named", async () => {
    const { createAnnualReportDraft } = await import("@/lib/annual-reports/actions.ts");
    const { development, justice } = world.a.units;
    const planId = (await db().measure.findUniqueOrThrow({ where: { id: measureId } })).planId;
    // Two lead units, each with its own target for the year.
    const both = await createMeasure(db(), { planId, code: "4", deadline: "2027-12-31", leadUnitIds: [development.id, justice.id] });
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    await db().$transaction(async (tx) => {
      await setAnnualTargets(
        tx,
        bureau,
        both.id,
        2026,
        { target: "发改局的目标", indicators: [], milestones: [] },
        { unitId: development.id },
      );
      await setAnnualTargets(tx, bureau, both.id, 2026, { target: "司法局的目标", indicators: [], milestones: [] }, { unitId: justice.id });
      // Justice leads measure 2 alone: none of development's business although it shares the measure.
      await setAnnualTargets(
        tx,
        bureau,
        sharedId,
        2026,
        { target: "司法局独有的目标", indicators: [], milestones: [] },
        { unitId: justice.id },
      );
    });
    const body = async (unitId?: number) => {
      await db().annualReportSection.deleteMany();
      await db().annualReport.deleteMany();
      await actAs(world.a.users.bureau);
      const result = await createAnnualReportDraft({
        regionId: String(world.a.region.id),
        year: "2026",
        ...(unitId ? { unitId: String(unitId) } : {}),
      });
      expect(result).toMatchObject({ ok: true });
      return (await db().annualReportSection.findFirst({ where: { heading: "年度目标和工作指标完成情况" } }))?.body ?? null;
    };
    expect(await body(development.id)).toBe("4:年度目标:发改局的目标");
    expect(await body(justice.id)).toBe("2:年度目标:司法局独有的目标\n4:年度目标:司法局的目标");
    expect(await body()).toBe("2:年度目标(区司法局):司法局独有的目标\n4:年度目标(区发改局):发改局的目标;年度目标(区司法局):司法局的目标");
  });
});

describe("forged ids", () => {
  it("a row id or an indicator field beyond PostgreSQL's int answers VALIDATION and writes nothing", async () => {
    const { submitProgressReport } = await import("@/lib/progress/actions.ts");
    await actAs(world.a.users.liaison);
    const rows = await saveAnnualTargets({
      measureId,
      year: 2026,
      version: "",
      target: "t",
      indicators: [{ id: "2147483648", name: "培训场次" }],
      milestones: [{ id: 3000000000, title: "印发", dueDate: "2026-07-01" }],
    });
    expect(!rows.ok && rows.fieldErrors).toEqual({
      indicators: ["第 1 个指标:请选择指标"],
      milestones: ["第 1 个时间节点:请选择时间节点"],
    });
    const lead = await db().assignment.findFirstOrThrow({ where: { measureId, unitId: world.a.units.development.id } });
    const value = await submitProgressReport({
      assignmentId: lead.id,
      periodKey: "2026-Q2",
      text: "x",
      percent: 1,
      claimedStatus: "IN_PROGRESS",
      "indicator.2147483648": "1",
    });
    expect(!value.ok && value.fieldErrors).toEqual({ indicatorValues: ["指标有误,请刷新后再试"] });
    expect(await db().annualTarget.count()).toBe(0);
    expect(await db().progressReport.count()).toBe(0);
  });
});
