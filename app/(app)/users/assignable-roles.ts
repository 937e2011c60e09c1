import type { Actor } from "@/lib/auth/policy.ts";
import type { Role } from "@/lib/users/schema.ts";

/** Only an ADMIN hands out ADMIN. */
export function assignableRoles(actor: Actor): Role[] {
  return actor.role === "ADMIN" ? ["ADMIN", "BUREAU", "LIAISON", "LEADER"] : ["BUREAU", "LIAISON", "LEADER"];
}
