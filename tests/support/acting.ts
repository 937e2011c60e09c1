import type { Actor } from "@/lib/auth/policy.ts";
import { loadActor } from "@/lib/auth/actor.ts";

// Server actions ask lib/auth/session.ts who is signed in; integration tests
// replace only that question (integration-setup.ts), with a user loaded from
// the database exactly as a real session would be. The session layer
// (lib/auth/sessions.ts) sits above loadActor and has tests of its own; a
// test may name the session the actor acts in (`sessionId`), for actions
// that treat the current session apart from the user's others.

let current: Actor | null = null;
let session: string | null = null;

export async function actAs(user: { id: number } | null, options: { sessionId?: string } = {}): Promise<Actor | null> {
  current = user ? await loadActor(user.id) : null;
  session = options.sessionId ?? null;
  if (user && !current) throw new Error(`user ${user.id} cannot act (inactive or missing)`);
  return current;
}

export function currentActor(): Actor | null {
  return current;
}

export function currentSessionId(): string | null {
  return session;
}
