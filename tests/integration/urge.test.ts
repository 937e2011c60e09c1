import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createUnit, createUser } from "@/lib/demo/factories.ts";
import { remindLateUnit, sendReminder } from "@/lib/reminders/actions.ts";
import { listUrgeTargets } from "@/lib/reminders/targets.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// Targeted 催办 (issue 12). On 2024-10-15 a quarterly plan due on the 10th is
// collecting 2024-Q4 and judges 2024-Q3 (due 2024-10-10).
//
// Measure M: lead 区司法局 (J, reported Q3 approved and Q4 submitted: owes
// nothing), responsible 区发改局 (D, Q3 returned: owes), 区公安分局 (P, Q3
// approved, nothing for Q4: owes Q4) and 区财政局 (F, completed its part).
// P has two liaisons, F none.

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let units: { J: number; D: number; P: number; F: number; other: number; B: number };
let liaisons: { J: number; D: number; P1: number; P2: number };
let measure: { id: number };
let measureB: { id: number };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-10-15T02:00:00Z"));
  world = await buildTwoDistricts();
  const regionId = world.a.region.id;
  const police = await createUnit(db(), { regionId, name: "区公安分局" });
  const finance = await createUnit(db(), { regionId, name: "区财政局" });
  const other = await createUnit(db(), { regionId, name: "区教育局" });
  units = {
    J: world.a.units.justice.id,
    D: world.a.units.development.id,
    P: police.id,
    F: finance.id,
    other: other.id,
    B: world.b.units.development.id,
  };
  liaisons = {
    J: (await createUser(db(), { login: "a.justice.liaison", name: "司法局联络员", role: "LIAISON", regionId, unitId: units.J })).id,
    D: world.a.users.liaison.id,
    P1: (await createUser(db(), { login: "a.police.1", name: "公安联络员甲", role: "LIAISON", regionId, unitId: units.P })).id,
    P2: (await createUser(db(), { login: "a.police.2", name: "公安联络员乙", role: "LIAISON", regionId, unitId: units.P })).id,
  };
  const plan = await createPlan(db(), { regionId, title: "下陆区法治政府建设实施方案" });
  measure = await createMeasure(db(), {
    planId: plan.id,
    code: "3.2",
    text: "建立健全行政执法公示制度",
    deadline: "2025-06-30",
    leadUnitIds: [units.J],
    responsibleUnitIds: [units.D, units.P, units.F],
  });
  // Other measures, so the unit's own 催办 lists more than one.
  await createMeasure(db(), { planId: plan.id, code: "4.1", text: "推行行政执法三项制度", deadline: "2025-06-30", leadUnitIds: [units.D] });
  const planB = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案" });
  measureB = await createMeasure(db(), { planId: planB.id, code: "1", deadline: "2025-06-30", leadUnitIds: [units.B] });

  await db().assignment.updateMany({ data: { createdAt: new Date("2024-03-01T00:00:00Z") } });
  const assignment = async (unitId: number, measureId = measure.id) =>
    (await db().assignment.findFirstOrThrow({ where: { unitId, measureId } })).id;
  await db().assignment.update({
    where: { id: await assignment(units.F) },
    data: { status: "COMPLETED", percent: 100, completedAt: new Date("2024-09-01T00:00:00Z") },
  });
  const q3 = {
    periodStart: new Date("2024-07-01T00:00:00Z"),
    periodEnd: new Date("2024-09-30T00:00:00Z"),
    text: "进展",
    claimedStatus: "IN_PROGRESS" as const,
  };
  const q4 = { ...q3, periodStart: new Date("2024-10-01T00:00:00Z"), periodEnd: new Date("2024-12-31T00:00:00Z") };
  const districtId = world.a.region.id;
  await db().progressReport.createMany({
    data: [
      { ...q3, districtId, assignmentId: await assignment(units.J), state: "APPROVED", authorId: liaisons.J },
      { ...q4, districtId, assignmentId: await assignment(units.J), state: "SUBMITTED", authorId: liaisons.J },
      { ...q3, districtId, assignmentId: await assignment(units.D), state: "RETURNED", authorId: liaisons.D },
      { ...q3, districtId, assignmentId: await assignment(units.P), state: "APPROVED", authorId: liaisons.P1 },
    ],
  });
});

afterEach(() => {
  vi.useRealTimers();
});

async function snapshot() {
  const [reminders, notifications, audit] = await Promise.all([
    db().reminder.findMany({ orderBy: { id: "asc" } }),
    db().notification.findMany({ orderBy: { id: "asc" } }),
    db().auditEvent.count(),
  ]);
  return { reminders, notifications, audit };
}

const urgeAudit = () => db().auditEvent.findMany({ where: { action: "reminder.send" }, orderBy: { id: "asc" } });

describe("who a 催办 about a measure preselects", () => {
  it("lists every unit of the measure, the lead first; those that owe a report are preselected", async () => {
    const actor = await actAs(world.a.users.bureau);
    const targets = await listUrgeTargets(actor!, measure.id);
    expect(targets).toMatchObject({ collecting: "2024年第四季度", latestDue: "2024年第三季度" });
    expect(targets!.units.map((u) => [u.unitName, u.role, u.completed, u.owes, u.preselected, u.status])).toEqual([
      ["区司法局", "LEAD", false, false, false, "2024年第四季度 已报送,待审核"],
      ["区发改局", "RESPONSIBLE", false, true, true, "2024年第三季度 已退回;2024年第四季度 未报送"],
      ["区公安分局", "RESPONSIBLE", false, true, true, "2024年第四季度 未报送"],
      ["区财政局", "RESPONSIBLE", true, false, false, "已完成"],
    ]);
  });

  it("a unit reminded today is no longer preselected, and says so", async () => {
    await actAs(world.a.users.bureau);
    expect(await sendReminder({ measureId: measure.id, unitIds: [units.P] })).toMatchObject({ ok: true });
    const actor = await actAs(world.a.users.bureau);
    const police = (await listUrgeTargets(actor!, measure.id))!.units.find((u) => u.unitId === units.P)!;
    expect(police).toMatchObject({ owes: true, remindedToday: true, preselected: false });
  });

  it.each([
    ["another district's bureau", () => world.b.users.bureau],
    ["a liaison", () => world.a.users.liaison],
    ["a leader", () => world.a.users.leader],
  ])("is nothing for %s", async (_case, who) => {
    const actor = await actAs(who());
    expect(await listUrgeTargets(actor!, measure.id)).toBeNull();
  });
});

describe("催办 about a measure, to chosen units", () => {
  it("reminds only the chosen unit: one reminder, one message per liaison naming measure, period and 附言, one timeline entry", async () => {
    await actAs(world.a.users.bureau);
    const result = await sendReminder({ measureId: String(measure.id), unitIds: [String(units.P)], message: "请本周内报送" });
    expect(result).toMatchObject({
      ok: true,
      message: "已催办 1 个单位:区公安分局",
      data: { notifications: 2, units: ["区公安分局"], skipped: [] },
    });
    const reminders = await db().reminder.findMany();
    expect(reminders).toMatchObject([
      {
        kind: "MANUAL",
        unitId: units.P,
        measureId: measure.id,
        sentById: world.a.users.bureau.id,
        dedupeKey: `urge:${measure.id}:${units.P}:2024-10-15`,
      },
    ]);
    const notifications = await db().notification.findMany({ orderBy: { userId: "asc" } });
    expect(notifications.map((n) => n.userId)).toEqual([liaisons.P1, liaisons.P2]);
    for (const n of notifications) {
      expect(n).toMatchObject({
        kind: "URGED",
        reminderId: reminders[0]!.id,
        title: "催办:3.2 建立健全行政执法公示制度(2024年第四季度)",
        link: `/measures/${measure.id}`,
      });
      expect(n.body).toContain("3.2 建立健全行政执法公示制度");
      expect(n.body).toContain("2024年第四季度");
      expect(n.body).toContain("附言:请本周内报送");
    }
    const audit = await urgeAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entityType: "Measure",
      entityId: String(measure.id),
      actorId: world.a.users.bureau.id,
      after: expect.objectContaining({ units: ["区公安分局"], unitIds: [units.P], message: "请本周内报送" }),
    });
  });

  it("several units: one audit event listing them all; a returned report's period is named", async () => {
    await actAs(world.a.users.bureau);
    expect(await sendReminder({ measureId: measure.id, unitIds: [units.P, units.D] })).toMatchObject({
      ok: true,
      message: "已催办 2 个单位:区发改局、区公安分局",
    });
    expect((await db().reminder.findMany()).map((r) => r.unitId).sort()).toEqual([units.D, units.P].sort());
    const audit = await urgeAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ units: ["区发改局", "区公安分局"] });
    const toD = await db().notification.findFirstOrThrow({ where: { userId: liaisons.D } });
    expect(toD.title).toBe("催办:3.2 建立健全行政执法公示制度(2024年第三季度、2024年第四季度)");
    expect(await db().notification.count({ where: { userId: liaisons.J } })).toBe(0);
  });

  it("does not remind the same unit about the same measure twice a day, and says so", async () => {
    await actAs(world.a.users.bureau);
    expect(await sendReminder({ measureId: measure.id, unitIds: [units.P] })).toMatchObject({ ok: true });
    const before = await snapshot();
    expect(await sendReminder({ measureId: measure.id, unitIds: [units.P] })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "区公安分局 今天已催办过,未重复发送",
    });
    expect(await snapshot()).toEqual(before);

    // Mixed: the new unit is reminded, the other skipped and named.
    const mixed = await sendReminder({ measureId: measure.id, unitIds: [units.P, units.D] });
    expect(mixed).toMatchObject({
      ok: true,
      message: "已催办 1 个单位:区发改局;区公安分局 今天已催办过,未重复发送",
      data: { skipped: ["区公安分局"] },
    });
    expect(await db().reminder.count({ where: { unitId: units.P } })).toBe(1);
    expect((await urgeAudit()).map((e) => (e.after as { units: string[] }).units)).toEqual([["区公安分局"], ["区发改局"]]);

    // The next day it may be sent again.
    vi.setSystemTime(new Date("2024-10-16T02:00:00Z"));
    expect(await sendReminder({ measureId: measure.id, unitIds: [units.P] })).toMatchObject({ ok: true });
    expect(await db().reminder.count({ where: { unitId: units.P } })).toBe(2);
  });

  it("two concurrent clicks send once", async () => {
    await actAs(world.a.users.bureau);
    const results = await Promise.all([
      sendReminder({ measureId: measure.id, unitIds: [units.P] }),
      sendReminder({ measureId: measure.id, unitIds: [units.P] }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ code: "CONFLICT", message: "区公安分局 今天已催办过,未重复发送" }]);
    expect(await db().reminder.count()).toBe(1);
    expect(await db().notification.count()).toBe(2);
    expect(await urgeAudit()).toHaveLength(1);
  });

  it("a unit that has completed its part is not reminded", async () => {
    await actAs(world.a.users.bureau);
    const before = await snapshot();
    expect(await sendReminder({ measureId: measure.id, unitIds: [units.F] })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await snapshot()).toEqual(before);
  });

  it("no unit chosen is a field error", async () => {
    await actAs(world.a.users.bureau);
    expect(await sendReminder({ measureId: measure.id, unitIds: [] })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { unitIds: ["请至少选择一个单位"] },
    });
  });
});

describe("催办 out of scope answers NOT_FOUND and writes nothing", () => {
  it.each([
    ["a unit of another district", () => world.a.users.bureau, () => ({ measureId: measure.id, unitIds: [units.B] })],
    ["a unit of the district not on the measure", () => world.a.users.bureau, () => ({ measureId: measure.id, unitIds: [units.other] })],
    [
      "a chosen unit among which one is out of scope",
      () => world.a.users.bureau,
      () => ({ measureId: measure.id, unitIds: [units.P, units.B] }),
    ],
    ["another district's measure", () => world.a.users.bureau, () => ({ measureId: measureB.id, unitIds: [units.B] })],
    ["another district's bureau", () => world.b.users.bureau, () => ({ measureId: measure.id, unitIds: [units.P] })],
    ["a measure that does not exist", () => world.a.users.bureau, () => ({ measureId: 999_999, unitIds: [units.P] })],
  ])("%s", async (_case, who, input) => {
    const before = await snapshot();
    await actAs(who());
    expect(await sendReminder(input())).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
  });

  it("the unit's own 催办 of another district's unit", async () => {
    const before = await snapshot();
    await actAs(world.a.users.bureau);
    expect(await remindLateUnit({ unitId: units.B })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("催办 of one unit from the dashboards", () => {
  it("one message per liaison naming every measure it owes for the period, with links; once a day", async () => {
    await actAs(world.a.users.bureau);
    const result = await remindLateUnit({ unitId: units.D });
    expect(result).toMatchObject({ ok: true, message: "已催办区发改局的 2 项逾期报送", data: { notifications: 1 } });
    const [notice] = await db().notification.findMany();
    expect(notice).toMatchObject({ userId: liaisons.D, kind: "URGED" });
    expect(notice!.body).toContain(`3.2 建立健全行政执法公示制度`);
    expect(notice!.body).toContain(`/measures/${measure.id}`);
    expect(notice!.body).toContain(`4.1 推行行政执法三项制度`);
    expect(await db().notification.count()).toBe(1);
    expect(await db().reminder.findFirstOrThrow()).toMatchObject({ dedupeKey: `urge-unit:${units.D}:2024-10-15` });
    expect(await db().auditEvent.count({ where: { action: "reminder.sendLateReports" } })).toBe(1);

    const before = await snapshot();
    expect(await remindLateUnit({ unitId: units.D })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "区发改局 今天已催办过,未重复发送",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("two concurrent clicks send once", async () => {
    await actAs(world.a.users.bureau);
    const results = await Promise.all([remindLateUnit({ unitId: units.D }), remindLateUnit({ unitId: units.D })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().notification.count()).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "reminder.sendLateReports" } })).toBe(1);
  });
});
