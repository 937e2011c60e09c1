import os from "node:os";
import pg from "pg";
import type { Db } from "@/lib/db/client.ts";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { logError, logInfo } from "@/lib/log.ts";
import { JOB_LOCK_NAMESPACE, jobLockKey, type JobName } from "@/lib/jobs/schema.ts";

// Scheduled jobs run once across servers. Every app server runs the reminder
// job and the file cleanup on its own timer (scripts/start.ts), and operators
// run them by hand (scripts/cli.ts); a run first takes the job's PostgreSQL
// advisory lock and, when another server holds it, records a SKIPPED run and
// does nothing.
//
// Why a session-level lock (pg_try_advisory_lock) on a connection of its own:
// the jobs open and commit many transactions of their own, through the Prisma
// pool, so a transaction-level lock would mean one transaction left open (idle
// in transaction) for the whole run. A dedicated connection holds the lock for
// exactly the run, is unlocked in `finally`, and if the process dies its
// connection closes and PostgreSQL releases the lock by itself: no stale
// "running" row can ever block the job. JobRun rows are the record, not the
// lock. The lock connection must reach PostgreSQL directly or through a
// session-mode pooler (a transaction-mode PgBouncer would lose session locks).
//
// Skipped runs are recorded too (one short row per server per tick: a few a
// day at the six-hour schedule), so the run history shows that the other
// servers tried and stood aside; the cleanup job removes rows older than
// JOB_RUN_RETENTION_DAYS (scheduled.ts), so the table stays bounded.

/** The app's client (the JobRun rows) and the URL the lock connection opens. */
export type JobDatabase = { db: Db; url: string };

export type JobOutcome<T> = { status: "SUCCEEDED"; runId: bigint; result: T } | { status: "SKIPPED"; runId: bigint };

export type RunJobOptions<T> = {
  /** What to keep of the result in JobRun.summary; the result itself by default. */
  summarize?: (result: T) => Prisma.InputJsonValue;
};

/** A run that ended without updating its row: the lock holder finds it and closes it. */
export const INTERRUPTED_RUN_ERROR = "运行中断:进程退出或连接断开,任务未正常结束";

const ERROR_MAX = 2000;

/**
 * Runs `work` unless another runner (on any server) is running the job `name`
 * now. A failure is recorded as FAILED and rethrown; the lock is released either way.
 */
export async function runJobOnce<T>(
  database: JobDatabase,
  name: JobName,
  work: () => Promise<T>,
  options: RunJobOptions<T> = {},
): Promise<JobOutcome<T>> {
  const { db } = database;
  const runner = { host: os.hostname().slice(0, 255), pid: process.pid };
  const lock = new pg.Client({ connectionString: database.url, application_name: `fazhi-job-${name}` });
  // An error on an idle client is emitted, not thrown: without a listener it would end the process.
  lock.on("error", (error) => logError("job lock connection failed", { job: name }, error));
  await lock.connect();
  try {
    const { rows } = await lock.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [
      JOB_LOCK_NAMESPACE,
      jobLockKey(name),
    ]);
    if (!rows[0]?.locked) {
      const now = new Date();
      const skipped = await db.jobRun.create({
        data: { job: name, status: "SKIPPED", startedAt: now, finishedAt: now, ...runner },
        select: { id: true },
      });
      logInfo("job skipped: another runner holds its lock", { job: name });
      return { status: "SKIPPED", runId: skipped.id };
    }
    try {
      // Holding the lock, no one else is running this job: a RUNNING row left now is a run that died.
      await db.jobRun.updateMany({
        where: { job: name, status: "RUNNING" },
        data: { status: "FAILED", finishedAt: new Date(), error: INTERRUPTED_RUN_ERROR },
      });
      const run = await db.jobRun.create({ data: { job: name, status: "RUNNING", ...runner }, select: { id: true } });
      let result: T;
      try {
        result = await work();
      } catch (error) {
        await db.jobRun
          .update({ where: { id: run.id }, data: { status: "FAILED", finishedAt: new Date(), error: errorText(error) } })
          .catch((recordError: unknown) => logError("job failure not recorded", { job: name }, recordError));
        throw error;
      }
      const summary = options.summarize ? options.summarize(result) : (result as Prisma.InputJsonValue);
      await db.jobRun.update({ where: { id: run.id }, data: { status: "SUCCEEDED", finishedAt: new Date(), summary } });
      return { status: "SUCCEEDED", runId: run.id, result };
    } finally {
      await lock.query("SELECT pg_advisory_unlock($1, $2)", [JOB_LOCK_NAMESPACE, jobLockKey(name)]).catch(() => {});
    }
  } finally {
    // Ending the session releases the lock in any case.
    await lock.end().catch(() => {});
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, ERROR_MAX);
}
