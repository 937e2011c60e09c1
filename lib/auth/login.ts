import { db } from "@/lib/db/client.ts";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password.ts";

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export type LoginResult = { ok: true; userId: number } | { ok: false; reason: "INVALID_CREDENTIALS" | "LOCKED" };

/**
 * Checks a sign-in. Failures are counted per login string, existing or not, so
 * neither the message nor the lockout reveals whether an account exists.
 */
export async function verifyLogin(login: string, password: string, now = new Date()): Promise<LoginResult> {
  const key = login.trim().toLowerCase().slice(0, 50);
  const throttle = await db().loginThrottle.findUnique({ where: { login: key } });
  if (throttle?.lockedUntil && throttle.lockedUntil > now) return { ok: false, reason: "LOCKED" };

  const user = await db().user.findUnique({ where: { login: key } });
  const passwordOk = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);

  if (user && user.active && passwordOk) {
    await db().$transaction([
      db().loginThrottle.deleteMany({ where: { login: key } }),
      db().user.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
    ]);
    return { ok: true, userId: user.id };
  }

  // A lock that has run out starts a fresh count.
  const expired = throttle?.lockedUntil != null && throttle.lockedUntil <= now;
  const failures = (expired ? 0 : (throttle?.failures ?? 0)) + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
  await db().loginThrottle.upsert({
    where: { login: key },
    create: { login: key, failures, firstFailureAt: now, lockedUntil },
    update: { failures, lockedUntil, ...(expired ? { firstFailureAt: now } : {}) },
  });
  return { ok: false, reason: "INVALID_CREDENTIALS" };
}
