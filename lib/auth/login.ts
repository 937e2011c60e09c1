import { db, type Db } from "@/lib/db/client.ts";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password.ts";
import { recordSignInEvent, type SignInClient } from "@/lib/audit/sign-in-events.ts";

/** Failures counted within WINDOW_MINUTES that lock a login for LOCK_MINUTES. */
export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;
/** Failed attempts from one client address, on any logins, before it is refused for the rest of its window. */
export const ADDRESS_MAX_FAILURES = 30;
export const ADDRESS_WINDOW_MINUTES = 15;

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "INVALID_CREDENTIALS" | "LOCKED" | "RATE_LIMITED" };

export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase().slice(0, 50);
}

/**
 * Checks a sign-in and records it as a sign-in event. Failures are counted per
 * login string, existing or not, so neither the message nor the lockout reveals
 * whether an account exists; and per client address, so one address cannot try
 * many logins. Every count is one atomic statement: parallel attempts cannot
 * read the same old count and each write it back plus one.
 */
export async function verifyLogin(
  login: string,
  password: string,
  now = new Date(),
  client: SignInClient = {},
): Promise<LoginResult> {
  const key = normaliseLogin(login);
  const user = await db().user.findUnique({ where: { login: key }, select: { id: true, active: true, passwordHash: true } });
  const event = { login: key, userId: user?.id ?? null, client, at: now };

  if (client.address && (await addressIsLimited(client.address, now))) {
    await recordSignInEvent(db(), { ...event, kind: "RATE_LIMITED" });
    return { ok: false, reason: "RATE_LIMITED" };
  }

  const throttle = await db().loginThrottle.findUnique({ where: { login: key } });
  if (throttle?.lockedUntil && throttle.lockedUntil > now) return refuseLocked(event);

  const passwordOk = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);

  if (user && user.active && passwordOk) {
    const signedIn = await db().$transaction(async (tx) => {
      // The row lock waits for failures being counted right now, so a right
      // password cannot slip in behind a burst that has just locked the login.
      const [row] = await tx.$queryRaw<{ locked: boolean | null }[]>`
        SELECT "lockedUntil" > ${sqlTime(now)} AS locked FROM "LoginThrottle" WHERE login = ${key} FOR UPDATE`;
      if (row?.locked) return false;
      await tx.loginThrottle.deleteMany({ where: { login: key } });
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
      await recordSignInEvent(tx, { ...event, kind: "SUCCESS" });
      return true;
    });
    return signedIn ? { ok: true, userId: user.id } : refuseLocked(event);
  }

  await countLoginFailure(event);
  if (client.address) await countAddressFailure(client.address, now);
  return { ok: false, reason: "INVALID_CREDENTIALS" };
}

type Attempt = { login: string; userId: number | null; client: SignInClient; at: Date };

async function refuseLocked(event: Attempt): Promise<LoginResult> {
  await recordSignInEvent(db(), { ...event, kind: "LOCKED" });
  if (event.client.address) await countAddressFailure(event.client.address, event.at);
  return { ok: false, reason: "LOCKED" };
}

/** A timestamp parameter as the UTC wall-clock time Prisma stores in `timestamp(3)` columns. */
function sqlTime(date: Date): Prisma.Sql {
  return Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

const minutes = (n: number) => Prisma.raw(`interval '${n} minutes'`);

/**
 * Counts one failure for the login, the event and, on the failure that reaches
 * MAX_FAILURES, the lockout event, in one statement. A count whose window has
 * passed, or whose lock has run out, starts again at one; a lock in force is
 * kept, never extended, by failures counted while it holds.
 */
async function countLoginFailure(event: Attempt): Promise<void> {
  const now = sqlTime(event.at);
  const fresh = Prisma.sql`(t."firstFailureAt" IS NULL
      OR t."firstFailureAt" <= EXCLUDED."firstFailureAt" - ${minutes(WINDOW_MINUTES)}
      OR t."lockedUntil" <= EXCLUDED."firstFailureAt")`;
  const failures = Prisma.sql`(CASE WHEN ${fresh} THEN 1 ELSE t.failures + 1 END)`;
  await db().$queryRaw`
    WITH counted AS (
      INSERT INTO "LoginThrottle" AS t (login, failures, "firstFailureAt", "lockedUntil")
      VALUES (${event.login}, 1, ${now}, NULL)
      ON CONFLICT (login) DO UPDATE SET
        failures = ${failures},
        "firstFailureAt" = CASE WHEN ${fresh} THEN EXCLUDED."firstFailureAt" ELSE t."firstFailureAt" END,
        "lockedUntil" = CASE
          WHEN t."lockedUntil" > EXCLUDED."firstFailureAt" THEN t."lockedUntil"
          WHEN ${failures} >= ${MAX_FAILURES}::int THEN EXCLUDED."firstFailureAt" + ${minutes(LOCK_MINUTES)}
        END
      RETURNING failures
    ), recorded AS (
      INSERT INTO "SignInEvent" (kind, login, "userId", address, "userAgent", "createdAt")
      SELECT v.kind::"SignInEventKind", ${event.login}::varchar, ${event.userId}::int,
             ${event.client.address ?? null}::varchar, ${event.client.userAgent?.slice(0, 300) ?? null}::varchar, ${now}
      FROM counted, (VALUES ('FAILURE', 1), ('LOCKOUT', 2)) AS v(kind, n)
      WHERE v.kind = 'FAILURE' OR counted.failures = ${MAX_FAILURES}::int
      ORDER BY v.n
      RETURNING id
    )
    SELECT failures FROM counted`;
}

async function countAddressFailure(address: string, at: Date): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "SignInAddressThrottle" AS a (address, failures, "windowStart")
    VALUES (${address}, 1, ${sqlTime(at)})
    ON CONFLICT (address) DO UPDATE SET
      failures = CASE WHEN a."windowStart" <= EXCLUDED."windowStart" - ${minutes(ADDRESS_WINDOW_MINUTES)} THEN 1 ELSE a.failures + 1 END,
      "windowStart" = CASE WHEN a."windowStart" <= EXCLUDED."windowStart" - ${minutes(ADDRESS_WINDOW_MINUTES)}
                           THEN EXCLUDED."windowStart" ELSE a."windowStart" END`;
}

async function addressIsLimited(address: string, now: Date): Promise<boolean> {
  const row = await db().signInAddressThrottle.findUnique({ where: { address } });
  if (!row || row.failures < ADDRESS_MAX_FAILURES) return false;
  return row.windowStart.getTime() > now.getTime() - ADDRESS_WINDOW_MINUTES * 60_000;
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
