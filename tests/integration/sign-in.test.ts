import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import {
  ADDRESS_MAX_FAILURES,
  ADDRESS_WINDOW_MINUTES,
  LOCK_MINUTES,
  MAX_FAILURES,
  WINDOW_MINUTES,
  removeExpiredThrottles,
  verifyLogin,
} from "@/lib/auth/login.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { createRegion, createUnit, createUser } from "@/lib/demo/factories.ts";

let userId: number;
beforeEach(async () => {
  const city = await createRegion(db(), { code: "310000", name: "上海市", level: "CITY" });
  const district = await createRegion(db(), { code: "310113", name: "宝山区", level: "DISTRICT", parentId: city.id });
  await createRegion(db(), { code: "310113101", name: "罗店镇", level: "TOWN", parentId: district.id });
  const unit = await createUnit(db(), { regionId: district.id, name: "区司法局" });
  userId = (
    await createUser(db(), {
      login: "liaison",
      name: "联络员",
      role: "LIAISON",
      regionId: district.id,
      unitId: unit.id,
      password: "right-password",
    })
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

describe("lockout under parallel attempts", () => {
  it("counts 30 simultaneous wrong passwords, so the right password afterwards is refused", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => verifyLogin("liaison", "wrong", at(0))));
    expect(results.every((result) => !result.ok)).toBe(true);
    const throttle = await db().loginThrottle.findUniqueOrThrow({ where: { login: "liaison" } });
    expect(throttle.failures).toBeGreaterThanOrEqual(MAX_FAILURES);
    expect(await verifyLogin("liaison", "right-password", at(1))).toEqual({ ok: false, reason: "LOCKED" });
  });

  it("bursts of parallel attempts followed by the right password do not sign in", async () => {
    for (let burst = 0; burst < 3; burst++) {
      await Promise.all(Array.from({ length: 3 }, () => verifyLogin("liaison", "wrong", at(burst))));
    }
    expect(await verifyLogin("liaison", "right-password", at(3))).toEqual({ ok: false, reason: "LOCKED" });
  });

  it(`failures older than ${WINDOW_MINUTES} minutes start a new count`, async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) await verifyLogin("liaison", "wrong", at(i));
    await verifyLogin("liaison", "wrong", at(WINDOW_MINUTES + 1));
    expect(await verifyLogin("liaison", "right-password", at(WINDOW_MINUTES + 2))).toEqual({ ok: true, userId });
  });
});

describe("a burst learns nothing", () => {
  const from = (address: string) => ({ address, userAgent: "test" });
  const answered = (results: { ok: boolean; reason?: string }[]) =>
    results.filter((r) => r.ok || (r.reason !== "LOCKED" && r.reason !== "RATE_LIMITED"));

  it(`of 30 parallel attempts at most ${MAX_FAILURES} get a password check; the right password among them is no different`, async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => verifyLogin("liaison", i === 29 ? "right-password" : `wrong-${i}`, at(0), from("203.0.113.9"))),
    );
    expect(answered(results).length).toBeLessThanOrEqual(MAX_FAILURES);
    // Whatever it answered, the right password signed in only if it was among the checked ones.
    const right = results[29]!;
    expect(right.ok ? "SIGNED_IN" : (right as { reason: string }).reason).toMatch(/SIGNED_IN|LOCKED/);
    expect(await db().signInEvent.count({ where: { kind: "FAILURE" } })).toBeLessThanOrEqual(MAX_FAILURES);
  });

  it(`of 100 parallel attempts from one address on many logins at most ${ADDRESS_MAX_FAILURES} get a password check`, async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => verifyLogin(`spray${i}`, "wrong", at(0), from("203.0.113.9"))));
    expect(answered(results).length).toBeLessThanOrEqual(ADDRESS_MAX_FAILURES);
    expect(results.filter((r) => !r.ok && r.reason === "RATE_LIMITED").length).toBeGreaterThanOrEqual(100 - ADDRESS_MAX_FAILURES);
  });

  it("an IPv6 client cannot escape the address limit by rotating through its /64", async () => {
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      await verifyLogin(`guess${i}`, "wrong", at(0), from(`2001:db8:1:2::${(i + 1).toString(16)}`));
    }
    expect(await verifyLogin("liaison", "right-password", at(1), from("2001:db8:1:2:ffff::9"))).toEqual({
      ok: false,
      reason: "RATE_LIMITED",
    });
    expect(await verifyLogin("liaison", "right-password", at(1), from("2001:db8:1:3::1"))).toEqual({ ok: true, userId });
  });
});

describe("per-address limit", () => {
  const from = (address: string) => ({ address, userAgent: "test" });

  it(`refuses an address after ${ADDRESS_MAX_FAILURES} failed attempts on many logins, even with a right password`, async () => {
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      expect(await verifyLogin(`guess${i}`, "wrong", at(0), from("203.0.113.9"))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    }
    expect(await verifyLogin("liaison", "right-password", at(1), from("203.0.113.9"))).toEqual({ ok: false, reason: "RATE_LIMITED" });
    // Another address is not affected, and the limit lifts when the window has passed.
    expect(await verifyLogin("liaison", "right-password", at(1), from("198.51.100.7"))).toEqual({ ok: true, userId });
    expect(await verifyLogin("liaison", "right-password", at(ADDRESS_WINDOW_MINUTES + 1), from("203.0.113.9"))).toEqual({
      ok: true,
      userId,
    });
  });

  it("counts a parallel spray from one address in full", async () => {
    await Promise.all(
      Array.from({ length: ADDRESS_MAX_FAILURES + 10 }, (_, i) => verifyLogin(`spray${i}`, "wrong", at(0), from("203.0.113.9"))),
    );
    const row = await db().signInAddressThrottle.findUniqueOrThrow({ where: { address: "203.0.113.9" } });
    expect(row.failures).toBeGreaterThanOrEqual(ADDRESS_MAX_FAILURES);
    expect(await verifyLogin("liaison", "right-password", at(1), from("203.0.113.9"))).toEqual({ ok: false, reason: "RATE_LIMITED" });
  });
});

describe("removeExpiredThrottles", () => {
  const from = (address: string) => ({ address, userAgent: "test" });

  it("drops counts whose window and lock have passed, and keeps a live lock and a live count", async () => {
    await verifyLogin("old-guess", "wrong", at(0), from("203.0.113.1"));
    for (let i = 0; i < MAX_FAILURES; i++) await verifyLogin("liaison", "wrong", at(10), from("203.0.113.2"));
    await verifyLogin("recent-guess", "wrong", at(20), from("203.0.113.3"));

    expect(await removeExpiredThrottles(db(), at(21))).toEqual({ logins: 1, addresses: 1 });
    const logins = (await db().loginThrottle.findMany({ orderBy: { login: "asc" } })).map((t) => t.login);
    expect(logins).toEqual(["liaison", "recent-guess"]);
    // The lock still holds after the clean-up.
    expect(await verifyLogin("liaison", "right-password", at(22), from("198.51.100.7"))).toEqual({ ok: false, reason: "LOCKED" });
    const addresses = (await db().signInAddressThrottle.findMany({ orderBy: { address: "asc" } })).map((a) => a.address);
    expect(addresses).toEqual(["198.51.100.7", "203.0.113.2", "203.0.113.3"]);
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
