import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { startSession } from "@/lib/auth/sessions.ts";

// The real lib/auth/session.ts (other files replace it with tests/support/acting.ts):
// only the signed cookie's contents and Next's redirect are stood in for, so
// what is tested is the server's decision for a given cookie.
vi.unmock("@/lib/auth/session.ts");

const cookie: { current: { user: { id: number; name: string }; sessionId: string } | null } = { current: null };
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getServerSession: async () => cookie.current,
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`NEXT_REDIRECT:${url}`);
  },
}));

const { getActor, requireActor } = await import("@/lib/auth/session.ts");
const { changeOwnPassword, resetUserPassword } = await import("@/lib/users/actions.ts");
const { listUsers } = await import("@/lib/users/queries.ts");
const { buildTwoDistricts } = await import("../support/world.ts");

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
beforeEach(async () => {
  world = await buildTwoDistricts();
  cookie.current = null;
});

async function signInAs(user: { id: number; name: string }) {
  cookie.current = { user: { id: user.id, name: user.name }, sessionId: await startSession(user.id) };
  return cookie.current.sessionId;
}

describe("the request guard (getActor / requireActor)", () => {
  it("lets an open session through as its user", async () => {
    await signInAs(world.a.users.bureau);
    expect(await getActor()).toMatchObject({ id: world.a.users.bureau.id, role: "BUREAU" });
  });

  it("sends an ended session to /login from pages and actions", async () => {
    const sessionId = await signInAs(world.a.users.bureau);
    await db().userSession.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    expect(await getActor()).toBeNull();
    await expect(requireActor()).rejects.toThrow("NEXT_REDIRECT:/login");
    await expect(resetUserPassword({ id: String(world.a.users.liaison.id), password: "Reset#2026" })).rejects.toThrow(
      "NEXT_REDIRECT:/login",
    );
  });

  it("refuses a cookie whose user id does not match its session", async () => {
    await signInAs(world.a.users.liaison);
    cookie.current = { ...cookie.current!, user: { id: world.a.users.bureau.id, name: "x" } };
    expect(await getActor()).toBeNull();
  });

  it("keeps a user who must change the password on 修改密码, for pages and actions alike", async () => {
    await db().user.update({ where: { id: world.a.users.bureau.id }, data: { mustChangePassword: true } });
    await signInAs(world.a.users.bureau);
    await expect(getActor()).rejects.toThrow("NEXT_REDIRECT:/account/password");
    await expect(requireActor()).rejects.toThrow("NEXT_REDIRECT:/account/password");
    const before = await db().user.findUniqueOrThrow({ where: { id: world.a.users.liaison.id } });
    await expect(resetUserPassword({ id: String(world.a.users.liaison.id), password: "Reset#2026" })).rejects.toThrow(
      "NEXT_REDIRECT:/account/password",
    );
    expect(await db().user.findUniqueOrThrow({ where: { id: world.a.users.liaison.id } })).toEqual(before);
    // 修改密码 itself stays open, and afterwards everything else is.
    expect(await requireActor({ pendingPasswordChange: true })).toMatchObject({ id: world.a.users.bureau.id });
    const result = await changeOwnPassword({ currentPassword: "password-123", password: "Mine#2026x", confirmPassword: "Mine#2026x" });
    expect(result).toMatchObject({ ok: true });
    const actor = await requireActor();
    expect((await listUsers(actor)).length).toBeGreaterThan(0);
  });
});
