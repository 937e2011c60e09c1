import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createUser, resetUserPassword, setUserActive, updateUser } from "@/lib/users/actions.ts";
import { listUsers } from "@/lib/users/queries.ts";
import { verifyLogin } from "@/lib/auth/login.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts, snapshotCounts } from "../support/world.ts";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
beforeEach(async () => {
  world = await buildTwoDistricts();
});

const liaisonInput = (extra: Record<string, unknown> = {}) => ({
  login: "new.liaison",
  password: "long-enough-1",
  name: "赵联络",
  role: "LIAISON",
  regionId: String(world.a.region.id),
  unitId: String(world.a.units.justice.id),
  ...extra,
});

describe("createUser", () => {
  it("creates a liaison of a unit with a hashed password, audited without the hash", async () => {
    await actAs(world.a.users.bureau);
    const result = await createUser(liaisonInput({ email: "zhao@example.gov.cn" }));
    expect(result.ok).toBe(true);
    const user = await db().user.findUniqueOrThrow({ where: { login: "new.liaison" } });
    expect(user).toMatchObject({
      role: "LIAISON",
      unitId: world.a.units.justice.id,
      districtId: world.a.region.id,
      email: "zhao@example.gov.cn",
    });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$11\$/);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "user.create" } });
    expect(JSON.stringify(audit.after)).not.toContain("passwordHash");
    expect(await verifyLogin("new.liaison", "long-enough-1")).toMatchObject({ ok: true });
  });

  it.each([
    ["a liaison without a unit", { unitId: "" }, "unitId", "部门联络员必须指定所属单位"],
    ["a login already taken", { login: "a.bureau" }, "login", "该登录账号已被使用"],
    ["a name over 50 characters", { name: "赵".repeat(51) }, "name", "姓名不能超过 50 个字"],
    ["an unknown region id", { regionId: "424242" }, "regionId", "所选区域不存在或不在您的管理范围内"],
    ["another district's region", { regionId: "B" }, "regionId", "所选区域不存在或不在您的管理范围内"],
    ["another district's unit", { unitId: "B" }, "unitId", "所选单位不存在或不在您的管理范围内"],
    ["the ADMIN role, from a bureau", { role: "ADMIN", regionId: "", unitId: "" }, "role", "只有系统管理员可以设置该角色"],
  ])("refuses %s with a Chinese field message and writes nothing", async (_case, change, field, message) => {
    await actAs(world.a.users.bureau);
    const input = liaisonInput(change);
    if (input.regionId === "B") input.regionId = String(world.b.region.id);
    if (input.unitId === "B") input.unitId = String(world.b.units.justice.id);
    const before = await snapshotCounts();
    const result = await createUser(input);
    expect(!result.ok && result.fieldErrors?.[field]).toEqual([message]);
    expect(await snapshotCounts()).toEqual(before);
  });

  it.each(["liaison", "leader"] as const)("is refused to a %s", async (role) => {
    await actAs(world.a.users[role]);
    const before = await snapshotCounts();
    expect(await createUser(liaisonInput())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshotCounts()).toEqual(before);
  });
});

describe("managing another district's users", () => {
  it("answers not found for update, deactivate and reset, and changes nothing", async () => {
    const target = world.b.users.liaison;
    const before = await db().user.findUniqueOrThrow({ where: { id: target.id } });
    await actAs(world.a.users.bureau);
    const results = [
      await updateUser({ id: String(target.id), name: "改名", role: "LEADER", regionId: String(world.a.region.id), unitId: "" }),
      await setUserActive({ id: String(target.id), active: "" }),
      await resetUserPassword({ id: String(target.id), password: "new-password-1" }),
    ];
    expect(results.map((r) => !r.ok && r.code)).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND"]);
    expect(await db().user.findUniqueOrThrow({ where: { id: target.id } })).toEqual(before);
    expect(await db().auditEvent.count()).toBe(0);
  });

  it("a bureau never sees ADMIN accounts or other districts' users", async () => {
    const actor = await actAs(world.a.users.bureau);
    expect((await listUsers(actor!)).map((u) => u.login).sort()).toEqual(["a.bureau", "a.leader", "a.liaison"]);
  });
});

describe("within scope", () => {
  it("deactivating a user ends their sign-in; reactivating restores it", async () => {
    await actAs(world.a.users.bureau);
    expect(await setUserActive({ id: String(world.a.users.leader.id), active: "" })).toMatchObject({ ok: true });
    expect(await verifyLogin("a.leader", "password-123")).toMatchObject({ ok: false });
    expect(await setUserActive({ id: String(world.a.users.leader.id), active: "on" })).toMatchObject({ ok: true });
    expect(await verifyLogin("a.leader", "password-123")).toMatchObject({ ok: true });
    expect((await db().auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action)).toEqual(["user.deactivate", "user.activate"]);
  });

  it("a user cannot deactivate themselves", async () => {
    await actAs(world.a.users.bureau);
    expect(await setUserActive({ id: String(world.a.users.bureau.id), active: "" })).toMatchObject({
      ok: false,
      message: "不能停用自己的账号。",
    });
  });

  it("a password reset replaces the password and lifts a lockout", async () => {
    for (let i = 0; i < 5; i++) await verifyLogin("a.liaison", "wrong");
    await actAs(world.a.users.bureau);
    expect(await resetUserPassword({ id: String(world.a.users.liaison.id), password: "Brand-new-pass" })).toMatchObject({ ok: true });
    expect(await verifyLogin("a.liaison", "Brand-new-pass")).toMatchObject({ ok: true });
  });

  it("changing role and unit is audited with before and after", async () => {
    await actAs(world.a.users.bureau);
    const result = await updateUser({
      id: String(world.a.users.liaison.id),
      name: "联络员",
      role: "LIAISON",
      regionId: String(world.a.region.id),
      unitId: String(world.a.units.justice.id),
    });
    expect(result.ok).toBe(true);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "user.update" } });
    expect(audit.before).toMatchObject({ unitId: world.a.units.development.id });
    expect(audit.after).toMatchObject({ unitId: world.a.units.justice.id });
  });
});
