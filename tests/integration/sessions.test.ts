import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { checkSession, startSession, TOUCH_INTERVAL_MS, type SessionLimits } from "@/lib/auth/sessions.ts";
import { endSessionsOnSignOut, onSignOut } from "@/lib/auth/sign-out.ts";
import { changeOwnPassword, resetUserPassword, setUserActive, updateUser } from "@/lib/users/actions.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
beforeEach(async () => {
  world = await buildTwoDistricts();
});

const LIMITS: SessionLimits = { idleMinutes: 30, maxHours: 8, passwordMaxAgeDays: 0 };
const T0 = new Date("2026-12-01T01:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function open(userId: number, now = T0) {
  return startSession(userId, { ip: "10.0.0.1", userAgent: "test" }, now, LIMITS);
}

describe("checkSession", () => {
  it("accepts an open session and names its user", async () => {
    const id = await open(world.a.users.liaison.id);
    expect(await checkSession(id, at(5), LIMITS)).toEqual({
      sessionId: id,
      userId: world.a.users.liaison.id,
      passwordChangeRequired: false,
    });
  });

  it("refuses an ended session", async () => {
    const id = await open(world.a.users.liaison.id);
    await db().userSession.update({ where: { id }, data: { revokedAt: at(1) } });
    expect(await checkSession(id, at(2), LIMITS)).toBeNull();
  });

  it("refuses a session idle for SESSION_IDLE_MINUTES, not one used just before", async () => {
    const id = await open(world.a.users.liaison.id);
    expect(await checkSession(id, at(29), LIMITS)).not.toBeNull();
    // The request at 29 minutes counted as activity: 30 minutes after it, the session is over.
    expect(await checkSession(id, at(58), LIMITS)).not.toBeNull();
    expect(await checkSession(id, at(88), LIMITS)).toBeNull();
    expect(await checkSession(id, at(89), { ...LIMITS, idleMinutes: 60 })).not.toBeNull();
  });

  it("refuses a session past its absolute lifetime however active it was", async () => {
    const id = await open(world.a.users.liaison.id);
    for (let minute = 20; minute < 8 * 60; minute += 20) {
      expect(await checkSession(id, at(minute), LIMITS)).not.toBeNull();
    }
    expect(await checkSession(id, at(8 * 60), LIMITS)).toBeNull();
  });

  it("writes lastSeenAt at most once a minute", async () => {
    const id = await open(world.a.users.liaison.id);
    const lastSeen = async () => (await db().userSession.findUniqueOrThrow({ where: { id } })).lastSeenAt;
    await checkSession(id, new Date(T0.getTime() + 30_000), LIMITS);
    await checkSession(id, new Date(T0.getTime() + TOUCH_INTERVAL_MS - 1), LIMITS);
    expect(await lastSeen()).toEqual(T0);
    await checkSession(id, new Date(T0.getTime() + TOUCH_INTERVAL_MS), LIMITS);
    expect(await lastSeen()).toEqual(new Date(T0.getTime() + TOUCH_INTERVAL_MS));
    await checkSession(id, new Date(T0.getTime() + TOUCH_INTERVAL_MS + 59_000), LIMITS);
    expect(await lastSeen()).toEqual(new Date(T0.getTime() + TOUCH_INTERVAL_MS));
  });

  it("refuses the session of a deactivated user, and ids that are no session", async () => {
    const id = await open(world.a.users.liaison.id);
    await db().user.update({ where: { id: world.a.users.liaison.id }, data: { active: false } });
    expect(await checkSession(id, at(1), LIMITS)).toBeNull();
    for (const bad of [undefined, null, 42, "", "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      expect(await checkSession(bad, at(1), LIMITS)).toBeNull();
    }
  });
});

describe("ending every session of a user", () => {
  async function twoSessions(userId: number) {
    return [await open(userId, new Date()), await open(userId, new Date())] as const;
  }
  const alive = async (ids: readonly string[]) => Promise.all(ids.map(async (id) => (await checkSession(id, new Date(), LIMITS)) !== null));

  it("退出登录 ends all of the user's sessions and no one else's", async () => {
    const mine = await twoSessions(world.a.users.liaison.id);
    const other = await twoSessions(world.a.users.leader.id);
    await endSessionsOnSignOut({ userId: world.a.users.liaison.id, sessionId: mine[0] });
    expect(await alive(mine)).toEqual([false, false]);
    expect(await alive(other)).toEqual([true, true]);
  });

  it("a cookie whose session has already ended signs no one out and logs nothing", async () => {
    const userId = world.a.users.liaison.id;
    const [ended] = await twoSessions(userId);
    await db().userSession.update({ where: { id: ended }, data: { revokedAt: new Date() } });
    const current = await open(userId, new Date());
    await onSignOut({ token: { userId, sessionId: ended } });
    expect(await alive([current])).toEqual([true]);
    expect(await db().signInEvent.count({ where: { kind: "SIGN_OUT" } })).toBe(0);
    // The open one does sign its user out everywhere.
    await onSignOut({ token: { userId, sessionId: current } });
    expect(await alive([current])).toEqual([false]);
  });

  it.each([
    ["a change of role", (w: typeof world) => ({ role: "LEADER", regionId: String(w.a.region.id), unitId: "" })],
    ["a change of unit", (w: typeof world) => ({ role: "LIAISON", regionId: String(w.a.region.id), unitId: String(w.a.units.justice.id) })],
    ["a change of region", (w: typeof world) => ({ role: "LEADER", regionId: String(w.city.id), unitId: "" })],
  ])("%s by the bureau ends them, audited with the count", async (_case, change) => {
    const target = world.a.users.liaison;
    const sessions = await twoSessions(target.id);
    const other = await twoSessions(world.a.users.leader.id);
    await actAs(change(world).regionId === String(world.city.id) ? world.admin : world.a.users.bureau);
    const result = await updateUser({ id: String(target.id), name: "联络员", ...change(world) });
    expect(result).toMatchObject({ ok: true });
    expect(await alive(sessions)).toEqual([false, false]);
    expect(await alive(other)).toEqual([true, true]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "user.update" } });
    expect(audit.after).toMatchObject({ sessionsEnded: 2 });
  });

  it("a change of name or e-mail only leaves the sessions open", async () => {
    const target = world.a.users.liaison;
    const sessions = await twoSessions(target.id);
    await actAs(world.a.users.bureau);
    const result = await updateUser({
      id: String(target.id),
      name: "新名字",
      email: "x@example.gov.cn",
      role: "LIAISON",
      regionId: String(world.a.region.id),
      unitId: String(world.a.units.development.id),
    });
    expect(result).toMatchObject({ ok: true });
    expect(await alive(sessions)).toEqual([true, true]);
  });

  it("deactivation ends them, and they stay ended after reactivation", async () => {
    const target = world.a.users.liaison;
    const sessions = await twoSessions(target.id);
    await actAs(world.a.users.bureau);
    expect(await setUserActive({ id: String(target.id), active: "" })).toMatchObject({ ok: true });
    expect(await setUserActive({ id: String(target.id), active: "on" })).toMatchObject({ ok: true });
    expect(await alive(sessions)).toEqual([false, false]);
  });

  it("a password reset by the bureau ends them", async () => {
    const target = world.a.users.liaison;
    const sessions = await twoSessions(target.id);
    await actAs(world.a.users.bureau);
    expect(await resetUserPassword({ id: String(target.id), password: "Reset#2026" })).toMatchObject({ ok: true });
    expect(await alive(sessions)).toEqual([false, false]);
  });

  it("changing one's own password ends the other sessions and keeps this one", async () => {
    const me = world.a.users.liaison;
    const [current, elsewhere] = await twoSessions(me.id);
    await actAs(me, { sessionId: current });
    const result = await changeOwnPassword({
      currentPassword: "password-123",
      password: "Mine#2026x",
      confirmPassword: "Mine#2026x",
    });
    expect(result).toMatchObject({ ok: true });
    expect(await alive([current, elsewhere])).toEqual([true, false]);
  });

  it("a refused change ends nothing", async () => {
    const target = world.b.users.liaison;
    const sessions = await twoSessions(target.id);
    await actAs(world.a.users.bureau);
    expect(await resetUserPassword({ id: String(target.id), password: "Reset#2026" })).toMatchObject({ code: "NOT_FOUND" });
    expect(await setUserActive({ id: String(target.id), active: "" })).toMatchObject({ code: "NOT_FOUND" });
    expect(await alive(sessions)).toEqual([true, true]);
  });
});

describe("startSession", () => {
  it("records the client and clears the user's sessions that ended over 30 days ago", async () => {
    const user = world.a.users.liaison.id;
    const old = await open(user, at(-31 * 24 * 60 - 8 * 60));
    const recent = await open(user, at(-20 * 24 * 60));
    const someoneElses = await open(world.a.users.leader.id, at(-31 * 24 * 60 - 8 * 60));
    const fresh = await open(user, T0);
    const ids = (await db().userSession.findMany({ select: { id: true } })).map((s) => s.id).sort();
    expect(ids).toEqual([recent, someoneElses, fresh].sort());
    expect(ids).not.toContain(old);
    expect(await db().userSession.findUniqueOrThrow({ where: { id: fresh } })).toMatchObject({
      userId: user,
      ip: "10.0.0.1",
      userAgent: "test",
      expiresAt: at(8 * 60),
    });
  });
});
