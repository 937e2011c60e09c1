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

  it("ends idle sessions after 30 minutes and all after 8 hours, with no password expiry, unless configured", () => {
    expect(parseEnv({})).toMatchObject({ SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 8, PASSWORD_MAX_AGE_DAYS: 0 });
    expect(parseEnv({ SESSION_IDLE_MINUTES: "15", SESSION_MAX_HOURS: "4", PASSWORD_MAX_AGE_DAYS: "90" })).toMatchObject({
      SESSION_IDLE_MINUTES: 15,
      SESSION_MAX_HOURS: 4,
      PASSWORD_MAX_AGE_DAYS: 90,
    });
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: 必须是 postgresql:// 开头的连接串"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET: 至少 32 个字符"],
    [{ AUTH_URL: "not a url" }, "AUTH_URL"],
    [{ SESSION_IDLE_MINUTES: "0" }, "SESSION_IDLE_MINUTES: 至少 1 分钟"],
    [{ SESSION_IDLE_MINUTES: "half an hour" }, "SESSION_IDLE_MINUTES"],
    [{ SESSION_IDLE_MINUTES: "2.5" }, "SESSION_IDLE_MINUTES: 必须是整数(分钟)"],
    [{ SESSION_MAX_HOURS: "100" }, "SESSION_MAX_HOURS: 不能超过 72 小时"],
    [{ PASSWORD_MAX_AGE_DAYS: "-1" }, "PASSWORD_MAX_AGE_DAYS: 不能为负数"],
    [{ TRUST_PROXY: "yes" }, "TRUST_PROXY: 必须是代理的层数"],
    [{ TRUST_PROXY: "-1" }, "TRUST_PROXY"],
    [{ METRICS_TOKEN: "short" }, "METRICS_TOKEN: 至少 16 个字符"],
  ])("names the wrong variable in Chinese: %o", (env, fragment) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(fragment);
    expect(() => parseEnv(env)).toThrow("环境变量配置有误");
  });
});
