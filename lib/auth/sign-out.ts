import type { JWT } from "next-auth/jwt";
import { db } from "@/lib/db/client.ts";
import { revokeUserSessions } from "@/lib/auth/sessions.ts";
import { logError } from "@/lib/log.ts";

/**
 * 退出登录 ends every session of the user, not only this browser's: a cookie
 * copied elsewhere stops too, which is what the assessment asks for. Signing
 * in again starts a fresh session.
 */
export async function endSessionsOnSignOut(token: JWT | null): Promise<void> {
  const userId = token?.userId;
  if (typeof userId !== "number") return;
  try {
    await db().$transaction((tx) => revokeUserSessions(tx, userId));
  } catch (error) {
    logError("sign-out: could not end sessions", { userId }, error);
  }
}

/** The client's address and browser as the request shows them, for the session row. */
export function sessionClient(headers: Record<string, unknown> | undefined): { ip: string | null; userAgent: string | null } {
  const header = (name: string) => {
    const value = headers?.[name];
    return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : null;
  };
  const forwarded = header("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || header("x-real-ip"), userAgent: header("user-agent") };
}
