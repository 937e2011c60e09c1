import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { listNotifications, unreadCount } from "@/lib/notifications/queries.ts";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/actions.ts";
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
  for (const [i, title] of ["催办:1 举措 1", "逾期提醒:3 举措 3", "进展报送被退回"].entries()) {
    mine.push(
      await db().notification.create({
        data: { userId: world.a.users.liaison.id, districtId: world.a.region.id, title, link: "/tasks", createdAt: at(i) },
      }),
    );
  }
  theirs = await db().notification.create({
    data: { userId: world.b.users.liaison.id, districtId: world.b.region.id, title: "催办:别人的", createdAt: at(9) },
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
    expect((await listNotifications(actor)).map((n) => n.title)).toEqual(["进展报送被退回", "逾期提醒:3 举措 3", "催办:1 举措 1"]);
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

describe("the mailer", () => {
  it("is a no-op without SMTP_URL and an SMTP mailer with it", () => {
    expect(createMailer({})).toBe(noopMailer);
    expect(createMailer({ SMTP_URL: "smtp://mail.example.gov.cn:25", SMTP_FROM: "法治任务通 <fazhi@example.gov.cn>" }).configured).toBe(true);
  });

  it("e-mails each notification to its user's address once, skipping users without one", async () => {
    const send = vi.fn(async (_to: string, _subject: string, _text: string) => {});
    const ids = mine.map((n) => n.id);
    expect(await emailNotifications(ids, noopMailer)).toEqual({ sent: 0, skipped: 0, reason: null });
    expect(await emailNotifications(ids, { configured: true, send })).toEqual({ sent: 0, skipped: 3, reason: "部分用户没有电子邮箱或发送失败" });

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
