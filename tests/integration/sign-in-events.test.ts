import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { ADDRESS_MAX_FAILURES, MAX_FAILURES, verifyLogin } from "@/lib/auth/login.ts";
import { authOptions } from "@/lib/auth/options.ts";
import { recordSignOut } from "@/lib/auth/sign-out.ts";
import { getPreviousSignIn, listSignInEvents } from "@/lib/audit/queries.ts";
import { signInFilterSchema, SIGN_IN_PAGE_SIZE } from "@/lib/audit/schema.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { createRegion, createUnit, createUser } from "@/lib/demo/factories.ts";

const PASSWORD = "right-password";
let users: Record<"admin" | "xialuBureau" | "xialuLiaison" | "xialuLeader" | "baoshanLiaison", { id: number }>;

beforeEach(async () => {
  const city = await createRegion(db(), { code: "420200", name: "黄石市", level: "CITY" });
  const xialu = await createRegion(db(), { code: "420204", name: "下陆区", level: "DISTRICT", parentId: city.id });
  const other = await createRegion(db(), { code: "420203", name: "西塞山区", level: "DISTRICT", parentId: city.id });
  const xialuUnit = await createUnit(db(), { regionId: xialu.id, name: "区司法局" });
  const otherUnit = await createUnit(db(), { regionId: other.id, name: "区司法局" });
  users = {
    admin: await createUser(db(), { login: "admin", name: "管理员", role: "ADMIN", password: PASSWORD }),
    xialuBureau: await createUser(db(), { login: "xialu.bureau", name: "王司法", role: "BUREAU", regionId: xialu.id, password: PASSWORD }),
    xialuLiaison: await createUser(db(), {
      login: "xialu.liaison",
      name: "李联络",
      role: "LIAISON",
      regionId: xialu.id,
      unitId: xialuUnit.id,
      password: PASSWORD,
    }),
    xialuLeader: await createUser(db(), { login: "xialu.leader", name: "赵领导", role: "LEADER", regionId: xialu.id, password: PASSWORD }),
    baoshanLiaison: await createUser(db(), {
      login: "xss.liaison",
      name: "周联络",
      role: "LIAISON",
      regionId: other.id,
      unitId: otherUnit.id,
      password: PASSWORD,
    }),
  };
});

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 5, 1, minutes));
const from = (address: string) => ({ address, userAgent: "Mozilla/5.0 test" });
const events = () =>
  db().signInEvent.findMany({ orderBy: { id: "asc" }, select: { kind: true, login: true, userId: true, address: true, userAgent: true } });
const actor = async (user: { id: number }) => (await loadActor(user.id))!;
const filters = (input: Record<string, string> = {}) => signInFilterSchema.parse(input);

describe("sign-in events written by verifyLogin", () => {
  it("records a success and a failure with the login typed, the user, the address and the browser", async () => {
    await verifyLogin(" Xialu.Liaison ", "wrong", at(0), from("203.0.113.9"));
    await verifyLogin("xialu.liaison", PASSWORD, at(1), from("203.0.113.9"));
    await verifyLogin("no.such.user", "wrong", at(2), from("198.51.100.7"));
    expect(await events()).toEqual([
      { kind: "FAILURE", login: "xialu.liaison", userId: users.xialuLiaison.id, address: "203.0.113.9", userAgent: "Mozilla/5.0 test" },
      { kind: "SUCCESS", login: "xialu.liaison", userId: users.xialuLiaison.id, address: "203.0.113.9", userAgent: "Mozilla/5.0 test" },
      { kind: "FAILURE", login: "no.such.user", userId: null, address: "198.51.100.7", userAgent: "Mozilla/5.0 test" },
    ]);
  });

  it("records the lockout once, and each attempt refused while locked", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await verifyLogin("xialu.liaison", "wrong", at(i), from("203.0.113.9"));
    await verifyLogin("xialu.liaison", PASSWORD, at(6), from("203.0.113.9"));
    const kinds = (await events()).map((e) => e.kind);
    expect(kinds).toEqual([...Array.from({ length: MAX_FAILURES }, () => "FAILURE"), "LOCKOUT", "LOCKED"]);
  });

  it("records one lockout for a parallel burst", async () => {
    await Promise.all(Array.from({ length: 12 }, () => verifyLogin("xialu.liaison", "wrong", at(0), from("203.0.113.9"))));
    expect(await db().signInEvent.count({ where: { kind: "LOCKOUT" } })).toBe(1);
    expect(await db().signInEvent.count({ where: { kind: { in: ["FAILURE", "LOCKED"] } } })).toBe(12);
  });

  it("records attempts refused by the address limit", async () => {
    await db().signInAddressThrottle.create({ data: { address: "203.0.113.9", failures: ADDRESS_MAX_FAILURES, windowStart: at(0) } });
    expect(await verifyLogin("xialu.liaison", PASSWORD, at(1), from("203.0.113.9"))).toEqual({ ok: false, reason: "RATE_LIMITED" });
    expect(await events()).toMatchObject([{ kind: "RATE_LIMITED", login: "xialu.liaison", address: "203.0.113.9" }]);
  });

  it("cannot be edited or deleted, even with raw SQL", async () => {
    await verifyLogin("xialu.liaison", "wrong", at(0), from("203.0.113.9"));
    await expect(db().$executeRawUnsafe(`UPDATE "SignInEvent" SET address = '10.0.0.1'`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "SignInEvent"`)).rejects.toThrow(/append-only/);
    expect(await db().signInEvent.count()).toBe(1);
  });
});

describe("sign-in events through next-auth", () => {
  const provider = authOptions.providers[0] as unknown as {
    options: { authorize: (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
  };
  const request = { headers: { "x-forwarded-for": "203.0.113.9", "user-agent": "Mozilla/5.0 (X11) Chromium" } };

  it("authorize passes the request's address and browser to the log, and names the refusal", async () => {
    await expect(provider.options.authorize({ login: "xialu.bureau", password: "wrong" }, request)).rejects.toThrow("INVALID_CREDENTIALS");
    expect(await provider.options.authorize({ login: "xialu.bureau", password: PASSWORD }, request)).toMatchObject({
      id: String(users.xialuBureau.id),
    });
    expect(await events()).toMatchObject([
      { kind: "FAILURE", login: "xialu.bureau", address: "203.0.113.9", userAgent: "Mozilla/5.0 (X11) Chromium" },
      { kind: "SUCCESS", login: "xialu.bureau", address: "203.0.113.9" },
    ]);
    await db().signInAddressThrottle.update({ where: { address: "203.0.113.9" }, data: { failures: ADDRESS_MAX_FAILURES } });
    await expect(provider.options.authorize({ login: "xialu.bureau", password: PASSWORD }, request)).rejects.toThrow("RATE_LIMITED");
  });

  it("the signOut event records a sign-out with the request's address", async () => {
    const token = { userId: users.xialuBureau.id, sessionId: "00000000-0000-4000-8000-000000000000" };
    await recordSignOut({ token }, async () => new Headers(request.headers));
    await recordSignOut({ token: null }, async () => new Headers(request.headers));
    expect(await events()).toEqual([
      {
        kind: "SIGN_OUT",
        login: "xialu.bureau",
        userId: users.xialuBureau.id,
        address: "203.0.113.9",
        userAgent: "Mozilla/5.0 (X11) Chromium",
      },
    ]);
  });
});

describe("登录日志 (listSignInEvents)", () => {
  beforeEach(async () => {
    await verifyLogin("xialu.liaison", "wrong", at(0), from("203.0.113.9"));
    await verifyLogin("xialu.liaison", PASSWORD, at(1), from("203.0.113.9"));
    await verifyLogin("xss.liaison", "wrong", at(2), from("198.51.100.7"));
    await verifyLogin("xss.liaison", PASSWORD, at(3), from("198.51.100.7"));
    await verifyLogin("ghost", "wrong", at(4), from("192.0.2.1"));
  });

  it("shows ADMIN every event, newest first, unknown logins included", async () => {
    const { events, total } = await listSignInEvents(await actor(users.admin), filters());
    expect(total).toBe(5);
    expect(events.map((e) => [e.kind, e.login])).toEqual([
      ["FAILURE", "ghost"],
      ["SUCCESS", "xss.liaison"],
      ["FAILURE", "xss.liaison"],
      ["SUCCESS", "xialu.liaison"],
      ["FAILURE", "xialu.liaison"],
    ]);
  });

  it("shows a district's bureau only the events of users in its scope", async () => {
    const { events } = await listSignInEvents(await actor(users.xialuBureau), filters());
    expect(events.map((e) => [e.kind, e.login, e.user?.name, e.address])).toEqual([
      ["SUCCESS", "xialu.liaison", "李联络", "203.0.113.9"],
      ["FAILURE", "xialu.liaison", "李联络", "203.0.113.9"],
    ]);
    // A filter cannot widen the scope.
    expect((await listSignInEvents(await actor(users.xialuBureau), filters({ who: "xss" }))).total).toBe(0);
    expect((await listSignInEvents(await actor(users.xialuBureau), filters({ address: "198.51" }))).total).toBe(0);
  });

  it("refuses liaisons and leaders", async () => {
    await expect(listSignInEvents(await actor(users.xialuLiaison), filters())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listSignInEvents(await actor(users.xialuLeader), filters())).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("filters by login or name, kind, address and Beijing date range", async () => {
    const admin = await actor(users.admin);
    const list = async (input: Record<string, string>) => (await listSignInEvents(admin, filters(input))).events.map((e) => e.login);
    expect(await list({ who: "XSS" })).toEqual(["xss.liaison", "xss.liaison"]);
    expect(await list({ who: "李联络" })).toEqual(["xialu.liaison", "xialu.liaison"]);
    expect(await list({ kind: "FAILURE" })).toEqual(["ghost", "xss.liaison", "xialu.liaison"]);
    expect(await list({ address: "192.0.2" })).toEqual(["ghost"]);
    // at() is 2026-12-05 09:0x in Beijing.
    expect(await list({ from: "2026-12-05", to: "2026-12-05" })).toHaveLength(5);
    expect(await list({ from: "2026-12-06" })).toEqual([]);
    expect(await list({ to: "2026-12-04" })).toEqual([]);
  });

  it("pages the list", async () => {
    const many = Array.from({ length: SIGN_IN_PAGE_SIZE + 3 }, (_, i) => ({
      kind: "FAILURE" as const,
      login: `spray${i}`,
      address: "192.0.2.1",
      createdAt: at(10 + i),
    }));
    await db().signInEvent.createMany({ data: many });
    const admin = await actor(users.admin);
    const first = await listSignInEvents(admin, filters({ address: "192.0.2.1" }));
    expect(first).toMatchObject({ total: SIGN_IN_PAGE_SIZE + 4, page: 1, pageCount: 2 });
    expect(first.events[0]!.login).toBe(`spray${SIGN_IN_PAGE_SIZE + 2}`);
    const second = await listSignInEvents(admin, filters({ address: "192.0.2.1", page: "2" }));
    expect(second.events.map((e) => e.login)).toEqual(["spray2", "spray1", "spray0", "ghost"]);
  });

  it("refuses a start date after the end date with a Chinese message", () => {
    const result = signInFilterSchema.safeParse({ from: "2026-12-06", to: "2026-12-05" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("起始日期不能晚于截止日期");
  });
});

describe("previous sign-in on the home page", () => {
  it("gives the sign-in before the current one and the failed attempts on the login since", async () => {
    await verifyLogin("xialu.bureau", PASSWORD, at(0), from("203.0.113.9"));
    await verifyLogin("xialu.bureau", "wrong", at(1), from("198.51.100.7"));
    await verifyLogin("xialu.bureau", "wrong", at(2), from("198.51.100.7"));
    await verifyLogin("XIALU.BUREAU", "wrong", at(3), from("198.51.100.7"));
    await verifyLogin("xialu.bureau", PASSWORD, at(4), from("192.0.2.1"));
    const result = await getPreviousSignIn(await actor(users.xialuBureau));
    expect(result).toEqual({ previous: { createdAt: at(0), address: "203.0.113.9" }, failures: 3 });
  });

  it("has no previous sign-in on the first one", async () => {
    await verifyLogin("xialu.bureau", PASSWORD, at(0), from("203.0.113.9"));
    expect(await getPreviousSignIn(await actor(users.xialuBureau))).toEqual({ previous: null, failures: 0 });
  });
});
