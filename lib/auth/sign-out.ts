import { headers } from "next/headers";
import type { JWT } from "next-auth/jwt";
import { db } from "@/lib/db/client.ts";
import { parseEnv } from "@/lib/env.ts";
import { logError } from "@/lib/log.ts";
import { recordSignInEvent } from "@/lib/auth/sign-in-events.ts";
import { signInClientOf } from "@/lib/auth/client-address.ts";
import { checkSession, revokeUserSessions } from "@/lib/auth/sessions.ts";

type HeaderSource = () => Promise<Headers | Record<string, string>>;

/**
 * 退出登录 ends every session of the user, not only this browser's: a cookie
 * copied elsewhere stops too, which is what the assessment asks for. Signing
 * in again starts a fresh session.
 */
export async function endSessionsOnSignOut(token: JWT | null | undefined): Promise<void> {
  const userId = token?.userId;
  if (typeof userId !== "number") return;
  try {
    await db().$transaction((tx) => revokeUserSessions(tx, userId));
  } catch (error) {
    logError("sign-out: could not end sessions", { userId }, error);
  }
}

/**
 * Records the sign-out in the sign-in log. It runs inside the sign-out
 * request, whose headers give the client address. A failure here is logged
 * and does not stop the sign-out.
 */
export async function recordSignOut(
  message: { token?: JWT | null },
  requestHeaders: HeaderSource = async () => new Headers(await headers()),
): Promise<void> {
  const userId = message.token?.userId;
  if (typeof userId !== "number") return;
  try {
    const user = await db().user.findUnique({ where: { id: userId }, select: { login: true } });
    if (!user) return;
    const client = signInClientOf(await requestHeaders(), parseEnv().TRUST_PROXY);
    await recordSignInEvent(db(), { kind: "SIGN_OUT", login: user.login, userId, client });
  } catch (error) {
    logError("sign-out event not recorded", { userId }, error);
  }
}

/**
 * next-auth's `events.signOut`: end the sessions first, then log it. It fires
 * for any cookie whose signature holds, so only a session still open may sign
 * its user out: a cookie ended by a reset must not keep signing the real user
 * out of every device, nor fill the log.
 */
export async function onSignOut(message: { token?: JWT | null }): Promise<void> {
  const open = await checkSession(message.token?.sessionId);
  if (!open || open.userId !== message.token?.userId) return;
  await endSessionsOnSignOut(message.token);
  await recordSignOut(message);
}
