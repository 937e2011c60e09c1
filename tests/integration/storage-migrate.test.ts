import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { CHUNK_BYTES, DatabaseAttachmentStore } from "@/lib/storage/database-store.ts";
import { LocalAttachmentStore } from "@/lib/storage/local-store.ts";
import { migrateAttachments } from "@/lib/storage/migrate.ts";
import type { StoredStream } from "@/lib/storage/attachment-store.ts";
import { S3AttachmentStore } from "@/lib/storage/s3-store.ts";
import { runCli } from "../support/cli.ts";
import { startS3Emulator, type S3Emulator } from "../support/s3-emulator.ts";

// `npm run cli -- storage migrate --to database|s3`: the files of one server's
// disk (STORAGE=local, DATA_DIR/uploads) copied into the store every server
// reads, each checked, safely rerun, a damaged file reported with exit 1.

let emulator: S3Emulator;
let dataDir: string;
let local: LocalAttachmentStore;
let files: Uint8Array[];
let hashes: string[];

beforeAll(async () => {
  emulator = await startS3Emulator();
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-migrate-"));
  local = new LocalAttachmentStore(path.join(dataDir, "uploads"));
  files = [randomBytes(1000), randomBytes(CHUNK_BYTES * 2 + 17), randomBytes(5)].map((b) => new Uint8Array(b));
  hashes = [];
  for (const bytes of files) hashes.push((await local.put(bytes)).hash);
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
});

// Each test runs the CLI once or twice (a tsx start, then the copying): on a
// loaded two-core machine that can pass the suite's 30 s, and a child still
// running holds the locks the next test's TRUNCATE waits for. Room enough.
const CLI_TESTS = { timeout: 120_000 };

/** As an operator runs it on the server with STORAGE unset (local). */
const migrate = (args: string[], env: Record<string, string> = {}) =>
  runCli(["storage", "migrate", ...args], { DATA_DIR: dataDir, STORAGE: "", ...env });

/** The bucket's settings, with STORAGE still unset: the server has not switched yet. */
const s3Settings = () => ({ ...emulator.env, STORAGE: "" });

const same = (a: Uint8Array | null, b: Uint8Array) => a !== null && Buffer.from(a).equals(Buffer.from(b));

describe("storage migrate --to database", CLI_TESTS, () => {
  it("copies every local file into the database, then finds them all there on a rerun", async () => {
    const first = await migrate(["--to", "database"]);
    expect(first.stderr).not.toMatch(/失败/);
    expect(first.status).toBe(0);
    const total = files.reduce((sum, f) => sum + f.byteLength, 0);
    expect(first.stdout).toContain("本机目录(local)→ 数据库(database)");
    expect(first.stdout).toContain(`本次复制 3 个文件(${Math.ceil(total / 1024)} KB),目标中已有 0 个,失败 0 个`);
    expect(first.stdout).toContain("把环境变量 STORAGE 设为 database");
    // Uploads between this run and the restart are only in the old store: the same command once more picks them up.
    expect(first.stdout).toContain("重启后再运行一次 npm run cli -- storage migrate --from local --to database");

    const stored = new DatabaseAttachmentStore(db());
    for (const [i, hash] of hashes.entries()) expect(same(await stored.get(hash), files[i]!)).toBe(true);
    expect(await db().attachmentBlob.count()).toBe(3);

    const again = await migrate(["--to", "database"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("本次复制 0 个文件(0 KB),目标中已有 3 个,失败 0 个");
    expect(await db().attachmentBlob.count()).toBe(3);
  });

  it("refuses a damaged file with exit 1, copies the rest, and the rerun after repair completes", async () => {
    // Someone's disk: the file named for the second content now holds other bytes.
    const damaged = path.join(dataDir, "uploads", hashes[1]!.slice(0, 2), hashes[1]!.slice(2, 4), hashes[1]!);
    fs.writeFileSync(damaged, "not the original");

    const run = await migrate(["--to", "database"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("本次复制 2 个文件");
    expect(run.stdout).toContain(`失败:${hashes[1]}:源文件已损坏`);
    expect(run.stdout).toContain("在此之前请不要切换 STORAGE");
    const stored = new DatabaseAttachmentStore(db());
    expect(await stored.has(hashes[1]!)).toBe(false);
    expect(same(await stored.get(hashes[0]!), files[0]!)).toBe(true);

    fs.writeFileSync(damaged, files[1]!);
    const rerun = await migrate(["--to", "database"]);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toContain("目标中已有 2 个,失败 0 个");
    expect(same(await stored.get(hashes[1]!), files[1]!)).toBe(true);
  });

  it("explains a wrong command line with exit 2", async () => {
    for (const args of [["--to", "disk"], [], ["--to", "local"], ["--to"]]) {
      const run = await migrate(args);
      expect(run.status, args.join(" ")).toBe(2);
    }
    expect((await migrate(["--to", "local"])).stderr).toContain("来源和目标都是本机目录(local),无需迁移");
  });
});

describe("storage migrate --to s3", CLI_TESTS, () => {
  it("copies local files into the bucket; from the database into the bucket with --from", async () => {
    const run = await migrate(["--to", "s3"], s3Settings());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("本次复制 3 个文件");
    const bucket = new S3AttachmentStore(emulator.settings);
    for (const [i, hash] of hashes.entries()) expect(same(await bucket.get(hash), files[i]!)).toBe(true);

    const extra = new Uint8Array(randomBytes(300));
    const { hash } = await new DatabaseAttachmentStore(db()).put(extra);
    const fromDatabase = await migrate(["--from", "database", "--to", "s3"], s3Settings());
    expect(fromDatabase.status).toBe(0);
    expect(fromDatabase.stdout).toContain("本次复制 1 个文件");
    expect(same(await bucket.get(hash), extra)).toBe(true);
  });

  it("names the missing S3 settings and copies nothing", async () => {
    const run = await migrate(["--to", "s3"], { S3_ENDPOINT: "", S3_BUCKET: "" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("S3_BUCKET: STORAGE=s3 时必须设置");
  });
});

/** The database store whose download path hands back other bytes than it stored (a faulty target). */
class GarblingStore extends DatabaseAttachmentStore {
  constructor(private readonly whileReading: () => Promise<void> = async () => {}) {
    super(db());
  }
  override async stream(hash: string): Promise<StoredStream | null> {
    await this.whileReading();
    const bytes = await this.get(hash);
    if (!bytes) return null;
    const garbled = Uint8Array.from(bytes, (b) => b ^ 0xff);
    return { size: garbled.byteLength, body: new Blob([garbled]).stream() };
  }
}

describe("storage migrate, a copy that does not read back intact", () => {
  const oneFile = async () => {
    const source = new LocalAttachmentStore(path.join(dataDir, "one"));
    const bytes = new Uint8Array(randomBytes(700));
    const { hash } = await source.put(bytes);
    return { source, bytes, hash };
  };

  it("removes the bad copy this run created, and reports the file failed", async () => {
    const { source, hash } = await oneFile();
    const result = await migrateAttachments(source, new GarblingStore());
    expect(result.failed).toEqual([{ hash, reason: "写入后读回的内容与原文件不符,已从目标存储删除" }]);
    expect(await new DatabaseAttachmentStore(db()).has(hash)).toBe(false);
  });

  it("keeps a file another server stored in the target just before this run's put", async () => {
    const { source, bytes, hash } = await oneFile();
    const live = new DatabaseAttachmentStore(db());
    // A live server's upload of the same content lands after the run found
    // the file missing and before it writes it.
    const racing = Object.assign(Object.create(source) as LocalAttachmentStore, {
      get: async (h: string) => {
        await live.put(bytes);
        return source.get(h);
      },
    });
    const result = await migrateAttachments(racing, new GarblingStore());
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.reason).toContain("未删除");
    expect(await live.has(hash)).toBe(true);
  });

  it("keeps a file another server stored again while this run read it back", async () => {
    const { source, bytes, hash } = await oneFile();
    const live = new DatabaseAttachmentStore(db());
    const result = await migrateAttachments(
      source,
      new GarblingStore(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await live.put(bytes);
      }),
    );
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.reason).toContain("未删除");
    expect(await live.has(hash)).toBe(true);
  });
});
