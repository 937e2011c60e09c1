import { cache } from "react";
import { db } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";

// ADMIN accounts have no region, so a region-scoped actor never sees them.

export async function listUsers(actor: Actor) {
  if (!can(actor, "user.read")) return [];
  return db().user.findMany({
    where: scope.users(actor),
    orderBy: [{ active: "desc" }, { role: "asc" }, { login: "asc" }],
    select: {
      id: true,
      login: true,
      name: true,
      role: true,
      active: true,
      lastLoginAt: true,
      region: { select: { name: true } },
      unit: { select: { name: true } },
    },
  });
}

/** A user the actor may read, or null: the page answers 404 either way. */
export async function getUser(actor: Actor, userId: number) {
  if (!can(actor, "user.read")) return null;
  return db().user.findFirst({
    where: { id: userId, ...scope.users(actor) },
    select: {
      id: true,
      login: true,
      name: true,
      email: true,
      role: true,
      active: true,
      regionId: true,
      unitId: true,
      lastLoginAt: true,
      createdAt: true,
    },
  });
}

/**
 * The signed-in user's display settings (长者模式), read by the root layout so the first paint is
 * already right. The app layout reads them too (for the toggle): React's cache() makes that one
 * query per request (outside a server render it is a plain call).
 */
export const getDisplayPreferences = cache(async (userId: number): Promise<{ largeText: boolean }> => {
  const user = await db().user.findUnique({ where: { id: userId }, select: { largeText: true } });
  return { largeText: user?.largeText ?? false };
});
