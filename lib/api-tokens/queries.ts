import { db } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import { forbidden } from "@/lib/errors.ts";

/** Every token, newest first, for /api-tokens (ADMIN only; never the hash). */
export async function listApiTokens(actor: Actor) {
  if (!can(actor, "apiToken.manage")) throw forbidden();
  return db().apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      region: { select: { id: true, name: true, level: true } },
      createdBy: { select: { name: true } },
    },
  });
}
