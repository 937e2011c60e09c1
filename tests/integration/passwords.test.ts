import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { checkSession, startSession, type SessionLimits } from "@/lib/auth/sessions.ts";
import { verifyLogin } from "@/lib/auth/login.ts";
import { changeOwnPassword, createUser, resetUserPassword } from "@/lib/users/actions.ts";
import { DEMO_ACCOUNTS, seedDemoData } from "@/lib/demo/seed.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts, snapshotCounts } from "../support/world.ts";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
beforeEach(async () => {
  world = await buildTwoDistricts();
});

const LIMITS: SessionLimits = { idleMinutes: 30, maxHours: 8, passwordMaxAgeDays: 0 };

/** What the server decides for this user's next sign-in. */
async function mustChangeAtSignIn(userId: number, limits = LIMITS, now = new Date()) {
  const sessionId = await startSession(userId, {}, now, limits);
  return (await checkSession(sessionId, now, limits))!.passwordChangeRequired;
}

function expectNoSecret(value: unknown, ...secrets: string[]) {
  const text = JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
  expect(text).not.toMatch(/passwordHash|\$2[aby]\$/);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe("a password set by someone else must be changed at the next sign-in", () => {
  it("holds for a user created by the bureau", async () => {
    await actAs(world.a.users.bureau);
    const result = await createUser({
      login: "new.liaison",
      password: "Initial#2026",
      name: "赵联络",
      role: "LIAISON",
      regionId: String(world.a.region.id),
      unitId: String(world.a.units.justice.id),
    });
    expect(result.ok).toBe(true);
    const user = await db().user.findUniqueOrThrow({ where: { login: "new.liaison" } });
    expect(user.mustChangePassword).toBe(true);
    expect(await mustChangeAtSignIn(user.id)).toBe(true);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "user.create" } });
    expect(audit.after).toMatchObject({ mustChangePassword: true });
    expectNoSecret(audit, "Initial#2026");
  });

  it("holds after a reset, which is audited without the password", async () => {
    const target = world.a.users.liaison;
    expect(await mustChangeAtSignIn(target.id)).toBe(false);
    await actAs(world.a.users.bureau);
    expect(await resetUserPassword({ id: String(target.id), password: "Reset#2026" })).toMatchObject({ ok: true });
    expect(await verifyLogin(target.login, "Reset#2026")).toMatchObject({ ok: true });
    expect(await mustChangeAtSignIn(target.id)).toBe(true);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "user.resetPassword" } });
    expect(audit).toMatchObject({ actorId: world.a.users.bureau.id, entityId: String(target.id) });
    expect(audit.after).toMatchObject({ mustChangePassword: true });
    expectNoSecret(audit, "Reset#2026");
  });

  it("does not hold when one resets one's own password on the user page", async () => {
    const me = world.a.users.bureau;
    await actAs(me);
    expect(await resetUserPassword({ id: String(me.id), password: "Reset#2026" })).toMatchObject({ ok: true });
    expect(await mustChangeAtSignIn(me.id)).toBe(false);
  });

  it("refuses a weak password in create and reset with a Chinese field message, changing nothing", async () => {
    await actAs(world.a.users.bureau);
    const before = await snapshotCounts();
    const hash = (await db().user.findUniqueOrThrow({ where: { id: world.a.users.liaison.id } })).passwordHash;
    const results = [
      await createUser({ login: "weak.user", password: "password", name: "弱", role: "LEADER", regionId: String(world.a.region.id) }),
      await resetUserPassword({ id: String(world.a.users.liaison.id), password: "12345678" }),
    ];
    for (const result of results) {
      expect(!result.ok && result.fieldErrors?.password).toEqual(["密码至少包含大写字母、小写字母、数字、符号中的三类"]);
    }
    expect(await snapshotCounts()).toEqual(before);
    expect((await db().user.findUniqueOrThrow({ where: { id: world.a.users.liaison.id } })).passwordHash).toBe(hash);
  });

  it("is lifted by 修改密码, audited without either password", async () => {
    const target = world.a.users.liaison;
    await actAs(world.a.users.bureau);
    await resetUserPassword({ id: String(target.id), password: "Reset#2026" });
    await actAs(target);
    const result = await changeOwnPassword({ currentPassword: "Reset#2026", password: "Mine#2026x", confirmPassword: "Mine#2026x" });
    expect(result).toEqual({ ok: true, message: "密码已修改", data: null });
    expect(await mustChangeAtSignIn(target.id)).toBe(false);
    expect(await verifyLogin(target.login, "Mine#2026x")).toMatchObject({ ok: true });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "user.changePassword" } });
    expect(audit).toMatchObject({ actorId: target.id, entityId: String(target.id) });
    expect(audit.before).toMatchObject({ mustChangePassword: true });
    expect(audit.after).toMatchObject({ mustChangePassword: false });
    expectNoSecret(audit, "Reset#2026", "Mine#2026x");
  });

  it("修改密码 refuses a wrong current password and changes nothing", async () => {
    const me = world.a.users.liaison;
    await actAs(me);
    const before = await db().user.findUniqueOrThrow({ where: { id: me.id } });
    const audits = await db().auditEvent.count();
    const result = await changeOwnPassword({ currentPassword: "not-my-password", password: "Mine#2026x", confirmPassword: "Mine#2026x" });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { currentPassword: ["当前密码不正确"] } });
    expect(await db().user.findUniqueOrThrow({ where: { id: me.id } })).toEqual(before);
    expect(await db().auditEvent.count()).toBe(audits);
  });

  it("修改密码 counts wrong current passwords like sign-in failures: the fifth locks the login and ends every session", async () => {
    const me = world.a.users.liaison;
    const session = await startSession(me.id, {}, new Date());
    await actAs(me);
    const attempt = () => changeOwnPassword({ currentPassword: "guess", password: "Mine#2026x", confirmPassword: "Mine#2026x" });
    for (let i = 0; i < 4; i++) expect(await attempt()).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await checkSession(session)).not.toBeNull();
    expect(await attempt()).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await checkSession(session)).toBeNull();
    // Locked now, for 修改密码 and for sign-in alike, even with the right password.
    expect(
      await changeOwnPassword({ currentPassword: "password-123", password: "Mine#2026x", confirmPassword: "Mine#2026x" }),
    ).toMatchObject({
      ok: false,
      code: "LOCKED",
    });
    expect(await verifyLogin(me.login, "password-123")).toEqual({ ok: false, reason: "LOCKED" });
    expect(await db().signInEvent.groupBy({ by: ["kind"], _count: true, orderBy: { kind: "asc" } })).toEqual([
      { kind: "FAILURE", _count: 5 },
      { kind: "LOCKOUT", _count: 1 },
      { kind: "LOCKED", _count: 2 },
    ]);
  });
});

describe("PASSWORD_MAX_AGE_DAYS", () => {
  it("sends a user whose password is older than the limit to 修改密码, and nobody when unset", async () => {
    const user = world.a.users.leader;
    const now = new Date();
    await db().user.update({
      where: { id: user.id },
      data: { passwordChangedAt: new Date(now.getTime() - 91 * 86_400_000) },
    });
    expect(await mustChangeAtSignIn(user.id, { ...LIMITS, passwordMaxAgeDays: 0 }, now)).toBe(false);
    expect(await mustChangeAtSignIn(user.id, { ...LIMITS, passwordMaxAgeDays: 120 }, now)).toBe(false);
    expect(await mustChangeAtSignIn(user.id, { ...LIMITS, passwordMaxAgeDays: 90 }, now)).toBe(true);
    // A fresh password starts the count again.
    await actAs(user);
    await changeOwnPassword({ currentPassword: "password-123", password: "Mine#2026x", confirmPassword: "Mine#2026x" });
    expect(await mustChangeAtSignIn(user.id, { ...LIMITS, passwordMaxAgeDays: 90 })).toBe(false);
  });
});

describe("demo accounts", () => {
  it("are exempt from the forced change, so the README's password works as given", async () => {
    await db().$executeRawUnsafe('TRUNCATE "User", "Unit", "Region" RESTART IDENTITY CASCADE');
    await seedDemoData(db(), { plans: false });
    const demo = await db().user.findMany({ where: { login: { in: DEMO_ACCOUNTS.map((a) => a.login) } } });
    expect(demo.length).toBe(DEMO_ACCOUNTS.length);
    expect(demo.filter((user) => user.mustChangePassword)).toEqual([]);
  });
});
