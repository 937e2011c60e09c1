import { z } from "zod";
import { checkbox, id, optionalId, text } from "@/lib/validation.ts";
import { newPassword } from "@/lib/auth/schema.ts";

export const ROLES = ["ADMIN", "BUREAU", "LIAISON", "LEADER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "系统管理员",
  BUREAU: "司法局工作人员",
  LIAISON: "部门联络员",
  LEADER: "领导",
};

const password = newPassword;

const login = z
  .string({ error: "请填写登录账号" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,50}$/, "登录账号为 3 至 50 位字母、数字、点、下划线或连字符");

const email = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.email("电子邮箱格式不正确").max(100, "电子邮箱不能超过 100 个字符").optional(),
);

const assignment = {
  name: text("姓名", 50),
  email,
  role: z.enum(ROLES, { error: "请选择角色" }),
  regionId: optionalId("管辖区域"),
  unitId: optionalId("所属单位"),
};

type Assignment = { role: Role; regionId?: number; unitId?: number };

/** Role, scope and unit must fit together; checked in the form and again in the action. */
function checkAssignment(value: Assignment, ctx: z.RefinementCtx) {
  if (value.role === "ADMIN") {
    if (value.regionId || value.unitId) {
      ctx.addIssue({ code: "custom", path: ["role"], message: "系统管理员不限定区域和单位,请清空区域和单位" });
    }
    return;
  }
  if (!value.regionId) ctx.addIssue({ code: "custom", path: ["regionId"], message: "请选择管辖区域" });
  if (value.role === "LIAISON" && !value.unitId) {
    ctx.addIssue({ code: "custom", path: ["unitId"], message: "部门联络员必须指定所属单位" });
  }
}

export const createUserSchema = z.object({ login, password, ...assignment }).superRefine(checkAssignment);
export const updateUserSchema = z.object({ id: id("用户"), ...assignment }).superRefine(checkAssignment);
export const setUserActiveSchema = z.object({ id: id("用户"), active: checkbox });
export const resetUserPasswordSchema = z.object({ id: id("用户"), password });

/** 长者模式 on or off; a real boolean from the toggle, anything else is refused. */
export const displayPreferencesSchema = z.object({
  largeText: z.boolean({ error: "请选择是否开启长者模式" }),
});
