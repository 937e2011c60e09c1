import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { LOCK_MINUTES, MAX_FAILURES, verifyLogin } from "@/lib/auth/login.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { createRegion, createUnit, createUser } from "@/lib/db/factories.ts";

let userId: number;
beforeEach(async () => {
  const city = await createRegion(db(), { code: "310000", name: "上海市", level: "CITY" });
  const district = await createRegion(db(), { code: "310113", name: "宝山区", level: "DISTRICT", parentId: city.id });
  await createRegion(db(), { code: "310113101", name: "罗店镇", level: "TOWN", parentId: district.id });
  const unit = await createUnit(db(), { regionId: district.id, name: "区司法局" });
  userId = (
    await createUser(db(), { login: "liaison", name: "联络员", role: "LIAISON", regionId: district.id, unitId: unit.id, password: "right-password" })
  ).id;
});

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 8, minutes));

describe("verifyLogin", () => {
  it("accepts the right password, ignoring case and spaces in the login, and records the time", async () => {
    expect(await verifyLogin("  LIAISON ", "right-password", at(0))).toEqual({ ok: true, userId });
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).lastLoginAt).toEqual(at(0));
  });

  it("answers a wrong password and an unknown account alike", async () => {
    expect(await verifyLogin("liaison", "wrong", at(0))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    expect(await verifyLogin("nobody", "wrong", at(0))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
  });

  it(`locks an account for ${LOCK_MINUTES} minutes after ${MAX_FAILURES} failures, even for the right password`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await verifyLogin("liaison", "wrong", at(i))).toMatchObject({ reason: "INVALID_CREDENTIALS" });
    }
    expect(await verifyLogin("liaison", "right-password", at(5))).toEqual({ ok: false, reason: "LOCKED" });
    expect(await verifyLogin("liaison", "right-password", at(4 + LOCK_MINUTES - 1))).toMatchObject({ reason: "LOCKED" });
    expect(await verifyLogin("liaison", "right-password", at(4 + LOCK_MINUTES))).toEqual({ ok: true, userId });
  });

  it("four failures and a success start the count again", async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) await verifyLogin("liaison", "wrong", at(i));
    expect((await verifyLogin("liaison", "right-password", at(5))).ok).toBe(true);
    for (let i = 0; i < MAX_FAILURES - 1; i++) await verifyLogin("liaison", "wrong", at(6 + i));
    expect((await verifyLogin("liaison", "right-password", at(12))).ok).toBe(true);
  });

  it("locks an unknown account the same way, so a lockout reveals nothing", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await verifyLogin("nobody", "wrong", at(i));
    expect(await verifyLogin("nobody", "wrong", at(5))).toEqual({ ok: false, reason: "LOCKED" });
  });

  it("refuses a deactivated account with the ordinary message", async () => {
    await db().user.update({ where: { id: userId }, data: { active: false } });
    expect(await verifyLogin("liaison", "right-password", at(0))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
  });
});

describe("loadActor", () => {
  it("carries role, unit and the scope's regions (the district and its town)", async () => {
    const actor = await loadActor(userId);
    const regions = await db().region.findMany({ where: { name: { in: ["宝山区", "罗店镇"] } }, orderBy: { id: "asc" } });
    expect(actor).toMatchObject({ role: "LIAISON", regionId: regions[0]!.id });
    expect([...actor!.scopeRegionIds].sort()).toEqual(regions.map((r) => r.id));
  });

  it("returns nothing for a deactivated user, so an open session stops working", async () => {
    await db().user.update({ where: { id: userId }, data: { active: false } });
    expect(await loadActor(userId)).toBeNull();
  });
});
