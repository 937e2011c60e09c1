import { z } from "zod";

export const loginSchema = z.object({
  login: z.string().trim().min(1, "请输入账号").max(50, "账号不超过 50 个字符"),
  password: z.string().min(1, "请输入密码").max(200, "密码过长"),
});
