import { db } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";

// A user's inbox (站内通知): only ever the actor's own notifications.

export function unreadCount(actor: Actor): Promise<number> {
  return db().notification.count({ where: { ...scope.notifications(actor), readAt: null } });
}

/** The actor's notifications, newest first; `limit` is kept between 1 and 200. */
export function listNotifications(actor: Actor, options: { unreadOnly?: boolean; limit?: number } = {}) {
  return db().notification.findMany({
    where: { ...scope.notifications(actor), ...(options.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200),
    select: { id: true, title: true, body: true, link: true, readAt: true, createdAt: true, reminderId: true },
  });
}
