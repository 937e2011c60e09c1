import { headers } from "next/headers";
import type { JWT } from "next-auth/jwt";
import { db } from "@/lib/db/client.ts";
import { parseEnv } from "@/lib/env.ts";
import { logError } from "@/lib/log.ts";
import { recordSignInEvent } from "@/lib/audit/sign-in-events.ts";
import { signInClientOf } from "@/lib/auth/client-address.ts";

type HeaderSource = () => Promise<Headers | Record<string, string>>;

/**
 * next-auth's `events.signOut`: records the sign-out in the sign-in log. It
 * runs inside the sign-out request, whose headers give the client address.
 * A failure here is logged and does not stop the sign-out.
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
