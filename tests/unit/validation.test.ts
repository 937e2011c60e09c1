import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nameList, optionalId, optionalText } from "@/lib/validation.ts";
import { createUserSchema } from "@/lib/users/schema.ts";

describe("nameList", () => {
  const schema = nameList("别名", 10);
  it.each([
    ["区发改委\n区发改局", ["区发改委", "区发改局"]],
    ["区发改委、、区发改局", ["区发改委", "区发改局"]],
    ["区发改委,区发改局;区计委", ["区发改委", "区发改局", "区计委"]],
    ["  \n ", []],
  ])("splits %j as people type it", (input, expected) => {
    expect(schema.parse(input)).toEqual(expected);
  });
});

describe("optional form values", () => {
  it("read blank as absent", () => {
    expect(z.object({ a: optionalId("区域"), b: optionalText("简称", 5) }).parse({ a: "", b: "  " })).toEqual({});
  });
});

describe("createUserSchema", () => {
  const base = { login: "Zhang.San", password: "Zhang#2026", name: "张三" };
  it.each([
    [{ role: "LIAISON", regionId: "2" }, "unitId", "部门联络员必须指定所属单位"],
    [{ role: "BUREAU" }, "regionId", "请选择管辖区域"],
    [{ role: "ADMIN", regionId: "2" }, "role", "系统管理员不限定区域和单位,请清空区域和单位"],
    [{ role: "LEADER", regionId: "2", name: "张".repeat(51) }, "name", "姓名不能超过 50 个字"],
    [{ role: "LEADER", regionId: "2", password: "short" }, "password", "密码至少 8 位"],
    [{ role: "LEADER", regionId: "2", password: "12345678" }, "password", "密码至少包含大写字母、小写字母、数字、符号中的三类"],
    [{ role: "LEADER", regionId: "2", login: "张三" }, "login", "登录账号为 3 至 50 位字母、数字、点、下划线或连字符"],
    [{ role: "LEADER", regionId: "2", email: "not-an-address" }, "email", "电子邮箱格式不正确"],
  ])("refuses %o on %s", (change, path, message) => {
    const result = createUserSchema.safeParse({ ...base, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === path)?.message).toBe(message);
  });

  it("lower-cases the login", () => {
    expect(createUserSchema.parse({ ...base, role: "LEADER", regionId: "2" }).login).toBe("zhang.san");
  });
});
