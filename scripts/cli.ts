// `npm run cli -- <command>`: operator commands run against the app's database
// (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR as `npm start` uses;
// migrations are applied first, as at start-up).
//
//   npm run cli -- reminders [--date YYYY-MM-DD]
//       The daily reminder job (lib/notifications/reminder-job.ts) for the given date, by
//       default today in China. Safe to run more than once a day. Schedule it
//       with cron or a systemd timer, e.g. `15 7 * * * cd /srv/fazhi && npm run cli -- reminders`.
//
//   npm run cli -- cleanup-files [--dry-run]
//       Removes stored evidence files that no attachment refers to and that
//       were stored more than a day ago (lib/storage/cleanup.ts), printing each.
//       `npm start` also runs it at start and every six hours.
//
//   Both take the job's lock (lib/jobs/run.ts): when another server runs the
//   job at that moment they print so and do nothing (exit 0); each run is
//   recorded for 后台任务 (a --dry-run is not).
//
//   npm run cli -- storage migrate --to database|s3 [--from local|database|s3]
//       Copies every evidence file from one attachment store (by default the
//       one STORAGE names, local unless set) into another, checking each
//       copy's sha256 as read back (lib/storage/migrate.ts). Skips files the
//       target has, so it can be rerun; exit 1 when a file failed. The
//       operator then sets STORAGE to the target and restarts the servers.
//
//   npm run cli -- synth --districts N [--seed S] [--today YYYY-MM-DD]
//       Adds N synthetic districts (lib/demo/synth/province.ts) after those already
//       there, to measure the dashboards at province scale. For test and
//       staging databases only: it writes millions of rows.
//
//   npm run cli -- import <file> [--region <name>] [--kind plan|annual-report] --dry-run [--json]
//       Reads a plan or annual report (.txt or .docx) and prints its parse as
//       one JSON object on stdout (--json; lib/import/dry-run.ts) or as a
//       summary in Chinese (lib/import/dry-run-text.ts), writing nothing.
//       Unreadable input: a one-line reason on stderr, exit 1. A text that is
//       neither (lib/import/classify.ts) gives no document and a warning;
//       --kind reads it as the kind the operator names, as the import screen's
//       按规划导入 / 按年度报告导入 do.
//
//   npm run cli -- import <file> --region <name|code> [--as <login>]
//                 [--create-units] [--accept-near-matches] [--json]
//       Commits the document into the region, as the import screen does
//       (lib/cli/import.ts), acting as --as (an active ADMIN or BUREAU
//       account; the first active ADMIN by default). Names resolve by exact
//       name and alias only; any other name stops it with a list on stderr
//       (exit 1, nothing written) unless --create-units (unknown names become
//       units, collective names new groups) or --accept-near-matches (near
//       matches take the best candidate, remembered as an alias). Prints a
//       summary on stdout, one JSON object with --json; a group the document
//       names that has no members is noted on stderr.
//
//   npm run cli -- backup <dir>
//   npm run cli -- restore <dir>
//       Backup and restore (lib/ops/backup.ts): the embedded database as a copy
//       of its files, taken only while no server runs on DATA_DIR; a
//       DATABASE_URL server with pg_dump/pg_restore of its own major version
//       (PATH or PG_BIN_DIR). Evidence files and a manifest.json go beside it.
//       restore writes only into an empty data directory or database, and
//       only under the STORAGE the backup was taken with (manifest.storage).
//
// Log lines ([fazhi] …) go to stderr, so stdout carries only the result.
//
// Exit codes: 0 done, 1 failed, 2 bad command line.
import fs from "node:fs";
import path from "node:path";
import { parseEnvOrExit } from "@/lib/env.ts";
import { openDatabase } from "@/lib/db/open.ts";
import { prepareDatabase } from "@/lib/demo/prepare.ts";
import { createPrisma } from "@/lib/db/client.ts";
import { todayInChina } from "@/lib/dates.ts";
import { isIsoDate } from "@/lib/reporting/periods.ts";
import { createMailer } from "@/lib/notifications/mailer.ts";
import { runFileCleanup, runReminders } from "@/lib/jobs/scheduled.ts";
import { attachmentStore } from "@/lib/storage/attachment-store.ts";
import { removeUnreferencedFiles } from "@/lib/storage/cleanup.ts";
import { storageMigrate } from "./storage-cli.ts";
import { generateProvince, type SynthCounts } from "@/lib/demo/synth/province.ts";
import { decodeDocument, ImportInputError } from "@/lib/import/decode.ts";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import { toDryRun } from "@/lib/import/dry-run.ts";
import { describeDryRun } from "@/lib/import/dry-run-text.ts";
import { importWarnings } from "@/lib/import/warnings.ts";
import type { DocumentKind } from "@/lib/import/classify.ts";
import { CliImportStop, commitCliImport, describeCliImport } from "@/lib/cli/import.ts";
import { backup, BackupError, backupStorage, restore } from "@/lib/ops/backup.ts";

const USAGE = `用法:npm run cli -- <命令> [选项]

命令:
  reminders [--date YYYY-MM-DD]   运行催办提醒任务(临期、逾期未报、已逾期),
                                  默认按今天(北京时间);同一天重复运行不会重复提醒
  cleanup-files [--dry-run]       删除没有任何报送引用、且存放超过一天的佐证材料文件,并列出删除的文件;
                                  --dry-run 只列出将删除的文件,不删除
  storage migrate --to database|s3 [--from local|database|s3]
                                  把佐证材料文件从一个存储(默认为 STORAGE 指定的,未设置时为本机目录)复制到另一个:
                                  逐个核对复制后的校验值,目标中已有的文件跳过,可重复运行;有文件失败时以 1 退出。
                                  完成后把 STORAGE 改为目标存储并重启各台服务器
  synth --districts N [--seed S] [--today YYYY-MM-DD]
                                  生成 N 个模拟区县(单位、账号、规划、举措、分工和五年的进展报送),
                                  用于在全省规模下测试看板性能;再次运行会接着编号追加。
                                  --seed 默认 1,--today 默认今天(北京时间);同样的参数生成同样的数据。
                                  模拟账号密码均为 Fazhi@2026。仅用于测试或演示数据库。
  import <文件> [--region <区县>] [--kind plan|annual-report] --dry-run [--json]
                                  读取规划或年度报告(.txt 或 .docx),在标准输出打印解析结果(--json 时为一个
                                  JSON 对象,否则为中文摘要),不写入数据库;文件无法读取时在标准错误输出一行原因并以 1 退出;
                                  既不像规划也不像年度报告的文本(新闻、解读、编写指引)不列出文件,只给出提示;
                                  --kind 按指定的类型解析
  import <文件> --region <区域名称或代码> [--as <账号>] [--kind plan|annual-report]
         [--create-units] [--accept-near-matches] [--json]
                                  将规划或年度报告导入该区县(乡镇),与导入页面写入的内容相同;
                                  --as 为导入人(启用的系统管理员或司法局账号),默认第一个系统管理员。
                                  单位只按全称和别名对应;有对应不上的名称时在标准错误逐行列出、以 1 退出,
                                  不写入任何内容。--create-units 将未知名称新建为单位、集体名称新建为分组;
                                  --accept-near-matches 采用最相近的单位并记为别名。
                                  在标准输出打印导入结果,--json 时为一个 JSON 对象
  backup <目录>                   备份数据库和佐证材料文件到一个新的(或空的)目录。内置数据库须先停止服务(npm start),
                                  再复制其数据文件;设置了 DATABASE_URL 时用与服务器同一大版本的 pg_dump
                                  (在 PATH 或 PG_BIN_DIR 中)导出
  restore <目录>                  从备份恢复到空的数据目录(DATA_DIR)或空的数据库(DATABASE_URL),先核对清单中每个文件的校验和
                                  ;须以备份时的 STORAGE 运行(清单中的 storage),并以同样的设置启动
  help                            显示本说明

数据库:设置了 DATABASE_URL 时使用它,否则使用数据目录(DATA_DIR,默认 .data)中的内置数据库。`;

const root = path.resolve(import.meta.dirname, "..");
// stderr: stdout carries only a command's result (the import's JSON, a summary).
const log = (line: string) => console.error(`[fazhi] ${line}`);

/**
 * Writes to stdout and waits until it has drained: process.exit drops what a
 * pipe has not taken yet (a pipe holds 64 KB; a plan's JSON is often more).
 */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

function usageError(problem: string): never {
  console.error(`${problem}\n\n${USAGE}`);
  process.exit(2);
}

/** `--date 2024-10-15` or `--date=2024-10-15`; nothing else is accepted. */
function parseReminderOptions(args: string[]): { date: string } {
  let date: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--date" || arg.startsWith("--date=")) {
      const value = arg === "--date" ? args[++i] : arg.slice("--date=".length);
      if (value === undefined || !isIsoDate(value)) usageError(`日期有误:${value ?? "(未填写)"},应为 YYYY-MM-DD,如 2024-10-15`);
      date = value;
    } else {
      usageError(`不认识的选项:${arg}`);
    }
  }
  return { date: date ?? todayInChina() };
}

type SynthArgs = { districts: number; seed: number; today: string };

/** `--districts 10 --seed 2 --today 2026-11-23`, each also as `--name=value`. */
function parseSynthOptions(args: string[]): SynthArgs {
  let districts: number | undefined;
  let seed = 1;
  let today: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--(districts|seed|today)(?:=(.*))?$/.exec(arg);
    if (!match) usageError(`不认识的选项:${arg}`);
    const [, name, inline] = match;
    const value = inline ?? args[++i];
    if (name === "today") {
      if (value === undefined || !isIsoDate(value)) usageError(`日期有误:${value ?? "(未填写)"},应为 YYYY-MM-DD,如 2026-11-23`);
      today = value;
      continue;
    }
    const number = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
    if (name === "districts") {
      if (!Number.isInteger(number) || number < 1 || number > 2000)
        usageError(`区县数有误:${value ?? "(未填写)"},应为 1 到 2000 之间的整数`);
      districts = number;
    } else {
      if (!Number.isInteger(number) || number > 1_000_000_000)
        usageError(`随机种子有误:${value ?? "(未填写)"},应为 0 到 1000000000 之间的整数`);
      seed = number;
    }
  }
  if (districts === undefined) usageError("请用 --districts N 指定要生成的区县数。");
  return { districts, seed, today: today ?? todayInChina() };
}

const SYNTH_LINES: [keyof SynthCounts, string][] = [
  ["cities", "市(新建)"],
  ["districts", "区县"],
  ["towns", "乡镇街道区划"],
  ["units", "单位"],
  ["unitAliases", "单位别名"],
  ["unitGroups", "单位分组"],
  ["groupMembers", "分组成员"],
  ["users", "账号"],
  ["plans", "规划"],
  ["sections", "章节"],
  ["measures", "举措"],
  ["deadlineExtensions", "延期申请"],
  ["assignments", "任务分工"],
  ["progressReports", "进展报送"],
];

/** The app's database as `npm start` opens it; null (after saying why) when it cannot be opened. */
async function openCliDatabase(env: ReturnType<typeof parseEnvOrExit>) {
  try {
    return await openDatabase({ ...env, DATA_DIR: path.resolve(root, env.DATA_DIR) }, log);
  } catch (error) {
    console.error(`[fazhi] ${(error as Error).message}`);
    if (!env.DATABASE_URL) console.error("[fazhi] 如果服务(npm start)正在运行,请先停止服务,或设置 DATABASE_URL 指向其数据库后再运行。");
    return null;
  }
}

type CliDatabase = { prisma: ReturnType<typeof createPrisma>; url: string };

/**
 * The app's database opened as `npm start` opens it and migrated, `work` run
 * on it, then closed whatever happened. A failure is the command's own line(s)
 * (`fail`) and exit 1; the database's own messages go to stderr with the logs.
 */
async function withCliDatabase(
  env: ReturnType<typeof parseEnvOrExit>,
  work: (database: CliDatabase) => Promise<number>,
  fail: (error: unknown) => void,
): Promise<number> {
  const database = await openCliDatabase(env);
  if (!database) return 1;
  const prisma = createPrisma(database.url);
  try {
    await prepareDatabase(database.url, log);
    return await work({ prisma, url: database.url });
  } catch (error) {
    fail(error);
    return 1;
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

/** A failure in one line, for an operator: what failed and why, no stack trace. */
const failedLine = (what: string) => (error: unknown) => console.error(`[fazhi] ${what}:${(error as Error)?.message ?? String(error)}`);

async function synth(args: string[]): Promise<number> {
  const options = parseSynthOptions(args);
  return withCliDatabase(
    parseEnvOrExit(),
    async ({ url }) => {
      log(`开始生成 ${options.districts} 个模拟区县(种子 ${options.seed},今天按 ${options.today})……`);
      const every = options.districts <= 20 ? 1 : 10;
      const counts = await generateProvince(url, {
        ...options,
        onProgress: ({ districtNo, done, total, elapsedMs }) => {
          if (done % every === 0 || done === total)
            log(`已生成 ${done}/${total} 个区县(最新编号 ${districtNo},用时 ${(elapsedMs / 1000).toFixed(1)} 秒)`);
        },
      });
      console.log(
        `\n模拟数据生成完成:区县编号 ${counts.firstDistrict}–${counts.lastDistrict},用时 ${(counts.elapsedMs / 1000).toFixed(1)} 秒`,
      );
      for (const [key, label] of SYNTH_LINES) console.log(`  ${label}:${counts[key].toLocaleString("en-US")}`);
      console.log(
        `  账号示例:syn-d${String(counts.firstDistrict).padStart(3, "0")}.bureau(司法局)、.leader(区领导)、.u001(单位联络员),密码 Fazhi@2026`,
      );
      return 0;
    },
    failedLine("生成模拟数据失败"),
  );
}

const KIND_LINES = [
  ["DUE_SOON", "临期提醒(30 天内到期)"],
  ["REPORT_LATE", "逾期未报提醒"],
  ["OVERDUE", "逾期提醒(已过完成时限)"],
] as const;

async function reminders(args: string[]): Promise<number> {
  const { date } = parseReminderOptions(args);
  const env = parseEnvOrExit();
  return withCliDatabase(
    env,
    async ({ prisma, url }) => {
      const outcome = await runReminders({ db: prisma, url }, date, { mailer: createMailer(env) });
      if (outcome.status === "SKIPPED") return jobSkipped();
      const result = outcome.result;
      console.log(`\n催办提醒任务完成(${result.today}):`);
      for (const [kind, label] of KIND_LINES) console.log(`  ${label}:新增 ${result.created[kind]} 条汇总消息`);
      console.log(`  司法局每日收件汇总:新增 ${result.arrivals} 条`);
      console.log(`  站内通知:新增 ${result.notifications} 条;已自动办结的汇总提醒 ${result.resolved} 条`);
      console.log(`  邮件:已发送 ${result.emailed} 封`);
      return 0;
    },
    failedLine("催办提醒任务失败"),
  );
}

/** Another server (or CLI) holds the job's lock: nothing ran, which is not a failure. */
function jobSkipped(): number {
  console.log("\n另一台服务器正在运行该任务,本次未运行(已记入后台任务的运行记录)。");
  return 0;
}

async function cleanupFiles(args: string[]): Promise<number> {
  for (const arg of args) if (arg !== "--dry-run") usageError(`不认识的选项:${arg}`);
  const dryRun = args.includes("--dry-run");
  const env = parseEnvOrExit();
  return withCliDatabase(
    env,
    async ({ prisma, url }) => {
      // The store the app serves from (STORAGE); local files under DATA_DIR resolved against the project, as npm start does.
      const store = attachmentStore({ env: { ...env, DATA_DIR: path.resolve(root, env.DATA_DIR) }, db: prisma });
      // A dry run removes nothing, so it needs no lock and leaves no run behind.
      const outcome = dryRun
        ? { status: "SUCCEEDED" as const, result: await removeUnreferencedFiles({ db: prisma, store, dryRun }) }
        : await runFileCleanup({ db: prisma, url }, { store });
      if (outcome.status === "SKIPPED") return jobSkipped();
      const result = outcome.result;
      const verb = dryRun ? "将删除" : "已删除";
      console.log(`\n清理佐证材料文件${dryRun ? "(试运行,未删除任何文件)" : ""}:${store.location}`);
      for (const file of result.removed) {
        console.log(`  ${verb} ${file.hash}(${formatBytes(file.size)},存放于 ${file.storedAt.toISOString()})`);
      }
      const total = result.removed.reduce((sum, f) => sum + f.size, 0);
      console.log(`  共检查 ${result.checked} 个文件,${verb} ${result.removed.length} 个(${formatBytes(total)}),保留 ${result.kept} 个`);
      return 0;
    },
    failedLine("清理文件失败"),
  );
}

/**
 * `import <file> [--region <name>] --dry-run [--json]`: the parse on stdout (one JSON object, or a summary), nothing written.
 * Without --dry-run: committed into --region (commitImport).
 */
async function importDocument(args: string[]): Promise<number> {
  let file: string | undefined;
  let region: string | null = null;
  let as: string | null = null;
  let kind: DocumentKind | undefined;
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--region" || arg.startsWith("--region=")) {
      const value = arg === "--region" ? args[++i] : arg.slice("--region=".length);
      if (!value) usageError("--region 需要区县名称。");
      region = value;
    } else if (arg === "--as" || arg.startsWith("--as=")) {
      const value = arg === "--as" ? args[++i] : arg.slice("--as=".length);
      if (!value) usageError("--as 需要账号。");
      as = value;
    } else if (arg === "--kind" || arg.startsWith("--kind=")) {
      const value = arg === "--kind" ? args[++i] : arg.slice("--kind=".length);
      if (value !== "plan" && value !== "annual-report")
        usageError(`--kind 只能是 plan(规划)或 annual-report(年度报告):${value ?? "(未填写)"}`);
      kind = value === "plan" ? "plans" : "annualReport";
    } else if (["--dry-run", "--json", "--create-units", "--accept-near-matches"].includes(arg)) flags.add(arg);
    else if (arg.startsWith("--")) usageError(`不认识的选项:${arg}`);
    else if (file === undefined) file = arg;
    else usageError(`多余的参数:${arg}`);
  }
  if (!file) usageError("请指定要导入的文件。");
  if (!flags.has("--dry-run") && !region) usageError("导入时请用 --region <区域名称或代码> 指定导入到哪个区县(乡镇)。");
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "文件不存在"
        : code === "EISDIR"
          ? "这是一个目录,不是文件"
          : code === "EACCES"
            ? "没有读取权限"
            : (error as Error).message;
    console.error(`无法读取文件 ${file}:${reason}`);
    return 1;
  }
  try {
    const decoded = await decodeDocument({ fileName: path.basename(file), bytes });
    const parsed = parseDocumentText(decoded.text, { kind });
    if (!flags.has("--dry-run")) {
      if (parsed.kind === "unrecognised") {
        console.error(`未识别为规划或年度报告:${parsed.reason}。如确为规划或年度报告,请加 --kind plan 或 --kind annual-report 后重试。`);
        return 1;
      }
      const options = {
        createUnits: flags.has("--create-units"),
        acceptNearMatches: flags.has("--accept-near-matches"),
        json: flags.has("--json"),
      };
      return await commitImport({
        document: parsed,
        fileName: path.basename(file),
        sourceText: decoded.text,
        region: region!,
        as,
        ...options,
      });
    }
    const result = toDryRun(parsed, { region });
    const warnings = [...decoded.warnings, ...result.warnings, ...importWarnings(parsed, todayInChina())].sort((a, b) => a.line - b.line);
    const dryRun = { ...result, warnings };
    await writeStdout(flags.has("--json") ? `${JSON.stringify(dryRun)}\n` : `${describeDryRun(dryRun).join("\n")}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ImportInputError) {
      console.error(error.message);
      return 1;
    }
    // Not the operator's input: one line for them, no stack trace.
    console.error(`[fazhi] 读取文件时出错:${(error as Error)?.message ?? String(error)}`);
    return 1;
  }
}

/** The document committed into its region; a stop (unresolved names, an ambiguous region) lists why on stderr, exit 1. */
async function commitImport(request: Parameters<typeof commitCliImport>[1] & { json: boolean }): Promise<number> {
  // What the clerk would see in the preview's list, after the outcome so a stop's reason comes first.
  const warnings = [...request.document.warnings, ...importWarnings(request.document, todayInChina())].sort((a, b) => a.line - b.line);
  const printWarnings = () => {
    for (const w of warnings) console.error(`[fazhi] 提示:第 ${w.line} 行:${w.message}`);
  };
  return withCliDatabase(
    parseEnvOrExit(),
    async ({ prisma }) => {
      const { summary, notes } = await commitCliImport(prisma, request);
      for (const note of notes) console.error(`[fazhi] 提示:${note}`);
      printWarnings();
      await writeStdout(request.json ? `${JSON.stringify(summary)}\n` : `${describeCliImport(summary).join("\n")}\n`);
      return 0;
    },
    (error) => {
      if (error instanceof CliImportStop) console.error([error.message, ...error.lines].join("\n"));
      else failedLine("导入失败")(error);
      printWarnings();
    },
  );
}

/** `backup <dir>` / `restore <dir>`: one directory, no options; the work is lib/ops/backup.ts's. */
async function backupOrRestore(command: "backup" | "restore", args: string[]): Promise<number> {
  const [dir, ...extra] = args;
  if (!dir || dir.startsWith("--"))
    usageError(dir ? `不认识的选项:${dir}` : `请指定${command === "backup" ? "备份到哪个目录" : "从哪个备份目录恢复"}。`);
  if (extra.length) usageError(`多余的参数:${extra[0]}`);
  const env = parseEnvOrExit();
  const options = { env: { ...env, DATA_DIR: path.resolve(root, env.DATA_DIR) }, dir, log };
  try {
    if (command === "backup") {
      const manifest = await backup(options);
      const { database, uploads } = manifest.totals;
      console.log(`备份完成:${path.resolve(dir)}`);
      console.log(
        `  数据库(PostgreSQL ${manifest.postgresMajor},${manifest.kind === "embedded" ? "数据文件" : "pg_dump"}):${database.files} 个文件,${formatBytes(database.bytes)}`,
      );
      if (manifest.storage === "database") console.log("  佐证材料:在数据库中,已包含在上面的数据库备份里");
      else if (manifest.storage === "s3") console.log("  佐证材料:在对象存储中,不在本备份里(请另行备份存储桶)");
      else console.log(`  佐证材料:${uploads.files} 个文件,${formatBytes(uploads.bytes)}`);
      console.log(`  已执行的数据库迁移:${manifest.migrations.length} 个`);
    } else {
      const manifest = await restore(options);
      console.log(
        `恢复完成:来自 ${manifest.createdAt} 的备份,${manifest.files.length} 个文件已核对校验和并写入;现在可以以 STORAGE=${backupStorage(manifest)} 运行 npm start。`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupError) console.error(error.message);
    else console.error(`[fazhi] ${command === "backup" ? "备份" : "恢复"}失败:${(error as Error).message}`);
    return 1;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

const [command, ...rest] = process.argv.slice(2);
if (command === "reminders") process.exit(await reminders(rest));
if (command === "cleanup-files") process.exit(await cleanupFiles(rest));
if (command === "storage") process.exit(await storageMigrate(rest, { root, log, usageError, withCliDatabase, formatBytes }));
if (command === "synth") process.exit(await synth(rest));
if (command === "import") process.exit(await importDocument(rest));
if (command === "backup" || command === "restore") process.exit(await backupOrRestore(command, rest));
if (command === "help" || command === "--help" || command === "-h") {
  console.log(USAGE);
  process.exit(0);
}
usageError(command === undefined ? "请指定命令。" : `不认识的命令:${command}`);
