import { db } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { forbidden } from "@/lib/errors.ts";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { chinaDayEnd, chinaDayStart } from "@/lib/dates.ts";
import { FAILED_ATTEMPT_KINDS, SIGN_IN_PAGE_SIZE, type SignInFilters } from "@/lib/audit/schema.ts";

/**
 * 登录日志, newest first. ADMIN sees every event, failures of login strings no
 * account has among them. BUREAU sees the events of the users in its scope
 * only: an unknown login string belongs to no region.
 */
export async function listSignInEvents(actor: Actor, filters: SignInFilters) {
  if (!can(actor, "audit.read")) throw forbidden();
  const conditions: Prisma.SignInEventWhereInput[] = [];
  conditions.push(scope.signInEvents(actor));
  if (filters.who) {
    const who = filters.who.toLowerCase();
    conditions.push({ OR: [{ login: { contains: who } }, { user: { name: { contains: filters.who } } }] });
  }
  if (filters.kind) conditions.push({ kind: filters.kind });
  if (filters.address) conditions.push({ address: { startsWith: filters.address.toLowerCase() } });
  if (filters.from) conditions.push({ createdAt: { gte: chinaDayStart(filters.from) } });
  if (filters.to) conditions.push({ createdAt: { lt: chinaDayEnd(filters.to) } });
  const where: Prisma.SignInEventWhereInput = { AND: conditions };

  const total = await db().signInEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / SIGN_IN_PAGE_SIZE));
  const page = Math.min(filters.page ?? 1, pageCount);
  const events = await db().signInEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * SIGN_IN_PAGE_SIZE,
    take: SIGN_IN_PAGE_SIZE,
    select: {
      id: true,
      kind: true,
      login: true,
      address: true,
      userAgent: true,
      createdAt: true,
      user: { select: { id: true, name: true, region: { select: { name: true } } } },
    },
  });
  return { events: events.map((e) => ({ ...e, id: String(e.id) })), total, page, pageCount };
}

/**
 * For the home page: the user's sign-in before the current one, and how many
 * failed attempts were made on their login since then (since the account was
 * created when there is none).
 */
export async function getPreviousSignIn(actor: Actor) {
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { login: true } });
  const [, previous] = await db().signInEvent.findMany({
    where: { userId: actor.id, kind: "SUCCESS" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 2,
    select: { createdAt: true, address: true },
  });
  const failures = await db().signInEvent.count({
    where: {
      login: user.login,
      kind: { in: [...FAILED_ATTEMPT_KINDS] },
      ...(previous ? { createdAt: { gt: previous.createdAt } } : {}),
    },
  });
  return { previous: previous ?? null, failures };
}
