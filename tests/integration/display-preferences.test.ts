import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { updateDisplayPreferences } from "@/lib/users/actions.ts";
import { getDisplayPreferences } from "@/lib/users/queries.ts";
import { buildTwoDistricts } from "../support/world.ts";
import { actAs } from "../support/acting.ts";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
beforeEach(async () => {
  world = await buildTwoDistricts();
});

const flags = async () =>
  Object.fromEntries((await db().user.findMany({ select: { login: true, largeText: true } })).map((u) => [u.login, u.largeText]));

describe("updateDisplayPreferences (长者模式)", () => {
  it.each([
    ["a liaison", () => world.a.users.liaison],
    ["a leader", () => world.b.users.leader],
    ["a bureau user", () => world.a.users.bureau],
    ["the administrator", () => world.admin],
  ])("switches %s's own flag on and off, nobody else's, with an audit event each time", async (_who, user) => {
    const me = user();
    await actAs(me);
    const before = await flags();
    expect(Object.values(before).every((v) => v === false)).toBe(true);

    expect(await updateDisplayPreferences({ largeText: true })).toMatchObject({ ok: true, message: "已开启长者模式" });
    const after = await flags();
    expect(after).toEqual({ ...before, [me.login]: true });
    expect(await getDisplayPreferences(me.id)).toEqual({ largeText: true });

    expect(await updateDisplayPreferences({ largeText: false })).toMatchObject({ ok: true, message: "已关闭长者模式" });
    expect(await flags()).toEqual(before);

    const events = await db().auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorId, e.entityType, e.entityId, e.before, e.after])).toEqual([
      ["user.preferences", me.id, "User", String(me.id), { largeText: false }, { largeText: true }],
      ["user.preferences", me.id, "User", String(me.id), { largeText: true }, { largeText: false }],
    ]);
  });

  it("ignores an id in the input: only the actor's own row changes", async () => {
    await actAs(world.a.users.liaison);
    const result = await updateDisplayPreferences({ largeText: true, id: world.b.users.bureau.id, userId: world.b.users.bureau.id });
    expect(result).toMatchObject({ ok: true });
    const after = await flags();
    expect(after[world.a.users.liaison.login]).toBe(true);
    expect(after[world.b.users.bureau.login]).toBe(false);
    expect(Object.values(after).filter(Boolean)).toHaveLength(1);
  });

  it.each([
    ["a string", { largeText: "true" }],
    ["a number", { largeText: 1 }],
    ["nothing", {}],
    ["null", null],
  ])("refuses %s and writes nothing", async (_case, input) => {
    await actAs(world.a.users.liaison);
    const result = await updateDisplayPreferences(input);
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    if (input !== null) expect(!result.ok && result.fieldErrors?.largeText).toEqual(["请选择是否开启长者模式"]);
    expect(Object.values(await flags()).some(Boolean)).toBe(false);
    expect(await db().auditEvent.count()).toBe(0);
  });

  it("refuses a signed-out caller", async () => {
    await actAs(null);
    await expect(updateDisplayPreferences({ largeText: true })).rejects.toThrow(/NEXT_REDIRECT/);
    expect(Object.values(await flags()).some(Boolean)).toBe(false);
    expect(await db().auditEvent.count()).toBe(0);
  });
});
