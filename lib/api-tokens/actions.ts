"use server";

import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { runAction } from "@/lib/actions/run.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { generateToken } from "@/lib/api-tokens/secret.ts";
import { createApiTokenSchema, revokeApiTokenSchema, type CreatedApiToken } from "@/lib/api-tokens/schema.ts";

/** What the audit log keeps of a token: never the secret nor its hash. */
const auditView = (token: { id: number; name: string; regionId: number; prefix: string; revokedAt: Date | null }) => ({
  id: token.id,
  name: token.name,
  regionId: token.regionId,
  prefix: token.prefix,
  revokedAt: token.revokedAt,
});

/** Creates a token; the answer carries the secret, which is shown once and never again. */
export async function createApiToken(input: unknown) {
  return runAction("createApiToken", createApiTokenSchema, input, async (actor, data) => {
    if (!can(actor, "apiToken.manage")) throw forbidden();
    const { token, prefix, secretHash } = generateToken();
    const created = await db().$transaction(async (tx) => {
      const region = await tx.region.findFirst({ where: scope.region(actor, data.regionId), select: { id: true, districtId: true } });
      if (!region) throw new AppError("VALIDATION", undefined, { regionId: ["所选区域不存在"] });
      const row = await tx.apiToken.create({
        data: { name: data.name, regionId: region.id, secretHash, prefix, createdById: actor.id },
      });
      await recordAudit(tx, {
        actor,
        action: "apiToken.create",
        entityType: "ApiToken",
        entityId: row.id,
        districtId: region.districtId,
        after: auditView(row),
      });
      return row;
    });
    return {
      message: `已创建接口令牌“${created.name}”,请立即复制保存:关闭本页后无法再次查看。`,
      data: { id: created.id, token, prefix } satisfies CreatedApiToken,
    };
  });
}

/** Revokes a token: the next request with it is refused (each request reads the token afresh). */
export async function revokeApiToken(input: unknown) {
  return runAction("revokeApiToken", revokeApiTokenSchema, input, async (actor, data) => {
    if (!can(actor, "apiToken.manage")) throw forbidden();
    const revoked = await db().$transaction(async (tx) => {
      const before = await tx.apiToken.findFirst({
        where: { id: data.id, region: scope.regions(actor) },
        include: { region: { select: { districtId: true } } },
      });
      if (!before) throw notFound();
      if (before.revokedAt) return before;
      const after = await tx.apiToken.update({ where: { id: before.id }, data: { revokedAt: new Date() } });
      await recordAudit(tx, {
        actor,
        action: "apiToken.revoke",
        entityType: "ApiToken",
        entityId: after.id,
        districtId: before.region.districtId,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    });
    return { message: `已吊销接口令牌“${revoked.name}”`, data: null };
  });
}
