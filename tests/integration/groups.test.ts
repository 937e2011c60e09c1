import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createRegion, createUnit } from "@/lib/demo/factories.ts";
import { createUnitGroup, deleteUnitGroup, updateUnitGroup } from "@/lib/groups/actions.ts";
import { getUnitGroup, listUnitGroups } from "@/lib/groups/queries.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts, snapshotCounts } from "../support/world.ts";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
beforeEach(async () => {
  world = await buildTwoDistricts();
});

const newGroup = (regionId: number, memberIds: number[], extra: Record<string, unknown> = {}) => ({
  regionId: String(regionId),
  name: "综合执法部门",
  memberIds: memberIds.map(String),
  ...extra,
});

/** The group row with its members in a stable order, to compare before and after. */
const groupRow = (id: number) =>
  db().unitGroup.findUniqueOrThrow({
    where: { id },
    include: { members: { orderBy: { unitId: "asc" } } },
  });

const unitIds = (snapshot: unknown) =>
  ((snapshot as { members: { unitId: number }[] }).members ?? []).map((m) => m.unitId).sort((x, y) => x - y);

describe("createUnitGroup", () => {
  it("creates the group with its members and an audit event naming the actor", async () => {
    await actAs(world.a.users.bureau);
    const { justice, development } = world.a.units;
    const result = await createUnitGroup(newGroup(world.a.region.id, [justice.id, development.id]));
    expect(result).toMatchObject({ ok: true, message: "已新增分组“综合执法部门”" });
    const group = await db().unitGroup.findFirstOrThrow({
      where: { name: "综合执法部门" },
      include: { members: { orderBy: { unitId: "asc" } } },
    });
    expect(result.ok && result.data).toEqual({ id: group.id });
    expect(group).toMatchObject({ regionId: world.a.region.id, districtId: world.a.region.id });
    expect(group.members).toEqual([
      { groupId: group.id, unitId: justice.id, districtId: world.a.region.id },
      { groupId: group.id, unitId: development.id, districtId: world.a.region.id },
    ]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityType: "UnitGroup", entityId: String(group.id) } });
    expect(audit).toMatchObject({
      action: "group.create",
      actorId: world.a.users.bureau.id,
      districtId: world.a.region.id,
      before: null,
    });
    expect(audit.after).toMatchObject({ id: group.id, name: "综合执法部门", regionId: world.a.region.id });
    expect(unitIds(audit.after)).toEqual([justice.id, development.id]);
  });

  it("accepts members from a town under the district and drops repeated member ids", async () => {
    const town = await createRegion(db(), { code: "420204001", name: "团城山街道", level: "TOWN", parentId: world.a.region.id });
    const office = await createUnit(db(), { regionId: town.id, name: "团城山街道办事处", kind: "TOWN_STREET" });
    await actAs(world.a.users.bureau);
    const result = await createUnitGroup(newGroup(world.a.region.id, [office.id, office.id, world.a.units.justice.id]));
    expect(result.ok).toBe(true);
    const group = await db().unitGroup.findFirstOrThrow({ where: { name: "综合执法部门" }, include: { members: true } });
    expect(group.members.map((m) => m.unitId).sort((x, y) => x - y)).toEqual([world.a.units.justice.id, office.id]);
  });

  it.each([
    ["a name already used in the region", { name: "区直各部门" }, "name", "本区域已有名为“区直各部门”的分组"],
    ["a member unit from the other district", { memberIds: "B" }, "memberIds", "所选成员单位不存在或不属于本区域"],
    ["an unknown member unit id", { memberIds: ["999999"] }, "memberIds", "所选成员单位不存在或不属于本区域"],
    ["a member id that is not a number", { memberIds: ["abc"] }, "memberIds", "请选择有效的成员单位"],
    ["a deactivated member unit", { memberIds: "INACTIVE" }, "memberIds", "所选成员单位不存在或不属于本区域"],
    ["an empty name", { name: "   " }, "name", "请填写分组名称"],
    ["a name over 100 characters", { name: "组".repeat(101) }, "name", "分组名称不能超过 100 个字"],
    ["a missing region", { regionId: "" }, "regionId", "请选择所属区域"],
    ["an unknown region id", { regionId: "999999" }, "regionId", "所选区域不存在、不在您的管理范围内或不是区县"],
    ["the other district's region", { regionId: "B" }, "regionId", "所选区域不存在、不在您的管理范围内或不是区县"],
  ])("refuses %s with a Chinese field message and writes nothing", async (_case, change, field, message) => {
    await actAs(world.a.users.bureau);
    const input: Record<string, unknown> = newGroup(world.a.region.id, [world.a.units.justice.id], change);
    if (input.regionId === "B") input.regionId = String(world.b.region.id);
    if (input.memberIds === "B") input.memberIds = [String(world.a.units.justice.id), String(world.b.units.justice.id)];
    if (input.memberIds === "INACTIVE") {
      await db().unit.update({ where: { id: world.a.units.development.id }, data: { active: false } });
      input.memberIds = [String(world.a.units.development.id)];
    }
    const before = await snapshotCounts();
    const result = await createUnitGroup(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors).toEqual({ [field]: [message] });
    expect(await snapshotCounts()).toEqual(before);
  });

  it("refuses a duplicate name with the DUPLICATE code", async () => {
    await actAs(world.a.users.bureau);
    const result = await createUnitGroup(newGroup(world.a.region.id, [], { name: "区直各部门" }));
    expect(result).toMatchObject({ ok: false, code: "DUPLICATE", message: "已存在同名记录。" });
  });

  it("refuses a name that is already another group's alias, so the alias keeps resolving to its group", async () => {
    await actAs(world.a.users.bureau);
    const { justice } = world.a.units;
    const first = await createUnitGroup(newGroup(world.a.region.id, [justice.id], { name: "区直相关行政执法部门" }));
    if (!first.ok) throw new Error(first.message);
    const group = await db().unitGroup.findFirstOrThrow({ where: { name: "区直相关行政执法部门" } });
    await db().unitGroupAlias.create({
      data: { alias: "区直各执法部门", groupId: group.id, regionId: group.regionId, districtId: group.districtId },
    });
    const before = await db().unitGroup.count();
    const result = await createUnitGroup(newGroup(world.a.region.id, [justice.id], { name: "区直各执法部门" }));
    expect(result).toMatchObject({
      ok: false,
      code: "DUPLICATE",
      fieldErrors: { name: ["“区直各执法部门”已是分组“区直相关行政执法部门”的别名"] },
    });
    expect(await db().unitGroup.count()).toBe(before);
  });

  it("refuses a group on a city-level region even to an ADMIN, writing nothing", async () => {
    await actAs(world.admin);
    const before = await snapshotCounts();
    const result = await createUnitGroup(newGroup(world.city.id, []));
    expect(!result.ok && result.fieldErrors).toEqual({ regionId: ["所选区域不存在、不在您的管理范围内或不是区县"] });
    expect(await snapshotCounts()).toEqual(before);
  });

  it("allows the same name in the other district", async () => {
    await actAs(world.a.users.bureau);
    expect((await createUnitGroup(newGroup(world.a.region.id, [world.a.units.justice.id]))).ok).toBe(true);
    await actAs(world.b.users.bureau);
    expect((await createUnitGroup(newGroup(world.b.region.id, [world.b.units.justice.id]))).ok).toBe(true);
    expect(await db().unitGroup.count({ where: { name: "综合执法部门" } })).toBe(2);
  });
});

describe("group writes by roles that may not manage groups", () => {
  it.each(["liaison", "leader"] as const)("are refused to a %s, changing nothing", async (role) => {
    await actAs(world.a.users[role]);
    const target = world.a.group.id;
    const rowBefore = await groupRow(target);
    const before = await snapshotCounts();
    const results = [
      await createUnitGroup(newGroup(world.a.region.id, [world.a.units.justice.id])),
      await updateUnitGroup({ id: String(target), name: "改名", memberIds: [String(world.a.units.justice.id)] }),
      await deleteUnitGroup({ id: String(target) }),
    ];
    for (const result of results) {
      expect(result).toEqual({ ok: false, code: "FORBIDDEN", message: "您没有执行此操作的权限。" });
    }
    expect(await snapshotCounts()).toEqual(before);
    expect(await groupRow(target)).toEqual(rowBefore);
  });
});

describe("updateUnitGroup and deleteUnitGroup outside the actor's district", () => {
  it("answer not found and leave the group and its members unchanged", async () => {
    await actAs(world.a.users.bureau);
    const target = world.b.group.id;
    const rowBefore = await groupRow(target);
    expect(rowBefore.members).toHaveLength(2);
    const before = await snapshotCounts();
    const update = await updateUnitGroup({
      id: String(target),
      name: "被改名",
      memberIds: [String(world.b.units.justice.id)],
    });
    const remove = await deleteUnitGroup({ id: String(target) });
    expect(update).toEqual({ ok: false, code: "NOT_FOUND", message: "未找到该记录,或您无权访问。" });
    expect(remove).toEqual({ ok: false, code: "NOT_FOUND", message: "未找到该记录,或您无权访问。" });
    expect(await groupRow(target)).toEqual(rowBefore);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("answer not found for an unknown group id", async () => {
    await actAs(world.a.users.bureau);
    const before = await snapshotCounts();
    expect(await updateUnitGroup({ id: "999999", name: "x", memberIds: [] })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deleteUnitGroup({ id: "999999" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshotCounts()).toEqual(before);
  });
});

describe("updateUnitGroup inside the district", () => {
  it("renames, replaces the member list and records before and after members", async () => {
    const { justice, development } = world.a.units;
    const extra = await createUnit(db(), { regionId: world.a.region.id, name: "区市场监管局" });
    await actAs(world.a.users.bureau);
    const result = await updateUnitGroup({
      id: String(world.a.group.id),
      name: "区直执法部门",
      memberIds: [String(development.id), String(extra.id)],
    });
    expect(result).toEqual({ ok: true, message: "已保存", data: null });
    const group = await groupRow(world.a.group.id);
    expect(group.name).toBe("区直执法部门");
    expect(group.members.map((m) => m.unitId)).toEqual([development.id, extra.id]);
    expect(group.members.every((m) => m.districtId === world.a.region.id)).toBe(true);
    expect(await db().unitGroupMember.count({ where: { unitId: justice.id } })).toBe(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "group.update" } });
    expect(audit).toMatchObject({
      actorId: world.a.users.bureau.id,
      districtId: world.a.region.id,
      entityType: "UnitGroup",
      entityId: String(world.a.group.id),
    });
    expect(audit.before).toMatchObject({ name: "区直各部门" });
    expect(audit.before).not.toHaveProperty("region");
    expect(audit.after).toMatchObject({ name: "区直执法部门" });
    expect(unitIds(audit.before)).toEqual([justice.id, development.id]);
    expect(unitIds(audit.after)).toEqual([development.id, extra.id]);
  });

  it("keeps its own name but refuses another group's name, writing nothing", async () => {
    await actAs(world.a.users.bureau);
    const ids = [String(world.a.units.justice.id)];
    expect((await createUnitGroup(newGroup(world.a.region.id, [world.a.units.justice.id]))).ok).toBe(true);
    const own = await updateUnitGroup({ id: String(world.a.group.id), name: "区直各部门", memberIds: ids });
    expect(own.ok).toBe(true);
    const rowBefore = await groupRow(world.a.group.id);
    const before = await snapshotCounts();
    const clash = await updateUnitGroup({ id: String(world.a.group.id), name: "综合执法部门", memberIds: [] });
    expect(clash).toMatchObject({ ok: false, code: "DUPLICATE", fieldErrors: { name: ["本区域已有名为“综合执法部门”的分组"] } });
    expect(await groupRow(world.a.group.id)).toEqual(rowBefore);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("refuses a member from the other district and leaves the old members in place", async () => {
    await actAs(world.a.users.bureau);
    const rowBefore = await groupRow(world.a.group.id);
    const before = await snapshotCounts();
    const result = await updateUnitGroup({
      id: String(world.a.group.id),
      name: "区直各部门",
      memberIds: [String(world.b.units.justice.id)],
    });
    expect(!result.ok && result.fieldErrors).toEqual({ memberIds: ["所选成员单位不存在或不属于本区域"] });
    expect(await groupRow(world.a.group.id)).toEqual(rowBefore);
    expect(await snapshotCounts()).toEqual(before);
  });
});

describe("deleteUnitGroup inside the district", () => {
  it("deletes the group and its members, recording the group as it was", async () => {
    await actAs(world.a.users.bureau);
    const result = await deleteUnitGroup({ id: String(world.a.group.id) });
    expect(result).toEqual({ ok: true, message: "已删除分组", data: null });
    expect(await db().unitGroup.findUnique({ where: { id: world.a.group.id } })).toBeNull();
    expect(await db().unitGroupMember.count({ where: { groupId: world.a.group.id } })).toBe(0);
    expect(await db().unitGroup.findUnique({ where: { id: world.b.group.id } })).not.toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "group.delete" } });
    expect(audit).toMatchObject({ actorId: world.a.users.bureau.id, districtId: world.a.region.id, after: null });
    expect(audit.before).toMatchObject({ id: world.a.group.id, name: "区直各部门" });
    expect(audit.before).not.toHaveProperty("_count");
    expect(unitIds(audit.before)).toEqual([world.a.units.justice.id, world.a.units.development.id]);
  });
});

describe("group queries", () => {
  it("return null for a group outside the actor's district and the group with members inside it", async () => {
    const actor = await actAs(world.a.users.bureau);
    expect(await getUnitGroup(actor!, world.b.group.id)).toBeNull();
    const own = await getUnitGroup(actor!, world.a.group.id);
    expect(own).toMatchObject({ id: world.a.group.id, name: "区直各部门", region: { name: "下陆区" } });
    expect(own!.members.map((m) => m.unit.name).sort()).toEqual(["区发改局", "区司法局"]);
    const liaison = await actAs(world.b.users.liaison);
    expect(await getUnitGroup(liaison!, world.a.group.id)).toBeNull();
  });

  it("list only the actor's district, with member counts", async () => {
    const actor = await actAs(world.a.users.leader);
    expect(await listUnitGroups(actor!)).toEqual([
      { id: world.a.group.id, name: "区直各部门", region: { id: world.a.region.id, name: "下陆区" }, aliases: [], _count: { members: 2 } },
    ]);
  });

  it("show a city leader both districts' groups", async () => {
    const city = await actAs(world.cityLeader);
    expect((await listUnitGroups(city!)).map((g) => [g.id, g.region.name])).toEqual([
      [world.a.group.id, "下陆区"],
      [world.b.group.id, "黄石港区"],
    ]);
    expect(await getUnitGroup(city!, world.a.group.id)).not.toBeNull();
    expect(await getUnitGroup(city!, world.b.group.id)).not.toBeNull();
  });
});
