// `npm run cli -- <command>`: operator commands run against the app's database
// (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR as `npm start` uses;
// migrations are applied first, as at start-up).
//
//   npm run cli -- reminders [--date YYYY-MM-DD]
//       The daily reminder job (lib/reminders/job.ts) for the given date, by
//       default today in China. Safe to run more than once a day. Schedule it
//       with cron or a systemd timer, e.g. `15 7 * * * cd /srv/fazhi && npm run cli -- reminders`.
//
// Exit codes: 0 done, 1 failed, 2 bad command line.
import path from "node:path";
import { parseEnvOrExit } from "@/lib/env.ts";
import { openDatabase, prepareDatabase } from "@/lib/db/prepare.ts";
import { createPrisma } from "@/lib/db/client.ts";
import { todayInChina } from "@/lib/dates.ts";
import { isIsoDate } from "@/lib/progress/periods.ts";
import { createMailer } from "@/lib/notifications/mailer.ts";
import { runReminderJob } from "@/lib/reminders/job.ts";

const USAGE = `用法:npm run cli -- <命令> [选项]

命令:
  reminders [--date YYYY-MM-DD]   运行催办提醒任务(临期、逾期未报、已逾期),
                                  默认按今天(北京时间);同一天重复运行不会重复提醒
  help                            显示本说明

数据库:设置了 DATABASE_URL 时使用它,否则使用数据目录(DATA_DIR,默认 .data)中的内置数据库。`;

const root = path.resolve(import.meta.dirname, "..");
const log = (line: string) => console.log(`[fazhi] ${line}`);

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

const KIND_LINES = [
  ["DUE_SOON", "临期提醒(30 天内到期)"],
  ["REPORT_LATE", "逾期未报提醒"],
  ["OVERDUE", "逾期提醒(已过完成时限)"],
] as const;

async function reminders(args: string[]): Promise<number> {
  const { date } = parseReminderOptions(args);
  const env = parseEnvOrExit();
  let database;
  try {
    database = await openDatabase({ ...env, DATA_DIR: path.resolve(root, env.DATA_DIR) }, log);
  } catch (error) {
    console.error(`[fazhi] ${(error as Error).message}`);
    if (!env.DATABASE_URL) console.error("[fazhi] 如果服务(npm start)正在运行,请先停止服务,或设置 DATABASE_URL 指向其数据库后再运行。");
    return 1;
  }
  const prisma = createPrisma(database.url);
  try {
    await prepareDatabase(database.url, log);
    const result = await runReminderJob(date, { db: prisma, mailer: createMailer(env) });
    console.log(`\n催办提醒任务完成(${result.today}):`);
    for (const [kind, label] of KIND_LINES) console.log(`  ${label}:新增 ${result.created[kind]} 条`);
    console.log(`  站内通知:新增 ${result.notifications} 条`);
    console.log(`  邮件:已发送 ${result.emailed} 封`);
    return 0;
  } catch (error) {
    console.error(`[fazhi] 催办提醒任务失败:${(error as Error).message}`);
    return 1;
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

const [command, ...rest] = process.argv.slice(2);
if (command === "reminders") process.exit(await reminders(rest));
if (command === "help" || command === "--help" || command === "-h") {
  console.log(USAGE);
  process.exit(0);
}
usageError(command === undefined ? "请指定命令。" : `不认识的命令:${command}`);
