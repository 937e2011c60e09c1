"use server";

import { db, type Tx } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { runAction } from "@/lib/actions/run.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import { createUnitGroupSchema, deleteUnitGroupSchema, updateUnitGroupSchema } from "@/lib/groups/schema.ts";

/**
 * Members must be active units of the group's region or of its sub-regions
 * (各街办 lists street offices). A deactivated unit drops out on the next save.
 */
async function checkMembers(tx: Tx, regionPath: string, memberIds: number[]) {
  const unique = [...new Set(memberIds)];
  const found = await tx.unit.count({
    where: { id: { in: unique }, active: true, region: { path: { startsWith: regionPath } } },
  });
  if (found !== unique.length) {
    throw new AppError("VALIDATION", undefined, { memberIds: ["所选成员单位不存在或不属于本区域"] });
  }
  return unique;
}

async function assertNameFree(tx: Tx, regionId: number, name: string, exceptId?: number) {
  const clash = await tx.unitGroup.findFirst({
    where: { regionId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (clash) throw new AppError("DUPLICATE", undefined, { name: [`本区域已有名为“${name}”的分组`] });
  // Another group's alias (remembered at import) would stop resolving to it.
  const alias = await tx.unitGroupAlias.findFirst({
    where: { regionId, alias: name, ...(exceptId ? { groupId: { not: exceptId } } : {}) },
    select: { group: { select: { name: true } } },
  });
  if (alias) throw new AppError("DUPLICATE", undefined, { name: [`“${name}”已是分组“${alias.group.name}”的别名`] });
}

export async function createUnitGroup(input: unknown) {
  return runAction("createUnitGroup", createUnitGroupSchema, input, async (actor, data) => {
    if (!can(actor, "group.manage")) throw forbidden();
    const group = await db().$transaction(async (tx) => {
      const region = await findRegionInScope(tx, actor, data.regionId);
      if (!region?.districtId) {
        throw new AppError("VALIDATION", undefined, { regionId: ["所选区域不存在、不在您的管理范围内或不是区县"] });
      }
      await assertNameFree(tx, region.id, data.name);
      const memberIds = await checkMembers(tx, region.path, data.memberIds);
      const districtId = region.districtId;
      const created = await tx.unitGroup.create({
        data: {
          regionId: region.id,
          districtId,
          name: data.name,
          members: { create: memberIds.map((unitId) => ({ unitId, districtId })) },
        },
        include: { members: { select: { unitId: true } } },
      });
      await recordAudit(tx, {
        actor,
        action: "group.create",
        entityType: "UnitGroup",
        entityId: created.id,
        districtId,
        after: created,
      });
      return created;
    });
    return { message: `已新增分组“${group.name}”`, data: { id: group.id } };
  });
}

export async function updateUnitGroup(input: unknown) {
  return runAction("updateUnitGroup", updateUnitGroupSchema, input, async (actor, data) => {
    if (!can(actor, "group.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const before = await tx.unitGroup.findFirst({
        where: { id: data.id, ...scope.groups(actor) },
        include: { members: { select: { unitId: true } }, region: { select: { path: true } } },
      });
      if (!before) throw notFound();
      await assertNameFree(tx, before.regionId, data.name, before.id);
      const memberIds = await checkMembers(tx, before.region.path, data.memberIds);
      await tx.unitGroupMember.deleteMany({ where: { groupId: before.id } });
      const after = await tx.unitGroup.update({
        where: { id: before.id },
        data: {
          name: data.name,
          members: { create: memberIds.map((unitId) => ({ unitId, districtId: before.districtId })) },
        },
        include: { members: { select: { unitId: true } } },
      });
      const { region: _region, ...beforeSnapshot } = before;
      await recordAudit(tx, {
        actor,
        action: "group.update",
        entityType: "UnitGroup",
        entityId: after.id,
        districtId: after.districtId,
        before: beforeSnapshot,
        after,
      });
    });
    return { message: "已保存", data: null };
  });
}

export async function deleteUnitGroup(input: unknown) {
  return runAction("deleteUnitGroup", deleteUnitGroupSchema, input, async (actor, data) => {
    if (!can(actor, "group.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const before = await tx.unitGroup.findFirst({
        where: { id: data.id, ...scope.groups(actor) },
        include: { members: { select: { unitId: true } }, _count: { select: { assignments: true } } },
      });
      if (!before) throw notFound();
      if (before._count.assignments > 0) {
        throw new AppError("CONFLICT", "该分组已用于任务分工,不能删除。");
      }
      await tx.unitGroup.delete({ where: { id: before.id } });
      const { _count: _usage, ...snapshot } = before;
      await recordAudit(tx, {
        actor,
        action: "group.delete",
        entityType: "UnitGroup",
        entityId: before.id,
        districtId: before.districtId,
        before: snapshot,
      });
    });
    return { message: "已删除分组", data: null };
  });
}
