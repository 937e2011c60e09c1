"use server";

import { db, type Tx } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { runAction } from "@/lib/actions/run.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import { findNameClashes } from "@/lib/units/queries.ts";
import { createUnitSchema, setUnitActiveSchema, updateUnitSchema, type UnitInput } from "@/lib/units/schema.ts";

type UnitData = { regionId: number; name: string; shortName?: string; kind: UnitInput["kind"]; aliases: string[] };

/** The unit's region, which must be in scope and belong to a district. */
async function unitRegion(tx: Tx, actor: Actor, regionId: number) {
  const region = await findRegionInScope(tx, actor, regionId);
  if (!region) throw new AppError("VALIDATION", undefined, { regionId: ["所选区域不存在或不在您的管理范围内"] });
  if (!region.districtId) {
    throw new AppError("VALIDATION", undefined, { regionId: ["单位须属于区县或乡镇街道"] });
  }
  return { ...region, districtId: region.districtId };
}

async function assertNamesFree(tx: Tx, data: UnitData, exceptUnitId?: number) {
  const aliases = [...new Set(data.aliases.filter((a) => a !== data.name))];
  const clashes = await findNameClashes(tx, data.regionId, [data.name, ...aliases], exceptUnitId);
  if (clashes.includes(data.name)) {
    throw new AppError("DUPLICATE", undefined, { name: [`本区域已有名为“${data.name}”的单位或别名`] });
  }
  if (clashes.length) {
    throw new AppError("DUPLICATE", undefined, { aliases: [`别名与本区域其他单位重名:${clashes.join("、")}`] });
  }
  return aliases;
}

const withAliases = { aliases: { select: { alias: true }, orderBy: { alias: "asc" as const } } };

export async function createUnit(input: unknown) {
  return runAction("createUnit", createUnitSchema, input, async (actor, data) => {
    if (!can(actor, "unit.manage")) throw forbidden();
    const unit = await db().$transaction(async (tx) => {
      const region = await unitRegion(tx, actor, data.regionId);
      const aliases = await assertNamesFree(tx, data);
      const created = await tx.unit.create({
        data: {
          districtId: region.districtId,
          regionId: region.id,
          name: data.name,
          shortName: data.shortName ?? null,
          kind: data.kind,
          aliases: { create: aliases.map((alias) => ({ alias, regionId: region.id, districtId: region.districtId })) },
        },
        include: withAliases,
      });
      await recordAudit(tx, {
        actor,
        action: "unit.create",
        entityType: "Unit",
        entityId: created.id,
        districtId: created.districtId,
        after: created,
      });
      return created;
    });
    return { message: `已新增单位“${unit.name}”`, data: { id: unit.id } };
  });
}

export async function updateUnit(input: unknown) {
  return runAction("updateUnit", updateUnitSchema, input, async (actor, data) => {
    if (!can(actor, "unit.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const before = await tx.unit.findFirst({ where: { id: data.id, ...scope.units(actor) }, include: withAliases });
      if (!before) throw notFound();
      const region = await unitRegion(tx, actor, data.regionId);
      const aliases = await assertNamesFree(tx, data, before.id);
      await tx.unitAlias.deleteMany({ where: { unitId: before.id } });
      const after = await tx.unit.update({
        where: { id: before.id },
        data: {
          regionId: region.id,
          districtId: region.districtId,
          name: data.name,
          shortName: data.shortName ?? null,
          kind: data.kind,
          aliases: { create: aliases.map((alias) => ({ alias, regionId: region.id, districtId: region.districtId })) },
        },
        include: withAliases,
      });
      await recordAudit(tx, {
        actor,
        action: "unit.update",
        entityType: "Unit",
        entityId: after.id,
        districtId: after.districtId,
        before,
        after,
      });
    });
    return { message: "已保存", data: null };
  });
}

export async function setUnitActive(input: unknown) {
  return runAction("setUnitActive", setUnitActiveSchema, input, async (actor, data) => {
    if (!can(actor, "unit.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const before = await tx.unit.findFirst({ where: { id: data.id, ...scope.units(actor) } });
      if (!before) throw notFound();
      const after = await tx.unit.update({ where: { id: before.id }, data: { active: data.active } });
      await recordAudit(tx, {
        actor,
        action: data.active ? "unit.activate" : "unit.deactivate",
        entityType: "Unit",
        entityId: after.id,
        districtId: after.districtId,
        before,
        after,
      });
    });
    return { message: data.active ? "已启用" : "已停用", data: null };
  });
}
