import type { Db } from "@/lib/db/client.ts";
import type { Mailer } from "@/lib/notifications/mailer.ts";
import { runReminderJob, type ReminderJobResult } from "@/lib/notifications/reminder-job.ts";
import { removeUnreferencedFiles, type CleanupResult } from "@/lib/storage/cleanup.ts";
import type { AttachmentStore } from "@/lib/storage/attachment-store.ts";
import { runJobOnce, type JobDatabase } from "@/lib/jobs/run.ts";
import { PROVINCE_VIEW_TTL_MS, writeProvinceSnapshots } from "@/lib/dashboards/queries.ts";

// The scheduled jobs as scripts/start.ts (timers) and scripts/cli.ts
// (reminders, cleanup-files) run them: each under its lock, each run recorded.

/**
 * Job runs are kept this long. At the six-hour schedule a job leaves about
 * four rows a day per server (one run, the others skipped): a few thousand
 * rows at most, however many servers a province runs.
 */
export const JOB_RUN_RETENTION_DAYS = 90;

export function runReminders(database: JobDatabase, today: string, options: { mailer?: Mailer } = {}) {
  return runJobOnce<ReminderJobResult>(database, "reminders", () => runReminderJob(today, { db: database.db, mailer: options.mailer }));
}

/**
 * Counts each province's unfiltered view into its shared snapshot
 * (DashboardSnapshot), which every server's province page reads.
 */
export function runDashboardSnapshots(database: JobDatabase, today: string) {
  // Another server's run a moment ago counted already: half a period is young enough to keep.
  return runJobOnce(
    database,
    "dashboard-snapshots",
    () => writeProvinceSnapshots(database.db, today, { minAgeMs: PROVINCE_VIEW_TTL_MS / 2 }),
    {
      summarize: (provinces) => ({ provinces: provinces.length }),
    },
  );
}

export type FileCleanupResult = CleanupResult & { jobRunsRemoved: number };

/** The orphan-file cleanup, which also drops job runs past retention (its own included). */
export function runFileCleanup(database: JobDatabase, options: { store?: AttachmentStore } = {}) {
  return runJobOnce<FileCleanupResult>(
    database,
    "cleanup-files",
    async () => {
      const files = await removeUnreferencedFiles({ db: database.db, store: options.store });
      const jobRunsRemoved = await removeOldJobRuns(database.db);
      return { ...files, jobRunsRemoved };
    },
    {
      // The file list can be long; the row keeps the counts.
      summarize: (r) => ({
        checked: r.checked,
        kept: r.kept,
        removed: r.removed.length,
        bytes: r.removed.reduce((sum, f) => sum + f.size, 0),
        jobRunsRemoved: r.jobRunsRemoved,
      }),
    },
  );
}

/**
 * The dashboard-snapshots job runs every five minutes, about 300 rows a day per
 * server: its runs are kept this long, enough to see whether it keeps up.
 */
export const SNAPSHOT_JOB_RUN_RETENTION_DAYS = 2;

export async function removeOldJobRuns(db: Db, now = new Date()): Promise<number> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  // RUNNING rows stay: the lock holder closes them (run.ts).
  const { count } = await db.jobRun.deleteMany({
    where: {
      status: { not: "RUNNING" },
      OR: [
        { startedAt: { lt: daysAgo(JOB_RUN_RETENTION_DAYS) } },
        { job: "dashboard-snapshots", startedAt: { lt: daysAgo(SNAPSHOT_JOB_RUN_RETENTION_DAYS) } },
      ],
    },
  });
  return count;
}
