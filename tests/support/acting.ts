import type { Actor } from "@/lib/auth/policy.ts";
import { loadActor } from "@/lib/auth/actor.ts";

// Server actions ask lib/auth/session.ts who is signed in; integration tests
// replace only that question (integration-setup.ts), with a user loaded from
// the database exactly as a real session would be.

let current: Actor | null = null;

export async function actAs(user: { id: number } | null): Promise<Actor | null> {
  current = user ? await loadActor(user.id) : null;
  if (user && !current) throw new Error(`user ${user.id} cannot act (inactive or missing)`);
  return current;
}

export function currentActor(): Actor | null {
  return current;
}
