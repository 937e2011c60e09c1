import { db } from "@/lib/db/client.ts";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { AUTOMATIC_KINDS, INBOX_FILTERS, PERSON_KINDS, type DigestMessage, type InboxFilter } from "@/lib/notifications/messages.ts";
import { todayInChina } from "@/lib/dates.ts";
import { digestMessage, resolveDigests } from "@/lib/notifications/digests.ts";
import { isCurrentDigest, parseDigestKey, type DigestKey } from "@/lib/notifications/digest-key.ts";
import { judgedPeriods } from "@/lib/notifications/reminder-queries.ts";

// A user's inbox (站内通知): only ever the actor's own notifications.

/** The header's badge on every page: a read, nothing more. */
export async function unreadCount(actor: Actor): Promise<number> {
  return db().notification.count({ where: { ...scope.notifications(actor), readAt: null } });
}

/**
 * The reminder digests resolve themselves: the actor's unread ones with
 * nothing left to list are marked read. The inbox page calls it before it
 * counts and lists (a report's submission does the same for its unit, and the
 * job for everyone).
 */
export function settleOwnDigests(actor: Actor): Promise<number> {
  return resolveDigests(db(), todayInChina(), { userId: actor.id });
}

/** A digest is read live only for whom it concerns: the liaisons of its unit, the bureau of its district. */
function digestConcerns(actor: Actor, key: DigestKey): boolean {
  return key.kind === "ARRIVALS"
    ? actor.role === "ADMIN" || (actor.role === "BUREAU" && actor.regionId === key.districtId)
    : actor.role === "LIAISON" && actor.unitId === key.unitId;
}

function filterWhere(filter: InboxFilter | null | undefined): Prisma.NotificationWhereInput {
  if (!filter) return {};
  const spec = INBOX_FILTERS[filter];
  return "kinds" in spec ? { kind: { in: [...spec.kinds] } } : { readAt: null };
}

const select = {
  id: true,
  kind: true,
  title: true,
  body: true,
  link: true,
  readAt: true,
  createdAt: true,
  reminderId: true,
  digest: true,
} as const;
const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] as const satisfies Prisma.NotificationOrderByWithRelationInput[];

/**
 * The actor's notifications: unread messages from people first, then unread
 * automatic reminders, then the read ones; newest first within each.
 * `limit` is kept between 1 and 200.
 */
export async function listNotifications(actor: Actor, options: { unreadOnly?: boolean; filter?: InboxFilter | null; limit?: number } = {}) {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200);
  const where = { ...scope.notifications(actor), ...filterWhere(options.filter), ...(options.unreadOnly ? { readAt: null } : {}) };
  const groups: Prisma.NotificationWhereInput[] = [
    { readAt: null, kind: { in: [...PERSON_KINDS] } },
    { readAt: null, kind: { in: [...AUTOMATIC_KINDS] } },
    { readAt: { not: null } },
  ];
  const rows = [];
  for (const group of groups) {
    if (rows.length >= limit) break;
    rows.push(
      ...(await db().notification.findMany({
        where: { AND: [where, group] },
        orderBy: [...newestFirst],
        take: limit - rows.length,
        select,
      })),
    );
  }
  return withLiveDigests(actor, rows);
}

/**
 * Reminder digests as of now: the title and body say what is still owed, and
 * `digest` carries the measures with their links (null for other messages).
 */
async function withLiveDigests<R extends { title: string; body: string | null; digest: string | null; readAt: Date | null }>(
  actor: Actor,
  rows: R[],
) {
  const today = todayInChina();
  const judged = judgedPeriods(today).map((p) => ({ cadence: p.cadence, start: p.period.start }));
  return Promise.all(
    rows.map(async (row): Promise<Omit<R, "digest"> & { digest: DigestMessage | null }> => {
      const key = parseDigestKey(row.digest);
      // Read live while it matters: unread, or still about today. An older read
      // digest shows what it said that day, so a long inbox costs no query per row.
      if (!key || !(row.readAt === null || isCurrentDigest(key, today, judged)) || !digestConcerns(actor, key))
        return { ...row, digest: null };
      const live = await digestMessage(db(), key, today);
      return { ...row, title: live.title, body: live.body, digest: live };
    }),
  );
}

export type InboxCounts = {
  /** Unread messages from people and unread automatic reminders. */
  unread: { fromPeople: number; automatic: number; total: number };
  /** How many messages each filter lists. */
  filters: Record<InboxFilter, number>;
};

export async function inboxCounts(actor: Actor): Promise<InboxCounts> {
  const own = scope.notifications(actor);
  const count = (where: Prisma.NotificationWhereInput) => db().notification.count({ where: { AND: [own, where] } });
  const keys = Object.keys(INBOX_FILTERS) as InboxFilter[];
  const [fromPeople, automatic, ...perFilter] = await Promise.all([
    count({ readAt: null, kind: { in: [...PERSON_KINDS] } }),
    count({ readAt: null, kind: { in: [...AUTOMATIC_KINDS] } }),
    ...keys.map((key) => count(filterWhere(key))),
  ]);
  return {
    unread: { fromPeople: fromPeople, automatic: automatic, total: fromPeople + automatic },
    filters: Object.fromEntries(keys.map((key, i) => [key, perFilter[i]!])) as Record<InboxFilter, number>,
  };
}
