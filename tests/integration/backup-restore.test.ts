import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliRun as Run } from "../support/cli.ts";
import { parseEnv } from "@/lib/env.ts";
import { openDatabase, type Database } from "@/lib/db/open.ts";
import { prepareDatabase } from "@/lib/demo/prepare.ts";
import { freePort } from "@/lib/db/embedded.ts";
import { readMigrations } from "@/lib/db/migrate.ts";
import { createPrisma } from "@/lib/db/client.ts";
import { DatabaseAttachmentStore } from "@/lib/storage/database-store.ts";
import { LocalAttachmentStore } from "@/lib/storage/local-store.ts";

// Issue 14, acceptance 4: `npm run cli -- backup <dir>` of the demo in an
// embedded data directory, `restore <dir>` into a fresh one, and the restored
// one starts as `npm start` starts it (no migration, no seed) with the same
// row count in every table and the same evidence bytes. The refusals change nothing.

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-backup-"));
// Under root the embedded server runs as `postgres`, which must reach its folder.
fs.chmodSync(scratch, 0o755);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const original = path.join(scratch, "original");
const restored = path.join(scratch, "restored");
const backupDir = path.join(scratch, "backup");

/** The CLI as an operator runs it; DATABASE_URL empty (= unset) unless given. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return runCli(args, { DATABASE_URL: "", PG_BIN_DIR: "", STORAGE: "", ...env });
}

/** Row count of every table, listed from the catalogue. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
       ORDER BY 1, 2`,
    );
    const counts: Record<string, number> = {};
    for (const { schema, name } of tables) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`,
      );
      counts[`${schema}.${name}`] = Number(rows[0]!.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** sha256 of every file under dir, by relative path. */
function fileDigests(dir: string): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    digests[path.relative(dir, file)] = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  }
  return digests;
}

/** Every path under dir with its size and modification time: what "changed nothing" compares. */
function snapshot(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const stat = fs.lstatSync(file);
      return `${path.relative(dir, file)} ${stat.isFile() ? stat.size : "-"} ${stat.mtimeMs}`;
    })
    .sort();
}

let port: number;
let running: Database | null = null;
let counts: Record<string, number>;
let evidence: Record<string, string>;
/** Files put into the database store (STORAGE=database) of the original, by hash. */
const blobs = new Map<string, Uint8Array>();

beforeAll(async () => {
  // As `npm start` brings up an empty DATA_DIR: embedded server, migrations, demo seed.
  port = await freePort();
  running = await openDatabase(parseEnv({ DATA_DIR: original, EMBEDDED_PG_PORT: String(port) }), () => {});
  await prepareDatabase(running.url, () => {});
  const store = new LocalAttachmentStore(path.join(original, "uploads"));
  await store.put(new TextEncoder().encode("整改台账(第一季度)\n"));
  await store.put(Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
  const prisma = createPrisma(running.url);
  try {
    const inDatabase = new DatabaseAttachmentStore(prisma);
    for (const bytes of [
      new TextEncoder().encode("数据库中的佐证材料\n"),
      Uint8Array.from({ length: 600_000 }, (_, i) => (i * 104729) % 253),
    ]) {
      blobs.set((await inDatabase.put(bytes)).hash, bytes);
    }
  } finally {
    await prisma.$disconnect();
  }
  counts = await rowCounts(running.url);
  evidence = fileDigests(path.join(original, "uploads"));
}, 180_000);

afterAll(async () => {
  await running?.stop();
});

describe("backup and restore of the embedded database", () => {
  it("refuses to back up while a server runs on the data directory, and writes nothing", { timeout: 60_000 }, async () => {
    const run = await cli(["backup", backupDir], { DATA_DIR: original, EMBEDDED_PG_PORT: String(await freePort()) });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("请先停止服务");
    expect(fs.existsSync(path.join(backupDir, "manifest.json"))).toBe(false);
    expect(fs.existsSync(path.join(backupDir, "postgres"))).toBe(false);
    await running!.stop();
    running = null;
  });

  it("backs up the stopped demo: data files without the server's lock, evidence files, a manifest", { timeout: 120_000 }, async () => {
    expect(Object.keys(evidence)).toHaveLength(2);
    expect(counts["public.User"]).toBeGreaterThan(0);
    const run = await cli(["backup", backupDir], { DATA_DIR: original, EMBEDDED_PG_PORT: String(port) });
    expect(run.stderr).not.toMatch(/失败|无法/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("备份完成");

    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({
      kind: "embedded",
      postgresMajor: 18,
      storage: "local",
      migrations: readMigrations().map((m) => m.name),
    });
    expect(manifest.totals.uploads.files).toBe(2);
    const paths = manifest.files.map((f: { path: string }) => f.path);
    expect(paths).toContain("postgres/PG_VERSION");
    expect(paths).not.toContain("postgres/postmaster.pid");
    for (const [file, sha256] of Object.entries(evidence))
      expect(manifest.files).toContainEqual({ path: `uploads/${file}`, size: expect.any(Number), sha256 });
    // The original stays stopped and whole.
    expect(fs.existsSync(path.join(original, "postgres", "postmaster.pid"))).toBe(false);
  });

  const databaseBackup = path.join(scratch, "backup-storage-database");

  it(
    "with STORAGE=database the evidence is in the database: the backup copies no files beside it and says so",
    { timeout: 120_000 },
    async () => {
      const run = await cli(["backup", databaseBackup], { DATA_DIR: original, EMBEDDED_PG_PORT: String(port), STORAGE: "database" });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("佐证材料:在数据库中,已包含在上面的数据库备份里");
      const manifest = JSON.parse(fs.readFileSync(path.join(databaseBackup, "manifest.json"), "utf8"));
      expect(manifest).toMatchObject({ storage: "database", totals: { uploads: { files: 0, bytes: 0 } } });
      expect(manifest.files.filter((f: { path: string }) => f.path.startsWith("uploads/"))).toEqual([]);
    },
  );

  it("refuses, in one line and changing nothing, a restore under another STORAGE than the backup's", { timeout: 60_000 }, async () => {
    // The database backup under the default (local): every download would 404.
    const target = path.join(scratch, "mismatch-local");
    const asLocal = await cli(["restore", databaseBackup], { DATA_DIR: target, EMBEDDED_PG_PORT: String(port) });
    expect(asLocal.status).toBe(1);
    expect(asLocal.stderr.trim().split("\n")).toHaveLength(1);
    expect(asLocal.stderr).toContain("请以 STORAGE=database 运行恢复,并以同样的设置启动");
    expect(fs.existsSync(target)).toBe(false);

    // The local backup (its files in uploads/) under STORAGE=database: the files would sit unread.
    const asDatabase = await cli(["restore", backupDir], { DATA_DIR: target, EMBEDDED_PG_PORT: String(port), STORAGE: "database" });
    expect(asDatabase.status).toBe(1);
    expect(asDatabase.stderr.trim().split("\n")).toHaveLength(1);
    expect(asDatabase.stderr).toContain("请以 STORAGE=local 运行恢复");
    expect(fs.existsSync(target)).toBe(false);

    // A backup taken with the bucket: its files were never in it.
    const s3Backup = path.join(scratch, "backup-storage-s3");
    fs.cpSync(databaseBackup, s3Backup, { recursive: true });
    const manifestFile = path.join(s3Backup, "manifest.json");
    fs.writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifestFile, "utf8")), storage: "s3" }));
    const s3AsLocal = await cli(["restore", s3Backup], { DATA_DIR: target, EMBEDDED_PG_PORT: String(port) });
    expect(s3AsLocal.status).toBe(1);
    expect(s3AsLocal.stderr.trim().split("\n")).toHaveLength(1);
    expect(s3AsLocal.stderr).toContain("STORAGE=s3");
    expect(s3AsLocal.stderr).toContain("不在本备份里");
    expect(s3AsLocal.stderr).toContain("对象存储");
    expect(fs.existsSync(target)).toBe(false);
  });

  it(
    "restores a STORAGE=database backup into a fresh data directory: the same evidence bytes through the database store",
    { timeout: 120_000 },
    async () => {
      const target = path.join(scratch, "restored-database");
      const run = await cli(["restore", databaseBackup], { DATA_DIR: target, EMBEDDED_PG_PORT: String(port), STORAGE: "database" });
      expect(run.stderr).not.toMatch(/失败|无法|已有/);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("STORAGE=database");

      const database = await openDatabase(parseEnv({ DATA_DIR: target, EMBEDDED_PG_PORT: String(await freePort()) }), () => {});
      const prisma = createPrisma(database.url);
      try {
        expect(await rowCounts(database.url)).toEqual(counts);
        const store = new DatabaseAttachmentStore(prisma);
        expect(blobs.size).toBe(2);
        for (const [hash, bytes] of blobs) {
          const back = await store.stream(hash);
          expect(back?.size).toBe(bytes.byteLength);
          const parts: Uint8Array[] = [];
          for await (const part of back!.body as unknown as AsyncIterable<Uint8Array>) parts.push(part);
          expect(Buffer.concat(parts).equals(Buffer.from(bytes))).toBe(true);
        }
      } finally {
        await prisma.$disconnect();
        await database.stop();
      }
    },
  );

  it("refuses to restore into a data directory that holds a database, and changes nothing", { timeout: 60_000 }, async () => {
    const before = snapshot(original);
    const run = await cli(["restore", backupDir], { DATA_DIR: original, EMBEDDED_PG_PORT: String(port) });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("已有数据库");
    expect(snapshot(original)).toEqual(before);
  });

  it("refuses a backup whose files no longer match the manifest", { timeout: 60_000 }, async () => {
    const tampered = path.join(scratch, "tampered");
    fs.cpSync(backupDir, tampered, { recursive: true });
    const file = path.join(tampered, "uploads", Object.keys(evidence)[0]!);
    fs.appendFileSync(file, "x");
    const target = path.join(scratch, "never");
    const run = await cli(["restore", tampered], { DATA_DIR: target, EMBEDDED_PG_PORT: String(port) });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("校验和不一致");
    expect(fs.existsSync(path.join(target, "postgres"))).toBe(false);
  });

  it(
    "restores into a fresh data directory that starts with the same rows and evidence bytes, migrating and seeding nothing",
    { timeout: 120_000 },
    async () => {
      const run = await cli(["restore", backupDir], { DATA_DIR: restored, EMBEDDED_PG_PORT: String(port) });
      expect(run.stderr).not.toMatch(/失败|无法|已有/);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("恢复完成");

      const lines: string[] = [];
      const database = await openDatabase(parseEnv({ DATA_DIR: restored, EMBEDDED_PG_PORT: String(await freePort()) }), (line) =>
        lines.push(line),
      );
      try {
        await prepareDatabase(database.url, (line) => lines.push(line));
        expect(lines).toEqual([]);
        expect(await rowCounts(database.url)).toEqual(counts);
      } finally {
        await database.stop();
      }
      expect(fileDigests(path.join(restored, "uploads"))).toEqual(evidence);
    },
  );
});

describe("backup of a DATABASE_URL server", () => {
  const serverMajor = 18;
  const machinePgDump = (() => {
    try {
      const version = execFileSync("pg_dump", ["--version"], { encoding: "utf8" });
      return Number(/\(PostgreSQL\)\s+(\d+)/.exec(version)?.[1]);
    } catch {
      return null;
    }
  })();

  it("finds the test server to be PostgreSQL 18", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    await client.end();
    expect(Math.floor(Number(rows[0]!.server_version_num) / 10000)).toBe(serverMajor);
  });

  it.skipIf(machinePgDump === null || machinePgDump === serverMajor)(
    "refuses with the machine's pg_dump of another major version, naming both",
    { timeout: 60_000 },
    async () => {
      const dir = path.join(scratch, "external");
      const run = await cli(["backup", dir], { DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: original });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain(`PostgreSQL ${machinePgDump}`);
      expect(run.stderr).toContain(`PostgreSQL ${serverMajor}`);
      expect(run.stderr).toContain(`postgresql-client-${serverMajor}`);
      expect(fs.readdirSync(dir)).toEqual([]);
    },
  );

  it("refuses when PG_BIN_DIR holds no pg_dump, saying how to fix it", { timeout: 60_000 }, async () => {
    const empty = fs.mkdtempSync(path.join(scratch, "bin-"));
    const run = await cli(["backup", path.join(scratch, "external-2")], {
      DATABASE_URL: process.env.DATABASE_URL!,
      DATA_DIR: original,
      PG_BIN_DIR: empty,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("找不到 pg_dump");
    expect(run.stderr).toContain("PG_BIN_DIR");
  });
});

describe("the command line", () => {
  it("answers 2 with the usage when the directory is missing or there is more than one", { timeout: 60_000 }, async () => {
    const missing = await cli(["backup"], { DATA_DIR: original });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("请指定备份到哪个目录");
    expect(missing.stderr).toContain("restore <目录>");
    const extra = await cli(["restore", backupDir, "again"], { DATA_DIR: original });
    expect(extra.status).toBe(2);
    expect(extra.stderr).toContain("多余的参数:again");
  });
});
