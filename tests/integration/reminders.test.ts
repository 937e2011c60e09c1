import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createUser } from "@/lib/demo/factories.ts";
import { runReminderJob } from "@/lib/notifications/reminder-job.ts";
import { remindLateUnit, sendReminder } from "@/lib/reminders/actions.ts";
import { listUrgeTargets, urgeRefusal } from "@/lib/reminders/targets.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import type { Mailer } from "@/lib/notifications/mailer.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// District A (下陆区) has one quarterly plan (reports due on the 10th) with
// measures set up so that on 2024-10-15 each rule fires, or deliberately does
// not; district B has one measure, to show the job covers every district.
// On 2024-10-15 the period judged is 2024-Q3 (due 2024-10-10).

const TODAY = "2024-10-15";
const TOMORROW = "2024-10-16";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let justiceLiaison: { id: number };
/** Assignment ids by "<measure code>:<J|D|BD>". */
let ids: Record<string, number>;
let measures: Record<string, { id: number }>;

const silentMailer: Mailer = { configured: false, send: async () => {} };
const job = (today: string) => runReminderJob(today, { mailer: silentMailer });

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-10-15T02:00:00Z"));
  world = await buildTwoDistricts();
  const J = world.a.units.justice.id;
  const D = world.a.units.development.id;
  const BD = world.b.units.development.id;
  justiceLiaison = await createUser(db(), {
    login: "a.justice.liaison",
    name: "司法局联络员",
    role: "LIAISON",
    regionId: world.a.region.id,
    unitId: J,
  });
  // An inactive liaison is never notified.
  await createUser(db(), { login: "a.dev.old", name: "原联络员", role: "LIAISON", regionId: world.a.region.id, unitId: D, active: false });

  const plan = await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治政府建设实施方案" });
  const closed = await createPlan(db(), { regionId: world.a.region.id, title: "已结束的方案" });
  await db().plan.update({ where: { id: closed.id }, data: { status: "CLOSED" } });
  const planB = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案" });

  measures = {
    // 30 days away: due soon for both units.
    "1": await createMeasure(db(), { planId: plan.id, code: "1", deadline: "2024-11-14", leadUnitIds: [J], responsibleUnitIds: [D] }),
    // 31 days away: due soon only from tomorrow.
    "2": await createMeasure(db(), { planId: plan.id, code: "2", deadline: "2024-11-15", leadUnitIds: [D] }),
    // Overdue since yesterday.
    "3": await createMeasure(db(), { planId: plan.id, code: "3", deadline: "2024-10-14", leadUnitIds: [J] }),
    // The lead's completion is approved: the measure is completed, the responsible unit is left alone.
    "4": await createMeasure(db(), { planId: plan.id, code: "4", deadline: "2024-10-20", leadUnitIds: [J], responsibleUnitIds: [D] }),
    // The responsible unit has completed its part: only the lead is reminded.
    "5": await createMeasure(db(), { planId: plan.id, code: "5", deadline: "2024-10-31", leadUnitIds: [J], responsibleUnitIds: [D] }),
    // Ongoing (长期坚持): no deadline reminders, report reminders only.
    "6": await createMeasure(db(), { planId: plan.id, code: "6", ongoing: true, leadUnitIds: [D] }),
    // Assigned after 2024-Q3 ended: no Q3 report was ever expected.
    "7": await createMeasure(db(), { planId: plan.id, code: "7", deadline: "2025-06-30", leadUnitIds: [J] }),
    // A closed plan is history.
    c1: await createMeasure(db(), { planId: closed.id, code: "1", deadline: "2024-10-01", leadUnitIds: [D] }),
    b1: await createMeasure(db(), { planId: planB.id, code: "1", deadline: "2024-11-01", leadUnitIds: [BD] }),
  };
  const unitKey = new Map([
    [J, "J"],
    [D, "D"],
    [BD, "BD"],
  ]);
  const code = new Map(Object.entries(measures).map(([k, m]) => [m.id, k]));
  ids = Object.fromEntries((await db().assignment.findMany()).map((a) => [`${code.get(a.measureId)}:${unitKey.get(a.unitId)}`, a.id]));

  await db().assignment.updateMany({ data: { createdAt: new Date("2024-03-01T00:00:00Z") } });
  await db().assignment.update({ where: { id: ids["7:J"] }, data: { createdAt: new Date("2024-10-05T02:00:00Z") } });
  await db().assignment.updateMany({
    where: { id: { in: [ids["4:J"]!, ids["5:D"]!] } },
    data: { status: "COMPLETED", percent: 100, completedAt: new Date("2024-09-01T00:00:00Z") },
  });

  // 2024-Q3 reports: submitted (on time), returned and a mere draft (both still late).
  const q3 = {
    periodStart: new Date("2024-07-01T00:00:00Z"),
    periodEnd: new Date("2024-09-30T00:00:00Z"),
    text: "进展",
    claimedStatus: "IN_PROGRESS" as const,
  };
  const districtId = world.a.region.id;
  await db().progressReport.createMany({
    data: [
      { ...q3, districtId, assignmentId: ids["1:J"]!, state: "SUBMITTED", authorId: justiceLiaison.id },
      { ...q3, districtId, assignmentId: ids["1:D"]!, state: "RETURNED", authorId: world.a.users.liaison.id },
      { ...q3, districtId, assignmentId: ids["2:D"]!, state: "DRAFT", authorId: world.a.users.liaison.id },
      {
        ...q3,
        districtId,
        assignmentId: ids["6:D"]!,
        state: "APPROVED",
        authorId: world.a.users.liaison.id,
        periodStart: new Date("2024-04-01T00:00:00Z"),
      },
    ],
  });
});

afterEach(() => {
  vi.useRealTimers();
});

const digest = {
  late: (unit: number, start = "2024-07-01", end = "2024-09-30") => `REPORT_LATE:${unit}:QUARTERLY:${start}:${end}`,
  dueSoon: (unit: number, month: string) => `DUE_SOON:${unit}:${month}`,
  overdue: (unit: number, month: string) => `OVERDUE:${unit}:${month}`,
};

/** [digest, recipient login] of every notification, sorted. */
async function digestRows() {
  const rows = await db().notification.findMany({ include: { user: { select: { login: true } } }, orderBy: { id: "asc" } });
  return rows.map((n) => [n.digest, n.user.login]).sort((x, y) => `${x[0]}${x[1]}`.localeCompare(`${y[0]}${y[1]}`));
}

function expectedAfterToday() {
  const J = world.a.units.justice.id;
  const D = world.a.units.development.id;
  const BD = world.b.units.development.id;
  return [
    [digest.dueSoon(J, "2024-10"), "a.justice.liaison"], // measures 1 and 5
    [digest.dueSoon(D, "2024-10"), world.a.users.liaison.login], // measure 1
    [digest.dueSoon(BD, "2024-10"), world.b.users.liaison.login], // b1
    [digest.late(J), "a.justice.liaison"], // 3, 5
    [digest.late(D), world.a.users.liaison.login], // 1 (returned), 2 (draft), 6
    [digest.late(BD), world.b.users.liaison.login], // b1
    [digest.overdue(J, "2024-10"), "a.justice.liaison"], // 3
  ].sort((x, y) => `${x[0]}${x[1]}`.localeCompare(`${y[0]}${y[1]}`));
}

// Changed with the digests (issue 12): the job used to write one Reminder and
// one notification per assignment and kind; it now writes one notification per
// liaison, unit, period and kind (the deadline kinds per month of the run), and
// no Reminder rows.
describe("the reminder job", () => {
  it("run twice on the same day writes each digest once, one per liaison, unit, period and kind", async () => {
    const first = await job(TODAY);
    expect(first).toEqual({
      today: TODAY,
      created: { DUE_SOON: 3, REPORT_LATE: 3, OVERDUE: 1 },
      arrivals: 0,
      notifications: 7,
      resolved: 0,
      emailed: 0,
    });
    expect(await digestRows()).toEqual(expectedAfterToday());
    expect(await db().reminder.count()).toBe(0);
    const notificationsAfterFirst = await db().notification.findMany({ orderBy: { id: "asc" } });

    const second = await job(TODAY);
    expect(second).toEqual({
      today: TODAY,
      created: { DUE_SOON: 0, REPORT_LATE: 0, OVERDUE: 0 },
      arrivals: 0,
      notifications: 0,
      resolved: 0,
      emailed: 0,
    });
    expect(await db().notification.findMany({ orderBy: { id: "asc" } })).toEqual(notificationsAfterFirst);

    const runs = await db().auditEvent.findMany({ where: { action: "reminders.job" }, orderBy: { id: "asc" } });
    expect(runs.map((r) => [r.actorId, r.entityId, r.districtId])).toEqual([
      [null, TODAY, null],
      [null, TODAY, null],
    ]);
    expect(runs[0]!.after).toMatchObject({ created: { DUE_SOON: 3, REPORT_LATE: 3, OVERDUE: 1 }, notifications: 7 });
  });

  it("two runs at the same moment still write each digest once", async () => {
    const results = await Promise.all([job(TODAY), job(TODAY)]);
    expect(results[0].notifications + results[1].notifications).toBe(7);
    expect(await digestRows()).toEqual(expectedAfterToday());
  });

  it("the next day adds nothing when the new items fall under an existing digest", async () => {
    await job(TODAY);
    const notifications = await db().notification.count();
    // Measure 2 (deadline 2024-11-15) is due soon from tomorrow: under D's 2024-11 digest, which lists it live.
    const next = await job(TOMORROW);
    expect(next.created).toEqual({ DUE_SOON: 0, REPORT_LATE: 0, OVERDUE: 0 });
    expect(await db().notification.count()).toBe(notifications);
  });

  it("a moved deadline resolves the overdue digest, and a new period is a new digest", async () => {
    await job(TODAY);
    // An approved extension moves measure 3's deadline into the next 30 days.
    await db().measure.update({ where: { id: measures["3"]!.id }, data: { deadline: new Date("2024-11-10T00:00:00Z") } });
    const next = await job(TOMORROW);
    expect(next).toMatchObject({ created: { DUE_SOON: 0, REPORT_LATE: 0, OVERDUE: 0 }, resolved: 1 });
    const overdue = await db().notification.findFirstOrThrow({ where: { digest: digest.overdue(world.a.units.justice.id, "2024-10") } });
    expect(overdue.readAt).not.toBeNull();
    // 2025-01-11: 2024-Q4 (due 2025-01-10) is now the period judged: one new digest per unit.
    const later = await job("2025-01-11");
    expect(later.created.REPORT_LATE).toBe(3);
    expect(await db().notification.count({ where: { digest: digest.late(world.a.units.justice.id, "2024-10-01", "2024-12-31") } })).toBe(1);
  });

  it("completed assignments, completed measures, closed plans and inactive liaisons get nothing", async () => {
    await job(TODAY);
    const listed = new Set<number>();
    for (const n of await db().notification.findMany()) {
      for (const m of n.body!.matchAll(/^\d+\. (\S+) /gm)) listed.add(Number(m[1]));
    }
    const inactive = await db().user.findUniqueOrThrow({ where: { login: "a.dev.old" } });
    expect(await db().notification.count({ where: { userId: inactive.id } })).toBe(0);
    // D's report digest lists 1, 2 and 6, not 5 (its part completed); J's lists 3 and 5, not 4 (completed) or 7 (assigned after Q3).
    const late = await db().notification.findFirstOrThrow({ where: { digest: digest.late(world.a.units.development.id) } });
    expect(
      late
        .body!.split("\n")
        .slice(1)
        .map((l) => l.split(" ")[1]),
    ).toEqual(["1", "2", "6"]);
    const lateJ = await db().notification.findFirstOrThrow({ where: { digest: digest.late(world.a.units.justice.id) } });
    expect(
      lateJ
        .body!.split("\n")
        .slice(1)
        .map((l) => l.split(" ")[1]),
    ).toEqual(["3", "5"]);
    expect(await db().notification.count({ where: { body: { contains: "举措 4" } } })).toBe(0);
  });

  it("words each digest with its period, count and measures, linking to the task list", async () => {
    await job(TODAY);
    const late = await db().notification.findFirstOrThrow({ where: { digest: digest.late(world.a.units.development.id) } });
    expect(late).toMatchObject({
      userId: world.a.users.liaison.id,
      kind: "REMINDER",
      title: "2024年第三季度尚有 3 项进展未报送",
      link: "/tasks",
      readAt: null,
      reminderId: null,
    });
    expect(late.body).toBe(
      ["贵单位以下 3 项举措2024年第三季度的进展尚未报送(或被退回待重新报送),请尽快报送:", "1. 1 举措 1", "2. 2 举措 2", "3. 6 举措 6"].join(
        "\n",
      ),
    );
    const overdue = await db().notification.findFirstOrThrow({ where: { digest: digest.overdue(world.a.units.justice.id, "2024-10") } });
    expect(overdue.title).toBe("2024年10月逾期提醒:1 项举措已超过完成时限");
    expect(await db().notification.count({ where: { userId: world.b.users.liaison.id } })).toBe(2);
  });

  it("with SMTP configured it e-mails the liaisons that have an address, once", async () => {
    await db().user.updateMany({ where: { role: "LIAISON" }, data: { email: "liaison@example.gov.cn" } });
    const send = vi.fn(async (_to: string, _subject: string, _text: string) => {});
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const result = await runReminderJob(TODAY, { mailer: { configured: true, send } });
    expect(result.emailed).toBe(result.notifications);
    expect(result.emailed).toBeGreaterThan(0);
    expect(send).toHaveBeenCalledTimes(result.notifications);
    expect(await db().notification.count({ where: { emailedAt: null } })).toBe(0);
    const again = await runReminderJob(TODAY, { mailer: { configured: true, send } });
    expect(again.emailed).toBe(0);
    expect(send).toHaveBeenCalledTimes(result.notifications);
    log.mockRestore();
  });

  it("refuses a malformed date", async () => {
    await expect(job("2024-02-30")).rejects.toThrow(RangeError);
  });
});

async function snapshot() {
  const [reminders, notifications, audit] = await Promise.all([
    db().reminder.findMany({ orderBy: { id: "asc" } }),
    db().notification.findMany({ orderBy: { id: "asc" } }),
    db().auditEvent.count(),
  ]);
  return { reminders, notifications, audit };
}

describe("催办 by the bureau", () => {
  it("sendReminder reminds the chosen units that have not completed the measure", async () => {
    await actAs(world.a.users.bureau);
    const J = world.a.units.justice.id;
    const D = world.a.units.development.id;
    const result = await sendReminder({ measureId: String(measures["1"]!.id), unitIds: [String(J), String(D)] });
    expect(result).toMatchObject({ ok: true, message: "已催办 2 个单位:区司法局、区发改局", data: { notifications: 2, unreached: [] } });
    const reminders = await db().reminder.findMany({ orderBy: { id: "asc" } });
    expect(reminders).toMatchObject([
      {
        kind: "MANUAL",
        unitId: J,
        assignmentId: ids["1:J"],
        measureId: measures["1"]!.id,
        sentById: world.a.users.bureau.id,
        dedupeKey: `urge:${measures["1"]!.id}:${J}:2024-10-15`,
      },
      {
        kind: "MANUAL",
        unitId: D,
        assignmentId: ids["1:D"],
        sentById: world.a.users.bureau.id,
        dedupeKey: `urge:${measures["1"]!.id}:${D}:2024-10-15`,
      },
    ]);
    // 区发改局's 2024-Q3 report was returned: its message names that period too.
    expect(reminders[1]!.message).toBe("请抓紧推进举措「1 举措 1」(完成时限 2024-11-14),并按时报送2024年第三季度、2024年第四季度的进展。");
    const notifications = await db().notification.findMany({ orderBy: { id: "asc" } });
    expect(notifications).toMatchObject([
      {
        userId: justiceLiaison.id,
        reminderId: reminders[0]!.id,
        kind: "URGED",
        title: "催办:1 举措 1(2024年第四季度)",
        body: reminders[0]!.message,
        link: `/measures/${measures["1"]!.id}`,
      },
      {
        userId: world.a.users.liaison.id,
        reminderId: reminders[1]!.id,
        kind: "URGED",
        title: "催办:1 举措 1(2024年第三季度、2024年第四季度)",
      },
    ]);
    const audit = await db().auditEvent.findMany({ where: { action: "reminder.send" }, orderBy: { id: "asc" } });
    expect(audit.map((e) => [e.actorId, e.entityType, e.entityId, (e.after as { units: string[] }).units])).toEqual([
      [world.a.users.bureau.id, "Measure", String(measures["1"]!.id), ["区司法局", "区发改局"]],
    ]);
  });

  it("sendReminder with the bureau's own words as 附言", async () => {
    await actAs(world.a.users.bureau);
    expect(
      await sendReminder({ measureId: measures["1"]!.id, unitIds: [world.a.units.development.id], message: "请本周内报送" }),
    ).toMatchObject({ ok: true, message: "已催办 1 个单位:区发改局" });
    expect((await db().reminder.findFirstOrThrow()).message).toMatch(/\n附言:请本周内报送$/);
  });

  it("sendReminder says so when a unit has no liaison to receive it", async () => {
    await db().user.update({ where: { id: justiceLiaison.id }, data: { active: false } });
    await actAs(world.a.users.bureau);
    expect(await sendReminder({ measureId: measures["3"]!.id, unitIds: [world.a.units.justice.id] })).toMatchObject({
      ok: true,
      message: "已催办 1 个单位:区司法局;区司法局尚无联络员账号,请另行电话催办",
      data: { notifications: 0, unreached: ["区司法局"] },
    });
  });

  it("remindLateUnit sends one reminder listing all of a unit's late reports", async () => {
    await actAs(world.a.users.bureau);
    const result = await remindLateUnit({ unitId: String(world.a.units.development.id) });
    expect(result).toMatchObject({ ok: true, message: "已催办区发改局的 3 项逾期报送", data: { lateReports: 3, notifications: 1 } });
    const reminder = await db().reminder.findFirstOrThrow();
    expect(reminder).toMatchObject({
      kind: "MANUAL",
      unitId: world.a.units.development.id,
      measureId: null,
      assignmentId: null,
      sentById: world.a.users.bureau.id,
    });
    expect(reminder.message).toBe(
      [
        "贵单位有 3 项任务的进展报送已逾期,请尽快报送:",
        `1. 1 举措 1(2024年第三季度,应于 2024-10-10 前报送,已被退回待重新报送) /measures/${measures["1"]!.id}`,
        `2. 2 举措 2(2024年第三季度,应于 2024-10-10 前报送) /measures/${measures["2"]!.id}`,
        `3. 6 举措 6(2024年第三季度,应于 2024-10-10 前报送) /measures/${measures["6"]!.id}`,
      ].join("\n"),
    );
    expect(await db().notification.findMany()).toMatchObject([
      {
        userId: world.a.users.liaison.id,
        reminderId: reminder.id,
        kind: "URGED",
        title: expect.stringContaining("催办:3 项进展报送逾期未报"),
        link: "/tasks",
        body: reminder.message,
      },
    ]);
    expect(await db().auditEvent.findFirstOrThrow({ where: { entityType: "Reminder" } })).toMatchObject({
      action: "reminder.sendLateReports",
      actorId: world.a.users.bureau.id,
      after: expect.objectContaining({ assignmentIds: [ids["1:D"], ids["2:D"], ids["6:D"]] }),
    });
  });

  it("an administrator may send reminders anywhere", async () => {
    await actAs(world.admin);
    expect(await sendReminder({ measureId: measures.b1!.id, unitIds: [world.b.units.development.id] })).toMatchObject({ ok: true });
    expect(await remindLateUnit({ unitId: world.b.units.development.id })).toMatchObject({ ok: true });
  });
});

describe("催办: refusals change nothing", () => {
  it.each([
    ["a liaison", () => world.a.users.liaison, "FORBIDDEN"],
    ["the lead unit's liaison", () => justiceLiaison, "FORBIDDEN"],
    ["a leader", () => world.a.users.leader, "FORBIDDEN"],
    ["a city leader", () => world.cityLeader, "FORBIDDEN"],
    ["another district's bureau", () => world.b.users.bureau, "NOT_FOUND"],
  ])("%s", async (_case, who, code) => {
    const before = await snapshot();
    await actAs(who());
    expect(await sendReminder({ measureId: measures["1"]!.id, unitIds: [world.a.units.development.id] })).toMatchObject({
      ok: false,
      code,
    });
    expect(await remindLateUnit({ unitId: world.a.units.development.id })).toMatchObject({ ok: false, code });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["a unit that has completed its part", () => ({ measureId: measures["5"]!.id, unitIds: [world.a.units.development.id] }), "CONFLICT"],
    ["a completed measure", () => ({ measureId: measures["4"]!.id, unitIds: [world.a.units.development.id] }), "CONFLICT"],
    ["a unit not assigned the measure", () => ({ measureId: measures["3"]!.id, unitIds: [world.a.units.development.id] }), "NOT_FOUND"],
    ["a measure that does not exist", () => ({ measureId: 999_999, unitIds: [world.a.units.development.id] }), "NOT_FOUND"],
    [
      "a message over 500 characters",
      () => ({ measureId: measures["1"]!.id, unitIds: [world.a.units.development.id], message: "催".repeat(501) }),
      "VALIDATION",
    ],
    ["no measure", () => ({ measureId: "", unitIds: [world.a.units.development.id] }), "VALIDATION"],
    ["no unit", () => ({ measureId: measures["1"]!.id }), "VALIDATION"],
  ])("sendReminder for %s", async (_case, input, code) => {
    await actAs(world.a.users.bureau);
    const before = await snapshot();
    expect(await sendReminder(input())).toMatchObject({ ok: false, code });
    expect(await snapshot()).toEqual(before);
  });

  it("remindLateUnit for a unit with nothing late", async () => {
    await actAs(world.b.users.bureau);
    const before = await snapshot();
    expect(await remindLateUnit({ unitId: world.b.units.justice.id })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "该单位目前没有逾期未报的进展报送,无需催办。",
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("the measure page offers 催办 exactly when sendReminder takes it (urgeRefusal)", () => {
  type Who = "bureau" | "otherBureau" | "leader" | "admin";
  it.each(
    (["bureau", "otherBureau", "leader", "admin"] as const).flatMap((who) => (["1", "4", "c1"] as const).map((key) => [who, key] as const)),
  )("%s on measure %s", async (who: Who, key) => {
    const user = { bureau: world.a.users.bureau, otherBureau: world.b.users.bureau, leader: world.a.users.leader, admin: world.admin }[who];
    const actor = (await loadActor(user.id))!;
    // The page shows the dialog when the targets are there and nothing refuses (app/(app)/measures/[id]/page.tsx).
    const targets = await listUrgeTargets(actor, measures[key]!.id);
    const offered = targets !== null && urgeRefusal(targets) === null;
    const unitId = targets?.units.find((u) => !u.completed)?.unitId ?? world.a.units.development.id;
    await actAs(user);
    const taken = (await sendReminder({ measureId: measures[key]!.id, unitIds: [unitId] })).ok;
    expect({ who, key, offered }).toEqual({ who, key, offered: taken });
  });
});
