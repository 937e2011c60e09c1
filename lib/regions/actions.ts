"use server";

import { db } from "@/lib/db/client.ts";
import { can } from "@/lib/auth/policy.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { runAction } from "@/lib/actions/run.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { createRegionSchema, updateRegionSchema, REGION_LEVELS } from "@/lib/regions/schema.ts";

const depth = (level: string) => REGION_LEVELS.indexOf(level as (typeof REGION_LEVELS)[number]);

export async function createRegion(input: unknown) {
  return runAction("createRegion", createRegionSchema, input, async (actor, data) => {
    if (!can(actor, "region.manage")) throw forbidden();
    const region = await db().$transaction(async (tx) => {
      const parent = data.parentId ? await tx.region.findUnique({ where: { id: data.parentId } }) : null;
      if (data.parentId && !parent) {
        throw new AppError("VALIDATION", undefined, { parentId: ["所选上级区域不存在"] });
      }
      if (parent && depth(parent.level) >= depth(data.level)) {
        throw new AppError("VALIDATION", undefined, { level: ["层级必须低于上级区域的层级"] });
      }
      if (data.level === "TOWN" && !parent?.districtId) {
        throw new AppError("VALIDATION", undefined, { parentId: ["乡镇街道须隶属于一个区县"] });
      }
      if (await tx.region.findUnique({ where: { code: data.code } })) {
        throw new AppError("DUPLICATE", undefined, { code: ["该区划代码已存在"] });
      }
      if (await tx.region.findFirst({ where: { parentId: parent?.id ?? null, name: data.name } })) {
        throw new AppError("DUPLICATE", undefined, { name: ["同一上级下已有同名区域"] });
      }
      const created = await tx.region.create({
        data: { code: data.code, name: data.name, level: data.level, parentId: parent?.id ?? null, path: "" },
      });
      const districtId = data.level === "DISTRICT" ? created.id : data.level === "TOWN" ? parent!.districtId : null;
      const saved = await tx.region.update({
        where: { id: created.id },
        data: { path: `${parent?.path ?? "/"}${created.id}/`, districtId },
      });
      await recordAudit(tx, {
        actor,
        action: "region.create",
        entityType: "Region",
        entityId: saved.id,
        districtId,
        after: saved,
      });
      return saved;
    });
    return { message: `已新增区域“${region.name}”`, data: { id: region.id } };
  });
}

export async function updateRegion(input: unknown) {
  return runAction("updateRegion", updateRegionSchema, input, async (actor, data) => {
    if (!can(actor, "region.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const before = await tx.region.findUnique({ where: { id: data.id } });
      if (!before) throw notFound();
      const codeOwner = await tx.region.findUnique({ where: { code: data.code } });
      if (codeOwner && codeOwner.id !== before.id) {
        throw new AppError("DUPLICATE", undefined, { code: ["该区划代码已存在"] });
      }
      const sibling = await tx.region.findFirst({
        where: { parentId: before.parentId, name: data.name, id: { not: before.id } },
      });
      if (sibling) throw new AppError("DUPLICATE", undefined, { name: ["同一上级下已有同名区域"] });
      const after = await tx.region.update({ where: { id: before.id }, data: { code: data.code, name: data.name } });
      await recordAudit(tx, {
        actor,
        action: "region.update",
        entityType: "Region",
        entityId: after.id,
        districtId: after.districtId,
        before,
        after,
      });
    });
    return { message: "已保存", data: null };
  });
}
