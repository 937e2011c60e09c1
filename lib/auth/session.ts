import { cache } from "react";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import type { Actor } from "@/lib/auth/policy.ts";

/** The signed-in user, loaded once per request; null when signed out or deactivated. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return typeof id === "number" ? loadActor(id) : null;
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
