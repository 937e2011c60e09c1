import { db, type Db, type Tx } from "@/lib/db/client.ts";
import { throttleKey } from "@/lib/auth/client-address.ts";
import { revokeUserSessions } from "@/lib/auth/sessions.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password.ts";
import { recordSignInEvent, type SignInClient } from "@/lib/auth/sign-in-events.ts";

/** Attempts without a success within WINDOW_MINUTES that lock a login for LOCK_MINUTES; the next one is refused. */
export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;
/** Failed attempts from one client address, on any logins, before it is refused for the rest of its window. */
export const ADDRESS_MAX_FAILURES = 30;
export const ADDRESS_WINDOW_MINUTES = 15;

export type LoginResult = { ok: true; userId: number } | { ok: false; reason: "INVALID_CREDENTIALS" | "LOCKED" | "RATE_LIMITED" };

export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase().slice(0, 50);
}

/**
 * Checks a sign-in and records it as a sign-in event. Attempts are counted per
 * login string, existing or not, so neither the message nor the lockout reveals
 * whether an account exists; and per client address, so one address cannot try
 * many logins.
 *
 * Each attempt is counted, in one atomic statement, before its password is
 * checked: of a burst of parallel attempts only the first MAX_FAILURES get a
 * password check at all, and the rest are refused as LOCKED whatever they
 * carry, so a burst can neither try more passwords nor tell from the answers
 * which one was right. A success clears the login's count and gives its
 * address back the attempt it reserved.
 */
export async function verifyLogin(login: string, password: string, now = new Date(), client: SignInClient = {}): Promise<LoginResult> {
  const key = normaliseLogin(login);
  const user = await db().user.findUnique({ where: { login: key }, select: { id: true, active: true, passwordHash: true } });
  const event = { login: key, userId: user?.id ?? null, client, at: now };
  const addressKey = client.address ? throttleKey(client.address) : null;

  if (addressKey && !(await reserveAddressAttempt(addressKey, now))) {
    await recordSignInEvent(db(), { ...event, kind: "RATE_LIMITED" });
    return { ok: false, reason: "RATE_LIMITED" };
  }
  const attempt = await reserveLoginAttempt(key, now);
  if (attempt > MAX_FAILURES) {
    await recordSignInEvent(db(), { ...event, kind: "LOCKED" });
    return { ok: false, reason: "LOCKED" };
  }

  const passwordOk = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  if (user && user.active && passwordOk) {
    await db().$transaction(async (tx) => {
      await tx.loginThrottle.deleteMany({ where: { login: key } });
      if (addressKey) await releaseAddressAttempt(tx, addressKey);
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
      await recordSignInEvent(tx, { ...event, kind: "SUCCESS" });
    });
    return { ok: true, userId: user.id };
  }
  await recordFailure(event, attempt);
  return { ok: false, reason: "INVALID_CREDENTIALS" };
}

/**
 * The current password typed on 修改密码, counted on the same login as a
 * sign-in: a stolen session cannot guess the password without limit. The
 * failure that locks the login ends all of the user's sessions, the stolen one
 * included. Answers whether the password was right, or LOCKED.
 */
export async function verifyCurrentPassword(
  user: { id: number; login: string; passwordHash: string },
  password: string,
  client: SignInClient = {},
  now = new Date(),
): Promise<"OK" | "WRONG" | "LOCKED"> {
  const key = normaliseLogin(user.login);
  const event = { login: key, userId: user.id, client, at: now };
  const attempt = await reserveLoginAttempt(key, now);
  if (attempt > MAX_FAILURES) {
    await recordSignInEvent(db(), { ...event, kind: "LOCKED" });
    return "LOCKED";
  }
  if (await verifyPassword(password, user.passwordHash)) {
    await db().loginThrottle.deleteMany({ where: { login: key } });
    return "OK";
  }
  await recordFailure(event, attempt);
  if (attempt === MAX_FAILURES) await db().$transaction((tx) => revokeUserSessions(tx, user.id, { now }));
  return "WRONG";
}

type Attempt = { login: string; userId: number | null; client: SignInClient; at: Date };

/** A failed attempt in the sign-in log; the one that reached MAX_FAILURES is also the lockout. */
async function recordFailure(event: Attempt, attempt: number): Promise<void> {
  await recordSignInEvent(db(), { ...event, kind: "FAILURE" });
  if (attempt === MAX_FAILURES) await recordSignInEvent(db(), { ...event, kind: "LOCKOUT" });
}

/** A timestamp parameter as the UTC wall-clock time Prisma stores in `timestamp(3)` columns. */
function sqlTime(date: Date): Prisma.Sql {
  return Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

const minutes = (n: number) => Prisma.raw(`interval '${n} minutes'`);

/**
 * Counts one attempt on the login and answers its number in the current
 * window. The attempt that reaches MAX_FAILURES sets the lock (a right password
 * on it still signs in and clears it); later ones are numbered past it and
 * refused. A lock runs its LOCK_MINUTES and is never extended; an unlocked
 * count older than WINDOW_MINUTES, or a lock that has run out, starts again.
 */
async function reserveLoginAttempt(login: string, at: Date): Promise<number> {
  const now = sqlTime(at);
  const fresh = Prisma.sql`(CASE WHEN t."lockedUntil" IS NOT NULL THEN t."lockedUntil" <= EXCLUDED."firstFailureAt"
      ELSE t."firstFailureAt" IS NULL OR t."firstFailureAt" <= EXCLUDED."firstFailureAt" - ${minutes(WINDOW_MINUTES)} END)`;
  const attempt = Prisma.sql`(CASE WHEN ${fresh} THEN 1 ELSE t.failures + 1 END)`;
  const [row] = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO "LoginThrottle" AS t (login, failures, "firstFailureAt", "lockedUntil")
    VALUES (${login}, 1, ${now}, NULL)
    ON CONFLICT (login) DO UPDATE SET
      failures = ${attempt},
      "firstFailureAt" = CASE WHEN ${fresh} THEN EXCLUDED."firstFailureAt" ELSE t."firstFailureAt" END,
      "lockedUntil" = CASE
        WHEN NOT ${fresh} AND t."lockedUntil" IS NOT NULL THEN t."lockedUntil"
        WHEN ${attempt} >= ${MAX_FAILURES}::int THEN EXCLUDED."firstFailureAt" + ${minutes(LOCK_MINUTES)}
      END
    RETURNING failures`;
  return row!.failures;
}

/** Counts one attempt from the address; false once it is past ADDRESS_MAX_FAILURES in its window. */
async function reserveAddressAttempt(address: string, at: Date): Promise<boolean> {
  const [row] = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInAddressThrottle" AS a (address, failures, "windowStart")
    VALUES (${address}, 1, ${sqlTime(at)})
    ON CONFLICT (address) DO UPDATE SET
      failures = CASE WHEN a."windowStart" <= EXCLUDED."windowStart" - ${minutes(ADDRESS_WINDOW_MINUTES)} THEN 1 ELSE a.failures + 1 END,
      "windowStart" = CASE WHEN a."windowStart" <= EXCLUDED."windowStart" - ${minutes(ADDRESS_WINDOW_MINUTES)}
                           THEN EXCLUDED."windowStart" ELSE a."windowStart" END
    RETURNING failures`;
  return row!.failures <= ADDRESS_MAX_FAILURES;
}

/** A successful sign-in was no failure: its address gets its attempt back. */
async function releaseAddressAttempt(tx: Tx, address: string): Promise<void> {
  await tx.$executeRaw`UPDATE "SignInAddressThrottle" SET failures = GREATEST(failures - 1, 0) WHERE address = ${address}`;
}

/**
 * Drops throttle rows whose window and lock have passed: a spray of made-up
 * logins or addresses would otherwise leave one row each for good. A dropped
 * row counts exactly as an expired one, so nothing is forgotten early.
 */
export async function removeExpiredThrottles(client: Db = db(), now = new Date()): Promise<{ logins: number; addresses: number }> {
  const loginCutoff = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const addressCutoff = new Date(now.getTime() - ADDRESS_WINDOW_MINUTES * 60_000);
  const logins = await client.loginThrottle.deleteMany({
    where: {
      AND: [
        { OR: [{ firstFailureAt: null }, { firstFailureAt: { lte: loginCutoff } }] },
        { OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
      ],
    },
  });
  const addresses = await client.signInAddressThrottle.deleteMany({ where: { windowStart: { lte: addressCutoff } } });
  return { logins: logins.count, addresses: addresses.count };
}
