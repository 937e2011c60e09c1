import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env.ts";

describe("parseEnv", () => {
  it("applies defaults and treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "" });
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: ".data" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: 必须是 postgresql:// 开头的连接串"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET: 至少 32 个字符"],
    [{ AUTH_URL: "not a url" }, "AUTH_URL"],
    [{ TRUST_PROXY: "yes" }, "TRUST_PROXY: 必须是代理的层数"],
    [{ TRUST_PROXY: "-1" }, "TRUST_PROXY"],
  ])("names the wrong variable in Chinese: %o", (env, fragment) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(fragment);
    expect(() => parseEnv(env)).toThrow("环境变量配置有误");
  });
});
