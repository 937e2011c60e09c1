// `npm start` (production) and `npm run dev`: one command that brings up the
// database (embedded unless DATABASE_URL is set), migrates, seeds an empty
// database, builds when the sources changed, and serves the app. Ctrl-C stops
// the app and then PostgreSQL, so the next start finds clean data.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseEnvOrExit } from "@/lib/env.ts";
import { openDatabase } from "@/lib/db/open.ts";
import { prepareDatabase } from "@/lib/demo/prepare.ts";
import { createPrisma } from "@/lib/db/client.ts";
import { todayInChina } from "@/lib/dates.ts";
import { PROVINCE_VIEW_TTL_MS } from "@/lib/dashboards/queries.ts";
import { runDashboardSnapshots, runFileCleanup, runReminders } from "@/lib/jobs/scheduled.ts";
import { removeExpiredThrottles } from "@/lib/auth/login.ts";
import { attachmentStore } from "@/lib/storage/attachment-store.ts";
import { forwardJobDurationsTo, timeJob } from "@/lib/ops/metrics.ts";
import { buildIsStale } from "@/scripts/build-freshness.ts";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const root = path.resolve(import.meta.dirname, "..");
const log = (line: string) => console.log(`[fazhi] ${line}`);
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** Without AUTH_SECRET a random one is kept in the data folder, so sessions survive restarts. */
function authSecret(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const env = parseEnvOrExit();
const dataDir = path.resolve(root, env.DATA_DIR);

if (!fs.existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) {
  run([path.join(root, "scripts", "prisma-generate.mjs")], process.env);
}

const database = await openDatabase({ ...env, DATA_DIR: dataDir }, log);
let stopping = false;
let jobDb: ReturnType<typeof createPrisma> | null = null;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await jobDb?.$disconnect().catch(() => {});
  await database.stop();
  if (database.embedded) log("PostgreSQL 已停止");
  process.exit(code);
}

try {
  await prepareDatabase(database.url, log);
} catch (error) {
  console.error(`[fazhi] 数据库准备失败:${(error as Error).message}`);
  await shutdown(1);
}

const appUrl = env.AUTH_URL ?? `http://localhost:${env.PORT}`;
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  AUTH_SECRET: authSecret(dataDir, env.AUTH_SECRET),
  AUTH_URL: appUrl,
  NEXTAUTH_URL: appUrl,
  PORT: String(env.PORT),
  NEXT_TELEMETRY_DISABLED: "1",
};

if (mode === "start" && buildIsStale(root)) {
  log("正在构建生产版本(首次启动或代码有更新时需要几分钟)……");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: childEnv });
  if (build.status !== 0) {
    console.error("[fazhi] 构建失败");
    await shutdown(1);
  }
}

// The preload makes X-Forwarded-For the socket's address unless TRUST_PROXY is set (lib/auth/client-address.ts).
const preload = path.join(root, "scripts", "client-address-preload.cjs");
// The IPC channel carries job durations to the server's /api/metrics (lib/ops/metrics.ts).
// The request-id preload runs each request in the context lib/log.ts reads its id from.
const requestIdPreload = path.join(root, "scripts", "request-id-preload.cjs");
const server = spawn(process.execPath, ["--require", preload, "--require", requestIdPreload, nextBin, mode, "--port", String(env.PORT)], {
  cwd: root,
  stdio: ["inherit", "inherit", "inherit", "ipc"],
  env: childEnv,
});
forwardJobDurationsTo(server);
log(`服务地址 ${appUrl}(数据库:${database.embedded ? "内置 PostgreSQL" : "DATABASE_URL"})`);

// Reminders (临期、逾期、未报) are raised by a job that is safe to run any number
// of times a day; `npm run cli -- reminders` runs it by hand. The same schedule
// removes stored files no report refers to (lib/storage/cleanup.ts). Every app
// server keeps this timer, but each job runs on one server at a time: a run
// takes the job's lock or stands aside (lib/jobs/run.ts), and is recorded (后台任务).
const REMINDER_INTERVAL_MS = 6 * 60 * 60 * 1000;
jobDb = createPrisma(database.url);
async function remind() {
  try {
    const outcome = await timeJob("reminders", () => runReminders({ db: jobDb!, url: database.url }, todayInChina()));
    if (outcome.status === "SKIPPED") log("自动提醒:另一台服务器正在运行,本次跳过");
    const result = outcome.status === "SUCCEEDED" ? outcome.result : { created: {} };
    const created = Object.values(result.created).reduce((sum, n) => sum + n, 0);
    if (created) log(`自动提醒:新增 ${created} 条(${JSON.stringify(result.created)})`);
  } catch (error) {
    console.error(`[fazhi] 自动提醒失败:${(error as Error).message}`);
  }
  // Sign-in throttle rows whose window and lock have passed (lib/auth/login.ts).
  try {
    await removeExpiredThrottles(jobDb!);
  } catch (error) {
    console.error(`[fazhi] 清理登录限制记录失败:${(error as Error).message}`);
  }
  // Evidence stored for reports that were never saved; `npm run cli -- cleanup-files` by hand.
  try {
    const store = attachmentStore({ env: { ...env, DATA_DIR: dataDir }, db: jobDb! });
    const outcome = await timeJob("file-cleanup", () => runFileCleanup({ db: jobDb!, url: database.url }, { store }));
    const removed = outcome.status === "SUCCEEDED" ? outcome.result.removed : [];
    if (removed.length) log(`清理文件:删除了 ${removed.length} 个没有报送引用、存放超过一天的佐证材料文件`);
  } catch (error) {
    console.error(`[fazhi] 清理文件失败:${(error as Error).message}`);
  }
}
void remind();
// remind and countDashboards catch and log their own failures.
setInterval(() => void remind(), REMINDER_INTERVAL_MS).unref();

// The province leader's page reads its unfiltered figures from a snapshot that
// one server counts every five minutes (lib/dashboards/queries.ts), so every
// server shows the same figures and the same 统计于 time.
async function countDashboards() {
  try {
    const outcome = await timeJob("dashboard-snapshots", () => runDashboardSnapshots({ db: jobDb!, url: database.url }, todayInChina()));
    if (outcome.status === "SKIPPED") log("全省看板统计:另一台服务器正在运行,本次跳过");
  } catch (error) {
    console.error(`[fazhi] 全省看板统计失败:${(error as Error).message}`);
  }
}
void countDashboards();
setInterval(() => void countDashboards(), PROVINCE_VIEW_TTL_MS).unref();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
    else void shutdown(0);
  });
}
server.on("exit", (code) => void shutdown(code ?? 0));
