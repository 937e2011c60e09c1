import path from "node:path";
import type { Db } from "@/lib/db/client.ts";
import { EnvError, parseEnv, parseEnvOrExit, type Env } from "@/lib/env.ts";
import { attachmentStore, type AttachmentStore } from "@/lib/storage/attachment-store.ts";
import { STORAGE_KINDS, type StorageKind } from "@/lib/storage-env.ts";
import { migrateAttachments } from "@/lib/storage/migrate.ts";

// `npm run cli -- storage migrate --to database|s3 [--from local|database|s3]`
// (scripts/cli.ts lists it); the copying is lib/storage/migrate.ts's.

type CliTools = {
  root: string;
  log: (line: string) => void;
  usageError: (problem: string) => never;
  withCliDatabase: (
    env: Env,
    work: (database: { prisma: Db; url: string }) => Promise<number>,
    fail: (error: unknown) => void,
  ) => Promise<number>;
  formatBytes: (bytes: number) => string;
};

const NAMES: Record<StorageKind, string> = { local: "本机目录", database: "数据库", s3: "对象存储" };

export async function storageMigrate(args: string[], tools: CliTools): Promise<number> {
  const usageError: (problem: string) => never = tools.usageError;
  const [sub, ...rest] = args;
  if (sub !== "migrate")
    usageError(sub ? `不认识的 storage 子命令:${sub},应为 storage migrate --to database|s3` : "请写 storage migrate --to database|s3。");
  let fromArg: StorageKind | undefined;
  let toArg: StorageKind | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const match = /^--(from|to)(?:=(.*))?$/.exec(arg);
    if (!match) usageError(`不认识的选项:${arg}`);
    const value = match[2] ?? rest[++i];
    if (!isKind(value)) usageError(`--${match[1]} 只能是 local(本机目录)、database(数据库)或 s3(对象存储):${value ?? "(未填写)"}`);
    if (match[1] === "from") fromArg = value;
    else toArg = value;
  }
  if (!toArg) usageError("请用 --to database 或 --to s3 指定迁移到哪个存储。");

  const env = parseEnvOrExit();
  const from: StorageKind = fromArg ?? env.STORAGE;
  const to: StorageKind = toArg;
  if (from === to) usageError(`来源和目标都是${NAMES[to]}(${to}),无需迁移;来源默认为 STORAGE 指定的存储,可用 --from 指定。`);
  // The S3 settings are checked as STORAGE=s3 would check them, when either end is s3.
  const resolved = { ...env, DATA_DIR: path.resolve(tools.root, env.DATA_DIR) };
  let s3Env: Env = resolved;
  if (from === "s3" || to === "s3") {
    try {
      s3Env = { ...parseEnv({ ...process.env, STORAGE: "s3" }), DATA_DIR: resolved.DATA_DIR };
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      console.error(`对象存储(s3)的设置不完整,无法迁移:\n${error.message}`);
      return 1;
    }
  }
  const storeOf = (kind: StorageKind, db: Db | undefined): AttachmentStore =>
    attachmentStore({ env: { ...(kind === "s3" ? s3Env : resolved), STORAGE: kind }, db });

  const work = async (db?: Db) => {
    const source = storeOf(from, db);
    const target = storeOf(to, db);
    tools.log(`迁移佐证材料文件:${source.location} → ${target.location} ……`);
    let seen = 0;
    const result = await migrateAttachments(source, target, () => {
      if (++seen % 100 === 0) tools.log(`已处理 ${seen} 个文件……`);
    });
    console.log(`\n佐证材料文件迁移:${NAMES[from]}(${from})→ ${NAMES[to]}(${to})`);
    console.log(
      `  本次复制 ${result.copied} 个文件(${tools.formatBytes(result.bytes)}),目标中已有 ${result.alreadyThere} 个,失败 ${result.failed.length} 个`,
    );
    for (const failure of result.failed) console.log(`  失败:${failure.hash}:${failure.reason}`);
    if (result.failed.length) {
      console.log(
        `\n有 ${result.failed.length} 个文件未能迁移。处理后重新运行本命令即可,已复制的文件不会重复复制;在此之前请不要切换 STORAGE。`,
      );
      return 1;
    }
    console.log(`\n全部文件已在${NAMES[to]}中${result.copied ? ",本次复制的每个文件都已读回核对校验值" : ""}。`);
    console.log(`下一步:把环境变量 STORAGE 设为 ${to}${to === "s3" ? "(以及 S3_* 设置)" : ""},然后重启每一台服务器。`);
    // Uploads between the end of this run and the restart went to the old store only.
    console.log(
      `重启后再运行一次 npm run cli -- storage migrate --from ${from} --to ${to},补上迁移后、重启前上传的文件(已有的会跳过);或在迁移期间停止服务。`,
    );
    console.log(`原有文件仍保留在 ${source.location},切换并确认无误后可自行删除。`);
    return 0;
  };
  const failed = (error: unknown) => console.error(`[fazhi] 迁移佐证材料文件失败:${(error as Error)?.message ?? String(error)}`);

  if (from !== "database" && to !== "database") {
    try {
      return await work();
    } catch (error) {
      failed(error);
      return 1;
    }
  }
  return tools.withCliDatabase(env, ({ prisma }) => work(prisma), failed);
}

function isKind(value: string | undefined): value is StorageKind {
  return (STORAGE_KINDS as readonly string[]).includes(value ?? "");
}
