"use server";

import { db, type Tx } from "@/lib/db/client.ts";
import { assignableRoles, can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { runAction } from "@/lib/actions/run.ts";
import { AppError, forbidden, notFound } from "@/lib/errors.ts";
import { hashPassword } from "@/lib/auth/password.ts";
import { verifyCurrentPassword } from "@/lib/auth/login.ts";
import { requestClient } from "@/lib/auth/request-client.ts";
import { revokeUserSessions } from "@/lib/auth/sessions.ts";
import { getSignedIn } from "@/lib/auth/session.ts";
import { changeOwnPasswordSchema } from "@/lib/auth/schema.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import {
  createUserSchema,
  displayPreferencesSchema,
  resetUserPasswordSchema,
  setUserActiveSchema,
  updateUserSchema,
  type Role,
} from "@/lib/users/schema.ts";

type Assignment = { role: Role; regionId?: number; unitId?: number };

/** Resolves role, region and unit to what is stored, refusing anything outside the actor's reach. */
async function resolveAssignment(tx: Tx, actor: Actor, data: Assignment) {
  if (!assignableRoles(actor).includes(data.role)) {
    throw new AppError("VALIDATION", undefined, { role: ["只有系统管理员可以设置该角色"] });
  }
  if (data.role === "ADMIN") {
    return { role: data.role, regionId: null, districtId: null, unitId: null };
  }
  const region = await findRegionInScope(tx, actor, data.regionId!);
  if (!region) throw new AppError("VALIDATION", undefined, { regionId: ["所选区域不存在或不在您的管理范围内"] });
  let unitId: number | null = null;
  if (data.unitId) {
    const unit = await tx.unit.findFirst({ where: { id: data.unitId, ...scope.units(actor) } });
    if (!unit) throw new AppError("VALIDATION", undefined, { unitId: ["所选单位不存在或不在您的管理范围内"] });
    if (unit.regionId !== region.id) {
      throw new AppError("VALIDATION", undefined, { unitId: ["所选单位不属于所选区域"] });
    }
    unitId = unit.id;
  }
  return { role: data.role, regionId: region.id, districtId: region.districtId, unitId };
}

/** A user the actor may manage: inside its scope, and never an ADMIN unless the actor is one. */
async function findManagedUser(tx: Tx, actor: Actor, userId: number) {
  const user = await tx.user.findFirst({ where: { id: userId, ...scope.users(actor) } });
  if (!user) throw notFound();
  return user;
}

export async function createUser(input: unknown) {
  return runAction("createUser", createUserSchema, input, async (actor, data) => {
    if (!can(actor, "user.manage")) throw forbidden();
    const passwordHash = await hashPassword(data.password);
    const user = await db().$transaction(async (tx) => {
      const assignment = await resolveAssignment(tx, actor, data);
      if (await tx.user.findUnique({ where: { login: data.login } })) {
        throw new AppError("DUPLICATE", undefined, { login: ["该登录账号已被使用"] });
      }
      const created = await tx.user.create({
        // Someone else chose this password: the user replaces it at the first sign-in.
        data: { login: data.login, name: data.name, email: data.email ?? null, passwordHash, mustChangePassword: true, ...assignment },
      });
      await recordAudit(tx, {
        actor,
        action: "user.create",
        entityType: "User",
        entityId: created.id,
        districtId: created.districtId,
        after: created,
      });
      return created;
    });
    return { message: `已新增用户“${user.name}”`, data: { id: user.id } };
  });
}

export async function updateUser(input: unknown) {
  return runAction("updateUser", updateUserSchema, input, async (actor, data) => {
    if (!can(actor, "user.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const before = await findManagedUser(tx, actor, data.id);
      const assignment = await resolveAssignment(tx, actor, data);
      if (before.id === actor.id && assignment.role !== before.role) {
        throw new AppError("VALIDATION", undefined, { role: ["不能修改自己的角色"] });
      }
      const after = await tx.user.update({
        where: { id: before.id },
        data: { name: data.name, email: data.email ?? null, ...assignment },
      });
      // A session acts with the rights it was opened with; new rights need a new sign-in.
      const rightsChanged = before.role !== after.role || before.regionId !== after.regionId || before.unitId !== after.unitId;
      const sessionsEnded = rightsChanged ? await revokeUserSessions(tx, after.id) : 0;
      await recordAudit(tx, {
        actor,
        action: "user.update",
        entityType: "User",
        entityId: after.id,
        districtId: after.districtId,
        before,
        after: { ...after, sessionsEnded },
      });
    });
    return { message: "已保存", data: null };
  });
}

export async function setUserActive(input: unknown) {
  return runAction("setUserActive", setUserActiveSchema, input, async (actor, data) => {
    if (!can(actor, "user.manage")) throw forbidden();
    await db().$transaction(async (tx) => {
      const before = await findManagedUser(tx, actor, data.id);
      if (before.id === actor.id && !data.active) throw new AppError("VALIDATION", "不能停用自己的账号。");
      const after = await tx.user.update({ where: { id: before.id }, data: { active: data.active } });
      const sessionsEnded = data.active ? 0 : await revokeUserSessions(tx, after.id);
      await recordAudit(tx, {
        actor,
        action: data.active ? "user.activate" : "user.deactivate",
        entityType: "User",
        entityId: after.id,
        districtId: after.districtId,
        before,
        after: { ...after, sessionsEnded },
      });
    });
    return { message: data.active ? "已启用账号" : "已停用账号", data: null };
  });
}

export async function resetUserPassword(input: unknown) {
  return runAction("resetUserPassword", resetUserPasswordSchema, input, async (actor, data) => {
    if (!can(actor, "user.manage")) throw forbidden();
    const passwordHash = await hashPassword(data.password);
    const current = (await getSignedIn())?.sessionId;
    await db().$transaction(async (tx) => {
      const before = await findManagedUser(tx, actor, data.id);
      const self = before.id === actor.id;
      // A password chosen by someone else is only good for the next sign-in.
      const mustChangePassword = !self;
      const now = new Date();
      await tx.user.update({ where: { id: before.id }, data: { passwordHash, mustChangePassword, passwordChangedAt: now } });
      const sessionsEnded = await revokeUserSessions(tx, before.id, { except: self ? current : undefined, now });
      // A reset also lifts a lockout, which is usually why it was asked for.
      await tx.loginThrottle.deleteMany({ where: { login: before.login } });
      await recordAudit(tx, {
        actor,
        action: "user.resetPassword",
        entityType: "User",
        entityId: before.id,
        districtId: before.districtId,
        before: { mustChangePassword: before.mustChangePassword },
        after: { mustChangePassword, sessionsEnded },
      });
    });
    return { message: "已重置密码", data: null };
  });
}

/** 长者模式 and any later display setting: the actor's own row only, whoever they are. */
export async function updateDisplayPreferences(input: unknown) {
  return runAction("updateDisplayPreferences", displayPreferencesSchema, input, async (actor, data) => {
    if (!can(actor, "preferences.update")) throw forbidden();
    await db().$transaction(async (tx) => {
      const before = await tx.user.findUnique({ where: { id: actor.id }, select: { id: true, districtId: true, largeText: true } });
      if (!before) throw notFound();
      const after = await tx.user.update({
        where: { id: actor.id },
        data: { largeText: data.largeText },
        select: { id: true, districtId: true, largeText: true },
      });
      await recordAudit(tx, {
        actor,
        action: "user.preferences",
        entityType: "User",
        entityId: actor.id,
        districtId: after.districtId,
        before: { largeText: before.largeText },
        after: { largeText: after.largeText },
      });
    });
    return { message: data.largeText ? "已开启长者模式" : "已关闭长者模式", data: { largeText: data.largeText } };
  });
}

/**
 * 修改密码: the signed-in user's own password, also the one page open to a user
 * who must change it. Every other session of the user ends; this one stays.
 */
export async function changeOwnPassword(input: unknown) {
  return runAction(
    "changeOwnPassword",
    changeOwnPasswordSchema,
    input,
    async (actor, data) => {
      if (!can(actor, "account.password")) throw forbidden();
      const current = (await getSignedIn())?.sessionId;
      const user = await db().user.findUnique({ where: { id: actor.id }, select: { id: true, login: true, passwordHash: true } });
      if (!user) throw notFound();
      const check = await verifyCurrentPassword(user, data.currentPassword, await requestClient());
      if (check === "LOCKED") throw new AppError("LOCKED");
      if (check === "WRONG") throw new AppError("VALIDATION", undefined, { currentPassword: ["当前密码不正确"] });
      const passwordHash = await hashPassword(data.password);
      await db().$transaction(async (tx) => {
        const now = new Date();
        const before = await tx.user.findUniqueOrThrow({
          where: { id: actor.id },
          select: { districtId: true, mustChangePassword: true, passwordChangedAt: true },
        });
        await tx.user.update({
          where: { id: actor.id },
          data: { passwordHash, mustChangePassword: false, passwordChangedAt: now },
        });
        const sessionsEnded = await revokeUserSessions(tx, actor.id, { except: current, now });
        await recordAudit(tx, {
          actor,
          action: "user.changePassword",
          entityType: "User",
          entityId: actor.id,
          districtId: before.districtId,
          before: { mustChangePassword: before.mustChangePassword, passwordChangedAt: before.passwordChangedAt },
          after: { mustChangePassword: false, passwordChangedAt: now, sessionsEnded },
        });
      });
      return { message: "密码已修改", data: null };
    },
    { pendingPasswordChange: true },
  );
}
