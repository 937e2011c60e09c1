import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env.ts";
import { createPrisma } from "@/lib/db/client.ts";
import { attachmentStore } from "@/lib/storage/attachment-store.ts";
import { DatabaseAttachmentStore } from "@/lib/storage/database-store.ts";
import { LocalAttachmentStore } from "@/lib/storage/local-store.ts";
import { S3AttachmentStore } from "@/lib/storage/s3-store.ts";

const S3 = {
  STORAGE: "s3",
  S3_ENDPOINT: "http://127.0.0.1:9000",
  S3_BUCKET: "fazhi-evidence",
  S3_ACCESS_KEY_ID: "key",
  S3_SECRET_ACCESS_KEY: "secret",
};

describe("STORAGE in the environment", () => {
  it("is local by default; s3 has a default region and path-style addressing", () => {
    expect(parseEnv({}).STORAGE).toBe("local");
    expect(parseEnv({ STORAGE: "" }).STORAGE).toBe("local");
    expect(parseEnv({ STORAGE: "database" }).STORAGE).toBe("database");
    expect(parseEnv(S3)).toMatchObject({ STORAGE: "s3", S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: true });
    expect(parseEnv({ ...S3, S3_FORCE_PATH_STYLE: "false", S3_REGION: "cn-beijing" })).toMatchObject({
      S3_FORCE_PATH_STYLE: false,
      S3_REGION: "cn-beijing",
    });
  });

  it.each([
    [{ STORAGE: "disk" }, "STORAGE: 必须是 local(本机目录)、database(数据库)或 s3(对象存储)之一"],
    [{ STORAGE: "s3" }, "S3_ENDPOINT: STORAGE=s3 时必须设置"],
    [{ ...S3, S3_BUCKET: "" }, "S3_BUCKET: STORAGE=s3 时必须设置"],
    [{ ...S3, S3_SECRET_ACCESS_KEY: "" }, "S3_SECRET_ACCESS_KEY: STORAGE=s3 时必须设置"],
    [{ ...S3, S3_ENDPOINT: "minio:9000" }, "S3_ENDPOINT: 必须是 http:// 或 https:// 开头的完整网址"],
    [{ ...S3, S3_BUCKET: "Evidence_Files" }, "S3_BUCKET: 存储桶名称须为"],
    [{ ...S3, S3_FORCE_PATH_STYLE: "yes" }, "S3_FORCE_PATH_STYLE: 必须是 true 或 false"],
  ])("names the wrong setting in Chinese: %o", (env, fragment) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(fragment);
  });

  it("lists every missing S3 setting at once", () => {
    expect(() => parseEnv({ STORAGE: "s3" })).toThrow(/S3_ENDPOINT[\s\S]*S3_BUCKET[\s\S]*S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/);
  });

  it("needs no S3 setting for the other stores", () => {
    expect(() => parseEnv({ STORAGE: "database" })).not.toThrow();
  });
});

describe("attachmentStore", () => {
  it("picks the store STORAGE names", () => {
    const local = attachmentStore({ env: parseEnv({ DATA_DIR: "some/data" }) });
    expect(local).toBeInstanceOf(LocalAttachmentStore);
    expect((local as LocalAttachmentStore).root).toBe(path.resolve(process.cwd(), "some/data", "uploads"));

    // Never connects: the store only keeps the client.
    const client = createPrisma("postgresql://nobody@127.0.0.1:1/none");
    expect(attachmentStore({ env: parseEnv({ STORAGE: "database" }), db: client })).toBeInstanceOf(DatabaseAttachmentStore);

    const s3 = attachmentStore({ env: parseEnv(S3) });
    expect(s3).toBeInstanceOf(S3AttachmentStore);
    expect((s3 as S3AttachmentStore).bucket).toBe("fazhi-evidence");
    // One client per configuration, kept between requests.
    expect(attachmentStore({ env: parseEnv(S3) })).toBe(s3);
  });
});
