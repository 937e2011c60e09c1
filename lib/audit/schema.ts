import { z } from "zod";
import type { SignInEventKind } from "@/lib/generated/prisma/enums.ts";

export const SIGN_IN_KINDS = [
  "SUCCESS",
  "FAILURE",
  "LOCKOUT",
  "LOCKED",
  "RATE_LIMITED",
  "SIGN_OUT",
] as const satisfies readonly SignInEventKind[];

export const SIGN_IN_KIND_LABELS: Record<SignInEventKind, string> = {
  SUCCESS: "登录成功",
  FAILURE: "登录失败",
  LOCKOUT: "账号锁定",
  LOCKED: "锁定期间被拒",
  RATE_LIMITED: "地址受限被拒",
  SIGN_OUT: "退出登录",
};

/** Kinds that count as failed attempts on a login (LOCKOUT marks a FAILURE already counted). */
export const FAILED_ATTEMPT_KINDS = ["FAILURE", "LOCKED", "RATE_LIMITED"] as const satisfies readonly SignInEventKind[];

export const SIGN_IN_PAGE_SIZE = 50;

const day = z.iso.date("日期格式应为 年-月-日");
const optionalText = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, message).optional());
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/** The 登录日志 filters, from the page's query string. */
export const signInFilterSchema = z
  .object({
    who: optionalText(50, "账号或姓名不超过 50 个字符"),
    kind: optional(z.enum(SIGN_IN_KINDS, "请选择列表中的类型")),
    from: optional(day),
    to: optional(day),
    address: optionalText(45, "地址不超过 45 个字符"),
    page: optional(z.coerce.number("页码应为数字").int("页码应为整数").min(1, "页码从 1 开始").max(100_000, "页码过大")),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "起始日期不能晚于截止日期", path: ["to"] });

export type SignInFilters = z.infer<typeof signInFilterSchema>;
