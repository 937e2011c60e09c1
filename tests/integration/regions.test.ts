import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createRegion, updateRegion } from "@/lib/regions/actions.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts, snapshotCounts } from "../support/world.ts";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
beforeEach(async () => {
  world = await buildTwoDistricts();
});

const newDistrict = (extra: Record<string, unknown> = {}) => ({
  code: "420205",
  name: "铁山区",
  level: "DISTRICT",
  parentId: String(world.city.id),
  ...extra,
});

describe("createRegion", () => {
  it("creates a district under the city and a town under it, with paths, district ids and audit events", async () => {
    await actAs(world.admin);
    const district = await createRegion(newDistrict());
    expect(district).toMatchObject({ ok: true, message: "已新增区域“铁山区”" });
    const districtRow = await db().region.findUniqueOrThrow({ where: { code: "420205" } });
    expect(district.ok && district.data).toEqual({ id: districtRow.id });
    expect(districtRow).toMatchObject({
      name: "铁山区",
      level: "DISTRICT",
      parentId: world.city.id,
      path: `/${world.city.id}/${districtRow.id}/`,
      districtId: districtRow.id,
    });

    const town = await createRegion({ code: "420205001", name: "铁山街道", level: "TOWN", parentId: String(districtRow.id) });
    expect(town).toMatchObject({ ok: true, message: "已新增区域“铁山街道”" });
    const townRow = await db().region.findUniqueOrThrow({ where: { code: "420205001" } });
    expect(townRow).toMatchObject({
      level: "TOWN",
      parentId: districtRow.id,
      path: `/${world.city.id}/${districtRow.id}/${townRow.id}/`,
      districtId: districtRow.id,
    });

    const audits = await db().auditEvent.findMany({ where: { action: "region.create" }, orderBy: { id: "asc" } });
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({
      actorId: world.admin.id,
      entityType: "Region",
      entityId: String(districtRow.id),
      districtId: districtRow.id,
      before: null,
    });
    expect(audits[0]!.after).toMatchObject({ code: "420205", path: `/${world.city.id}/${districtRow.id}/`, districtId: districtRow.id });
    expect(audits[1]).toMatchObject({ actorId: world.admin.id, entityId: String(townRow.id), districtId: districtRow.id });
    expect(audits[1]!.after).toMatchObject({ code: "420205001", path: townRow.path, districtId: districtRow.id });
  });

  it("trims the code and name it stores", async () => {
    await actAs(world.admin);
    expect((await createRegion(newDistrict({ code: " 420205 ", name: " 铁山区 " }))).ok).toBe(true);
    expect(await db().region.findUniqueOrThrow({ where: { code: "420205" } })).toMatchObject({ name: "铁山区" });
  });

  it("allows a name used under another parent", async () => {
    await actAs(world.admin);
    const result = await createRegion({ code: "420202001", name: "下陆区", level: "TOWN", parentId: String(world.b.region.id) });
    expect(result.ok).toBe(true);
    expect(await db().region.count({ where: { name: "下陆区" } })).toBe(2);
  });

  it.each(["bureau", "leader", "liaison"] as const)("is refused to a %s, writing nothing", async (role) => {
    await actAs(world.a.users[role]);
    const before = await snapshotCounts();
    expect(await createRegion(newDistrict())).toEqual({ ok: false, code: "FORBIDDEN", message: "您没有执行此操作的权限。" });
    expect(await createRegion({ code: "420204001", name: "团城山街道", level: "TOWN", parentId: String(world.a.region.id) })).toMatchObject(
      { ok: false, code: "FORBIDDEN" },
    );
    expect(await snapshotCounts()).toEqual(before);
  });

  it.each([
    ["a code already used", { code: "420204" }, "code", "该区划代码已存在"],
    ["a code of 5 digits", { code: "42020" }, "code", "区划代码为 6 至 12 位数字"],
    ["a code of 13 digits", { code: "4202050010001" }, "code", "区划代码为 6 至 12 位数字"],
    ["a code with a letter", { code: "42020A" }, "code", "区划代码为 6 至 12 位数字"],
    ["a town whose parent is the city", { level: "TOWN" }, "parentId", "乡镇街道须隶属于一个区县"],
    ["a town without a parent", { level: "TOWN", parentId: "" }, "parentId", "乡镇街道须隶属于一个区县"],
    ["a district under a district", { parentId: "A" }, "level", "层级必须低于上级区域的层级"],
    ["a city under the city", { level: "CITY" }, "level", "层级必须低于上级区域的层级"],
    ["a province under the city", { level: "PROVINCE" }, "level", "层级必须低于上级区域的层级"],
    ["an unknown level", { level: "VILLAGE" }, "level", "请选择层级"],
    ["an unknown parent id", { parentId: "999999" }, "parentId", "所选上级区域不存在"],
    ["a name over 50 characters", { name: "区".repeat(51) }, "name", "名称不能超过 50 个字"],
    ["an empty name", { name: " " }, "name", "请填写名称"],
    ["a name already used under the same parent", { name: "下陆区" }, "name", "同一上级下已有同名区域"],
  ])("refuses %s with a Chinese field message and writes nothing", async (_case, change, field, message) => {
    await actAs(world.admin);
    const input: Record<string, unknown> = newDistrict(change);
    if (input.parentId === "A") input.parentId = String(world.a.region.id);
    const before = await snapshotCounts();
    const result = await createRegion(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors).toEqual({ [field]: [message] });
    expect(await snapshotCounts()).toEqual(before);
  });

  it("answers a duplicate code or name with the DUPLICATE code", async () => {
    await actAs(world.admin);
    expect(await createRegion(newDistrict({ code: "420204" }))).toMatchObject({ code: "DUPLICATE", message: "已存在同名记录。" });
    expect(await createRegion(newDistrict({ name: "黄石港区" }))).toMatchObject({ code: "DUPLICATE" });
  });
});

describe("updateRegion", () => {
  it("answers not found for an unknown id and writes nothing", async () => {
    await actAs(world.admin);
    const before = await snapshotCounts();
    expect(await updateRegion({ id: "999999", code: "420299", name: "不存在区" })).toEqual({
      ok: false,
      code: "NOT_FOUND",
      message: "未找到该记录,或您无权访问。",
    });
    expect(await snapshotCounts()).toEqual(before);
  });

  it("renames a region, keeping its path and district, recording before and after", async () => {
    await actAs(world.admin);
    const result = await updateRegion({ id: String(world.a.region.id), code: "420204", name: "下陆新区" });
    expect(result).toEqual({ ok: true, message: "已保存", data: null });
    const row = await db().region.findUniqueOrThrow({ where: { id: world.a.region.id } });
    expect(row).toMatchObject({ name: "下陆新区", code: "420204", path: world.a.region.path, districtId: world.a.region.id });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "region.update" } });
    expect(audit).toMatchObject({ actorId: world.admin.id, districtId: world.a.region.id, entityId: String(world.a.region.id) });
    expect(audit.before).toMatchObject({ name: "下陆区" });
    expect(audit.after).toMatchObject({ name: "下陆新区" });
  });

  it.each([
    ["another region's code", { code: "420202" }, "code", "该区划代码已存在"],
    ["a sibling's name", { name: "黄石港区" }, "name", "同一上级下已有同名区域"],
    ["a code that isn't 6-12 digits", { code: "4202" }, "code", "区划代码为 6 至 12 位数字"],
  ])("refuses %s, leaving the row unchanged", async (_case, change, field, message) => {
    await actAs(world.admin);
    const rowBefore = await db().region.findUniqueOrThrow({ where: { id: world.a.region.id } });
    const before = await snapshotCounts();
    const result = await updateRegion({ id: String(world.a.region.id), code: "420204", name: "下陆区", ...change });
    expect(!result.ok && result.fieldErrors).toEqual({ [field]: [message] });
    expect(await db().region.findUniqueOrThrow({ where: { id: world.a.region.id } })).toEqual(rowBefore);
    expect(await snapshotCounts()).toEqual(before);
  });

  it.each(["bureau", "leader", "liaison"] as const)("is refused to a %s, changing nothing", async (role) => {
    await actAs(world.a.users[role]);
    const rowBefore = await db().region.findUniqueOrThrow({ where: { id: world.a.region.id } });
    expect(await updateRegion({ id: String(world.a.region.id), code: "420204", name: "下陆新区" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await db().region.findUniqueOrThrow({ where: { id: world.a.region.id } })).toEqual(rowBefore);
    expect(await db().auditEvent.count()).toBe(0);
  });
});
