import { z } from "zod";
import { requireS3Settings, storageEnv } from "@/lib/storage-env.ts";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "必须是 postgresql:// 开头的连接串")
      .optional(),
    AUTH_SECRET: z.string().min(32, "至少 32 个字符(可用 openssl rand -base64 32 生成)").optional(),
    AUTH_URL: z.url("必须是完整网址,如 https://fazhi.example.gov.cn").optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    DATA_DIR: z.string().min(1).default(".data"),
    // Folder holding pg_dump/pg_restore for backups of a DATABASE_URL server (otherwise PATH is searched).
    PG_BIN_DIR: z.string().min(1).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "必须是 smtp:// 或 smtps:// 开头")
      .optional(),
    SMTP_FROM: z.string().optional(),
    // A session ends after this many minutes without a request…
    SESSION_IDLE_MINUTES: z.coerce
      .number({ error: "必须是整数(分钟)" })
      .int("必须是整数(分钟)")
      .min(1, "至少 1 分钟")
      .max(24 * 60, "不能超过 1440 分钟")
      .default(30),
    // …and this many hours after sign-in, however active.
    SESSION_MAX_HOURS: z.coerce
      .number({ error: "必须是整数(小时)" })
      .int("必须是整数(小时)")
      .min(1, "至少 1 小时")
      .max(72, "不能超过 72 小时")
      .default(8),
    // 0 = passwords never expire.
    PASSWORD_MAX_AGE_DAYS: z.coerce
      .number({ error: "必须是整数(天)" })
      .int("必须是整数(天)")
      .min(0, "不能为负数")
      .max(3650, "不能超过 3650 天")
      .default(0),
    // Reverse proxies in front of the app that append the client's address to X-Forwarded-For; 0 = none.
    TRUST_PROXY: z.coerce
      .number("必须是代理的层数,如 0(没有反向代理)或 1")
      .int("必须是代理的层数,如 0(没有反向代理)或 1")
      .min(0, "必须是代理的层数,如 0(没有反向代理)或 1")
      .max(5, "最多 5 层代理")
      .default(0),
    // Readers of /api/metrics send it as `Authorization: Bearer …`; unset = no metrics endpoint (404).
    METRICS_TOKEN: z.string().min(16, "至少 16 个字符(可用 openssl rand -hex 24 生成)").optional(),
    ...storageEnv,
  })
  .superRefine(requireS3Settings);

export type Env = z.infer<typeof envSchema>;

/** Empty strings count as unset, as they do in most deployment tools. */
function withoutEmpty(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>;
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(withoutEmpty(source));
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`环境变量配置有误:\n${lines.join("\n")}`);
}

/** For command-line entry points: print the problem in Chinese and exit instead of a stack trace. */
export function parseEnvOrExit(source: Record<string, string | undefined> = process.env): Env {
  try {
    return parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
