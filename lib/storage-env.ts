import { z } from "zod";

// Where evidence files live (lib/storage/attachment-store.ts), part of lib/env.ts
// (a file beside it, not in lib/storage, which reads the parsed env):
//   local    — files under DATA_DIR/uploads: one app server (the default);
//   database — in PostgreSQL beside the rows: any number of servers, and the
//              database backup holds the files too;
//   s3       — an S3-compatible object store (a city's MinIO, OSS, COS, …).

export const STORAGE_KINDS = ["local", "database", "s3"] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

const S3_REQUIRED = ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

export const storageEnv = {
  STORAGE: z.enum(STORAGE_KINDS, "必须是 local(本机目录)、database(数据库)或 s3(对象存储)之一").default("local"),
  S3_ENDPOINT: z
    .url({
      protocol: /^https?$/,
      error: "必须是 http:// 或 https:// 开头的完整网址,如 https://oss.example.gov.cn 或 http://127.0.0.1:9000",
    })
    .optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "存储桶名称须为 3–63 个小写字母、数字、点或连字符")
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  // Most self-hosted stores (MinIO and the like) want bucket names in the path, not the host name.
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false", "1", "0"], "必须是 true 或 false")
    .default("true")
    .transform((value) => value === "true" || value === "1"),
};

/** STORAGE=s3 needs its endpoint, bucket and keys; each missing one is named. */
export function requireS3Settings(
  env: { STORAGE: StorageKind } & Partial<Record<(typeof S3_REQUIRED)[number], string>>,
  ctx: z.RefinementCtx,
): void {
  if (env.STORAGE !== "s3") return;
  for (const name of S3_REQUIRED) {
    if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "STORAGE=s3 时必须设置" });
  }
}
