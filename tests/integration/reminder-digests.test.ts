import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport, createUser } from "@/lib/demo/factories.ts";
import { runReminderJob } from "@/lib/notifications/reminder-job.ts";
import { listNotifications, settleOwnDigests, unreadCount } from "@/lib/notifications/queries.ts";
import { submitProgressReport } from "@/lib/progress/actions.ts";
import { actAs } from "../support/acting.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import type { Mailer } from "@/lib/notifications/mailer.ts";
import { buildTwoDistricts } from "../support/world.ts";

// The reminder job's digests (issue 12): one message per unit, period and
// kind, listing its measures live, so that reports arriving shrink it and the
// last one resolves it; and the bureau's daily digest of arrivals.
// On 2024-10-15 the period judged is 2024-Q3 (due 2024-10-10).

const TODAY = "2024-10-15";
const Q3 = { start: "2024-07-01", end: "2024-09-30" };
const silentMailer: Mailer = { configured: false, send: async () => {} };
const job = (today = TODAY) => runReminderJob(today, { mailer: silentMailer });

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let justice: { id: number; login: string };
let justice2: { id: number; login: string };
let measures: { id: number; code: string }[];
let assignments: number[];

const actor = (user: { id: number }): Promise<Actor> =>
  db()
    .user.findUniqueOrThrow({ where: { id: user.id } })
    .then((u) => ({
      id: u.id,
      role: u.role,
      name: u.name,
      regionId: u.regionId,
      scopeRegionIds: u.regionId ? [u.regionId] : [],
      unitId: u.unitId,
    }));

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-10-15T02:00:00Z"));
  world = await buildTwoDistricts();
  const J = world.a.units.justice.id;
  const regionId = world.a.region.id;
  justice = await createUser(db(), { login: "a.justice.liaison", name: "司法局联络员", role: "LIAISON", regionId, unitId: J });
  justice2 = await createUser(db(), { login: "a.justice.liaison2", name: "司法局联络员二", role: "LIAISON", regionId, unitId: J });
  const plan = await createPlan(db(), { regionId, title: "下陆区法治政府建设实施方案" });
  measures = [];
  for (const code of ["1", "2", "3"]) {
    measures.push({ ...(await createMeasure(db(), { planId: plan.id, code, deadline: "2025-06-30", leadUnitIds: [J] })), code });
  }
  // One of the development unit's, so that its liaison has its own digest.
  await createMeasure(db(), { planId: plan.id, code: "9", deadline: "2025-06-30", leadUnitIds: [world.a.units.development.id] });
  await db().assignment.updateMany({ data: { createdAt: new Date("2024-03-01T00:00:00Z") } });
  assignments = await Promise.all(
    measures.map(async (m) => (await db().assignment.findFirstOrThrow({ where: { measureId: m.id, unitId: J } })).id),
  );
});

afterEach(() => {
  vi.useRealTimers();
});

const report = (i: number, submittedAt?: Date) =>
  createProgressReport(db(), {
    assignmentId: assignments[i]!,
    period: Q3,
    state: "SUBMITTED",
    text: "进展",
    authorId: justice.id,
    submittedAt,
  });

async function digestOf(user: { id: number }) {
  return (await listNotifications(await actor(user))).find((n) => n.digest?.title.includes("2024年第三季度"));
}

describe("a unit's report digest", () => {
  it("is one message per liaison of the unit, period and kind, naming the period and its measures", async () => {
    const result = await job();
    expect(result.created).toEqual({ DUE_SOON: 0, REPORT_LATE: 3, OVERDUE: 0 }); // two of 区司法局, one of 区发改局
    const rows = await db().notification.findMany({ where: { userId: { in: [justice.id, justice2.id] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.userId, r.kind, r.digest, r.title])).toEqual([
      [
        justice.id,
        "REMINDER",
        `REPORT_LATE:${world.a.units.justice.id}:QUARTERLY:2024-07-01:2024-09-30`,
        "2024年第三季度尚有 3 项进展未报送",
      ],
      [
        justice2.id,
        "REMINDER",
        `REPORT_LATE:${world.a.units.justice.id}:QUARTERLY:2024-07-01:2024-09-30`,
        "2024年第三季度尚有 3 项进展未报送",
      ],
    ]);
    // Bound: at most liaisons × kinds × owed periods; here 3 liaisons, 1 kind, 1 period.
    const liaisons = await db().user.count({ where: { role: "LIAISON", active: true, regionId: world.a.region.id } });
    expect(await db().notification.count({ where: { districtId: world.a.region.id } })).toBeLessThanOrEqual(liaisons * 3 * 1);
    const digest = await digestOf(justice);
    expect(digest?.digest?.items.map((i) => i.href)).toEqual(measures.map((m) => `/measures/${m.id}`));
    expect((await job()).notifications).toBe(0);
  });

  it("shrinks as reports arrive, and the last one resolves it without anyone opening it", async () => {
    await job();
    expect(await unreadCount(await actor(justice))).toBe(1);
    await report(0);
    const shrunk = await digestOf(justice);
    expect(shrunk).toMatchObject({ title: "2024年第三季度尚有 2 项进展未报送", readAt: null });
    expect(shrunk!.digest!.items.map((i) => i.href)).toEqual([`/measures/${measures[1]!.id}`, `/measures/${measures[2]!.id}`]);

    // A returned report is still owed, and says so.
    await createProgressReport(db(), {
      assignmentId: assignments[1]!,
      period: Q3,
      state: "RETURNED",
      text: "进展",
      authorId: justice.id,
      reviewerId: world.a.users.bureau.id,
      reviewComment: "请补充",
    });
    expect((await digestOf(justice))!.digest!.items.map((i) => i.note)).toEqual(["已被退回,待重新报送", null]);

    await db().progressReport.updateMany({ where: { assignmentId: assignments[1]! }, data: { state: "SUBMITTED" } });
    await report(2);
    // Opening the inbox shows it resolved and it no longer counts as unread.
    await settleOwnDigests(await actor(justice));
    expect(await unreadCount(await actor(justice))).toBe(0);
    expect(await digestOf(justice)).toMatchObject({
      title: "2024年第三季度进展已全部报送",
      readAt: expect.any(Date),
      digest: { resolved: true, items: [] },
    });
    // The other liaison has not opened the inbox: the job resolves theirs.
    const rerun = await job();
    expect(rerun).toMatchObject({ notifications: 0, resolved: 1 });
    expect(await db().notification.findFirstOrThrow({ where: { userId: justice2.id } })).toMatchObject({ readAt: expect.any(Date) });
  });

  it("resolves for all the unit's liaisons when the last report is submitted, with no inbox opened and no job run", async () => {
    await job();
    await report(0);
    await report(1);
    const unread = async () => [await unreadCount(await actor(justice)), await unreadCount(await actor(justice2))];
    expect(await unread()).toEqual([1, 1]);
    await actAs(justice);
    expect(
      await submitProgressReport({
        assignmentId: String(assignments[2]),
        periodKey: "2024-Q3",
        text: "最后一项进展",
        percent: "50",
        claimedStatus: "IN_PROGRESS",
      }),
    ).toMatchObject({ ok: true });
    expect(await unread()).toEqual([0, 0]);
    // The development unit's digest is another unit's business: untouched.
    expect(await db().notification.count({ where: { readAt: null, user: { unitId: world.a.units.development.id } } })).toBeGreaterThan(0);
  });

  it("reading the badge writes nothing; only the inbox settles the reader's digests", async () => {
    await job();
    await report(0);
    await report(1);
    await report(2);
    expect(await unreadCount(await actor(justice))).toBe(1);
    expect(await db().notification.count({ where: { userId: justice.id, readAt: null } })).toBe(1);
    expect(await settleOwnDigests(await actor(justice))).toBe(1);
    expect(await unreadCount(await actor(justice))).toBe(0);
    expect(await unreadCount(await actor(justice2))).toBe(1);
  });

  it("closes with its period: once the next period is judged, the old one's digest is read and the new one's written", async () => {
    await job();
    expect(await unreadCount(await actor(justice))).toBe(1);
    // 2025-02-05: Q3 accepts no more reports (open through 2025-01-10), for any plan's due day; Q4 is judged.
    vi.setSystemTime(new Date("2025-02-05T02:00:00Z"));
    await job("2025-02-05");
    const digests = await db().notification.findMany({
      where: { userId: justice.id, digest: { startsWith: "REPORT_LATE:" } },
      orderBy: { id: "asc" },
    });
    // [period start, read?]
    expect(digests.map((n) => [n.digest!.split(":")[3], n.readAt !== null])).toEqual([
      ["2024-07-01", true],
      ["2024-10-01", false],
    ]);
  });

  it("a completed measure leaves it too", async () => {
    await job();
    await db().assignment.updateMany({ where: { id: { in: assignments } }, data: { status: "COMPLETED", completedAt: new Date() } });
    expect(await digestOf(justice2)).toMatchObject({ title: "2024年第三季度进展已全部报送", digest: { resolved: true } });
  });

  it("a liaison sees only its own unit's digests, and another unit's digest is not read live for it", async () => {
    await job();
    const dev = await listNotifications(await actor(world.a.users.liaison));
    expect(dev.map((n) => n.title)).toEqual(["2024年第三季度尚有 1 项进展未报送"]);
    expect(dev[0]!.digest!.items).toHaveLength(1);
    expect(await listNotifications(await actor(world.b.users.liaison))).toEqual([]);
    // A liaison moved to another unit keeps its old messages, but they list nothing of the old unit.
    await db().user.update({ where: { id: justice2.id }, data: { unitId: world.a.units.development.id } });
    const moved = await listNotifications(await actor(justice2));
    expect(moved.map((n) => [n.title, n.digest])).toEqual([["2024年第三季度尚有 3 项进展未报送", null]]);
  });
});

describe("the bureau's daily digest of arrivals", () => {
  it("reaches the bureau as the first report of the day is submitted, without waiting for the job, and counts the later ones", async () => {
    const send = async (i: number) => {
      await actAs(justice);
      const result = await submitProgressReport({
        assignmentId: String(assignments[i]),
        periodKey: "2024-Q3",
        text: `第${i + 1}项进展`,
        percent: "50",
        claimedStatus: "IN_PROGRESS",
      });
      expect(result).toMatchObject({ ok: true });
    };
    expect(await unreadCount(await actor(world.a.users.bureau))).toBe(0);
    await send(0);
    let bureau = await listNotifications(await actor(world.a.users.bureau));
    expect(bureau.map((n) => [n.title, n.link, n.readAt])).toEqual([["今日收到 1 份进展报送", "/reviews", null]]);
    expect(bureau[0]!.digest!.items.map((i) => i.href)).toEqual([`/measures/${measures[0]!.id}`]);
    await send(1);
    bureau = await listNotifications(await actor(world.a.users.bureau));
    expect(bureau.map((n) => n.title)).toEqual(["今日收到 2 份进展报送"]);
    // The job that day finds the digest there and adds none; the other district's bureau heard nothing.
    expect((await job()).arrivals).toBe(0);
    expect(await db().notification.count({ where: { userId: world.a.users.bureau.id } })).toBe(1);
    expect(await listNotifications(await actor(world.b.users.bureau))).toEqual([]);
  });

  it("is written once a day per bureau user, lists the day's reports and extension requests, and grows live", async () => {
    const morning = new Date("2024-10-15T01:00:00Z"); // 09:00 in China
    await report(0, morning);
    await db().deadlineExtension.create({
      data: {
        districtId: world.a.region.id,
        measureId: measures[1]!.id,
        unitId: world.a.units.justice.id,
        requestedById: justice.id,
        reason: "需要更多时间",
        oldDeadline: new Date("2025-06-30T00:00:00Z"),
        newDeadline: new Date("2025-12-31T00:00:00Z"),
        createdAt: morning,
      },
    });
    // A report of yesterday evening (China time) and one of another district.
    await report(2, new Date("2024-10-14T12:00:00Z"));
    const first = await job();
    expect(first.arrivals).toBe(2); // yesterday's and today's, for the one bureau user
    const bureau = await listNotifications(await actor(world.a.users.bureau));
    expect(bureau.map((n) => [n.title, n.link])).toEqual([
      ["今日收到 1 份进展报送、1 项延期申请", "/reviews"],
      ["10月14日收到 1 份进展报送", "/reviews"],
    ]);
    expect(bureau[0]!.digest!.items.map((i) => i.href)).toEqual([`/measures/${measures[0]!.id}`, `/measures/${measures[1]!.id}`]);
    expect(bureau[0]!.body).toContain("区司法局,2024年第三季度");
    expect(await listNotifications(await actor(world.b.users.bureau))).toEqual([]);

    // Later the same day: a second run adds nothing, the digest lists the new arrival.
    await report(1, new Date("2024-10-15T06:00:00Z"));
    expect((await job()).arrivals).toBe(0);
    expect((await listNotifications(await actor(world.a.users.bureau)))[0]!.title).toBe("今日收到 2 份进展报送、1 项延期申请");
    // The next day with nothing new: nothing.
    vi.setSystemTime(new Date("2024-10-16T02:00:00Z"));
    expect((await job("2024-10-16")).arrivals).toBe(0);
    expect(await db().notification.count({ where: { userId: world.a.users.bureau.id } })).toBe(2);
  });
});
