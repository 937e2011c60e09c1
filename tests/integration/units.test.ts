import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createUnit, setUnitActive, updateUnit } from "@/lib/units/actions.ts";
import { getUnit, listUnits } from "@/lib/units/queries.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts, snapshotCounts } from "../support/world.ts";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
beforeEach(async () => {
  world = await buildTwoDistricts();
});

const newUnit = (regionId: number, extra: Record<string, unknown> = {}) => ({
  regionId: String(regionId),
  name: "区应急管理局",
  shortName: "",
  kind: "GOVERNMENT_DEPARTMENT",
  aliases: "区应急局\n区安监局",
  ...extra,
});

describe("createUnit", () => {
  it("creates the unit with its aliases and an audit event naming the actor", async () => {
    await actAs(world.a.users.bureau);
    const result = await createUnit(newUnit(world.a.region.id));
    expect(result).toMatchObject({ ok: true, message: "已新增单位“区应急管理局”" });
    const unit = await db().unit.findFirstOrThrow({ where: { name: "区应急管理局" }, include: { aliases: true } });
    expect(unit).toMatchObject({ regionId: world.a.region.id, districtId: world.a.region.id });
    expect(unit.aliases.map((a) => a.alias).sort()).toEqual(["区安监局", "区应急局"]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityType: "Unit", entityId: String(unit.id) } });
    expect(audit).toMatchObject({ action: "unit.create", actorId: world.a.users.bureau.id, districtId: world.a.region.id });
    expect(audit.after).toMatchObject({ name: "区应急管理局" });
  });

  it.each([
    ["a name already used in the region", { name: "区司法局" }, "name", "本区域已有名为“区司法局”的单位或别名"],
    ["a name that is another unit's alias", { name: "区发改委" }, "name", "本区域已有名为“区发改委”的单位或别名"],
    ["an alias that is another unit's name", { aliases: "区司法局" }, "aliases", "别名与本区域其他单位重名:区司法局"],
    ["a name over 100 characters", { name: "区".repeat(101) }, "name", "单位名称不能超过 100 个字"],
    ["an empty name", { name: "  " }, "name", "请填写单位名称"],
    ["an unknown region id", { regionId: "999999" }, "regionId", "所选区域不存在或不在您的管理范围内"],
    ["another district's region", { regionId: "B" }, "regionId", "所选区域不存在或不在您的管理范围内"],
    ["an unknown kind", { kind: "CLUB" }, "kind", "请选择单位类型"],
  ])("refuses %s with a Chinese field message and writes nothing", async (_case, change, field, message) => {
    await actAs(world.a.users.bureau);
    const input = newUnit(world.a.region.id, change);
    if (input.regionId === "B") input.regionId = String(world.b.region.id);
    const before = await snapshotCounts();
    const result = await createUnit(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.[field]).toEqual([message]);
    expect(await snapshotCounts()).toEqual(before);
  });

  it("allows a name used in another district", async () => {
    await actAs(world.a.users.bureau);
    expect((await createUnit(newUnit(world.a.region.id))).ok).toBe(true);
    await actAs(world.b.users.bureau);
    expect((await createUnit(newUnit(world.b.region.id))).ok).toBe(true);
  });

  it.each(["liaison", "leader"] as const)("is refused to a %s, writing nothing", async (role) => {
    await actAs(world.a.users[role]);
    const before = await snapshotCounts();
    expect(await createUnit(newUnit(world.a.region.id))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshotCounts()).toEqual(before);
  });
});

describe("updateUnit and setUnitActive outside the actor's district", () => {
  it("answer not found and leave the row unchanged", async () => {
    const target = world.b.units.development;
    const rowBefore = await db().unit.findUniqueOrThrow({ where: { id: target.id }, include: { aliases: true } });
    for (const actor of [world.a.users.bureau, world.a.users.liaison, world.a.users.leader]) {
      await actAs(actor);
      const update = await updateUnit({ ...newUnit(world.b.region.id), id: String(target.id) });
      const deactivate = await setUnitActive({ id: String(target.id), active: "" });
      expect([update.ok, deactivate.ok]).toEqual([false, false]);
      if (actor.role === "BUREAU") {
        expect(update).toMatchObject({ code: "NOT_FOUND" });
        expect(deactivate).toMatchObject({ code: "NOT_FOUND" });
      }
    }
    const rowAfter = await db().unit.findUniqueOrThrow({ where: { id: target.id }, include: { aliases: true } });
    expect(rowAfter).toEqual(rowBefore);
    expect(await db().auditEvent.count()).toBe(0);
  });

  it("inside the district, update renames, replaces aliases and records before and after", async () => {
    await actAs(world.a.users.bureau);
    const target = world.a.units.development;
    const result = await updateUnit({
      id: String(target.id),
      regionId: String(world.a.region.id),
      name: "区发展和改革局",
      kind: "GOVERNMENT_DEPARTMENT",
      aliases: "区发改局、区发改委",
    });
    expect(result.ok).toBe(true);
    const unit = await db().unit.findUniqueOrThrow({ where: { id: target.id }, include: { aliases: true } });
    expect(unit.name).toBe("区发展和改革局");
    expect(unit.aliases.map((a) => a.alias).sort()).toEqual(["区发改委", "区发改局"]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "unit.update" } });
    expect(audit.before).toMatchObject({ name: "区发改局" });
    expect(audit.after).toMatchObject({ name: "区发展和改革局" });
  });
});

describe("unit queries", () => {
  it("keep each district's staff to its own units; a city leader sees both districts", async () => {
    const own = await actAs(world.a.users.liaison);
    expect((await listUnits(own!)).map((u) => u.region.name)).toEqual(["下陆区", "下陆区"]);
    expect(await getUnit(own!, world.b.units.justice.id)).toBeNull();
    expect(await getUnit(own!, world.a.units.justice.id)).not.toBeNull();
    const city = await actAs(world.cityLeader);
    expect(await listUnits(city!)).toHaveLength(4);
    const admin = await actAs(world.admin);
    expect(await getUnit(admin!, world.b.units.justice.id)).not.toBeNull();
  });

  it("a region filter narrows the list but never widens the scope (/units?regionId= of another district lists nothing)", async () => {
    const own = await actAs(world.a.users.bureau);
    expect(await listUnits(own!, { regionId: world.b.region.id })).toEqual([]);
    expect(await listUnits(own!, { regionId: world.a.region.id })).toHaveLength(2);
  });

  it("find units by alias", async () => {
    const actor = await actAs(world.a.users.bureau);
    expect((await listUnits(actor!, { q: "发改委" })).map((u) => u.name)).toEqual(["区发改局"]);
  });
});
