"use server";

import { z } from "zod";
import { db } from "@/lib/db/client.ts";
import { runAction } from "@/lib/actions/run.ts";
import * as scope from "@/lib/auth/scope.ts";
import { notFound } from "@/lib/errors.ts";
import { id } from "@/lib/validation.ts";

// Marking one's own notifications read. Every role has an inbox, so there is
// no policy action: the where clause is the authorization (scope.notifications),
// and another user's notification is simply not found. Reading is not a
// change of record, so it is not audited.

const markNotificationReadSchema = z.object({ id: id("通知") });

export async function markNotificationRead(input: unknown) {
  return runAction("markNotificationRead", markNotificationReadSchema, input, async (actor, data) => {
    const notification = await db().notification.findFirst({
      where: { id: data.id, ...scope.notifications(actor) },
      select: { readAt: true },
    });
    if (!notification) throw notFound();
    if (!notification.readAt) {
      await db().notification.updateMany({
        where: { id: data.id, ...scope.notifications(actor), readAt: null },
        data: { readAt: new Date() },
      });
    }
    return { message: "已标记为已读", data: null };
  });
}

export async function markAllNotificationsRead(input?: unknown) {
  return runAction("markAllNotificationsRead", z.unknown(), input, async (actor) => {
    const { count } = await db().notification.updateMany({
      where: { ...scope.notifications(actor), readAt: null },
      data: { readAt: new Date() },
    });
    return { message: count ? `已将 ${count} 条通知标记为已读` : "没有未读通知", data: { count } };
  });
}

/**
 * Opening a message: marks it read and answers where it points, so the inbox
 * can go there. Same scope as markNotificationRead.
 */
export async function openNotification(input: unknown) {
  return runAction("openNotification", markNotificationReadSchema, input, async (actor, data) => {
    const notification = await db().notification.findFirst({
      where: { id: data.id, ...scope.notifications(actor) },
      select: { link: true },
    });
    if (!notification) throw notFound();
    await db().notification.updateMany({
      where: { id: data.id, ...scope.notifications(actor), readAt: null },
      data: { readAt: new Date() },
    });
    return { message: "已读", data: { link: notification.link } };
  });
}
