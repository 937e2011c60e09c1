import { z } from "zod";

export const loginSchema = z.object({
  login: z.string().trim().min(1, "请输入账号").max(50, "账号不超过 50 个字符"),
  password: z.string().min(1, "请输入密码").max(200, "密码过长"),
});

/** Character classes of the password rule: at least three of these four (等保 level 3). */
export const PASSWORD_CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/] as const;

export function passwordClassCount(value: string): number {
  return PASSWORD_CLASSES.filter((pattern) => pattern.test(value)).length;
}

/** The one rule for every password a person sets: user creation, reset and 修改密码. */
export const newPassword = z
  .string({ error: "请填写密码" })
  .min(8, "密码至少 8 位")
  .max(72, "密码不能超过 72 位")
  .refine((value) => passwordClassCount(value) >= 3, "密码至少包含大写字母、小写字母、数字、符号中的三类");

/** 修改密码 for the signed-in user. */
export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string({ error: "请填写当前密码" }).min(1, "请填写当前密码").max(200, "密码过长"),
    password: newPassword,
    confirmPassword: z.string({ error: "请再次填写新密码" }).min(1, "请再次填写新密码"),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "两次填写的新密码不一致" });
    }
    if (value.password === value.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "新密码不能与当前密码相同" });
    }
  });
