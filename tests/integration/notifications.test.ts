import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { createMeasure, createPlan } from "@/lib/demo/factories.ts";
import { inboxCounts, listNotifications, unreadCount } from "@/lib/notifications/queries.ts";
import { markAllNotificationsRead, markNotificationRead, openNotification } from "@/lib/notifications/actions.ts";
import { approveProgressReport, returnProgressReport, submitProgressReport } from "@/lib/progress/actions.ts";
import { sendReminder } from "@/lib/reminders/actions.ts";
import { approveDeadlineExtension, rejectDeadlineExtension, requestDeadlineExtension } from "@/lib/extensions/actions.ts";
import { createMailer, emailNotifications, noopMailer } from "@/lib/notifications/mailer.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let mine: { id: number }[];
let theirs: { id: number };

beforeEach(async () => {
  world = await buildTwoDistricts();
  const at = (minute: number) => new Date(`2024-10-15T02:${String(minute).padStart(2, "0")}:00Z`);
  mine = [];
  const seeded = [
    ["催办:1 举措 1", "URGED"],
    ["逾期提醒:3 举措 3", "REMINDER"],
    ["进展报送被退回", "RETURNED"],
  ] as const;
  for (const [i, [title, kind]] of seeded.entries()) {
    mine.push(
      await db().notification.create({
        data: { userId: world.a.users.liaison.id, districtId: world.a.region.id, kind, title, link: "/tasks", createdAt: at(i) },
      }),
    );
  }
  theirs = await db().notification.create({
    data: { userId: world.b.users.liaison.id, districtId: world.b.region.id, kind: "URGED", title: "催办:别人的", createdAt: at(9) },
  });
});

async function me(): Promise<Actor> {
  return (await actAs(world.a.users.liaison))!;
}

const rows = () => db().notification.findMany({ orderBy: { id: "asc" } });

describe("the inbox", () => {
  it("counts and lists only the actor's own notifications, newest first", async () => {
    const actor = await me();
    expect(await unreadCount(actor)).toBe(3);
    // Unread messages from people (退回, 催办) above the unread automatic reminder.
    expect((await listNotifications(actor)).map((n) => n.title)).toEqual(["进展报送被退回", "催办:1 举措 1", "逾期提醒:3 举措 3"]);
    expect(await listNotifications(actor, { limit: 2 })).toHaveLength(2);
    expect(await unreadCount((await actAs(world.a.users.bureau))!)).toBe(0);
  });

  it("marking one read lowers the unread count; marking it again changes nothing", async () => {
    const actor = await me();
    expect(await markNotificationRead({ id: String(mine[0]!.id) })).toMatchObject({ ok: true, message: "已标记为已读" });
    expect(await unreadCount(actor)).toBe(2);
    const readAt = (await db().notification.findUniqueOrThrow({ where: { id: mine[0]!.id } })).readAt;
    expect(readAt).not.toBeNull();
    expect((await listNotifications(actor, { unreadOnly: true })).map((n) => n.id)).toEqual([mine[2]!.id, mine[1]!.id]);

    const before = await rows();
    expect(await markNotificationRead({ id: mine[0]!.id })).toMatchObject({ ok: true });
    expect(await rows()).toEqual(before);
  });

  it("someone else's notification is not found and stays unread", async () => {
    await me();
    const before = await rows();
    expect(await markNotificationRead({ id: theirs.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await markNotificationRead({ id: 999_999 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await markNotificationRead({ id: "abc" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await rows()).toEqual(before);
  });

  it("marking all read touches only the actor's own", async () => {
    const actor = await me();
    await markNotificationRead({ id: mine[1]!.id });
    expect(await markAllNotificationsRead()).toMatchObject({ ok: true, message: "已将 2 条通知标记为已读", data: { count: 2 } });
    expect(await unreadCount(actor)).toBe(0);
    expect(await db().notification.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ readAt: null });
    expect(await markAllNotificationsRead()).toMatchObject({ ok: true, message: "没有未读通知", data: { count: 0 } });
  });

  it("signed out, nothing runs", async () => {
    await actAs(null);
    const before = await rows();
    await expect(markAllNotificationsRead()).rejects.toThrow("NEXT_REDIRECT");
    await expect(markNotificationRead({ id: mine[0]!.id })).rejects.toThrow("NEXT_REDIRECT");
    expect(await rows()).toEqual(before);
  });
});

describe("ordering, filters and counts", () => {
  it("unread from people, then unread automatic, then read; newest first within each", async () => {
    const actor = await me();
    const at = (minute: number) => new Date(`2024-10-15T03:${String(minute).padStart(2, "0")}:00Z`);
    const add = (title: string, kind: "RETURNED" | "APPROVED" | "URGED" | "REMINDER", minute: number, read = false) =>
      db().notification.create({
        data: {
          userId: world.a.users.liaison.id,
          districtId: world.a.region.id,
          kind,
          title,
          createdAt: at(minute),
          readAt: read ? at(minute) : null,
        },
      });
    await add("新的报送提醒", "REMINDER", 30);
    await add("已读的退回", "RETURNED", 40, true);
    await add("审核通过", "APPROVED", 10);
    await add("已读的提醒", "REMINDER", 50, true);
    expect((await listNotifications(actor)).map((n) => n.title)).toEqual([
      "审核通过",
      "进展报送被退回",
      "催办:1 举措 1",
      "新的报送提醒",
      "逾期提醒:3 举措 3",
      "已读的提醒",
      "已读的退回",
    ]);
    expect((await listNotifications(actor, { limit: 4 })).map((n) => n.title)).toEqual([
      "审核通过",
      "进展报送被退回",
      "催办:1 举措 1",
      "新的报送提醒",
    ]);

    expect(await inboxCounts(actor)).toEqual({
      unread: { fromPeople: 3, automatic: 2, total: 5 },
      filters: { unread: 5, returned: 2, urged: 1, reminders: 3 },
    });
    const titles = async (filter: Parameters<typeof listNotifications>[1]) => (await listNotifications(actor, filter)).map((n) => n.title);
    expect(await titles({ filter: "unread" })).toEqual([
      "审核通过",
      "进展报送被退回",
      "催办:1 举措 1",
      "新的报送提醒",
      "逾期提醒:3 举措 3",
    ]);
    expect(await titles({ filter: "returned" })).toEqual(["进展报送被退回", "已读的退回"]);
    expect(await titles({ filter: "urged" })).toEqual(["催办:1 举措 1"]);
    expect(await titles({ filter: "reminders" })).toEqual(["新的报送提醒", "逾期提醒:3 举措 3", "已读的提醒"]);
    // Another user's inbox counts nothing of mine, and mine nothing of theirs.
    expect(await inboxCounts((await actAs(world.b.users.liaison))!)).toEqual({
      unread: { fromPeople: 1, automatic: 0, total: 1 },
      filters: { unread: 1, returned: 0, urged: 1, reminders: 0 },
    });
  });

  it("opening a message marks it read and answers its link; another's is not found", async () => {
    const actor = await me();
    expect(await openNotification({ id: String(mine[2]!.id) })).toMatchObject({ ok: true, data: { link: "/tasks" } });
    expect((await db().notification.findUniqueOrThrow({ where: { id: mine[2]!.id } })).readAt).not.toBeNull();
    expect((await inboxCounts(actor)).unread).toEqual({ fromPeople: 1, automatic: 1, total: 2 });
    // Opening it again keeps the first reading time.
    const readAt = (await db().notification.findUniqueOrThrow({ where: { id: mine[2]!.id } })).readAt;
    expect(await openNotification({ id: mine[2]!.id })).toMatchObject({ ok: true });
    expect((await db().notification.findUniqueOrThrow({ where: { id: mine[2]!.id } })).readAt).toEqual(readAt);

    const before = await rows();
    expect(await openNotification({ id: theirs.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await openNotification({ id: "x" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await rows()).toEqual(before);
    await actAs(null);
    await expect(openNotification({ id: mine[0]!.id })).rejects.toThrow("NEXT_REDIRECT");
    expect(await rows()).toEqual(before);
  });
});

describe("messages from people name the measure and the period", () => {
  afterEach(() => vi.useRealTimers());

  it("退回, 审核结果, 催办 and 延期决定 each reach the unit's liaison naming measure and period", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
    await db().notification.deleteMany();
    const plan = await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治政府建设实施方案" });
    const measure = await createMeasure(db(), {
      planId: plan.id,
      code: "2.3",
      text: "健全行政规范性文件合法性审核机制,实现审核全覆盖",
      deadline: "2024-12-31",
      leadUnitIds: [world.a.units.development.id],
    });
    const assignment = await db().assignment.findFirstOrThrow({ where: { measureId: measure.id } });
    const liaison = world.a.users.liaison;
    const inbox = () => db().notification.findMany({ where: { userId: liaison.id }, orderBy: { id: "asc" } });
    const name = "2.3 健全行政规范性文件合法性审核机制,实现审核全覆盖";
    const submit = (version?: string) =>
      submitProgressReport({
        assignmentId: String(assignment.id),
        periodKey: "2024-Q2",
        text: "已起草审核办法。",
        percent: "40",
        claimedStatus: "IN_PROGRESS",
        ...(version ? { version } : {}),
      });

    await actAs(liaison);
    const submitted = await submit();
    expect(submitted).toMatchObject({ ok: true });
    const reportId = submitted.ok ? submitted.data.id : 0;
    await actAs(world.a.users.bureau);
    expect(await returnProgressReport({ reportId, version: "1", comment: "请附审核办法文本。" })).toMatchObject({ ok: true });
    await actAs(liaison);
    expect(await submit("2")).toMatchObject({ ok: true });
    await actAs(world.a.users.bureau);
    expect(await approveProgressReport({ reportId, version: "3" })).toMatchObject({ ok: true });
    expect(
      await sendReminder({ measureId: measure.id, unitIds: [world.a.units.development.id], message: "请按时报送第三季度进展。" }),
    ).toMatchObject({ ok: true });

    await actAs(liaison);
    const asked = await requestDeadlineExtension({ measureId: measure.id, newDeadline: "2025-03-31", reason: "会期推迟。" });
    await actAs(world.a.users.bureau);
    expect(await approveDeadlineExtension({ extensionId: asked.ok ? asked.data.id : 0, comment: "同意。" })).toMatchObject({ ok: true });
    await actAs(liaison);
    const again = await requestDeadlineExtension({ measureId: measure.id, newDeadline: "2025-06-30", reason: "仍需时间。" });
    await actAs(world.a.users.bureau);
    expect(await rejectDeadlineExtension({ extensionId: again.ok ? again.data.id : 0, comment: "不再延期。" })).toMatchObject({ ok: true });

    const link = `/measures/${measure.id}`;
    expect((await inbox()).map((n) => ({ kind: n.kind, title: n.title, link: n.link }))).toEqual([
      { kind: "RETURNED", title: `进展报送被退回:${name}(2024年第二季度)`, link },
      { kind: "APPROVED", title: `进展报送已审核通过:${name}(2024年第二季度)`, link },
      { kind: "URGED", title: `催办:${name}(2024年第三季度)`, link },
      { kind: "EXTENSION_DECIDED", title: `延期申请已批准:${name}`, link },
      { kind: "EXTENSION_DECIDED", title: `延期申请未获批准:${name}`, link },
    ]);
    const [returned, approved, , extended, rejected] = await inbox();
    expect(returned!.body).toBe(`举措「${name}」2024年第二季度的进展报送被退回,请修改后重新报送。\n退回意见:请附审核办法文本。`);
    expect(approved!.body).toBe(`举措「${name}」2024年第二季度的进展报送已审核通过。`);
    expect(extended!.body).toContain("完成时限由 2024-12-31 延至 2025-03-31");
    expect(rejected!.body).toContain("完成时限仍为 2025-03-31");
  });
});

describe("the mailer", () => {
  it("is a no-op without SMTP_URL and an SMTP mailer with it", () => {
    expect(createMailer({})).toBe(noopMailer);
    expect(createMailer({ SMTP_URL: "smtp://mail.example.gov.cn:25", SMTP_FROM: "法治任务通 <fazhi@example.gov.cn>" }).configured).toBe(
      true,
    );
  });

  it("e-mails each notification to its user's address once, skipping users without one", async () => {
    const send = vi.fn(async (_to: string, _subject: string, _text: string) => {});
    const ids = mine.map((n) => n.id);
    expect(await emailNotifications(ids, noopMailer)).toEqual({ sent: 0, skipped: 0, reason: null });
    expect(await emailNotifications(ids, { configured: true, send })).toEqual({
      sent: 0,
      skipped: 3,
      reason: "部分用户没有电子邮箱或发送失败",
    });

    const owner = await db().notification.findUniqueOrThrow({ where: { id: ids[0]! }, select: { userId: true } });
    await db().user.update({ where: { id: owner.userId }, data: { email: "liaison@example.gov.cn" } });
    const outcome = await emailNotifications(ids, { configured: true, send });
    expect(outcome.sent).toBe(3);
    expect(send).toHaveBeenCalledTimes(3);
    expect(send.mock.calls[0]![0]).toBe("liaison@example.gov.cn");
    expect(await emailNotifications(ids, { configured: true, send })).toEqual({ sent: 0, skipped: 0, reason: null });
    expect(send).toHaveBeenCalledTimes(3);
  });
});
