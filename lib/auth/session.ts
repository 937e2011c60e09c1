import { cache } from "react";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { checkSession } from "@/lib/auth/sessions.ts";
import type { Actor } from "@/lib/auth/policy.ts";

/** Where a user whose password was set by someone else, or has expired, is sent first. */
export const CHANGE_PASSWORD_PATH = "/account/password";

export type SignedIn = { actor: Actor; sessionId: string; passwordChangeRequired: boolean };

/**
 * The signed-in user behind the cookie, loaded once per request. The cookie's
 * signature is not enough: the server-side session must still be open (not
 * ended, idle or past its lifetime) and the account active.
 */
export const getSignedIn = cache(async (): Promise<SignedIn | null> => {
  const session = await getServerSession(authOptions);
  const checked = await checkSession(session?.sessionId);
  if (!checked || checked.userId !== session?.user?.id) return null;
  const actor = await loadActor(checked.userId);
  return actor ? { actor, sessionId: checked.sessionId, passwordChangeRequired: checked.passwordChangeRequired } : null;
});

/**
 * The signed-in user; null when signed out. A user who must change the
 * password is sent to 修改密码 from every page, route and action that asks.
 */
export async function getActor(): Promise<Actor | null> {
  const signedIn = await getSignedIn();
  if (!signedIn) return null;
  if (signedIn.passwordChangeRequired) redirect(CHANGE_PASSWORD_PATH);
  return signedIn.actor;
}

/** `pendingPasswordChange`: for 修改密码 itself, the one place such a user may use. */
export async function requireActor(options: { pendingPasswordChange?: boolean } = {}): Promise<Actor> {
  if (options.pendingPasswordChange) {
    const signedIn = await getSignedIn();
    if (!signedIn) redirect("/login");
    return signedIn.actor;
  }
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
