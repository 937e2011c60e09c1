import { db } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { hashToken, looksLikeToken } from "@/lib/api-tokens/secret.ts";

/** lastUsedAt is written at most this often per token, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiCaller = { tokenId: number; actor: Actor };

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization?.trim() ?? "");
  return match ? match[1]! : null;
}

/**
 * Who calls the read API: the token's region as the scope of a read-only
 * actor. The actor is a LEADER of that region, the role that may read plans
 * and figures and change nothing, so every query of lib/api applies the same
 * scope fragments (lib/auth/scope.ts) as the pages a leader of the region sees.
 * The token is looked up by its hash: the caller controls the token, not its
 * digest, so the index lookup tells nothing about stored tokens. A revoked
 * token is refused at once, since every request reads the row afresh.
 */
export async function authenticate(authorization: string | null, now = new Date()): Promise<ApiCaller | null> {
  const token = bearerToken(authorization);
  if (!token || !looksLikeToken(token)) return null;
  const row = await db().apiToken.findUnique({
    where: { secretHash: hashToken(token) },
    select: { id: true, name: true, regionId: true, revokedAt: true, lastUsedAt: true, region: { select: { path: true } } },
  });
  if (!row || row.revokedAt) return null;
  const [regions] = await Promise.all([
    db().region.findMany({ where: { path: { startsWith: row.region.path } }, select: { id: true } }),
    touch(row, now),
  ]);
  return {
    tokenId: row.id,
    actor: {
      // Not a user: no audit event is written by a read, and 0 matches no account.
      id: 0,
      name: `接口令牌 ${row.name}`,
      role: "LEADER",
      regionId: row.regionId,
      scopeRegionIds: regions.map((r) => r.id),
      unitId: null,
    },
  };
}

/** Records the use, unless it was recorded less than a minute ago (the condition also settles two requests at once). */
async function touch(row: { id: number; lastUsedAt: Date | null }, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (row.lastUsedAt && row.lastUsedAt > stale) return;
  await db().apiToken.updateMany({
    where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
    data: { lastUsedAt: now },
  });
}
