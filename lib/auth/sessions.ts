import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db/client.ts";
import { parseEnv } from "@/lib/env.ts";

/**
 * Server-side sessions. The signed cookie names a UserSession row; every
 * request checks that row, so ending a session takes effect at once on every
 * app server behind a load balancer, not when the cookie expires.
 */

/** lastSeenAt is written at most this often, so a busy user is not a write per request. */
export const TOUCH_INTERVAL_MS = 60_000;

/** Ended sessions are kept this long (who signed in from where), then removed at the user's next sign-in. */
const KEEP_ENDED_MS = 30 * 86_400_000;

export type SessionLimits = { idleMinutes: number; maxHours: number; passwordMaxAgeDays: number };

let limits: SessionLimits | null = null;
export function sessionLimits(): SessionLimits {
  if (!limits) {
    const env = parseEnv();
    limits = {
      idleMinutes: env.SESSION_IDLE_MINUTES,
      maxHours: env.SESSION_MAX_HOURS,
      passwordMaxAgeDays: env.PASSWORD_MAX_AGE_DAYS,
    };
  }
  return limits;
}

export type SessionCheck = { sessionId: string; userId: number; passwordChangeRequired: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startSession(
  userId: number,
  client: { ip?: string | null; userAgent?: string | null } = {},
  now = new Date(),
  config: SessionLimits = sessionLimits(),
): Promise<string> {
  // Each sign-in clears the user's own long-dead rows, so the table stays small without a job.
  await db().userSession.deleteMany({ where: { userId, expiresAt: { lt: new Date(now.getTime() - KEEP_ENDED_MS) } } });
  const session = await db().userSession.create({
    data: {
      id: randomUUID(),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.maxHours * 3_600_000),
      ip: client.ip?.slice(0, 100) || null,
      userAgent: client.userAgent?.slice(0, 300) || null,
    },
  });
  return session.id;
}

/** Whether the password must be changed before anything else: set by someone else, or expired. */
export function passwordChangeRequired(
  user: { mustChangePassword: boolean; passwordChangedAt: Date },
  now: Date,
  maxAgeDays: number,
): boolean {
  if (user.mustChangePassword) return true;
  return maxAgeDays > 0 && now.getTime() - user.passwordChangedAt.getTime() >= maxAgeDays * 86_400_000;
}

/**
 * The session behind a cookie, or null when it was ended, has idled out, has
 * passed its absolute lifetime, or its user was deactivated.
 */
export async function checkSession(
  sessionId: unknown,
  now = new Date(),
  config: SessionLimits = sessionLimits(),
): Promise<SessionCheck | null> {
  if (typeof sessionId !== "string" || !UUID.test(sessionId)) return null;
  const session = await db().userSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, active: true, mustChangePassword: true, passwordChangedAt: true } },
    },
  });
  if (!session || session.revokedAt || !session.user.active) return null;
  if (session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= config.idleMinutes * 60_000) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db().userSession.updateMany({ where: { id: session.id, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return {
    sessionId: session.id,
    userId: session.user.id,
    passwordChangeRequired: passwordChangeRequired(session.user, now, config.passwordMaxAgeDays),
  };
}

/**
 * Ends every open session of a user; pass the transaction that changes the
 * password, role, scope or status, so the change and the ending are one.
 * `except` keeps one session (the one that just changed its own password).
 */
export async function revokeUserSessions(tx: Tx, userId: number, options: { except?: string; now?: Date } = {}): Promise<number> {
  const { count } = await tx.userSession.updateMany({
    where: { userId, revokedAt: null, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { revokedAt: options.now ?? new Date() },
  });
  return count;
}
