import { describe, expect, it } from "vitest";
import { changeOwnPasswordSchema, newPassword, passwordClassCount } from "@/lib/auth/schema.ts";
import { createUserSchema, resetUserPasswordSchema } from "@/lib/users/schema.ts";
import { passwordChangeRequired } from "@/lib/auth/sessions.ts";

const CLASSES = "密码至少包含大写字母、小写字母、数字、符号中的三类";

describe("the password rule (等保 level 3: 8+ characters, three of four classes)", () => {
  it.each([
    ["Abcdefg1", null],
    ["abcdefg1!", null],
    ["ABCDEFG1!", null],
    ["Abcdefg!", null],
    ["Fazhi@2026", null],
    ["长密码Abc12", null],
    ["Ab1!", "密码至少 8 位"],
    ["Abc1!xy", "密码至少 8 位"],
    ["abcdefgh", CLASSES],
    ["abcdefg1", CLASSES],
    ["ABCDEFG1", CLASSES],
    ["abcdefg!", CLASSES],
    ["12345678", CLASSES],
    ["!@#$%^&*", CLASSES],
    ["Aa1!" + "x".repeat(69), "密码不能超过 72 位"],
  ])("%s → %s", (value, message) => {
    const result = newPassword.safeParse(value);
    if (message === null) expect(result.success).toBe(true);
    else expect(result.error?.issues.map((issue) => issue.message)).toContain(message);
  });

  it.each([
    ["", 0],
    ["abc", 1],
    ["aB", 2],
    ["aB3", 3],
    ["aB3 ", 4],
  ])("counts the classes of %o as %i", (value, count) => {
    expect(passwordClassCount(value)).toBe(count);
  });

  it("is the rule of every form that sets a password", () => {
    const base = { login: "new.user", name: "张三", role: "BUREAU", regionId: "1" };
    for (const [schema, input] of [
      [createUserSchema, { ...base, password: "abcdefgh" }],
      [resetUserPasswordSchema, { id: "1", password: "abcdefgh" }],
      [changeOwnPasswordSchema, { currentPassword: "Old#2026x", password: "abcdefgh", confirmPassword: "abcdefgh" }],
    ] as const) {
      const result = schema.safeParse(input);
      expect(result.error?.issues.find((issue) => issue.path[0] === "password")?.message).toBe(CLASSES);
    }
  });

  it.each([
    [{ password: "Mine#2026x", confirmPassword: "Mine#2026y" }, "confirmPassword", "两次填写的新密码不一致"],
    [{ password: "Old#2026x", confirmPassword: "Old#2026x" }, "password", "新密码不能与当前密码相同"],
    [{ currentPassword: "", password: "Mine#2026x", confirmPassword: "Mine#2026x" }, "currentPassword", "请填写当前密码"],
  ])("修改密码 refuses %o on %s", (change, field, message) => {
    const result = changeOwnPasswordSchema.safeParse({ currentPassword: "Old#2026x", ...change });
    expect(result.error?.issues.find((issue) => issue.path[0] === field)?.message).toBe(message);
  });
});

describe("passwordChangeRequired", () => {
  const now = new Date("2026-12-06T00:00:00Z");
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  it.each([
    ["set by someone else", { mustChangePassword: true, passwordChangedAt: now }, 0, true],
    ["own password, no expiry", { mustChangePassword: false, passwordChangedAt: daysAgo(1000) }, 0, false],
    ["own password inside the expiry", { mustChangePassword: false, passwordChangedAt: daysAgo(89) }, 90, false],
    ["own password at the expiry", { mustChangePassword: false, passwordChangedAt: daysAgo(90) }, 90, true],
  ])("%s → %s", (_case, user, maxAgeDays, expected) => {
    expect(passwordChangeRequired(user, now, maxAgeDays)).toBe(expected);
  });
});
