import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/actions.ts";
import { listApiTokens } from "@/lib/api-tokens/queries.ts";
import { hashToken } from "@/lib/api-tokens/secret.ts";
import { authenticate } from "@/lib/api/auth.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// 接口令牌: only ADMIN creates, lists and revokes them; each change and its
// audit event in one transaction; the secret is handed out once and stored
// only as its sha256.

let w: Awaited<ReturnType<typeof buildTwoDistricts>>;

beforeEach(async () => {
  w = await buildTwoDistricts();
});

const counts = async () => ({ tokens: await db().apiToken.count(), audit: await db().auditEvent.count() });

describe("creating a token", () => {
  it("gives ADMIN the secret once, stores only its sha256 and audits without it", async () => {
    await actAs(w.admin);
    const result = await createApiToken({ name: "市平台", regionId: String(w.city.id) });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("请立即复制保存") });
    if (!result.ok) throw new Error("create failed");
    const { token, prefix, id } = result.data;
    expect(token).toMatch(/^fzt_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(prefix)).toBe(true);

    const row = await db().apiToken.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "市平台", regionId: w.city.id, createdById: w.admin.id, prefix, revokedAt: null, lastUsedAt: null });
    expect(row.secretHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(prefix.length));

    const events = await db().auditEvent.findMany({ where: { entityType: "ApiToken" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "apiToken.create", entityId: String(id), actorId: w.admin.id });
    expect(JSON.stringify(events[0]!.after)).not.toContain(token.slice(prefix.length));
    expect(JSON.stringify(events[0]!.after)).not.toContain(row.secretHash);

    // Listed without the hash.
    const list = await listApiTokens((await actAs(w.admin))!);
    expect(list).toEqual([expect.objectContaining({ id, name: "市平台", prefix, region: expect.objectContaining({ name: "黄石市" }) })]);
    expect(list[0]).not.toHaveProperty("secretHash");
  });

  it("refuses every other role, writing nothing", async () => {
    for (const user of [w.a.users.bureau, w.a.users.leader, w.a.users.liaison, w.cityLeader]) {
      const before = await counts();
      const actor = (await actAs(user))!;
      expect(await createApiToken({ name: "偷偷创建", regionId: w.a.region.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
      await expect(listApiTokens(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await counts()).toEqual(before);
    }
  });

  it("answers bad input with Chinese field errors and writes nothing", async () => {
    await actAs(w.admin);
    const before = await counts();
    const blank = await createApiToken({ name: "  ", regionId: w.a.region.id });
    expect(blank).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { name: ["请填写名称"] } });
    const unknownRegion = await createApiToken({ name: "区平台", regionId: 999_999 });
    expect(unknownRegion).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { regionId: ["所选区域不存在"] } });
    const forged = await createApiToken({ name: "区平台", regionId: "2147483648" });
    expect(forged).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { regionId: ["请选择区域"] } });
    expect(await counts()).toEqual(before);
  });
});

describe("revoking a token", () => {
  async function created(regionId: number) {
    await actAs(w.admin);
    const result = await createApiToken({ name: "区平台", regionId });
    if (!result.ok) throw new Error(result.message);
    return result.data;
  }

  it("takes effect at once and is audited", async () => {
    const { id, token } = await created(w.a.region.id);
    expect(await authenticate(`Bearer ${token}`)).toMatchObject({ tokenId: id });

    expect(await revokeApiToken({ id: String(id) })).toMatchObject({ ok: true, message: "已吊销接口令牌“区平台”" });
    expect(await authenticate(`Bearer ${token}`)).toBeNull();
    const row = await db().apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.revokedAt).toBeInstanceOf(Date);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "apiToken.revoke" } });
    expect(event).toMatchObject({ entityId: String(id), actorId: w.admin.id, districtId: w.a.region.id });
    expect(JSON.stringify([event.before, event.after])).not.toContain(row.secretHash);

    // A second revoke changes nothing more.
    const before = await counts();
    expect(await revokeApiToken({ id })).toMatchObject({ ok: true });
    expect(await counts()).toEqual(before);
  });

  it("answers NOT_FOUND for an unknown token and FORBIDDEN for other roles, changing nothing", async () => {
    const { id, token } = await created(w.a.region.id);
    const before = await counts();
    expect(await revokeApiToken({ id: id + 1000 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    for (const user of [w.a.users.bureau, w.a.users.leader, w.a.users.liaison]) {
      await actAs(user);
      expect(await revokeApiToken({ id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await counts()).toEqual(before);
    expect(await authenticate(`Bearer ${token}`)).not.toBeNull();
  });
});

describe("lastUsedAt", () => {
  it("is written on first use, then at most once a minute", async () => {
    await actAs(w.admin);
    const result = await createApiToken({ name: "区平台", regionId: w.a.region.id });
    if (!result.ok) throw new Error(result.message);
    const lastUsed = async () => (await db().apiToken.findUniqueOrThrow({ where: { id: result.data.id } })).lastUsedAt;
    const t0 = new Date("2026-12-06T01:00:00Z");
    await authenticate(`Bearer ${result.data.token}`, t0);
    expect(await lastUsed()).toEqual(t0);
    await authenticate(`Bearer ${result.data.token}`, new Date(t0.getTime() + 59_000));
    expect(await lastUsed()).toEqual(t0);
    const t1 = new Date(t0.getTime() + 61_000);
    await authenticate(`Bearer ${result.data.token}`, t1);
    expect(await lastUsed()).toEqual(t1);
  });
});
